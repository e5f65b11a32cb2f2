package io.qdrantvigil.plugin;

import java.time.Instant;

/** Watches as the operator writes them, for rendering tests: JSON text, as the API server returns it. */
final class Watches {

  static final Instant NOW = Instant.parse("2026-12-03T13:20:30Z");
  static final String RECENT_POLL = "2026-12-03T13:20:01Z";

  private Watches() {}

  static JsonValue watch(String status) {
    return watch("prod", "shop", "30s", status);
  }

  static JsonValue watch(String name, String namespace, String interval, String status) {
    return JsonValue.parse("""
        {"apiVersion": "qdrantvigil.io/v1alpha1", "kind": "QdrantClusterWatch",
         "metadata": {"name": "%s", "namespace": "%s"},
         "spec": {"interval": "%s", "timeout": "5s"}%s}
        """.formatted(name, namespace, interval, status == null ? "" : ", \"status\": " + status));
  }

  static String node(int ordinal, String peerId, boolean leader, String state, String errorType, String extra) {
    return """
        {"peerId": "%2$s", "podName": "qdrant-%1$d", "namespace": "shop", "statefulSet": "qdrant",
         "url": "http://10.1.0.1%1$d:6333", "version": "1.19.0", "leader": %3$s, "state": "%4$s"%5$s,
         "raft": {"term": 3, "commit": 100, "pendingOperations": 0, "role": "%6$s"},
         "execCommand": "kubectl exec -it -n shop qdrant-%1$d -c qdrant -- /bin/bash",
         "logsCommand": "kubectl logs -n shop qdrant-%1$d -c qdrant --tail=1000",
         "dashboardUrl": "http://10.1.0.1%1$d:6333/dashboard",
         "portForwardCommand": "kubectl port-forward -n shop pod/qdrant-%1$d 6333:6333"%7$s}
        """.formatted(ordinal, peerId, leader, state, errorType == null ? "" : ", \"errorType\": \"" + errorType + "\"",
        leader ? "Leader" : "Follower", extra);
  }

  static String healthyNodes(String extra) {
    return String.join(",", node(0, "8672995594195906", true, "Healthy", null, extra),
        node(1, "18446744073709551557", false, "Healthy", null, extra),
        node(2, "5038297362519001", false, "Healthy", null, extra));
  }

  static String healthy() {
    return """
        {"clusterStatus": "Healthy", "healthyNodes": "3/3", "healthPercentage": 100.0,
         "leader": "8672995594195906", "warningCount": 0,
         "data": {"state": "Healthy", "collections": 2, "shards": 6, "readableReplicas": "12/12", "transfers": 0},
         "collections": [{"name": "products", "state": "Healthy", "shards": 3, "replicationFactor": 2,
                          "readableReplicas": "6/6", "transfers": 0}],
         "nodes": [%s], "discovery": "pods", "lastPollTime": "%s", "observedGeneration": 1}
        """.formatted(healthyNodes(", \"replicas\": 4, \"deadReplicas\": 0"), RECENT_POLL);
  }

  /** qdrant-1 stopped (the demo's STOPPED fault): refused connections, the leader's send failures to it. */
  static String stoppedNode() {
    return degraded("ConnectionError", "GET /cluster failed", "Connection refused", RECENT_POLL);
  }

  /** qdrant-1 hung (the demo's HUNG fault): every request past the deadline. */
  static String hungNode() {
    return degraded("Timeout", "GET /cluster did not answer within 5s", "timeout", RECENT_POLL);
  }

  static String degraded(String errorType, String message, String error, String lastPoll) {
    return """
        {"clusterStatus": "Degraded", "healthyNodes": "2/3", "healthPercentage": 66.7,
         "leader": "8672995594195906", "warningCount": 2,
         "warnings": [
           {"node": "qdrant-1", "type": "%1$s", "message": "%2$s", "error": "%3$s"},
           {"node": "qdrant-0", "type": "MessageSendFailures",
            "message": "sending to qdrant-1 failed 4 times (that peer is down, see its own warning)"}],
         "nodes": [%4$s, %5$s, %6$s], "discovery": "pods", "lastPollTime": "%7$s", "observedGeneration": 1}
        """.formatted(errorType, message, error,
        node(0, "8672995594195906", true, "Warning", null, ""),
        node(1, "18446744073709551557", false, "Failing", errorType, ""),
        node(2, "5038297362519001", false, "Healthy", null, ""), lastPoll);
  }

