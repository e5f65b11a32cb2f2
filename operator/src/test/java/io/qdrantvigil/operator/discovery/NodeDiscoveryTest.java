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

  @Test
  void aBadQdrantNodesEntryIsSkippedByNameAndTheOthersArePolled() throws Exception {
    String longBad = "bad host " + "x".repeat(500);
    DiscoveryResult env = NodeDiscovery.discover(settings(null, null), List.of(),
        "q1:6333;not a host:6333;" + longBad + ";q2:6334");
    assertThat(env.tier()).isEqualTo("env");
    assertThat(env.targets()).extracting(NodeTarget::url).containsExactly("http://q1:6333", "http://q2:6334");
    assertThat(env.skippedEntries()).containsExactly("not a host:6333", longBad);
    var assessment = io.qdrantvigil.operator.health.ClusterAssessor.assess(env, List.of());
    var status = io.qdrantvigil.operator.status.StatusComposer.compose(assessment, null, 1, "2026-08-04T12:30:00Z");
    assertThat(status.warnings()).filteredOn(w -> w.type().equals("InvalidNodeEntry")).hasSize(2)
        .allSatisfy(w -> assertThat(w.message()).hasSizeLessThanOrEqualTo(300))
        .anySatisfy(w -> assertThat(w.message()).contains("'not a host:6333'"));
  }

  private static Pod labelled(String name, java.util.Map<String, String> labels) {
    Pod pod = pod(name, "Running", true, "10.0.0.1");
    pod.getMetadata().setLabels(labels);
    return pod;
  }

  @Test
  void customSelectorsWithMatchExpressionsChooseThePods() throws Exception {
    var selector = new io.fabric8.kubernetes.api.model.LabelSelectorBuilder()
        .addToMatchLabels("app.kubernetes.io/name", "qdrant")
        .addNewMatchExpression().withKey("tier").withOperator("In").withValues("vector", "search").endMatchExpression()
        .addNewMatchExpression().withKey("canary").withOperator("DoesNotExist").endMatchExpression()
        .addNewMatchExpression().withKey("zone").withOperator("NotIn").withValues("eu-west-1c").endMatchExpression()
        .addNewMatchExpression().withKey("release").withOperator("Exists").endMatchExpression()
        .build();
    WatchSettings custom = WatchSettings.from(new QdrantClusterWatchSpec(selector, null, null, null, null, null, null,
        null));
    java.util.Map<String, String> base = java.util.Map.of("app.kubernetes.io/name", "qdrant", "tier", "vector",
        "release", "r1");
    List<Pod> pods = List.of(
        labelled("match", base),
        labelled("other-tier", with(base, "tier", "cache")),
        labelled("canary", with(base, "canary", "true")),
        labelled("bad-zone", with(base, "zone", "eu-west-1c")),
        labelled("good-zone", with(base, "zone", "eu-west-1a")),
        labelled("no-release", java.util.Map.of("app.kubernetes.io/name", "qdrant", "tier", "search")),
        labelled("app-qdrant", java.util.Map.of("app", "qdrant")));
    List<Pod> matching = pods.stream()
        .filter(p -> SelectorMatch.matches(custom.selector(), p.getMetadata().getLabels())).toList();
    assertThat(NodeDiscovery.discover(custom, matching, null).targets()).extracting(NodeTarget::name)
        .containsExactly("good-zone", "match");
  }

  private static java.util.Map<String, String> with(java.util.Map<String, String> base, String key, String value) {
    java.util.Map<String, String> labels = new java.util.HashMap<>(base);
    labels.put(key, value);
    return labels;
  }
}
