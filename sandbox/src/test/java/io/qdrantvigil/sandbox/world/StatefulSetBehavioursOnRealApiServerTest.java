package io.qdrantvigil.sandbox.world;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.qdrantvigil.sandbox.kube.KubectlStream;
import io.qdrantvigil.sandbox.qdrant.Fault;
import io.qdrantvigil.sandbox.qdrant.SimClock;
import io.qdrantvigil.sandbox.world.SandboxWorld.PodManagement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The StatefulSet behaviours the sandbox plays beyond the basics, on the real kube-apiserver with the real
 * kubectl 1.20: the rolling update's partition, {@code podManagementPolicy} Parallel against OrderedReady,
 * and pod readiness following the simulated node's {@code /readyz}. "The controller has decided" is read
 * from {@code status.observedGeneration}: it is written by the pass that saw the new spec.
 */
class StatefulSetBehavioursOnRealApiServerTest {

  private static final Duration WAIT = Duration.ofSeconds(60);

  @RegisterExtension
  final WorldInFreshNamespace world = new WorldInFreshNamespace("s-");

  // ---- the rolling update's partition ----

  @Test
  void aPartitionedRolloutReplacesOnlyTheOrdinalsAtOrAboveThePartition() {
    createWorld(SimClock.system(), PodManagement.Parallel);
    Map<String, String> before = Map.of("qdrant-0", world.uid("qdrant-0"), "qdrant-1", world.uid("qdrant-1"),
        "qdrant-2", world.uid("qdrant-2"));
    String oldRevision = world.statefulSet().getStatus().getCurrentRevision();
    world.kubectl("patch", "sts", "qdrant", "-p",
        "{\"spec\":{\"updateStrategy\":{\"rollingUpdate\":{\"partition\":2}}}}");

    world.kubectl("rollout", "restart", "sts", "qdrant");
    assertThat(world.kubectl("rollout", "status", "sts", "qdrant", "--timeout=50s").stdout())
        .contains("partitioned roll out complete: 1 new pods have been updated");
    String newRevision = world.statefulSet().getStatus().getUpdateRevision();
    assertThat(newRevision).isNotEqualTo(oldRevision);
    assertThat(world.uid("qdrant-2")).isNotEqualTo(before.get("qdrant-2"));
    assertThat(revisionOf("qdrant-2")).isEqualTo(newRevision);
    assertThat(world.uid("qdrant-1")).isEqualTo(before.get("qdrant-1"));
    assertThat(world.uid("qdrant-0")).isEqualTo(before.get("qdrant-0"));
    assertThat(revisionOf("qdrant-0")).isEqualTo(oldRevision);
    assertThat(world.statefulSet().getStatus().getCurrentRevision()).isEqualTo(oldRevision);
    assertThat(world.statefulSet().getStatus().getUpdatedReplicas()).isEqualTo(1);
    assertThat(world.statefulSet().getStatus().getCurrentReplicas()).isEqualTo(2);

    // A pod below the partition that goes away comes back at the current revision, from its template.
    world.kubectl("delete", "pod", "qdrant-0");
    await().atMost(WAIT).until(() -> world.uid("qdrant-0") != null
        && !before.get("qdrant-0").equals(world.uid("qdrant-0")));
    world.kubectl("wait", "--for=condition=Ready", "pod/qdrant-0", "--timeout=60s");
    assertThat(revisionOf("qdrant-0")).isEqualTo(oldRevision);
    assertThat(world.pod("qdrant-0").getMetadata().getAnnotations())
        .doesNotContainKey(StatefulSetController.RESTARTED_AT);

    world.kubectl("patch", "sts", "qdrant", "-p",
        "{\"spec\":{\"updateStrategy\":{\"rollingUpdate\":{\"partition\":0}}}}");
    await().atMost(WAIT).untilAsserted(() -> {
      StatefulSet set = world.statefulSet();
      assertThat(set.getStatus().getCurrentRevision()).isEqualTo(newRevision);
      assertThat(set.getStatus().getUpdatedReplicas()).isEqualTo(3);
      assertThat(set.getStatus().getReadyReplicas()).isEqualTo(3);
    });
    assertThat(world.uid("qdrant-1")).isNotEqualTo(before.get("qdrant-1"));
    for (int ordinal = 0; ordinal < 3; ordinal++) {
      assertThat(revisionOf("qdrant-" + ordinal)).isEqualTo(newRevision);
    }
  }

