package io.qdrantvigil.operator.actions;

/** How a request ended, and the text that says why; {@code outcome} is the value written to status. */
public record ActionOutcome(String outcome, String message) {

  public static final String RUNNING = "Running";
  public static final String SUCCEEDED = "Succeeded";
  public static final String FAILED = "Failed";
  public static final String REFUSED = "Refused";
  public static final String DRY_RUN = "DryRun";
  public static final String INTERRUPTED = "Interrupted";
  public static final String CANCELLED = "Cancelled";

  public static ActionOutcome succeeded(String message) {
    return new ActionOutcome(SUCCEEDED, message);
  }

  public static ActionOutcome failed(String message) {
    return new ActionOutcome(FAILED, message);
  }

  public static ActionOutcome refused(String message) {
    return new ActionOutcome(REFUSED, message);
  }

  public static ActionOutcome cancelled(String message) {
    return new ActionOutcome(CANCELLED, message);
  }

  public static ActionOutcome dryRun(String message) {
    return new ActionOutcome(DRY_RUN, message);
  }

  /** Normal for what went as asked, Warning for everything else. */
  public boolean normal() {
    return SUCCEEDED.equals(outcome) || DRY_RUN.equals(outcome);
  }
}
