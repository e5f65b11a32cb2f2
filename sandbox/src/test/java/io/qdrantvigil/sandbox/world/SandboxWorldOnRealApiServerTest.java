package io.qdrantvigil.sandbox.world;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSetStatus;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.Watch;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.WatcherException;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.qdrantvigil.sandbox.kube.Kubectl;
import io.qdrantvigil.sandbox.kube.KubectlStream;
import io.qdrantvigil.sandbox.kube.SharedKubeApiServer;
import io.qdrantvigil.sandbox.qdrant.SimClock;
import io.qdrantvigil.sandbox.qdrant.SimulatedNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The demo world (a StatefulSet {@code qdrant} whose pods stand for the simulated nodes) on the real
 * kube-apiserver, driven with the real kubectl 1.20: what {@code get} and {@code get -w} print, and the
 * StatefulSet controller behaviours the sandbox plays (a deleted pod comes back, scale, rollout restart),
 * plus the QdrantClusterWatch custom resource's kubectl flows against the CRD (no operator runs here).
 * The apiserver is shared with the other real-apiserver tests; a fresh namespace and simulated cluster per test.
 */
class SandboxWorldOnRealApiServerTest {

  private static final Duration WAIT = Duration.ofSeconds(60);
  private static final String CRD_NAME = "qdrantclusterwatches.qdrantvigil.io";
  private static final String QCW_API = "qdrantvigil.io/v1alpha1";
  private static final String QCW_KIND = "QdrantClusterWatch";
  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  @RegisterExtension
  final WorldInFreshNamespace world = new WorldInFreshNamespace("w-");

  @BeforeAll
  static void installTheCrd() {
    KubernetesClient client = SharedKubeApiServer.client();
    // The sandbox must not depend on the operator: the CRD comes from the repository's crds/ folder.
    Path crdFile = Path.of("").toAbsolutePath().getParent()
        .resolve("crds").resolve(CRD_NAME + "-v1.yml");
    CustomResourceDefinition crd = client.apiextensions().v1().customResourceDefinitions()
        .load(crdFile.toFile()).item();
    client.apiextensions().v1().customResourceDefinitions().resource(crd).create();
    Kubectl.Result established = SharedKubeApiServer.get().kubectl()
        .run("wait", "--for=condition=Established", "crd/" + CRD_NAME, "--timeout=60s");
    assertThat(established.exitCode()).as(established.toString()).isZero();
  }

  @BeforeEach
  void createWorld() {
    // The real clock: a restarted node is Ready once its /readyz says so, which takes simulated time.
    world.create(SimClock.system(), SandboxWorld.Options.defaults());
  }

  // ---- 1. the world ----

  @Test
  void theWorldIsAStatefulSetOfReadyPodsPointingAtTheSimulatedNodes() throws Exception {
    String pods = world.kubectl("get", "pods").stdout();
    assertThat(pods).containsPattern("NAME\\s+READY\\s+STATUS\\s+RESTARTS\\s+AGE");
    for (int ordinal = 0; ordinal < 3; ordinal++) {
      assertThat(pods).containsPattern("(?m)^qdrant-" + ordinal + "\\s+1/1\\s+Running\\s+0\\s+");
    }
    assertThat(pods.lines().filter(l -> l.startsWith("qdrant-")).count()).isEqualTo(3);
    await().atMost(WAIT).untilAsserted(() -> assertThat(world.kubectl("get", "sts").stdout())
        .containsPattern("NAME\\s+READY\\s+AGE").containsPattern("(?m)^qdrant\\s+3/3\\s+"));

    StatefulSet set = world.statefulSet();
    StatefulSetStatus status = set.getStatus();
    assertThat(status.getObservedGeneration()).isEqualTo(set.getMetadata().getGeneration());
    assertThat(List.of(status.getReplicas(), status.getReadyReplicas(), status.getCurrentReplicas(),
        status.getUpdatedReplicas())).containsOnly(3);
    assertThat(status.getCurrentRevision()).startsWith("qdrant-").isEqualTo(status.getUpdateRevision());

    for (int ordinal = 0; ordinal < 3; ordinal++) {
      SimulatedNode node = world.cluster().node(ordinal);
      Pod pod = world.pod("qdrant-" + ordinal);
      assertThat(pod.getMetadata().getLabels()).containsEntry("app", "qdrant")
          .containsEntry("statefulset.kubernetes.io/pod-name", "qdrant-" + ordinal)
          .containsEntry("controller-revision-hash", status.getUpdateRevision());
      assertThat(pod.getMetadata().getOwnerReferences()).singleElement().satisfies(owner -> {
        assertThat(owner.getKind()).isEqualTo("StatefulSet");
        assertThat(owner.getName()).isEqualTo("qdrant");
        assertThat(owner.getUid()).isEqualTo(set.getMetadata().getUid());
        assertThat(owner.getController()).isTrue();
      });
      assertThat(pod.getStatus().getPhase()).isEqualTo("Running");
      assertThat(pod.getStatus().getPodIP()).isEqualTo("127.0.0.1");
      Map<String, Integer> ports = pod.getSpec().getContainers().get(0).getPorts().stream()
          .collect(Collectors.toMap(p -> p.getName(), p -> p.getContainerPort()));
      assertThat(ports).containsEntry("http", node.port()).containsKeys("grpc", "p2p");
      HttpResponse<String> answer = get(pod.getStatus().getPodIP(), ports.get("http"), "/cluster");
      assertThat(answer.statusCode()).isEqualTo(200);
      assertThat(answer.body()).contains("\"peer_id\":" + node.peerId());
    }
  }

