package io.qdrantvigil.sandbox.world;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSetStatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.Watch;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.WatcherException;
import io.qdrantvigil.sandbox.qdrant.SimulatedCluster;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Plays the StatefulSet controller and the kubelet for the sandbox's one StatefulSet (there is no
 * controller-manager): a deleted pod comes back (its node restarts with the same peer id); a change
 * of {@code replicas} adds or removes the highest ordinals; a new {@code restartedAt} template
 * annotation restarts the pods one at a time from the highest ordinal. All work runs on one thread.
 */
final class StatefulSetController implements AutoCloseable {

  static final String RESTARTED_AT = "kubectl.kubernetes.io/restartedAt";
  private static final Logger LOG = LoggerFactory.getLogger(StatefulSetController.class);

  private final KubernetesClient client;
  private final SimulatedCluster cluster;
  private final String namespace;
  private final Duration startDelay;
  private final ScheduledExecutorService worker = Executors.newSingleThreadScheduledExecutor(r -> {
    Thread thread = new Thread(r, "sandbox-statefulset-controller");
    thread.setDaemon(true);
    return thread;
  });
  private final Set<String> expectedDeletions = ConcurrentHashMap.newKeySet();
  private volatile Watch podWatch;
  private volatile Watch setWatch;
  private volatile boolean closed;
  private String restartedAtSeen;

  StatefulSetController(KubernetesClient client, SimulatedCluster cluster, String namespace, Duration startDelay) {
    this.client = client;
    this.cluster = cluster;
    this.namespace = namespace;
    this.startDelay = startDelay;
  }

  void start(StatefulSet set) {
    restartedAtSeen = restartedAt(set);
    podWatch = client.pods().inNamespace(namespace).withLabels(QdrantPods.LABELS).watch(new Watcher<>() {
      @Override
      public void eventReceived(Action action, Pod pod) {
        if (action == Action.DELETED) {
          worker.execute(() -> podDeleted(pod.getMetadata().getName()));
        }
      }

      @Override
      public void onClose(WatcherException cause) {
        LOG.warn("pod watch closed: {}", cause.getMessage());
      }
    });
    setWatch = client.apps().statefulSets().inNamespace(namespace).withName(QdrantPods.NAME).watch(new Watcher<>() {
      @Override
      public void eventReceived(Action action, StatefulSet changed) {
        if (action == Action.MODIFIED) {
          worker.execute(() -> statefulSetChanged(changed));
        }
      }

      @Override
      public void onClose(WatcherException cause) {
        LOG.warn("statefulset watch closed: {}", cause.getMessage());
      }
    });
  }

  /** Creates pod {@code ordinal} as Pending, then (after the start delay) Running and Ready. */
  void createPod(StatefulSet owner, int ordinal) {
    Pod pod = client.pods().inNamespace(namespace).resource(QdrantPods.pod(owner, ordinal,
        cluster.node(ordinal).port())).create();
    pod.setStatus(QdrantPods.pending());
    pod = client.pods().inNamespace(namespace).resource(pod).updateStatus();
    Pod created = pod;
    worker.schedule(() -> markRunning(created), startDelay.toMillis(), TimeUnit.MILLISECONDS);
  }

  private void markRunning(Pod pod) {
    if (closed) {
      return;
    }
    int ordinal = QdrantPods.ordinalOf(pod.getMetadata().getName());
    if (ordinal >= cluster.nodes().size()) {
      return;
    }
    cluster.start(ordinal);
    Pod current = client.pods().inNamespace(namespace).withName(pod.getMetadata().getName()).get();
    if (current == null || !Objects.equals(current.getMetadata().getUid(), pod.getMetadata().getUid())) {
      return;
    }
    current.setStatus(QdrantPods.running(Instant.now()));
    client.pods().inNamespace(namespace).resource(current).updateStatus();
    refreshSetStatus();
  }

