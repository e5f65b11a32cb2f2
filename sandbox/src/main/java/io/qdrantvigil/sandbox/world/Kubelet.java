package io.qdrantvigil.sandbox.world;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.qdrantvigil.sandbox.qdrant.SimulatedCluster;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Plays the kubelet for the sandbox's pods (there is none): a pod is a simulated node's process. A new pod
 * stays Pending for the start delay, then its node starts. A pod without a readiness probe is then Running
 * and Ready. A pod with one ({@link QdrantPods#READYZ_PROBE}) is Running once a first probe has answered;
 * from then on the probe asks the node's {@code GET /readyz} every second and the pod's Ready condition
 * follows the answer
 * (200 is ready; anything else, a refused connection or no answer within the probe timeout is not), so a
 * restarted Qdrant is not Ready until it says so. A node whose pod is gone stops. It runs on the
 * StatefulSet controller's thread.
 */
final class Kubelet {

  private static final Duration PROBE_PERIOD = Duration.ofSeconds(1);
  private static final Duration PROBE_TIMEOUT = Duration.ofSeconds(2);
  private static final Logger LOG = LoggerFactory.getLogger(Kubelet.class);

  private final KubernetesClient client;
  private final SimulatedCluster cluster;
  private final String namespace;
  private final Duration startDelay;
  private final ControllerLoop loop;
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(PROBE_TIMEOUT).build();
  /** By ordinal, the uid of the pod whose container is that node's process. */
  private final Map<Integer, String> podOfNode = new HashMap<>();
  /** The uids of the pods with a readiness probe, and of those whose container runs. */
  private final Set<String> probed = new HashSet<>();
  private final Set<String> running = new HashSet<>();
  private final Set<String> probing = new HashSet<>();

  Kubelet(KubernetesClient client, SimulatedCluster cluster, String namespace, Duration startDelay,
      ControllerLoop loop) {
    this.client = client;
    this.cluster = cluster;
    this.namespace = namespace;
    this.startDelay = startDelay;
    this.loop = loop;
  }

  void start() {
    loop.schedule(this::probeAll, PROBE_PERIOD);
  }

  /**
   * The node pod {@code ordinal} will run: a new ordinal's node joins with a fresh peer id; {@code downUntilRunning}
   * keeps it stopped until its pod is Running. Returns its REST port.
   */
  int prepareNode(int ordinal, boolean downUntilRunning) {
    if (ordinal >= cluster.nodes().size()) {
      int added = cluster.addNode().ordinal();
      LOG.info("scaling up: {}/{}-{} joins with peer {}", namespace, QdrantPods.NAME, added,
          cluster.node(added).peerId());
    }
    if (downUntilRunning) {
      cluster.stop(ordinal);
    }
    return cluster.node(ordinal).port();
  }

  /** Takes a pod just created: Pending now, its container started after the start delay. */
  void admit(Pod created) {
    String name = created.getMetadata().getName();
    String uid = created.getMetadata().getUid();
    podOfNode.put(QdrantPods.ordinalOf(name), uid);
    if (QdrantPods.hasReadinessProbe(created)) {
      probed.add(uid);
    }
    created.setStatus(QdrantPods.pending());
    client.pods().inNamespace(namespace).resource(created).updateStatus();
    loop.schedule(() -> markRunning(name, uid), startDelay);
  }

  /** A node whose pod is gone (or replaced) stops; a node above every pod and the spec goes away. */
  void sync(Map<Integer, Pod> pods, int replicas) {
    for (var it = podOfNode.entrySet().iterator(); it.hasNext(); ) {
      var entry = it.next();
      Pod pod = pods.get(entry.getKey());
      if (pod == null || !entry.getValue().equals(pod.getMetadata().getUid())) {
        if (entry.getKey() < cluster.nodes().size()) {
          LOG.info("{}/{}-{} gone: its node stops", namespace, QdrantPods.NAME, entry.getKey());
          cluster.stop(entry.getKey());
        }
        running.remove(entry.getValue());
        probed.remove(entry.getValue());
        it.remove();
      }
    }
    int keep = Math.max(replicas, 1);
    while (cluster.nodes().size() > keep && !pods.containsKey(cluster.nodes().size() - 1)) {
      cluster.removeHighestNode();
    }
  }

  /**
   * The container starts: the node comes up, and once its first readiness probe has answered the pod is
   * Running, Ready as that probe said.
   */
  private void markRunning(String name, String uid) {
    if (loop.closed()) {
      return;
    }
    try {
      int ordinal = QdrantPods.ordinalOf(name);
      if (!isCurrent(ordinal, uid)) {
        return;
      }
      cluster.start(ordinal);
      if (probed.contains(uid)) {
        probe(ordinal, uid, ready -> writeRunning(name, uid, ready));
      } else {
        writeRunning(name, uid, true);
      }
    } catch (RuntimeException e) {
      retry(() -> markRunning(name, uid), name, e);
    }
  }

  private void writeRunning(String name, String uid, boolean ready) {
    try {
      Pod current = client.pods().inNamespace(namespace).withName(name).get();
      if (current == null || !uid.equals(current.getMetadata().getUid())
          || !isCurrent(QdrantPods.ordinalOf(name), uid)) {
        return;
      }
      current.setStatus(QdrantPods.running(Instant.now(), ready));
      client.pods().inNamespace(namespace).resource(current).updateStatus();
      running.add(uid);
    } catch (RuntimeException e) {
      retry(() -> writeRunning(name, uid, ready), name, e);
    }
  }

  private boolean isCurrent(int ordinal, String uid) {
    return uid.equals(podOfNode.get(ordinal)) && ordinal < cluster.nodes().size();
  }

  private void retry(Runnable step, String name, RuntimeException failure) {
    if (!loop.closed()) {
      LOG.warn("could not mark {}/{} Running; retrying", namespace, name, failure);
      loop.schedule(step, Duration.ofMillis(200));
    }
  }

  private void probeAll() {
    podOfNode.forEach((ordinal, uid) -> {
      if (running.contains(uid) && probed.contains(uid)) {
        probe(ordinal, uid, ready -> applyReadiness(QdrantPods.NAME + "-" + ordinal, uid, ready));
      }
    });
    loop.schedule(this::probeAll, PROBE_PERIOD);
  }

  /** One readiness probe, answered off the loop's thread and handed to {@code then} on it; one per pod at a time. */
  private void probe(int ordinal, String uid, Consumer<Boolean> then) {
    if (ordinal >= cluster.nodes().size() || !probing.add(uid)) {
      return;
    }
    HttpRequest request = HttpRequest.newBuilder(URI.create(cluster.node(ordinal).url() + "/readyz"))
        .timeout(PROBE_TIMEOUT).GET().build();
    http.sendAsync(request, HttpResponse.BodyHandlers.discarding())
        .handle((response, failure) -> failure == null && response.statusCode() == 200)
        .thenAccept(ready -> loop.execute(() -> {
          probing.remove(uid);
          then.accept(ready);
        }));
  }

  private void applyReadiness(String name, String uid, boolean ready) {
    if (!running.contains(uid)) {
      return;
    }
    try {
      Pod current = client.pods().inNamespace(namespace).withName(name).get();
      if (current == null || !uid.equals(current.getMetadata().getUid())
          || QdrantPods.hasReadyCondition(current) == ready) {
        return;
      }
      LOG.info("{}/{} readiness probe: {}", namespace, name, ready ? "ready" : "not ready");
      current.setStatus(QdrantPods.withReadiness(current.getStatus(), ready, Instant.now()));
      client.pods().inNamespace(namespace).resource(current).updateStatus();
    } catch (RuntimeException e) {
      LOG.debug("readiness of {}/{} not written ({}); the next probe writes it", namespace, name, e.getMessage());
    }
  }
}
