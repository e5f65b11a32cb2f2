package io.qdrantvigil.operator;

import java.util.Arrays;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The operator process's own settings, from its environment. {@code exitOnLostLeadership}: a
 * replica whose Lease is taken from it exits so its pod restarts clean as a standby (tests that run
 * operators in their own JVM turn it off, so a renewal missed under load cannot end the test JVM).
 * Closing an operator, as SIGTERM does, never exits.
 */
public record OperatorSettings(
    int httpPort,
    Set<String> watchNamespaces,
    String qdrantNodes,
    boolean leaderElection,
    String leaseNamespace,
    String identity,
    boolean exitOnLostLeadership) {

  public static final int DEFAULT_HTTP_PORT = 8080;

  public OperatorSettings(int httpPort, Set<String> watchNamespaces, String qdrantNodes, boolean leaderElection,
      String leaseNamespace, String identity) {
    this(httpPort, watchNamespaces, qdrantNodes, leaderElection, leaseNamespace, identity, true);
  }

  public static OperatorSettings fromEnvironment(Map<String, String> env) {
    int port = DEFAULT_HTTP_PORT;
    String portText = env.get("VIGIL_HTTP_PORT");
    if (portText != null && !portText.isBlank()) {
      try {
        port = Integer.parseInt(portText.trim());
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("VIGIL_HTTP_PORT is not a port number: " + portText, e);
      }
    }
    Set<String> namespaces = Arrays.stream(env.getOrDefault("WATCH_NAMESPACES", "").split(","))
        .map(String::trim).filter(s -> !s.isEmpty()).collect(Collectors.toUnmodifiableSet());
    return new OperatorSettings(port, namespaces, env.get("QDRANT_NODES"),
        Boolean.parseBoolean(env.getOrDefault("VIGIL_LEADER_ELECTION", "false")),
        env.getOrDefault("POD_NAMESPACE", "qdrant-vigil"),
        env.getOrDefault("POD_NAME", env.getOrDefault("HOSTNAME", "qdrant-vigil-" + ProcessHandle.current().pid())));
  }
}
