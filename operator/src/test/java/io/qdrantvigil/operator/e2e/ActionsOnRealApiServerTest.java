package io.qdrantvigil.operator.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.qdrantvigil.operator.OperatorSettings;
import io.qdrantvigil.operator.VigilOperator;
import io.qdrantvigil.operator.api.ActionRecord;
import io.qdrantvigil.operator.api.QdrantClusterWatchSpec;
import io.qdrantvigil.operator.api.QdrantClusterWatchStatus;
import io.qdrantvigil.sandbox.kube.KubeApiServer;
import io.qdrantvigil.sandbox.kube.Kubectl;
import io.qdrantvigil.sandbox.qdrant.ClusterOptions;
import io.qdrantvigil.sandbox.qdrant.ReplicaState;
import io.qdrantvigil.sandbox.qdrant.SimulatedNode;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;

/**
 * The common ground of the {@code Actions*OnRealApiServerTest} classes: the shared real apiserver, a
 * user who acts with the real kubectl (1.20.2, the apiserver's version), and one in-process operator
 * per class, unless the class runs its own ({@link #startsOperator()} false) or gives it another
 * client ({@link #operatorClient()}). Each test builds its own sandbox namespace with a watch
 * {@code prod}. Not a test itself (abstract).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class ActionsOnRealApiServerTest {

  static final Duration WAIT = Duration.ofSeconds(40);
  static final String WATCH = "prod";
  static final String PREFIX = "qdrantvigil.io/";
  private static final Set<ReplicaState> READABLE = Set.of(ReplicaState.Active, ReplicaState.ActiveRead,
      ReplicaState.ReshardingScaleDown);

  KubeApiServer server;
  /** The user's client: what the test reads and changes. */
  KubernetesClient client;
  VigilOperator operator;
  SandboxCase sandbox;
  private KubernetesClient operatorClient;
  private final AtomicInteger intakes = new AtomicInteger();

  @BeforeAll
  void startSharedOperator() throws IOException {
    server = RealApiServer.shared();
    client = server.newClient();
    if (startsOperator()) {
      operatorClient = operatorClient();
      operator = startOperator(getClass().getSimpleName());
    }
  }

  @AfterEach
  void closeSandbox() {
    if (sandbox != null) {
      sandbox.close();
      sandbox = null;
    }
  }

  @AfterAll
  void stopOperator() {
    if (operator != null) {
      operator.close();
      operator = null;
    }
    if (operatorClient != null && operatorClient != client) {
      operatorClient.close();
    }
    client.close();
  }

  /** Whether the class shares one operator across its tests (started before the first). */
  boolean startsOperator() {
    return true;
  }

  /** The client the operator talks to Kubernetes with. */
  KubernetesClient operatorClient() {
    return client;
  }

  /** A new operator process (in this JVM), without leader election: one at a time. */
  VigilOperator startOperator(String identity) throws IOException {
    KubernetesClient forOperator = operatorClient != null ? operatorClient : client;
    return new VigilOperator(forOperator, new OperatorSettings(0, Set.of(), null, false, "default", identity));
  }

  // ---- the world ----

  /** A fresh sandbox with a watch {@code prod} polling every 5 s, once that watch reads Healthy. */
  SandboxCase healthySandbox(ClusterOptions options) {
    return healthySandbox(options, SandboxCase.spec("5s", "2s"));
  }

  SandboxCase healthySandbox(ClusterOptions options, QdrantClusterWatchSpec spec) {
    sandbox = new SandboxCase(client, options);
    sandbox.createWatch(WATCH, spec);
    awaitStatus(s -> QdrantClusterWatchStatus.HEALTHY.equals(s.clusterStatus()));
    return sandbox;
  }

  QdrantClusterWatchStatus awaitStatus(Predicate<QdrantClusterWatchStatus> done) {
    await().atMost(WAIT).until(() -> {
      QdrantClusterWatchStatus status = sandbox.status(WATCH);
      return status != null && done.test(status);
    });
    return sandbox.status(WATCH);
  }

  /**
   * Waits for the watch to read as {@code done}, moving the simulated Raft clock on 500 ms at a
   * time (heartbeats, promotions and elections happen only when it moves).
   */
  QdrantClusterWatchStatus awaitStatusAdvancingClock(Predicate<QdrantClusterWatchStatus> done) {
    advancingClockUntil(WAIT, () -> {
      QdrantClusterWatchStatus status = sandbox.status(WATCH);
      return status != null && done.test(status);
    });
    return sandbox.status(WATCH);
  }

  /** Moves the simulated clock on 500 ms every 250 ms until {@code done}. */
  void advancingClockUntil(Duration atMost, Callable<Boolean> done) {
    await().atMost(atMost).pollInterval(Duration.ofMillis(250)).until(() -> {
      sandbox.cluster.clock().advance(Duration.ofMillis(500));
      return done.call();
    });
  }

  /**
   * Makes the operator reconcile the watch once more and waits until that reconcile's action intake
   * has finished: a {@code poll} request is answered after the annotations before it in key order
   * ({@code delete-pod}, {@code recover}, ...) were looked at. (lastPollTime cannot tell: an unchanged
   * status is written at most once a minute.)
   */
  void awaitAnotherIntake() {
    String value = "again-" + intakes.incrementAndGet();
    annotate("poll=" + value);
    assertThat(awaitRecord("poll", value).outcome()).isEqualTo("Succeeded");
  }

  Pod pod(String name) {
    return client.pods().inNamespace(sandbox.namespace).withName(name).get();
  }

  String uid(String pod) {
    Pod found = pod(pod);
    return found == null ? null : found.getMetadata().getUid();
  }

  StatefulSet statefulSet(String name) {
    return client.apps().statefulSets().inNamespace(sandbox.namespace).withName(name).get();
  }

  /** The pod is there again under a new uid and Running (its StatefulSet brought it back). */
  void awaitReplaced(String pod, String oldUid) {
    await().atMost(WAIT).until(() -> {
      Pod now = pod(pod);
      return now != null && !oldUid.equals(now.getMetadata().getUid()) && now.getStatus() != null
          && "Running".equals(now.getStatus().getPhase());
    });
  }

  // ---- the user's side: the real kubectl ----

  /** {@code kubectl ARGS -n NAMESPACE}, which must succeed. */
  Kubectl.Result kubectl(String... args) {
    List<String> withNamespace = new ArrayList<>(Arrays.asList(args));
    withNamespace.add("-n");
    withNamespace.add(sandbox.namespace);
    Kubectl.Result result = server.kubectl().run(withNamespace.toArray(String[]::new));
    assertThat(result.exitCode()).as("kubectl %s: %s", withNamespace, result).isZero();
    return result;
  }

  Kubectl.Result kubectlWithInput(String stdin, String... args) {
    List<String> withNamespace = new ArrayList<>(Arrays.asList(args));
    withNamespace.add("-n");
    withNamespace.add(sandbox.namespace);
    Kubectl.Result result = server.kubectl().runWithInput(stdin, withNamespace.toArray(String[]::new));
    assertThat(result.exitCode()).as("kubectl %s: %s", withNamespace, result).isZero();
    return result;
  }

  /** {@code kubectl annotate qcw prod --overwrite qdrantvigil.io/ACTION=VALUE ...}, pairs as "ACTION=VALUE". */
  void annotate(String... actionEqualsValue) {
    List<String> args = new ArrayList<>(List.of("annotate", "qcw", WATCH, "--overwrite"));
    for (String pair : actionEqualsValue) {
      args.add(PREFIX + pair);
    }
    kubectl(args.toArray(String[]::new));
  }

  /** The watch's annotations as {@code kubectl get -o jsonpath} prints them. */
  String annotationsViaKubectl() {
    return kubectl("get", "qcw", WATCH, "-o", "jsonpath={.metadata.annotations}").stdout();
  }

  // ---- what the operator recorded ----

  List<ActionRecord> records() {
    QdrantClusterWatchStatus status = sandbox.status(WATCH);
    return status == null || status.actions() == null ? List.of() : status.actions();
  }

  List<ActionRecord> records(String action) {
    return records().stream().filter(r -> action.equals(r.action())).toList();
  }

  /** The finished record of exactly this request (action and value as recorded), once there is one. */
  ActionRecord awaitRecord(String action, String request) {
    await().atMost(WAIT).until(() -> finished(action, request).isPresent());
    return finished(action, request).orElseThrow();
  }

  /**
   * {@link #awaitRecord} while the simulated clock moves on 500 ms every 250 ms (transfers, recoveries
   * and elections move only with it), running {@code atEachPoll} at every poll of the test.
   */
  ActionRecord awaitRecordAdvancingClock(String action, String request, Duration atMost, Runnable atEachPoll) {
    advancingClockUntil(atMost, () -> {
      atEachPoll.run();
      return finished(action, request).isPresent();
    });
    return finished(action, request).orElseThrow();
  }

  /**
   * The shards, as {@code collection/shard}, that no running node serves now: no replica in a readable
   * state on a peer whose node runs (the simulator's truth, not the operator's view).
   */
  List<String> unreadableShards() {
    Set<String> running = new TreeSet<>();
    sandbox.cluster.nodes().stream().filter(SimulatedNode::isRunning).forEach(n -> running.add(n.peerId()));
    List<String> unreadable = new ArrayList<>();
    for (String collection : sandbox.cluster.collectionNames()) {
      sandbox.cluster.replicaStates(collection).forEach((shard, replicas) -> {
        boolean served = replicas.entrySet().stream().anyMatch(r -> running.contains(r.getKey())
            && READABLE.contains(r.getValue()));
        if (!served) {
          unreadable.add(collection + "/" + shard);
        }
      });
    }
    return unreadable;
  }

  /** The simulated nodes that hold a replica of the shard ({@code holding}) or hold none, by ordinal. */
  List<SimulatedNode> nodes(String collection, int shard, boolean holding) {
    Map<String, ReplicaState> replicas = sandbox.cluster.replicaStates(collection).get(shard);
    return sandbox.cluster.nodes().stream().filter(n -> replicas.containsKey(n.peerId()) == holding).toList();
  }

  /** Adds each message of a Running record of the request not seen before, in the order seen. */
  void collectProgress(String action, String request, List<String> progress) {
    records(action).stream().filter(r -> request.equals(r.request()) && "Running".equals(r.outcome()))
        .map(ActionRecord::message).filter(m -> !progress.contains(m)).forEach(progress::add);
  }

  private Optional<ActionRecord> finished(String action, String request) {
    return records().stream().filter(r -> action.equals(r.action()) && request.equals(r.request())
        && !"Running".equals(r.outcome())).findFirst();
  }

  List<Event> events() {
    return client.v1().events().inNamespace(sandbox.namespace).list().getItems().stream()
        .filter(e -> e.getInvolvedObject() != null && WATCH.equals(e.getInvolvedObject().getName())
            && "QdrantClusterWatch".equals(e.getInvolvedObject().getKind()))
        .toList();
  }

  List<Event> actionEvents(String reason, String containing) {
    return events().stream()
        .filter(e -> reason.equals(e.getReason()) && e.getMessage() != null && e.getMessage().contains(containing))
        .toList();
  }

  /** The Event of an outcome on the watch: {@code type} Normal or Warning, reason {@code Action<Outcome>}. */
  Event awaitEvent(String type, String reason, String containing) {
    await().atMost(WAIT).until(() -> !actionEvents(reason, containing).isEmpty());
    Event event = actionEvents(reason, containing).get(0);
    assertThat(event.getType()).as("type of %s", event.getMessage()).isEqualTo(type);
    assertThat(event.getSource().getComponent()).isEqualTo("qdrant-vigil");
    return event;
  }

  /** The keys of the watch's {@code qdrantvigil.io/} annotations, as kubectl shows them. */
  Set<String> actionAnnotationKeys() {
    String json = annotationsViaKubectl();
    if (json.isBlank()) {
      return Set.of();
    }
    try {
      Set<String> keys = new TreeSet<>();
      new ObjectMapper().readTree(json).fieldNames().forEachRemaining(keys::add);
      keys.removeIf(k -> !k.startsWith(PREFIX));
      return keys;
    } catch (JsonProcessingException e) {
      throw new AssertionError("kubectl printed annotations that are not JSON: " + json, e);
    }
  }

  /** The operator took every request: no {@code qdrantvigil.io/} annotation is left (kubectl's view). */
  void assertNoActionAnnotationLeft() {
    assertThat(actionAnnotationKeys()).isEmpty();
  }
}
