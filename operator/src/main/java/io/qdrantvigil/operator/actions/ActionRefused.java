package io.qdrantvigil.operator.actions;

/** The operator declines a request: malformed, outside the watch, or stopped by a guard. The message says why. */
public final class ActionRefused extends Exception {

  public ActionRefused(String message) {
    super(message, null, false, false);
  }
}
