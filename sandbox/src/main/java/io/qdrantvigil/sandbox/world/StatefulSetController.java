package io.qdrantvigil.sandbox.world;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSetStatus;
import io.fabric8.kubernetes.api.model.apps.StatefulSetStatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.Watch;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.WatcherException;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.qdrantvigil.sandbox.qdrant.SimulatedCluster;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Plays the StatefulSet controller and the kubelet for the sandbox's one StatefulSet (there is no
 * controller-manager). Like the real controller (OrderedReady pods, RollingUpdate with partition 0) it is
 * level-triggered: every pod or StatefulSet event, and a periodic resync, compares the pods with the spec
 * and takes at most one step, waiting for every pod to be Running and Ready before the next:
 * <ul>
 *   <li>a missing pod is created (a deleted pod comes back; its node restarts with the same peer id);</li>
 *   <li>pods above {@code replicas} are deleted highest ordinal first; a new ordinal's node joins with a
 *       fresh peer id and a removed one stays in the Raft membership;</li>
 *   <li>a pod whose {@code controller-revision-hash} is not the template's revision (for instance after
 *       a new {@code kubectl.kubernetes.io/restartedAt} annotation) is replaced, highest ordinal first.</li>
 * </ul>
 * The StatefulSet's status ({@code replicas}, {@code readyReplicas}, {@code currentReplicas},
 * {@code updatedReplicas}, {@code availableReplicas}, the revisions, {@code observedGeneration}) is
 * written through the status subresource after every step, so {@code kubectl get sts} and
 * {@code kubectl rollout status} read as they would on a real cluster. As the kubelet, it keeps a new pod
 * Pending for the start delay, then starts its node and marks it Running and Ready; a node stops when its
 * pod goes. All work runs on one thread.
 */
final class StatefulSetController implements AutoCloseable {

  static final String RESTARTED_AT = "kubectl.kubernetes.io/restartedAt";
  static final String REVISION_LABEL = "controller-revision-hash";
  private static final Duration RESYNC = Duration.ofSeconds(2);
  private static final Duration RETRY = Duration.ofMillis(200);
  private static final Logger LOG = LoggerFactory.getLogger(StatefulSetController.class);

  private final KubernetesClient client;
  private final SimulatedCluster cluster;
  private final String namespace;
  private final Duration startDelay;
  private final Pattern podName = Pattern.compile(Pattern.quote(QdrantPods.NAME) + "-(\\d+)");
  private final ScheduledExecutorService worker = Executors.newSingleThreadScheduledExecutor(r -> {
    Thread thread = new Thread(r, "sandbox-statefulset-controller");
    thread.setDaemon(true);
    return thread;
  });
  private final AtomicBoolean reconcileQueued = new AtomicBoolean();
  /** The kubelet's view: by ordinal, the uid of the pod whose container is that node's process. */
  private final Map<Integer, String> podOfNode = new HashMap<>();
  private volatile Watch podWatch;
  private volatile Watch setWatch;
  private volatile boolean closed;

  StatefulSetController(KubernetesClient client, SimulatedCluster cluster, String namespace, Duration startDelay) {
    this.client = client;
    this.cluster = cluster;
    this.namespace = namespace;
    this.startDelay = startDelay;
  }

  /** Creates the world's first pods at once, their nodes already running, as a cluster that exists. */
  void createInitialPods(StatefulSet set) {
    String revision = revision(set);
    for (int ordinal = 0; ordinal < set.getSpec().getReplicas(); ordinal++) {
      createPod(set, ordinal, revision, false);
    }
  }

