package io.qdrantvigil.operator.actions;

import io.qdrantvigil.operator.health.ClusterAssessment;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * An action that goes on across polls: it advances once after each poll of its watch, on that
 * poll's assessment and data placement, and ends with an outcome. It lives in this process only: an
 * operator restart leaves its Running record to be Interrupted, never resumed.
 */
interface RunningAction {

  /** Multi-step actions hold the watch: no other pod, peer or shard change runs meanwhile. */
  boolean multiStep();

  /** Its name in a refusal of another request: {@code restart;safe is running}. */
  String name();

  /** Asks it to stop after its current step. */
  void cancel();

  Advance advance(ClusterAssessment assessment, DataPlacement placement, Instant now);

  /** The outcome when it ended, else its progress (the Running record's message); the steps done meanwhile. */
  record Advance(Optional<ActionOutcome> outcome, String progress, List<String> steps) {
    static Advance going(String progress, List<String> steps) {
      return new Advance(Optional.empty(), progress, steps);
    }

    static Advance ended(ActionOutcome outcome, List<String> steps) {
      return new Advance(Optional.of(outcome), null, steps);
    }
  }
}
