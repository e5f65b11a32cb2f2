package io.qdrantvigil.sandbox.qdrant;

/** What a request's key grants: the read-write key (or no auth) manages, the read-only key reads. */
enum Access {
    MANAGE,
    READ
}