  void start() {
    podWatch = client.pods().inNamespace(namespace).withLabels(QdrantPods.LABELS).watch(new Watcher<>() {
      @Override
      public void eventReceived(Action action, Pod pod) {
        requestReconcile();
      }

      @Override
      public void onClose(WatcherException cause) {
        LOG.warn("pod watch closed: {}", cause.getMessage());
      }
    });
    setWatch = client.apps().statefulSets().inNamespace(namespace).withName(QdrantPods.NAME).watch(new Watcher<>() {
      @Override
      public void eventReceived(Action action, StatefulSet changed) {
        requestReconcile();
      }

      @Override
      public void onClose(WatcherException cause) {
        LOG.warn("statefulset watch closed: {}", cause.getMessage());
      }
    });
    // A safety net for a missed event, as the real controller's informers resync.
    worker.scheduleWithFixedDelay(this::requestReconcile, RESYNC.toMillis(), RESYNC.toMillis(), TimeUnit.MILLISECONDS);
    requestReconcile();
  }

  private void requestReconcile() {
    if (!closed && reconcileQueued.compareAndSet(false, true)) {
      try {
        worker.execute(() -> {
          reconcileQueued.set(false);
          reconcileQuietly();
        });
      } catch (RejectedExecutionException closing) {
        reconcileQueued.set(false);
      }
    }
  }

  private void reconcileQuietly() {
    if (closed) {
      return;
    }
    try {
      reconcile();
    } catch (KubernetesClientException e) {
      LOG.debug("reconcile of {}/{} failed ({}); retrying", namespace, QdrantPods.NAME, e.getMessage());
      retryLater();
    } catch (RuntimeException e) {
      if (!closed) {
        LOG.warn("reconcile of {}/{} failed; retrying", namespace, QdrantPods.NAME, e);
        retryLater();
      }
    }
  }

  private void retryLater() {
    if (!closed) {
      worker.schedule(this::requestReconcile, RETRY.toMillis(), TimeUnit.MILLISECONDS);
    }
  }

  /** One pass of the StatefulSet controller's sync, OrderedReady and RollingUpdate with partition 0. */
  private void reconcile() {
    StatefulSet set = client.apps().statefulSets().inNamespace(namespace).withName(QdrantPods.NAME).get();
    if (set == null || set.getMetadata().getDeletionTimestamp() != null) {
      return;
    }
    Map<Integer, Pod> pods = ownedPods(set);
    kubelet(set, pods);
    int replicas = set.getSpec().getReplicas();
    String updateRevision = revision(set);
    String currentRevision = set.getStatus() != null && set.getStatus().getCurrentRevision() != null
        ? set.getStatus().getCurrentRevision() : updateRevision;
    step(set, pods, replicas, updateRevision);
    writeStatus(set, pods, currentRevision, updateRevision);
  }

  /** At most one change; none while a pod is not yet Running and Ready. */
  private void step(StatefulSet set, Map<Integer, Pod> pods, int replicas, String updateRevision) {
    for (int ordinal = 0; ordinal < replicas; ordinal++) {
      Pod pod = pods.get(ordinal);
      if (pod == null) {
        LOG.info("{}/{}-{} missing: creating it at revision {}", namespace, QdrantPods.NAME, ordinal, updateRevision);
        createPod(set, ordinal, updateRevision, true);
        return;
      }
      if (!isRunningAndReady(pod)) {
        return;
      }
    }
    Integer highest = pods.keySet().stream().filter(o -> o >= replicas).max(Integer::compare).orElse(null);
    if (highest != null) {
      LOG.info("scaling down: deleting {}/{}; its peer stays in the Raft membership", namespace,
          pods.get(highest).getMetadata().getName());
      delete(pods.get(highest));
      return;
    }
    for (int ordinal = replicas - 1; ordinal >= 0; ordinal--) {
      Pod pod = pods.get(ordinal);
      if (!updateRevision.equals(revisionOf(pod))) {
        LOG.info("rolling update: replacing {}/{} (revision {} -> {})", namespace, pod.getMetadata().getName(),
            revisionOf(pod), updateRevision);
        delete(pod);
        return;
      }
    }
  }

