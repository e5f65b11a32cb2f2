package io.qdrantvigil.operator.discovery;

import java.util.List;

/**
 * The tier used ({@code pods}, {@code static}, {@code env}, {@code none}), the nodes it found, and
 * the {@code QDRANT_NODES} entries skipped because they are not a valid {@code host:port}.
 */
public record DiscoveryResult(String tier, List<NodeTarget> targets, String message, List<String> skippedEntries) {
  public static final String PODS = "pods";
  public static final String STATIC = "static";
  public static final String ENV = "env";
  public static final String NONE = "none";

  public DiscoveryResult(String tier, List<NodeTarget> targets, String message) {
    this(tier, targets, message, List.of());
  }
}
