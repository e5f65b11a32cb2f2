package io.qdrantvigil.operator.actions;

/**
 * A running action of several steps ({@code restart;safe}, {@code scale;drain}): it holds the watch
 * while it runs, and a cancel is honoured between its steps.
 */
abstract class MultiStepAction implements RunningAction {

  private final String name;
  private volatile boolean cancelled;

  MultiStepAction(String name) {
    this.name = name;
  }

  @Override
  public final boolean multiStep() {
    return true;
  }

  @Override
  public final String name() {
    return name;
  }

  @Override
  public final void cancel() {
    cancelled = true;
  }

  /** Whether a cancel came: checked before each new step, never in the middle of one. */
  final boolean cancelled() {
    return cancelled;
  }
}
