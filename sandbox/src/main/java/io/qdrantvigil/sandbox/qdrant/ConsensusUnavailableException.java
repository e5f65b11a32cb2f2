package io.qdrantvigil.sandbox.qdrant;

/** A consensus operation could not be committed; the message is Qdrant's text after "Service internal error: ". */
final class ConsensusUnavailableException extends RuntimeException {

    ConsensusUnavailableException(String message) {
        super(message);
    }
}