  // ---- podManagementPolicy ----

  @Test
  void parallelCreatesEveryMissingPodAtOnce() {
    createWorld(SimClock.system(), PodManagement.Parallel);
    assertThat(world.statefulSet().getSpec().getPodManagementPolicy()).isEqualTo("Parallel");
    try (KubectlStream watch = watchPods()) {
      world.kubectl("scale", "sts", "qdrant", "--replicas=5");
      world.kubectl("wait", "--for=condition=Ready", "pod/qdrant-3", "pod/qdrant-4", "--timeout=60s");
      await().atMost(WAIT).until(() -> readyLine(watch, "qdrant-3") >= 0);
      assertThat(addedLine(watch, "qdrant-4")).as(String.join("\n", watch.lines()))
          .isLessThan(readyLine(watch, "qdrant-3"));
    }
  }

  @Test
  void orderedReadyCreatesOnePodAtATimeEachAfterTheOneBeforeIsReady() {
    createWorld(SimClock.system(), PodManagement.OrderedReady);
    assertThat(world.statefulSet().getSpec().getPodManagementPolicy()).isEqualTo("OrderedReady");
    try (KubectlStream watch = watchPods()) {
      world.kubectl("scale", "sts", "qdrant", "--replicas=5");
      await().atMost(WAIT).until(() -> world.pod("qdrant-4") != null);
      world.kubectl("wait", "--for=condition=Ready", "pod/qdrant-4", "--timeout=60s");
      await().atMost(WAIT).until(() -> addedLine(watch, "qdrant-4") >= 0);
      assertThat(addedLine(watch, "qdrant-4")).as(String.join("\n", watch.lines()))
          .isGreaterThan(readyLine(watch, "qdrant-3"));
    }
  }

  @Test
  void parallelScalesDownWhileAPodIsNotReadyAndOrderedReadyWaitsForIt() {
    createWorld(SimClock.system(), PodManagement.Parallel);
    scaleDownWithQdrant1NotReady();
    await().atMost(WAIT).until(() -> world.pod("qdrant-3") == null);
    world.close();

    createWorld(SimClock.system(), PodManagement.OrderedReady);
    scaleDownWithQdrant1NotReady();
    assertThat(world.pod("qdrant-3")).as("OrderedReady waits for qdrant-1").isNotNull();
    world.cluster().node(1).heal();
    await().atMost(WAIT).until(() -> world.pod("qdrant-3") == null);
  }

  /** Scales 4 -> 3 with qdrant-1's node stopped, and waits until the controller has seen the new spec. */
  private void scaleDownWithQdrant1NotReady() {
    world.kubectl("scale", "sts", "qdrant", "--replicas=4");
    await().atMost(WAIT).until(() -> world.pod("qdrant-3") != null);
    world.kubectl("wait", "--for=condition=Ready", "pod/qdrant-3", "--timeout=60s");
    world.cluster().node(1).setFault(Fault.STOPPED);
    world.kubectl("wait", "--for=condition=Ready=false", "pod/qdrant-1", "--timeout=60s");
    world.kubectl("scale", "sts", "qdrant", "--replicas=3");
    await().atMost(WAIT).until(() -> {
      StatefulSet set = world.statefulSet();
      return set.getStatus() != null && Objects.equals(set.getStatus().getObservedGeneration(),
          set.getMetadata().getGeneration());
    });
  }

  // ---- readiness follows /readyz ----

