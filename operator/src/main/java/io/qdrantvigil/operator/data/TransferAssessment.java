package io.qdrantvigil.operator.data;

import java.time.Instant;

/**
 * A running transfer with its ends named for people (pod name, else peer id), the time the operator
 * first saw it and whether it is stuck.
 */
public record TransferAssessment(String collection, Transfer transfer, String from, String to, Instant firstSeen,
    boolean stuck) {}
