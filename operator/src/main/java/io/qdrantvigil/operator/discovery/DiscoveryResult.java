package io.qdrantvigil.operator.discovery;

import java.util.List;

/** The tier used ({@code pods}, {@code static}, {@code env}, {@code none}) and the nodes it found. */
public record DiscoveryResult(String tier, List<NodeTarget> targets, String message) {
  public static final String PODS = "pods";
  public static final String STATIC = "static";
  public static final String ENV = "env";
  public static final String NONE = "none";
}