  @Test
  void aRestartedPodIsRunningButNotReadyUntilItsNodeSaysItIsReady() {
    createWorld(SimClock.manual(), PodManagement.Parallel);
    String uid = world.uid("qdrant-1");
    world.kubectl("delete", "pod", "qdrant-1");
    // On the manual clock the restarted node cannot catch up with the cluster until time moves.
    await().atMost(WAIT).until(() -> {
      Pod pod = world.pod("qdrant-1");
      return pod != null && !uid.equals(pod.getMetadata().getUid()) && pod.getStatus() != null
          && "Running".equals(pod.getStatus().getPhase());
    });
    assertThat(world.cluster().node(1).isRunning()).isTrue();
    assertThat(QdrantPods.hasReadyCondition(world.pod("qdrant-1"))).isFalse();
    assertThat(world.kubectl("get", "pod", "qdrant-1").stdout()).containsPattern("(?m)^qdrant-1\\s+0/1\\s+Running\\s+");

    await().atMost(WAIT).pollInterval(Duration.ofMillis(250)).until(() -> {
      world.cluster().clock().advance(Duration.ofMillis(500));
      return QdrantPods.hasReadyCondition(world.pod("qdrant-1"));
    });
    assertThat(world.kubectl("get", "pod", "qdrant-1").stdout()).containsPattern("(?m)^qdrant-1\\s+1/1\\s+Running\\s+");
  }

  @Test
  void aStoppedNodesPodTurnsNotReadyAndReadyAgainWhenItIsBack() {
    createWorld(SimClock.system(), PodManagement.Parallel);
    assertThat(world.pod("qdrant-2").getSpec().getContainers().get(0).getReadinessProbe().getHttpGet().getPath())
        .isEqualTo("/readyz");
    String uid = world.uid("qdrant-2");
    world.cluster().node(2).setFault(Fault.STOPPED);
    world.kubectl("wait", "--for=condition=Ready=false", "pod/qdrant-2", "--timeout=60s");
    assertThat(world.pod("qdrant-2").getStatus().getPhase()).isEqualTo("Running");
    await().atMost(WAIT).untilAsserted(() -> assertThat(world.kubectl("get", "sts").stdout())
        .containsPattern("(?m)^qdrant\\s+2/3\\s+"));

    world.cluster().node(2).heal();
    world.kubectl("wait", "--for=condition=Ready", "pod/qdrant-2", "--timeout=60s");
    assertThat(world.uid("qdrant-2")).as("the same pod, not a replacement").isEqualTo(uid);
    await().atMost(WAIT).untilAsserted(() -> assertThat(world.kubectl("get", "sts").stdout())
        .containsPattern("(?m)^qdrant\\s+3/3\\s+"));
  }

  // ---- helpers ----

  private void createWorld(SimClock clock, PodManagement podManagement) {
    world.create(clock, SandboxWorld.Options.defaults().withPodManagement(podManagement));
  }

  private String revisionOf(String name) {
    return world.pod(name).getMetadata().getLabels().get(StatefulSetController.REVISION_LABEL);
  }

  /** {@code kubectl get pods -w --output-watch-events}, once it has printed the three pods it starts with. */
  private KubectlStream watchPods() {
    KubectlStream stream = world.kubectlStream("get", "pods", "-w", "--output-watch-events");
    await().atMost(WAIT).until(() -> stream.lines().stream().filter(l -> l.startsWith("ADDED")).count() >= 3);
    return stream;
  }

  /** The index of the watch line that first shows {@code pod} ADDED, or -1. */
  private static int addedLine(KubectlStream watch, String pod) {
    return firstLine(watch, pod, "^ADDED\\s+" + pod + "\\s+.*");
  }

  /** The index of the watch line that first shows {@code pod} Running and 1/1 Ready, or -1. */
  private static int readyLine(KubectlStream watch, String pod) {
    return firstLine(watch, pod, "^\\w+\\s+" + pod + "\\s+1/1\\s+Running\\s+.*");
  }

  private static int firstLine(KubectlStream watch, String pod, String pattern) {
    List<String> lines = watch.lines();
    for (int i = 0; i < lines.size(); i++) {
      if (lines.get(i).trim().matches(pattern)) {
        return i;
      }
    }
    return -1;
  }
}