  // ---- 2. a deleted pod comes back ----

  @Test
  void aDeletedPodComesBackPendingThenReadyAndItsNodeRestartsWithTheSamePeerId() throws Exception {
    String peerId = world.cluster().node(1).peerId();
    String uid = world.uid("qdrant-1");
    try (KubectlStream watch = watchPods()) {
      assertThat(world.kubectl("delete", "pod", "qdrant-1").stdout()).contains("pod \"qdrant-1\" deleted");
      await().atMost(WAIT).until(() -> world.pod("qdrant-1") != null && !uid.equals(world.uid("qdrant-1")));
      assertThat(world.kubectl("wait", "--for=condition=Ready", "pod/qdrant-1", "--timeout=60s").stdout())
          .contains("condition met");

      assertThat(world.cluster().node(1).peerId()).isEqualTo(peerId);
      assertThat(world.cluster().node(1).isRunning()).isTrue();
      assertThat(get("127.0.0.1", world.cluster().node(1).port(), "/cluster").body()).contains("\"peer_id\":" + peerId);
      // What kubectl get -w showed: the pod deleted, back Pending and not ready, then Running and Ready.
      await().atMost(WAIT).untilAsserted(() -> assertThat(afterDeletion(eventsOf(watch, "qdrant-1")))
          .extracting(PodLine::event, PodLine::status, PodLine::ready)
          .containsSubsequence(tuple("ADDED", "Pending", false), tuple("MODIFIED", "Running", true)));
      assertThat(eventsOf(watch, "qdrant-0")).extracting(PodLine::event).containsOnly("ADDED");
      assertThat(eventsOf(watch, "qdrant-2")).extracting(PodLine::event).containsOnly("ADDED");
    }
    await().atMost(WAIT).untilAsserted(() -> assertThat(world.kubectl("get", "sts").stdout())
        .containsPattern("(?m)^qdrant\\s+3/3\\s+"));
  }

  // ---- 3. scale up and down ----

  @Test
  void scalingUpJoinsAFreshPeerAndScalingDownLeavesItInTheMembership() {
    Set<String> peersBefore = world.cluster().nodes().stream().map(SimulatedNode::peerId).collect(Collectors.toSet());
    assertThat(world.kubectl("scale", "sts", "qdrant", "--replicas=4").stdout())
        .contains("statefulset.apps/qdrant scaled");
    await().atMost(WAIT).until(() -> world.pod("qdrant-3") != null);
    world.kubectl("wait", "--for=condition=Ready", "pod/qdrant-3", "--timeout=60s");
    assertThat(world.cluster().nodes()).hasSize(4);
    SimulatedNode added = world.cluster().node(3);
    assertThat(added.isRunning()).isTrue();
    assertThat(peersBefore).doesNotContain(added.peerId());
    assertThat(containerPort(world.pod("qdrant-3"), "http")).isEqualTo(added.port());
    await().atMost(WAIT).until(() -> world.cluster().node(0).raft().peers().contains(added.peerId()));
    await().atMost(WAIT).untilAsserted(() -> assertThat(world.kubectl("get", "sts").stdout())
        .containsPattern("(?m)^qdrant\\s+4/4\\s+"));

    assertThat(world.kubectl("scale", "sts", "qdrant", "--replicas=3").stdout())
        .contains("statefulset.apps/qdrant scaled");
    await().atMost(WAIT).until(() -> world.pod("qdrant-3") == null && world.cluster().nodes().size() == 3);
    assertThat(added.isRunning()).isFalse();
    for (int ordinal = 0; ordinal < 3; ordinal++) {
      assertThat(world.cluster().node(ordinal).raft().peers()).as("node %d's membership", ordinal)
          .contains(added.peerId());
    }
    assertThat(world.pod("qdrant-0")).isNotNull();
    assertThat(world.kubectl("get", "pods").stdout()).doesNotContain("qdrant-3");
    await().atMost(WAIT).untilAsserted(() -> assertThat(world.kubectl("get", "sts").stdout())
        .containsPattern("(?m)^qdrant\\s+3/3\\s+"));
    assertThat(world.statefulSet().getStatus().getReplicas()).isEqualTo(3);
  }

