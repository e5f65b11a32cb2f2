package io.qdrantvigil.sandbox.qdrant;

/** Qdrant's replica states, written in JSON exactly as named here (PascalCase). */
public enum ReplicaState {
    Active,
    Dead,
    Partial,
    Initializing,
    Listener,
    PartialSnapshot,
    Recovery,
    Resharding,
    ReshardingScaleDown,
    ActiveRead,
    ManualRecovery
}
