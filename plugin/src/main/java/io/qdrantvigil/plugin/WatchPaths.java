package io.qdrantvigil.plugin;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/** API paths of QdrantClusterWatches, for {@code kubectl get --raw}. */
final class WatchPaths {

  static final String RESOURCE = "qdrantclusterwatches.qdrantvigil.io";
  private static final String BASE = "/apis/qdrantvigil.io/v1alpha1";
  private static final String PLURAL = "qdrantclusterwatches";

  private WatchPaths() {}

  static String one(String namespace, String name) {
    return BASE + "/namespaces/" + encode(namespace) + "/" + PLURAL + "/" + encode(name);
  }

  /** Every watch of {@code namespace}, or of the cluster when it is null. */
  static String list(String namespace) {
    return namespace == null ? BASE + "/" + PLURAL : BASE + "/namespaces/" + encode(namespace) + "/" + PLURAL;
  }

  /** Changes after {@code resourceVersion}, of one watch when {@code name} is given. */
  static String changes(String namespace, String name, String resourceVersion, long timeoutSeconds) {
    StringBuilder path = new StringBuilder(list(namespace)).append("?watch=true");
    if (name != null) {
      path.append("&fieldSelector=").append(encode("metadata.name=" + name));
    }
    if (resourceVersion != null) {
      path.append("&resourceVersion=").append(encode(resourceVersion));
    }
    return path.append("&timeoutSeconds=").append(Math.max(1, timeoutSeconds)).toString();
  }

  private static String encode(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }
}