  // ---- 4. rollout restart ----

  @Test
  void rolloutRestartReplacesEveryPodOneAtATimeFromTheHighestOrdinal() {
    Map<String, String> before = podUids();
    String revisionBefore = world.statefulSet().getStatus().getCurrentRevision();
    List<StatefulSetStatus> statuses = new CopyOnWriteArrayList<>();
    try (KubectlStream watch = watchPods();
        Watch setWatch = setResource().watch(recording(statuses))) {
      assertThat(world.kubectl("rollout", "restart", "sts", "qdrant").stdout())
          .contains("statefulset.apps/qdrant restarted");
      // rollout status reads only the StatefulSet's status: it returns once that says the rollout is done.
      Kubectl.Result rollout = world.kubectl("rollout", "status", "sts", "qdrant", "--timeout=50s");
      assertThat(rollout.stdout()).contains("roll out complete");
      Map<String, String> after = podUids();
      assertThat(after.keySet()).containsExactlyInAnyOrderElementsOf(before.keySet());
      before.forEach((name, uid) -> assertThat(after.get(name)).as(name + "'s uid").isNotEqualTo(uid));
      world.kubectl("wait", "--for=condition=Ready", "pod", "--all", "--timeout=60s");

      StatefulSet set = world.statefulSet();
      String restartedAt = set.getSpec().getTemplate().getMetadata().getAnnotations()
          .get(StatefulSetController.RESTARTED_AT);
      assertThat(restartedAt).isNotBlank();
      assertThat(set.getStatus().getUpdateRevision()).isNotEqualTo(revisionBefore)
          .isEqualTo(set.getStatus().getCurrentRevision());
      for (String name : before.keySet()) {
        Pod pod = world.pod(name);
        assertThat(pod.getMetadata().getLabels()).containsEntry("controller-revision-hash",
            set.getStatus().getUpdateRevision());
        assertThat(pod.getMetadata().getAnnotations()).containsEntry(StatefulSetController.RESTARTED_AT, restartedAt);
      }
      assertThat(world.cluster().nodes()).allSatisfy(n -> assertThat(n.isRunning()).isTrue());
      // The status followed the rollout through the status subresource: a new revision half rolled out.
      assertThat(statuses).anySatisfy(s -> {
        assertThat(s.getUpdateRevision()).isEqualTo(set.getStatus().getUpdateRevision());
        assertThat(s.getCurrentRevision()).isEqualTo(revisionBefore);
        assertThat(s.getUpdatedReplicas()).isBetween(1, 2);
      });

      // What kubectl get -w showed: deletions from the highest ordinal, never two pods down at once.
      await().atMost(WAIT).untilAsserted(() -> assertThat(afterDeletion(eventsOf(watch, "qdrant-0")))
          .extracting(PodLine::event, PodLine::status, PodLine::ready)
          .containsSubsequence(tuple("ADDED", "Pending", false), tuple("MODIFIED", "Running", true)));
      List<PodLine> lines = podLines(watch);
      assertThat(lines).filteredOn(l -> l.event().equals("DELETED")).extracting(PodLine::name)
          .containsExactly("qdrant-2", "qdrant-1", "qdrant-0");
      assertThat(maxPodsDownAtOnce(lines)).as(String.join("\n", watch.lines())).isEqualTo(1);
    }
    List<Instant> created = List.of("qdrant-2", "qdrant-1", "qdrant-0").stream()
        .map(name -> Instant.parse(world.pod(name).getMetadata().getCreationTimestamp())).toList();
    assertThat(created).isSorted();
  }

  // ---- 5. the custom resource with the real kubectl ----

