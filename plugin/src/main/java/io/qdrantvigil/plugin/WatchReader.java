package io.qdrantvigil.plugin;

/** Reads watches through kubectl, with errors that say what was missing. */
final class WatchReader {

  private WatchReader() {}

  static JsonValue one(Kubectl kubectl, String namespace, String name) throws KubeException {
    try {
      return parse(kubectl.getRaw(WatchPaths.one(namespace, name)));
    } catch (KubeException e) {
      if (e.getMessage().contains("NotFound") || e.getMessage().contains("not found")) {
        throw new KubeException("no QdrantClusterWatch '" + name + "' in namespace " + namespace
            + " (is the name right, and the CRD installed?); kubectl said: " + e.getMessage());
      }
      throw e;
    }
  }

  /** Every watch of {@code namespace}, or of the cluster when it is null. */
  static JsonValue list(Kubectl kubectl, String namespace) throws KubeException {
    try {
      return parse(kubectl.getRaw(WatchPaths.list(namespace)));
    } catch (KubeException e) {
      if (e.getMessage().contains("NotFound") || e.getMessage().contains("could not find")) {
        throw new KubeException("the API server does not serve QdrantClusterWatches (is the CRD installed?);"
            + " kubectl said: " + e.getMessage());
      }
      throw e;
    }
  }

  private static JsonValue parse(String answer) throws KubeException {
    try {
      return JsonValue.parse(answer);
    } catch (IllegalArgumentException e) {
      throw new KubeException("kubectl's answer is not JSON (" + e.getMessage() + ")");
    }
  }
}
