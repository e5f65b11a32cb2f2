package io.qdrantvigil.operator.discovery;

/**
 * One node to poll. {@code name} is how warnings name it: the pod name, or the URL outside
 * Kubernetes. {@code url} is null for a pod that has no IP yet (it cannot be asked anything).
 */
public record NodeTarget(String name, String url, PodFacts pod) {

  public static NodeTarget ofPod(PodFacts pod) {
    String url = pod.ip() == null ? null : "http://" + hostForUrl(pod.ip()) + ":" + pod.port();
    return new NodeTarget(pod.name(), url, pod);
  }

  public static NodeTarget ofUrl(String url) {
    String trimmed = url.trim().replaceAll("/+$", "");
    return new NodeTarget(trimmed, trimmed, null);
  }

  private static String hostForUrl(String ip) {
    return ip.contains(":") ? "[" + ip + "]" : ip;
  }
}
