package io.qdrantvigil.sandbox.world;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.apps.RollingUpdateStatefulSetStrategy;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSetUpdateStrategy;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.qdrantvigil.sandbox.qdrant.SimulatedCluster;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Plays the StatefulSet controller for the sandbox's one StatefulSet (there is no controller-manager), pass
 * by pass as the real one's {@code updateStatefulSet} does. It is level-triggered: every pod or StatefulSet
 * event, and a periodic resync, compares the pods with the spec:
 * <ul>
 *   <li>a missing pod is created (a deleted or evicted pod comes back; its node restarts with the same
 *       peer id), at the update revision, or at the current one below the rolling update's partition;</li>
 *   <li>pods above {@code replicas} are deleted highest ordinal first; a new ordinal's node joins with a
 *       fresh peer id and a removed one stays in the Raft membership;</li>
 *   <li>with {@code podManagementPolicy: OrderedReady} each creation or deletion waits for every pod before
 *       it to be Running and Ready; with {@code Parallel} they all happen at once;</li>
 *   <li>under {@code RollingUpdate}, the highest ordinal at or above {@code partition} whose
 *       {@code controller-revision-hash} is not the template's revision (for instance after a new
 *       {@code kubectl.kubernetes.io/restartedAt} annotation) is replaced, one pod at a time whatever the
 *       policy; {@code OnDelete} replaces nothing.</li>
 * </ul>
 * Pod phases and readiness are the {@link Kubelet}'s, the status is the {@link StatefulSetStatusUpdater}'s.
 * All of it runs on one thread.
 */
final class StatefulSetController implements AutoCloseable {

  static final String RESTARTED_AT = "kubectl.kubernetes.io/restartedAt";
  static final String REVISION_LABEL = "controller-revision-hash";
  private static final Logger LOG = LoggerFactory.getLogger(StatefulSetController.class);

  private final KubernetesClient client;
  private final String namespace;
  private final ControllerLoop loop;
  private final Kubelet kubelet;
  private final StatefulSetStatusUpdater statusUpdater;
  private final Pattern podName = Pattern.compile(Pattern.quote(QdrantPods.NAME) + "-(\\d+)");
  /** The templates by revision, as the real controller keeps them in ControllerRevisions. */
  private final Map<String, PodTemplateSpec> templates = new HashMap<>();

  StatefulSetController(KubernetesClient client, SimulatedCluster cluster, String namespace, Duration startDelay) {
    this.client = client;
    this.namespace = namespace;
    this.loop = new ControllerLoop("sandbox-statefulset-controller", this::sync);
    this.kubelet = new Kubelet(client, cluster, namespace, startDelay, loop);
    this.statusUpdater = new StatefulSetStatusUpdater(client, namespace, loop);
  }

  /** Creates the world's first pods at once, their nodes already running, as a cluster that exists. */
  void createInitialPods(StatefulSet set) {
    String revision = revision(set);
    templates.put(revision, set.getSpec().getTemplate());
    for (int ordinal = 0; ordinal < set.getSpec().getReplicas(); ordinal++) {
      createPod(set, ordinal, revision, false);
    }
  }

  void start() {
    loop.watch(client.pods().inNamespace(namespace).withLabels(QdrantPods.LABELS), "pod");
    loop.watch(client.apps().statefulSets().inNamespace(namespace).withName(QdrantPods.NAME), "statefulset");
    kubelet.start();
    loop.start();
  }

  private void sync() {
    StatefulSet set = client.apps().statefulSets().inNamespace(namespace).withName(QdrantPods.NAME).get();
    if (set == null || set.getMetadata().getDeletionTimestamp() != null) {
      return;
    }
    Map<Integer, Pod> pods = ownedPods(set);
    kubelet.sync(pods, set.getSpec().getReplicas());
    String updateRevision = revision(set);
    templates.putIfAbsent(updateRevision, set.getSpec().getTemplate());
    String currentRevision = set.getStatus() != null && set.getStatus().getCurrentRevision() != null
        ? set.getStatus().getCurrentRevision() : updateRevision;
    update(set, pods, currentRevision, updateRevision);
    statusUpdater.write(set, pods, currentRevision, updateRevision);
  }

