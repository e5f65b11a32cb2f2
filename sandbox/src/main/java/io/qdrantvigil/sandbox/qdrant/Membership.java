package io.qdrantvigil.sandbox.qdrant;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/** The Raft configuration as one node knows it: every peer's p2p URI, and which peers are learners. */
record Membership(Map<PeerId, String> uris, Set<PeerId> learners) {

    Membership {
        uris = Collections.unmodifiableMap(new LinkedHashMap<>(uris));
        learners = Collections.unmodifiableSet(new LinkedHashSet<>(learners));
    }

    static Membership solo(PeerId id, String uri, boolean learner) {
        return new Membership(Map.of(id, uri), learner ? Set.of(id) : Set.of());
    }

    boolean contains(PeerId id) {
        return uris.containsKey(id);
    }

    boolean isVoter(PeerId id) {
        return contains(id) && !learners.contains(id);
    }

    Set<PeerId> voters() {
        Set<PeerId> voters = new LinkedHashSet<>(uris.keySet());
        voters.removeAll(learners);
        return voters;
    }

    int quorum() {
        return voters().size() / 2 + 1;
    }

    String uri(PeerId id) {
        return uris.get(id);
    }

    Membership withLearner(PeerId id, String uri) {
        Map<PeerId, String> next = new LinkedHashMap<>(uris);
        next.put(id, uri);
        Set<PeerId> nextLearners = new LinkedHashSet<>(learners);
        nextLearners.add(id);
        return new Membership(next, nextLearners);
    }

    Membership promoted(PeerId id) {
        Set<PeerId> nextLearners = new LinkedHashSet<>(learners);
        nextLearners.remove(id);
        return new Membership(uris, nextLearners);
    }

    Membership without(PeerId id) {
        Map<PeerId, String> next = new LinkedHashMap<>(uris);
        next.remove(id);
        Set<PeerId> nextLearners = new LinkedHashSet<>(learners);
        nextLearners.remove(id);
        return new Membership(next, nextLearners);
    }
}
