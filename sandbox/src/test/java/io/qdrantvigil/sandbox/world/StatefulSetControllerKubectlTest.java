package io.qdrantvigil.sandbox.world;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.qdrantvigil.sandbox.kube.KubeApiServer;
import io.qdrantvigil.sandbox.kube.Kubectl;
import io.qdrantvigil.sandbox.qdrant.ClusterOptions;
import io.qdrantvigil.sandbox.qdrant.SimulatedCluster;
import java.nio.file.Files;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The sandbox's StatefulSet behaviours, driven with the real kubectl on the real apiserver. */
class StatefulSetControllerKubectlTest {

  private static final Duration WAIT = Duration.ofSeconds(45);
  private static KubeApiServer server;
  private static KubernetesClient client;
  private SimulatedCluster cluster;
  private SandboxWorld world;
  private String namespace;

  @BeforeAll
  static void startApiServer() throws Exception {
    server = KubeApiServer.start(Files.createTempDirectory("vigil-world"));
    client = server.newClient();
  }

  @AfterAll
  static void stopApiServer() {
    client.close();
    server.close();
  }

  @BeforeEach
  void createWorld() {
    namespace = "w-" + UUID.randomUUID().toString().substring(0, 8);
    cluster = SimulatedCluster.start(ClusterOptions.defaults());
    world = SandboxWorld.create(client, cluster, namespace);
    kubectl("wait", "--for=condition=Ready", "pod", "--all", "--timeout=40s");
  }

  @AfterEach
  void closeWorld() {
    world.close();
    cluster.close();
  }

  private Kubectl.Result kubectl(String... args) {
    String[] all = new String[args.length + 2];
    System.arraycopy(args, 0, all, 0, args.length);
    all[args.length] = "-n";
    all[args.length + 1] = namespace;
    Kubectl.Result result = server.kubectl().run(all);
    assertThat(result.exitCode()).as(result.toString()).isZero();
    return result;
  }

  private Map<String, String> podUids() {
    return world.pods().stream().collect(Collectors.toMap(p -> p.getMetadata().getName(), p -> p.getMetadata().getUid()));
  }

  @Test
  void theWorldIsAStatefulSetOfReadyPodsPointingAtTheSimulatedNodes() {
    await().atMost(WAIT).untilAsserted(() -> assertThat(kubectl("get", "sts", "qdrant").stdout())
        .containsPattern("qdrant\\s+3/3"));
    String pods = kubectl("get", "pods").stdout();
    assertThat(pods).containsPattern("qdrant-0\\s+1/1\\s+Running").containsPattern("qdrant-2\\s+1/1\\s+Running");
    Pod pod = client.pods().inNamespace(namespace).withName("qdrant-1").get();
    assertThat(pod.getMetadata().getLabels()).containsEntry("app", "qdrant");
    assertThat(pod.getMetadata().getOwnerReferences().get(0).getKind()).isEqualTo("StatefulSet");
    assertThat(pod.getStatus().getPodIP()).isEqualTo("127.0.0.1");
    assertThat(pod.getSpec().getContainers().get(0).getPorts()).anySatisfy(p -> {
      assertThat(p.getName()).isEqualTo("http");
      assertThat(p.getContainerPort()).isEqualTo(cluster.node(1).port());
    });
  }

  @Test
  void aDeletedPodComesBackAndItsNodeRestartsWithTheSamePeerId() {
    String peerId = cluster.node(1).peerId();
    String uid = podUids().get("qdrant-1");
    kubectl("delete", "pod", "qdrant-1");
    await().atMost(WAIT).until(() -> podUids().containsKey("qdrant-1") && !uid.equals(podUids().get("qdrant-1")));
    kubectl("wait", "--for=condition=Ready", "pod/qdrant-1", "--timeout=40s");
    assertThat(cluster.node(1).peerId()).isEqualTo(peerId);
    assertThat(cluster.node(1).isRunning()).isTrue();
  }

  @Test
  void scalingUpJoinsAFreshPeerAndScalingDownLeavesItInTheMembership() {
    kubectl("scale", "sts", "qdrant", "--replicas=4");
    await().atMost(WAIT).until(() -> podUids().containsKey("qdrant-3") && cluster.nodes().size() == 4);
    kubectl("wait", "--for=condition=Ready", "pod/qdrant-3", "--timeout=40s");
    String newPeer = cluster.node(3).peerId();
    assertThat(cluster.nodes().subList(0, 3)).extracting(n -> n.peerId()).doesNotContain(newPeer);
    await().atMost(WAIT).until(() -> cluster.node(0).raft().peers().contains(newPeer));

    kubectl("scale", "sts", "qdrant", "--replicas=3");
    await().atMost(WAIT).until(() -> !podUids().containsKey("qdrant-3") && cluster.nodes().size() == 3);
    assertThat(cluster.node(0).raft().peers()).contains(newPeer);
  }

  @Test
  void rolloutRestartReplacesEveryPodFromTheHighestOrdinal() {
    Map<String, String> before = podUids();
    try (var stream = server.kubectl().start("get", "pods", "--watch-only", "-n", namespace, "--no-headers")) {
      kubectl("rollout", "restart", "sts", "qdrant");
      await().atMost(WAIT).until(() -> {
        Map<String, String> now = podUids();
        return now.size() == 3 && before.keySet().stream().noneMatch(n -> before.get(n).equals(now.get(n)));
      });
      kubectl("wait", "--for=condition=Ready", "pod", "--all", "--timeout=40s");
      await().atMost(WAIT).until(() -> stream.lines().stream().anyMatch(l -> l.startsWith("qdrant-0")));
      java.util.List<String> firstTouched = stream.lines().stream().map(l -> l.split("\\s+")[0]).distinct().toList();
      assertThat(firstTouched.get(0)).isEqualTo("qdrant-2");
    }
  }
}
