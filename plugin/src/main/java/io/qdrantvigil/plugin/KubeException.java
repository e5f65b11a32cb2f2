package io.qdrantvigil.plugin;

/** kubectl failed; the message is what it said on stderr. */
final class KubeException extends Exception {

  KubeException(String message) {
    super(message);
  }
}
