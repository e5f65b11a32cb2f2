package io.qdrantvigil.operator.discovery;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.qdrantvigil.operator.api.QdrantClusterWatchSpec;
import io.qdrantvigil.operator.spec.WatchSettings;
import java.util.List;
import org.junit.jupiter.api.Test;

class NodeDiscoveryTest {

  static Pod pod(String name, String phase, boolean ready, String ip) {
    return new PodBuilder()
        .withNewMetadata().withName(name).withNamespace("db").addToLabels("app", "qdrant")
        .addNewOwnerReference().withKind("StatefulSet").withName("qdrant").withApiVersion("apps/v1")
        .withUid("u").endOwnerReference().endMetadata()
        .withNewSpec()
        .addNewContainer().withName("sidecar").endContainer()
        .addNewContainer().withName("qdrant").addNewPort().withName("http").withContainerPort(16333).endPort()
        .endContainer().endSpec()
        .withNewStatus().withPhase(phase).withPodIP(ip)
        .addNewCondition().withType("Ready").withStatus(ready ? "True" : "False").endCondition()
        .endStatus().build();
  }

  private static WatchSettings settings(List<String> nodes, Integer port) throws Exception {
    return WatchSettings.from(new QdrantClusterWatchSpec(null, nodes, port, null, null, null, null, null));
  }

  @Test
  void podsComeFirstWithTheirHttpPortAndStatefulSet() throws Exception {
    DiscoveryResult result = NodeDiscovery.discover(settings(List.of("http://x:6333"), null),
        List.of(pod("qdrant-1", "Running", true, "10.0.0.2"), pod("qdrant-0", "Running", true, "10.0.0.1")),
        "a:1");
    assertThat(result.tier()).isEqualTo("pods");
    assertThat(result.targets()).extracting(NodeTarget::name).containsExactly("qdrant-0", "qdrant-1");
    NodeTarget first = result.targets().get(0);
    assertThat(first.url()).isEqualTo("http://10.0.0.1:16333");
    assertThat(first.pod().statefulSet()).isEqualTo("qdrant");
    assertThat(first.pod().container()).isEqualTo("qdrant");
    assertThat(first.pod().runningAndReady()).isTrue();
  }

  @Test
  void anExplicitPortWins() throws Exception {
    DiscoveryResult result = NodeDiscovery.discover(settings(null, 7000),
        List.of(pod("qdrant-0", "Running", true, "10.0.0.1")), null);
    assertThat(result.targets().get(0).url()).isEqualTo("http://10.0.0.1:7000");
  }

  @Test
  void podsNotRunningOrNotReadySayWhy() throws Exception {
    DiscoveryResult result = NodeDiscovery.discover(settings(null, null),
        List.of(pod("qdrant-0", "Pending", false, null), pod("qdrant-1", "Running", false, "10.0.0.2")), null);
    assertThat(result.targets().get(0).url()).isNull();
    assertThat(result.targets().get(0).pod().notRunningReason()).isEqualTo("Pending");
    assertThat(result.targets().get(1).pod().notRunningReason()).isEqualTo("Running, not ready");
  }

  @Test
  void thenStaticNodesThenTheEnvironmentThenNone() throws Exception {
    assertThat(NodeDiscovery.discover(settings(List.of("http://10.0.0.5:6333/"), null), List.of(), "a:1").targets())
        .extracting(NodeTarget::url).containsExactly("http://10.0.0.5:6333");
    DiscoveryResult env = NodeDiscovery.discover(settings(null, null), List.of(), "q1:6333;https://q2:6333");
    assertThat(env.tier()).isEqualTo("env");
    assertThat(env.targets()).extracting(NodeTarget::url).containsExactly("http://q1:6333", "https://q2:6333");
    DiscoveryResult none = NodeDiscovery.discover(settings(null, null), List.of(), " ");
    assertThat(none.tier()).isEqualTo("none");
    assertThat(none.message()).contains("selector").contains("spec.nodes").contains("QDRANT_NODES");
  }
}
