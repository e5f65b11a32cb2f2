package io.qdrantvigil.operator.health;

import io.qdrantvigil.operator.discovery.NodeTarget;
import java.net.URI;
import java.util.Locale;

/**
 * Tells whether a peer's p2p URI (e.g. {@code http://qdrant-1.qdrant-headless:6335/}) names a
 * given polled node: by pod name (the URI host's first label, as StatefulSet DNS names go),
 * pod IP, or the host of the node's URL.
 */
public final class PeerAddressing {

  private PeerAddressing() {}

  public static boolean sameNode(String peerUri, NodeTarget target) {
    String host = host(peerUri);
    if (host == null) {
      return false;
    }
    if (target.pod() != null) {
      if (host.equals(target.pod().name().toLowerCase(Locale.ROOT)) || host.startsWith(
          target.pod().name().toLowerCase(Locale.ROOT) + ".")) {
        return true;
      }
      if (target.pod().ip() != null && host.equals(target.pod().ip())) {
        return true;
      }
      return false;
    }
    return host.equals(host(target.url()));
  }

  static String host(String uri) {
    if (uri == null) {
      return null;
    }
    try {
      String host = URI.create(uri.trim()).getHost();
      return host == null ? null : host.toLowerCase(Locale.ROOT);
    } catch (IllegalArgumentException e) {
      return null;
    }
  }
}