  /** The kubelet's side: a node whose pod is gone stops; a node above every pod and the spec goes away. */
  private void kubelet(StatefulSet set, Map<Integer, Pod> pods) {
    for (var it = podOfNode.entrySet().iterator(); it.hasNext(); ) {
      var entry = it.next();
      Pod pod = pods.get(entry.getKey());
      if (pod == null || !entry.getValue().equals(pod.getMetadata().getUid())) {
        if (entry.getKey() < cluster.nodes().size()) {
          LOG.info("{}/{}-{} gone: its node stops", namespace, QdrantPods.NAME, entry.getKey());
          cluster.stop(entry.getKey());
        }
        it.remove();
      }
    }
    int keep = Math.max(set.getSpec().getReplicas(), 1);
    while (cluster.nodes().size() > keep && !pods.containsKey(cluster.nodes().size() - 1)) {
      cluster.removeHighestNode();
    }
  }

  /** Creates pod {@code ordinal} as Pending, then (after the start delay) starts its node: Running and Ready. */
  private void createPod(StatefulSet set, int ordinal, String revision, boolean nodeDownUntilRunning) {
    if (ordinal >= cluster.nodes().size()) {
      int added = cluster.addNode().ordinal();
      LOG.info("scaling up: {}/{}-{} joins with peer {}", namespace, QdrantPods.NAME, added,
          cluster.node(added).peerId());
    }
    if (nodeDownUntilRunning) {
      cluster.stop(ordinal);
    }
    Pod pod = QdrantPods.pod(set, ordinal, cluster.node(ordinal).port());
    pod.getMetadata().getLabels().put(REVISION_LABEL, revision);
    Map<String, String> templateAnnotations = set.getSpec().getTemplate().getMetadata().getAnnotations();
    if (templateAnnotations != null && !templateAnnotations.isEmpty()) {
      pod.getMetadata().setAnnotations(new HashMap<>(templateAnnotations));
    }
    Pod created = client.pods().inNamespace(namespace).resource(pod).create();
    podOfNode.put(ordinal, created.getMetadata().getUid());
    created.setStatus(QdrantPods.pending());
    client.pods().inNamespace(namespace).resource(created).updateStatus();
    String name = created.getMetadata().getName();
    String uid = created.getMetadata().getUid();
    worker.schedule(() -> markRunning(name, uid), startDelay.toMillis(), TimeUnit.MILLISECONDS);
  }

  /** The kubelet starts the container: the node comes up and the pod turns Running and Ready. */
  private void markRunning(String name, String uid) {
    if (closed) {
      return;
    }
    try {
      int ordinal = QdrantPods.ordinalOf(name);
      Pod current = client.pods().inNamespace(namespace).withName(name).get();
      if (current == null || !uid.equals(current.getMetadata().getUid()) || !uid.equals(podOfNode.get(ordinal))
          || ordinal >= cluster.nodes().size()) {
        return;
      }
      cluster.start(ordinal);
      current.setStatus(QdrantPods.running(Instant.now()));
      client.pods().inNamespace(namespace).resource(current).updateStatus();
    } catch (RuntimeException e) {
      if (!closed) {
        LOG.warn("could not mark {}/{} Running; retrying", namespace, name, e);
        worker.schedule(() -> markRunning(name, uid), RETRY.toMillis(), TimeUnit.MILLISECONDS);
      }
    }
  }

  private void delete(Pod pod) {
    client.pods().inNamespace(namespace).withName(pod.getMetadata().getName()).delete();
  }

  /**
   * The status the real controller computes: {@code replicas} counts the pods that exist, the revision
   * counts those not terminating, and once every pod is updated and ready the update revision becomes
   * the current one.
   */
  private void writeStatus(StatefulSet set, Map<Integer, Pod> pods, String currentRevision, String updateRevision) {
    int replicas = 0;
    int ready = 0;
    int current = 0;
    int updated = 0;
    for (Pod pod : pods.values()) {
      replicas++;
      if (isRunningAndReady(pod)) {
        ready++;
      }
      if (pod.getMetadata().getDeletionTimestamp() == null) {
        if (currentRevision.equals(revisionOf(pod))) {
          current++;
        }
        if (updateRevision.equals(revisionOf(pod))) {
          updated++;
        }
      }
    }
    if (updated == replicas && ready == replicas) {
      currentRevision = updateRevision;
      current = updated;
    }
    StatefulSetStatus status = new StatefulSetStatusBuilder()
        .withObservedGeneration(set.getMetadata().getGeneration())
        .withReplicas(replicas)
        .withReadyReplicas(ready)
        .withCurrentReplicas(current)
        .withUpdatedReplicas(updated)
        // Not in the 1.20 API (the apiserver drops it); written for newer apiservers, as their controller does.
        .withAvailableReplicas(ready)
        .withCurrentRevision(currentRevision)
        .withUpdateRevision(updateRevision)
        .withCollisionCount(0)
        .build();
    if (sameStatus(set.getStatus(), status)) {
      return;
    }
    set.setStatus(status);
    try {
      client.apps().statefulSets().inNamespace(namespace).resource(set).updateStatus();
    } catch (KubernetesClientException e) {
      LOG.debug("statefulset status not written ({}); the next pass writes it", e.getMessage());
      retryLater();
    }
  }