  /** All nodes up, but a shard has lost a replica: data AtRisk, the verdict still Healthy. */
  static String dataWarning() {
    return """
        {"clusterStatus": "Healthy", "healthyNodes": "3/3", "healthPercentage": 100.0,
         "leader": "8672995594195906", "warningCount": 2,
         "data": {"state": "AtRisk", "collections": 2, "shards": 6, "readableReplicas": "11/12", "transfers": 1},
         "collections": [
           {"name": "products", "state": "AtRisk", "shards": 3, "replicationFactor": 2, "readableReplicas": "5/6",
            "transfers": 1, "problems": ["shard 2: 1/2 replicas readable", "shard 2: a Dead replica on qdrant-1"]},
           {"name": "reviews", "state": "Healthy", "shards": 3, "replicationFactor": 2, "readableReplicas": "6/6",
            "transfers": 0}],
         "collectionsOmitted": 0,
         "transfers": [{"collection": "products", "shard": 2, "from": "qdrant-0", "to": "qdrant-1",
                        "method": "stream_records", "progress": "Transferring records (1200/4000)",
                        "firstSeen": "2026-12-03T13:18:30Z"}],
         "warnings": [
           {"node": "products", "type": "UnderReplicated", "message": "products/2 has 1 readable replica of 2"},
           {"node": "qdrant-1", "type": "DeadReplica",
            "message": "products/2 is Dead on qdrant-1; Qdrant recovers it (a readable replica exists on qdrant-0)"}],
         "nodes": [%s, %s, %s], "discovery": "pods", "lastPollTime": "%s", "observedGeneration": 1}
        """.formatted(
        node(0, "8672995594195906", true, "Healthy", null, ", \"replicas\": 4, \"deadReplicas\": 0"),
        node(1, "18446744073709551557", false, "Warning", null, ", \"replicas\": 4, \"deadReplicas\": 1"),
        node(2, "5038297362519001", false, "Healthy", null, ", \"replicas\": 4, \"deadReplicas\": 0"),
        RECENT_POLL);
  }

  static String runningAction() {
    return """
        {"clusterStatus": "Healthy", "healthyNodes": "3/3", "healthPercentage": 100.0,
         "leader": "8672995594195906", "warningCount": 0, "nodes": [%s], "discovery": "pods",
         "actions": [
           {"action": "restart", "request": "qdrant;safe", "outcome": "Running",
            "message": "2/3 pods restarted; waiting for qdrant-1: shard products/2 Partial",
            "time": "2026-12-03T13:17:30Z"},
           {"action": "poll", "request": "now", "outcome": "Succeeded", "time": "2026-12-03T13:10:00Z"}],
         "lastPollTime": "%s", "observedGeneration": 1}
        """.formatted(healthyNodes(""), RECENT_POLL);
  }

  /** Degraded when written, but the operator stopped polling 10 minutes ago (interval 30s: stale after 2m5s). */
  static String staleDegraded() {
    return degraded("ConnectionError", "GET /cluster failed", "Connection refused", "2026-12-03T13:10:30Z");
  }

  /** What an operator before the data view writes: no data, collections, transfers or replicas. */
  static String withoutDataView() {
    return """
        {"clusterStatus": "Healthy", "healthyNodes": "3/3", "healthPercentage": 100.0,
         "leader": "8672995594195906", "warningCount": 0, "nodes": [%s], "discovery": "pods",
         "lastPollTime": "%s", "observedGeneration": 1}
        """.formatted(healthyNodes(""), RECENT_POLL);
  }
}