  /** Keeps the StatefulSet's status (READY in kubectl get sts) in line with its pods. */
  private void refreshSetStatus() {
    StatefulSet set = client.apps().statefulSets().inNamespace(namespace).withName(QdrantPods.NAME).get();
    if (set == null) {
      return;
    }
    List<Pod> pods = client.pods().inNamespace(namespace).withLabels(QdrantPods.LABELS).list().getItems();
    int ready = (int) pods.stream().filter(QdrantPods::isReady).count();
    set.setStatus(new StatefulSetStatusBuilder()
        .withObservedGeneration(set.getMetadata().getGeneration())
        .withReplicas(pods.size())
        .withReadyReplicas(ready)
        .withAvailableReplicas(ready)
        .withCurrentReplicas(pods.size())
        .withUpdatedReplicas(pods.size())
        .build());
    try {
      client.apps().statefulSets().inNamespace(namespace).resource(set).updateStatus();
    } catch (KubernetesClientException e) {
      LOG.debug("statefulset status not updated ({}); the next pod change updates it", e.getMessage());
    }
  }

  private void podDeleted(String name) {
    if (closed || expectedDeletions.remove(name)) {
      return;
    }
    int ordinal = QdrantPods.ordinalOf(name);
    StatefulSet set = client.apps().statefulSets().inNamespace(namespace).withName(QdrantPods.NAME).get();
    if (set == null || ordinal >= set.getSpec().getReplicas() || ordinal >= cluster.nodes().size()) {
      return;
    }
    LOG.info("pod {} deleted: its node restarts and the pod comes back", name);
    cluster.stop(ordinal);
    createPod(set, ordinal);
    refreshSetStatus();
  }

  private void statefulSetChanged(StatefulSet set) {
    if (closed) {
      return;
    }
    scaleTo(set, set.getSpec().getReplicas());
    String restartedAt = restartedAt(set);
    if (restartedAt != null && !restartedAt.equals(restartedAtSeen)) {
      restartedAtSeen = restartedAt;
      rollingRestart(set);
    }
  }

  private void scaleTo(StatefulSet set, int replicas) {
    while (cluster.nodes().size() < replicas) {
      int ordinal = cluster.addNode().ordinal();
      cluster.stop(ordinal);
      LOG.info("scaling up: pod qdrant-{} joins with peer {}", ordinal, cluster.node(ordinal).peerId());
      createPod(set, ordinal);
    }
    while (cluster.nodes().size() > Math.max(replicas, 1)) {
      int ordinal = cluster.nodes().size() - 1;
      String name = QdrantPods.NAME + "-" + ordinal;
      LOG.info("scaling down: pod {} goes away; its peer stays in the Raft membership", name);
      expectedDeletions.add(name);
      client.pods().inNamespace(namespace).withName(name).delete();
      cluster.removeHighestNode();
    }
    refreshSetStatus();
  }

  /** One pod at a time from the highest ordinal, each waiting for the previous one to be back. */
  private void rollingRestart(StatefulSet set) {
    int count = cluster.nodes().size();
    for (int ordinal = count - 1; ordinal >= 0; ordinal--) {
      int current = ordinal;
      long delay = (count - 1 - ordinal) * (startDelay.toMillis() + 200);
      worker.schedule(() -> restartPod(set, current), delay, TimeUnit.MILLISECONDS);
    }
  }

  private void restartPod(StatefulSet set, int ordinal) {
    if (closed || ordinal >= cluster.nodes().size()) {
      return;
    }
    String name = QdrantPods.NAME + "-" + ordinal;
    LOG.info("rolling restart: pod {}", name);
    expectedDeletions.add(name);
    try {
      client.pods().inNamespace(namespace).withName(name).delete();
    } catch (KubernetesClientException e) {
      LOG.warn("could not delete {} for the restart: {}", name, e.getMessage());
    }
    cluster.stop(ordinal);
    createPod(set, ordinal);
  }

  private static String restartedAt(StatefulSet set) {
    var annotations = set.getSpec().getTemplate().getMetadata().getAnnotations();
    return annotations == null ? null : annotations.get(RESTARTED_AT);
  }

  @Override
  public void close() {
    closed = true;
    if (podWatch != null) {
      podWatch.close();
    }
    if (setWatch != null) {
      setWatch.close();
    }
    worker.shutdownNow();
  }
}
