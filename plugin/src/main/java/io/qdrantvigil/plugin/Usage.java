package io.qdrantvigil.plugin;

import java.util.Map;

/** The help text. */
final class Usage {

  private Usage() {}

  static String text() {
    StringBuilder out = new StringBuilder("""
        kubectl vigil: Qdrant clusters as their QdrantClusterWatch sees them, and actions on them.

        Usage:
          kubectl vigil status [NAME] [-n NS | -A] [-w] [-o json]
          kubectl vigil ACTION NAME VALUE [--dry-run] [--force] [--wait DURATION] [-n NS]

        status     the watch's card, warnings, nodes, data, actions and commands to paste;
                   without NAME, one line per watch of the namespace (-A: of every namespace).
                   -w follows changes; -o json prints the resource as JSON.
        ACTION     writes the annotation qdrantvigil.io/ACTION=VALUE as you, then waits for the
                   operator's outcome in status.actions (--wait, default 60s; 0: do not wait).
                   --dry-run and --force append ;dry-run and ;force to VALUE.
                   Exit code 0: Succeeded or DryRun; 1: any other outcome, a time-out or an error;
                   2: a usage error.

        Actions:
        """);
    for (Map.Entry<String, String> action : Actions.VALUES.entrySet()) {
      out.append(String.format("  %-16s %s%n", action.getKey(), action.getValue()));
    }
    out.append("""

        Also accepted: --kubeconfig, --context, --cluster, --user (passed on to kubectl).
        kubectl is taken from $KUBECTL, else from PATH. Colours only on a terminal, never with NO_COLOR.
        """);
    return out.toString();
  }
}
