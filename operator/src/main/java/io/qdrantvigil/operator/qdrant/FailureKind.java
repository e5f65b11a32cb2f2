package io.qdrantvigil.operator.qdrant;

/** How a request to a node failed; each maps to one of the contract's warning types. */
public enum FailureKind {
  CONNECTION("ConnectionError"),
  TIMEOUT("Timeout"),
  UNAUTHORIZED("Unauthorized"),
  INVALID_RESPONSE("InvalidResponse");

  private final String warningType;

  FailureKind(String warningType) {
    this.warningType = warningType;
  }

  public String warningType() {
    return warningType;
  }
}