  private void update(StatefulSet set, Map<Integer, Pod> pods, String currentRevision, String updateRevision) {
    int replicas = set.getSpec().getReplicas();
    boolean monotonic = !"Parallel".equals(set.getSpec().getPodManagementPolicy());
    Integer partition = partition(set);
    for (int ordinal = 0; ordinal < replicas; ordinal++) {
      Pod pod = pods.get(ordinal);
      if (pod == null) {
        String revision = partition != null && ordinal < partition ? currentRevision : updateRevision;
        LOG.info("{}/{}-{} missing: creating it at revision {}", namespace, QdrantPods.NAME, ordinal, revision);
        createPod(set, ordinal, revision, true);
        if (monotonic) {
          return;
        }
        continue;
      }
      if (monotonic && (isTerminating(pod) || !isRunningAndReady(pod))) {
        return;
      }
    }
    if (!deleteCondemned(pods, replicas, monotonic)) {
      return;
    }
    StatefulSetUpdateStrategy strategy = set.getSpec().getUpdateStrategy();
    if (strategy != null && "OnDelete".equals(strategy.getType())) {
      return;
    }
    for (int ordinal = replicas - 1; ordinal >= (partition == null ? 0 : partition); ordinal--) {
      Pod pod = pods.get(ordinal);
      if (pod == null) {
        return;
      }
      if (!updateRevision.equals(revisionOf(pod)) && !isTerminating(pod)) {
        LOG.info("rolling update: replacing {}/{} (revision {} -> {})", namespace, pod.getMetadata().getName(),
            revisionOf(pod), updateRevision);
        delete(pod);
        return;
      }
      if (isTerminating(pod) || !isRunningAndReady(pod)) {
        return;
      }
    }
  }

  /**
   * Deletes the pods above {@code replicas}, highest ordinal first: all at once, or (monotonic) one per
   * pass, a pod not Running and Ready only when it is the first unhealthy one. True when nothing waits.
   */
  private boolean deleteCondemned(Map<Integer, Pod> pods, int replicas, boolean monotonic) {
    List<Integer> condemned = pods.keySet().stream().filter(o -> o >= replicas).sorted().toList();
    Integer firstUnhealthy = condemned.stream().filter(o -> !isRunningAndReady(pods.get(o))).findFirst().orElse(null);
    for (int i = condemned.size() - 1; i >= 0; i--) {
      int ordinal = condemned.get(i);
      Pod pod = pods.get(ordinal);
      if (isTerminating(pod)) {
        if (monotonic) {
          return false;
        }
        continue;
      }
      if (monotonic && !isRunningAndReady(pod) && !Integer.valueOf(ordinal).equals(firstUnhealthy)) {
        return false;
      }
      LOG.info("scaling down: deleting {}/{}; its peer stays in the Raft membership", namespace,
          pod.getMetadata().getName());
      delete(pod);
      if (monotonic) {
        return false;
      }
    }
    return true;
  }

  /** Creates pod {@code ordinal} at {@code revision}, from that revision's template; the kubelet takes it. */
  private void createPod(StatefulSet set, int ordinal, String revision, boolean nodeDownUntilRunning) {
    int port = kubelet.prepareNode(ordinal, nodeDownUntilRunning);
    PodTemplateSpec template = templates.getOrDefault(revision, set.getSpec().getTemplate());
    Pod pod = QdrantPods.pod(set, template, ordinal, port);
    pod.getMetadata().getLabels().put(REVISION_LABEL, revision);
    Map<String, String> templateAnnotations = template.getMetadata().getAnnotations();
    if (templateAnnotations != null && !templateAnnotations.isEmpty()) {
      pod.getMetadata().setAnnotations(new HashMap<>(templateAnnotations));
    }
    kubelet.admit(client.pods().inNamespace(namespace).resource(pod).create());
  }

  private void delete(Pod pod) {
    client.pods().inNamespace(namespace).withName(pod.getMetadata().getName()).delete();
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

  private static Integer partition(StatefulSet set) {
    StatefulSetUpdateStrategy strategy = set.getSpec().getUpdateStrategy();
    RollingUpdateStatefulSetStrategy rolling = strategy == null ? null : strategy.getRollingUpdate();
    return rolling == null ? null : rolling.getPartition();
  }

  private static boolean isTerminating(Pod pod) {
    return pod.getMetadata().getDeletionTimestamp() != null;
  }

  static boolean isRunningAndReady(Pod pod) {
    return pod.getStatus() != null && "Running".equals(pod.getStatus().getPhase()) && QdrantPods.isReady(pod);
  }

  static String revisionOf(Pod pod) {
    return pod.getMetadata().getLabels() == null ? null : pod.getMetadata().getLabels().get(REVISION_LABEL);
  }

  static String revision(StatefulSet set) {
    return PodTemplateRevision.of(set.getMetadata().getName(), set.getSpec().getTemplate());
  }

  @Override
  public void close() {
    loop.close();
  }
}