  private static boolean sameStatus(StatefulSetStatus old, StatefulSetStatus wanted) {
    if (old == null) {
      return false;
    }
    StatefulSetStatus compared = new StatefulSetStatusBuilder(wanted).build();
    if (old.getAvailableReplicas() == null) {
      compared.setAvailableReplicas(null);
    }
    return Objects.equals(old.getObservedGeneration(), compared.getObservedGeneration())
        && Objects.equals(old.getReplicas(), compared.getReplicas())
        && Objects.equals(old.getReadyReplicas(), compared.getReadyReplicas())
        && Objects.equals(old.getCurrentReplicas(), compared.getCurrentReplicas())
        && Objects.equals(old.getUpdatedReplicas(), compared.getUpdatedReplicas())
        && Objects.equals(old.getAvailableReplicas(), compared.getAvailableReplicas())
        && Objects.equals(old.getCurrentRevision(), compared.getCurrentRevision())
        && Objects.equals(old.getUpdateRevision(), compared.getUpdateRevision())
        && Objects.equals(old.getCollisionCount(), compared.getCollisionCount());
  }

  /** The set's pods by ordinal: named {@code qdrant-N} and controlled by this StatefulSet. */
  private Map<Integer, Pod> ownedPods(StatefulSet set) {
    List<Pod> pods = client.pods().inNamespace(namespace).withLabels(QdrantPods.LABELS).list().getItems();
    Map<Integer, Pod> byOrdinal = new TreeMap<>();
    for (Pod pod : pods) {
      Matcher name = podName.matcher(pod.getMetadata().getName());
      boolean owned = pod.getMetadata().getOwnerReferences() != null && pod.getMetadata().getOwnerReferences()
          .stream().anyMatch(o -> set.getMetadata().getUid().equals(o.getUid()));
      if (name.matches() && owned) {
        byOrdinal.put(Integer.parseInt(name.group(1)), pod);
      }
    }
    return byOrdinal;
  }

  private static boolean isRunningAndReady(Pod pod) {
    return pod.getStatus() != null && "Running".equals(pod.getStatus().getPhase()) && QdrantPods.isReady(pod);
  }

  private static String revisionOf(Pod pod) {
    return pod.getMetadata().getLabels() == null ? null : pod.getMetadata().getLabels().get(REVISION_LABEL);
  }

  /**
   * The template's revision name as the real controller forms it: the set's name and a hash of the pod
   * template (FNV-1a, 32 bits), its decimal digits encoded with Kubernetes' safe alphabet.
   */
  static String revision(StatefulSet set) {
    byte[] template = Serialization.asJson(set.getSpec().getTemplate()).getBytes(StandardCharsets.UTF_8);
    int hash = 0x811c9dc5;
    for (byte b : template) {
      hash ^= b & 0xff;
      hash *= 0x01000193;
    }
    String digits = Integer.toUnsignedString(hash);
    String alphabet = "bcdfghjklmnpqrstvwxz2456789";
    StringBuilder encoded = new StringBuilder();
    for (char c : digits.toCharArray()) {
      encoded.append(alphabet.charAt(c % alphabet.length()));
    }
    return set.getMetadata().getName() + "-" + encoded;
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
    try {
      worker.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
