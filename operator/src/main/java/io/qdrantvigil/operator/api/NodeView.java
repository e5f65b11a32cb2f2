package io.qdrantvigil.operator.api;

import com.fasterxml.jackson.annotation.JsonCreator;
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
    Integer replicas,
    Integer deadReplicas,
    String execCommand,
    String logsCommand,
    String dashboardUrl,
    String portForwardCommand,
    String lastSeen) {

  @JsonCreator
  public NodeView {
  }

  /** A node view without replica counts (no data view read). */
  public NodeView(String peerId, String podName, String namespace, String statefulSet, String url, String peerUri,
      String version, Boolean leader, String state, String errorType, List<String> issues, RaftView raft,
      String execCommand, String logsCommand, String dashboardUrl, String portForwardCommand, String lastSeen) {
    this(peerId, podName, namespace, statefulSet, url, peerUri, version, leader, state, errorType, issues, raft, null,
        null, execCommand, logsCommand, dashboardUrl, portForwardCommand, lastSeen);
  }

  public static final String HEALTHY = "Healthy";
  public static final String WARNING = "Warning";
  public static final String FAILING = "Failing";
}
