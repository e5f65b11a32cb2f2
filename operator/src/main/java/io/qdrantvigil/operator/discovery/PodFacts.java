package io.qdrantvigil.operator.discovery;

/**
 * What the poll needs to know of a pod. {@code notRunningReason} is null when the pod is Running
 * and Ready; otherwise it says why not (phase, a container's waiting reason, Terminating).
 */
public record PodFacts(
    String namespace,
    String name,
    String statefulSet,
    String ip,
    String notRunningReason,
    String container,
    int port) {

  public boolean runningAndReady() {
    return notRunningReason == null;
  }
}
