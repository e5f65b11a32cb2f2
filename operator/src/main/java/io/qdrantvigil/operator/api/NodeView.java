package io.qdrantvigil.operator.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/** One node as the status shows it, with ready-to-paste commands. */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record NodeView(
    String peerId,
    String podName,
    String namespace,
    String statefulSet,
    String url,
    String peerUri,
    String version,
    Boolean leader,
    String state,
    String errorType,
    List<String> issues,
    RaftView raft,
    String execCommand,
    String logsCommand,
    String dashboardUrl,
    String portForwardCommand,
    String lastSeen) {

  public static final String HEALTHY = "Healthy";
  public static final String WARNING = "Warning";
  public static final String FAILING = "Failing";
}
