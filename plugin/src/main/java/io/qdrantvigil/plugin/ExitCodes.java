package io.qdrantvigil.plugin;

/** The contract's exit codes. */
final class ExitCodes {

  static final int OK = 0;
  /** Any outcome other than Succeeded or DryRun, a time-out, or kubectl failing. */
  static final int FAILED = 1;
  static final int USAGE = 2;

  private ExitCodes() {}
}