  @Test
  void aQdrantClusterWatchIsAppliedAnnotatedPatchedAndItsStatusShowsInGetWaitAndWatch() {
    String manifest = """
        apiVersion: qdrantvigil.io/v1alpha1
        kind: QdrantClusterWatch
        metadata:
          name: prod
        spec:
          selector:
            matchLabels:
              app: qdrant
          interval: 2m
        """;
    assertThat(world.kubectlWithInput(manifest, "apply", "-f", "-").stdout())
        .contains("qdrantclusterwatch.qdrantvigil.io/prod created");
    assertThat(world.kubectl("get", "qcw").stdout())
        .containsPattern("NAME\\s+STATUS\\s+HEALTHY\\s+LEADER\\s+HEALTH%\\s+DATA\\s+WARNINGS\\s+AGE")
        .containsPattern("(?m)^prod\\s+");
    assertThat(qcw().get().getMetadata().getGeneration()).isEqualTo(1L);

    assertThat(world.kubectl("annotate", "qcw", "prod", "qdrantvigil.io/poll=now").stdout())
        .contains("qdrantclusterwatch.qdrantvigil.io/prod annotated");
    GenericKubernetesResource annotated = qcw().get();
    assertThat(annotated.getMetadata().getAnnotations()).containsEntry("qdrantvigil.io/poll", "now");
    assertThat(annotated.getMetadata().getGeneration()).as("an annotation is no spec change").isEqualTo(1L);

    assertThat(world.kubectl("patch", "qcw", "prod", "--type", "merge", "-p",
        "{\"spec\":{\"interval\":\"30s\"}}").stdout())
        .contains("qdrantclusterwatch.qdrantvigil.io/prod patched");
    GenericKubernetesResource patched = qcw().get();
    assertThat(spec(patched)).containsEntry("interval", "30s").containsKey("selector");
    assertThat(patched.getMetadata().getGeneration()).isEqualTo(2L);
    Kubectl.Result invalid = world.kubectlResult("patch", "qcw", "prod", "--type", "merge", "-p",
        "{\"spec\":{\"port\":\"not-a-number\"}}");
    assertThat(invalid.exitCode()).as("the CRD schema rejects it").isNotZero();
    assertThat(invalid.stderr()).contains("spec.port");
    Kubectl.Result statusThroughTheMainResource = world.kubectl("patch", "qcw", "prod", "--type", "merge", "-p",
        "{\"status\":{\"clusterStatus\":\"Bogus\"}}");
    assertThat(statusThroughTheMainResource.stdout()).contains("patched");
    assertThat(qcw().get().getAdditionalProperties().get("status")).as("status is a subresource").isNull();

    Kubectl.Result notYet = world.kubectlResult("wait", "--for=condition=Ready", "qcw/prod", "--timeout=1s");
    assertThat(notYet.exitCode()).as(notYet.toString()).isNotZero();

    String leader = world.cluster().leaderPeerId().orElse("1234");
    try (KubectlStream watch = world.kubectlStream("get", "qcw", "-w")) {
      await().atMost(WAIT).until(() -> watch.lines().stream().anyMatch(l -> l.startsWith("prod")));
      writeStatus("Healthy", "3/3", leader, 100.0, 0, "True");
      assertThat(world.kubectl("wait", "--for=condition=Ready", "qcw/prod", "--timeout=60s").stdout())
          .contains("qdrantclusterwatch.qdrantvigil.io/prod condition met");
      assertThat(world.kubectl("get", "qcw").stdout())
          .containsPattern("(?m)^prod\\s+Healthy\\s+3/3\\s+" + leader + "\\s+100\\s+0\\s+\\d+s$");
      assertThat(world.kubectl("get", "qcw", "-o", "wide").stdout())
          .containsPattern("DISCOVERY\\s+LAST POLL")
          .containsPattern("(?m)^prod\\s+Healthy\\s+3/3\\s+" + leader + "\\s+100\\s+0\\s+\\d+s\\s+pods\\s+\\d+s$");

      writeStatus("Degraded", "2/3", leader, 66.7, 1, "False");
      await().atMost(WAIT).untilAsserted(() -> assertThat(watch.lines())
          .anySatisfy(l -> assertThat(l).containsPattern("^prod\\s+Healthy\\s+3/3\\s+" + leader + "\\s+100\\s+0\\s+"))
          .anySatisfy(l -> assertThat(l).containsPattern("^prod\\s+Degraded\\s+2/3\\s+" + leader + "\\s+66.7\\s+1\\s+")));
      assertThat(watch.lines().get(0)).containsPattern("NAME\\s+STATUS\\s+HEALTHY\\s+LEADER\\s+HEALTH%\\s+DATA\\s+WARNINGS\\s+AGE");
      Kubectl.Result notReady = world.kubectlResult("wait", "--for=condition=Ready", "qcw/prod", "--timeout=1s");
      assertThat(notReady.exitCode()).as("Ready is False now: " + notReady).isNotZero();
    }
  }

  // ---- helpers ----






  private Resource<StatefulSet> setResource() {
    return world.client().apps().statefulSets().inNamespace(world.namespace()).withName("qdrant");
  }



