package io.qdrantvigil.sandbox.qdrant;

import java.math.BigInteger;
import java.util.Random;

/** A Qdrant peer id: an unsigned 64-bit integer kept in a long's bits; 0 means "no leader". */
record PeerId(long bits) implements Comparable<PeerId> {

    static final PeerId NONE = new PeerId(0);
    private static final long MAX_GENERATED = 1L << 53;
    private static final BigInteger MAX_U64 = BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE);

    /** Like Qdrant since 1.2: {@code rand::<u64>() % 2^53 + 1}, or a legacy id above 2^63. */
    static PeerId random(Random random, boolean legacy) {
        if (legacy) {
            long bits;
            do {
                bits = random.nextLong() | Long.MIN_VALUE;
            } while (bits == Long.MIN_VALUE);
            return new PeerId(bits);
        }
        return new PeerId(Long.remainderUnsigned(random.nextLong(), MAX_GENERATED) + 1);
    }

    static PeerId of(BigInteger value) {
        if (value.signum() <= 0 || value.compareTo(MAX_U64) > 0) {
            throw new IllegalArgumentException("a peer id is an unsigned 64-bit integer above 0: " + value);
        }
        return new PeerId(value.longValue());
    }

    /** Parses a decimal u64 the way Rust's {@code u64::from_str} does; throws NumberFormatException. */
    static PeerId parse(String text) {
        return new PeerId(Long.parseUnsignedLong(text));
    }

    boolean isNone() {
        return bits == 0;
    }

    BigInteger toBigInteger() {
        return new BigInteger(Long.toUnsignedString(bits));
    }

    @Override
    public int compareTo(PeerId other) {
        return Long.compareUnsigned(bits, other.bits);
    }

    @Override
    public String toString() {
        return Long.toUnsignedString(bits);
    }
}