  private Map<String, String> podUids() {
    return world.pods().stream().collect(Collectors.toMap(p -> p.getMetadata().getName(), p -> p.getMetadata().getUid()));
  }

  private static int containerPort(Pod pod, String name) {
    return pod.getSpec().getContainers().get(0).getPorts().stream().filter(p -> name.equals(p.getName()))
        .findFirst().orElseThrow().getContainerPort();
  }

  private static HttpResponse<String> get(String host, int port, String path) throws Exception {
    HttpRequest request = HttpRequest.newBuilder(URI.create("http://" + host + ":" + port + path))
        .timeout(Duration.ofSeconds(5)).GET().build();
    return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
  }

  /** {@code kubectl get pods -w --output-watch-events}, once it has printed the three pods it starts with. */
  private KubectlStream watchPods() {
    KubectlStream stream = world.kubectlStream("get", "pods", "-w", "--output-watch-events");
    await().atMost(WAIT).until(() -> podLines(stream).size() >= 3);
    return stream;
  }

  /** One line of {@code kubectl get pods -w --output-watch-events}: EVENT NAME READY STATUS RESTARTS AGE. */
  record PodLine(String event, String name, boolean ready, String status) {

    boolean running() {
      return status.equals("Running");
    }

    static PodLine parse(String line) {
      String[] columns = line.trim().split("\\s+");
      if (columns.length < 4 || !Set.of("ADDED", "MODIFIED", "DELETED").contains(columns[0])) {
        return null;
      }
      String[] ready = columns[2].split("/");
      return new PodLine(columns[0], columns[1], ready.length == 2 && ready[0].equals(ready[1]), columns[3]);
    }
  }

  private static List<PodLine> podLines(KubectlStream stream) {
    return stream.lines().stream().map(PodLine::parse).filter(l -> l != null).toList();
  }

  private static List<PodLine> eventsOf(KubectlStream stream, String pod) {
    return podLines(stream).stream().filter(l -> l.name().equals(pod)).toList();
  }

  /** The lines after the first DELETED one; none while there is none. */
  private static List<PodLine> afterDeletion(List<PodLine> lines) {
    int deleted = lines.stream().map(PodLine::event).toList().indexOf("DELETED");
    return deleted < 0 ? List.of() : lines.subList(deleted + 1, lines.size());
  }

  /** Replays the watch: how many of the pods were at most absent or not ready at the same time. */
  private static int maxPodsDownAtOnce(List<PodLine> lines) {
    Map<String, Boolean> up = new LinkedHashMap<>();
    int max = 0;
    for (PodLine line : lines) {
      // Terminating (deletion started) or gone, Pending or ContainerCreating, or not ready: down.
      up.put(line.name(), !line.event().equals("DELETED") && line.ready() && line.running());
      max = Math.max(max, (int) up.values().stream().filter(u -> !u).count());
    }
    return max;
  }

  private static Watcher<StatefulSet> recording(List<StatefulSetStatus> statuses) {
    return new Watcher<>() {
      @Override
      public void eventReceived(Action action, StatefulSet set) {
        if (set.getStatus() != null) {
          statuses.add(set.getStatus());
        }
      }

      @Override
      public void onClose(WatcherException cause) {
      }
    };
  }

  private Resource<GenericKubernetesResource> qcw() {
    return world.client().genericKubernetesResources(QCW_API, QCW_KIND).inNamespace(world.namespace()).withName("prod");
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> spec(GenericKubernetesResource resource) {
    return (Map<String, Object>) resource.getAdditionalProperties().get("spec");
  }

  /** What the operator would write, through the status subresource. */
  private void writeStatus(String clusterStatus, String healthy, String leader, double health, int warnings,
      String ready) {
    GenericKubernetesResource current = qcw().get();
    Map<String, Object> status = new LinkedHashMap<>();
    status.put("clusterStatus", clusterStatus);
    status.put("healthyNodes", healthy);
    status.put("leader", leader);
    status.put("healthPercentage", health);
    status.put("warningCount", warnings);
    status.put("discovery", "pods");
    status.put("lastPollTime", Instant.now().toString());
    status.put("observedGeneration", current.getMetadata().getGeneration());
    status.put("conditions", List.of(Map.of("type", "Ready", "status", ready, "reason", clusterStatus,
        "message", healthy + " nodes healthy", "lastTransitionTime", Instant.now().toString(),
        "observedGeneration", current.getMetadata().getGeneration())));
    current.getAdditionalProperties().put("status", status);
    world.client().genericKubernetesResources(QCW_API, QCW_KIND).inNamespace(world.namespace()).resource(current)
        .updateStatus();
  }
}
