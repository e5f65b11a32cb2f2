package io.qdrantvigil.sandbox.world;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.policy.v1beta1.PodDisruptionBudget;
import io.fabric8.kubernetes.api.model.policy.v1beta1.PodDisruptionBudgetStatus;
import io.qdrantvigil.sandbox.kube.Kubectl;
import io.qdrantvigil.sandbox.qdrant.Fault;
import io.qdrantvigil.sandbox.qdrant.SimClock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The demo world's PodDisruptionBudget on the real kube-apiserver with the real kubectl 1.20: the sandbox's
 * disruption controller keeps its status true, and the apiserver's own Eviction subresource refuses (429)
 * or allows evictions from it. A start delay of 3 s keeps an evicted pod's replacement unready long enough
 * to see the budget spent.
 */
class DisruptionOnRealApiServerTest {

  private static final Duration WAIT = Duration.ofSeconds(60);
  private static final Duration START_DELAY = Duration.ofSeconds(3);
  private static final String REFUSED = "Cannot evict pod as it would violate the pod's disruption budget.";

  @RegisterExtension
  final WorldInFreshNamespace world = new WorldInFreshNamespace("d-");

  @BeforeEach
  void createWorld() {
    world.create(SimClock.system(), SandboxWorld.Options.defaults().withStartDelay(START_DELAY));
  }

  @Test
  void theApiServerServesPodDisruptionBudgetsAsPolicyV1beta1() {
    List<String> versions = world.server().kubectl().run("api-versions").stdout().lines().toList();
    assertThat(versions).contains("policy/v1beta1").doesNotContain("policy/v1");
  }

  @Test
  void kubectlGetPdbShowsTheBudgetAndItsStatusIsTrue() {
    await().atMost(WAIT).untilAsserted(() -> assertThat(world.kubectl("get", "pdb").stdout())
        .containsPattern("NAME\\s+MIN AVAILABLE\\s+MAX UNAVAILABLE\\s+ALLOWED DISRUPTIONS\\s+AGE")
        .containsPattern("(?m)^qdrant\\s+N/A\\s+1\\s+1\\s+\\d+s$"));
    PodDisruptionBudgetStatus status = budget().getStatus();
    assertThat(status.getExpectedPods()).isEqualTo(3);
    assertThat(status.getDesiredHealthy()).isEqualTo(2);
    assertThat(status.getCurrentHealthy()).isEqualTo(3);
    assertThat(status.getDisruptionsAllowed()).isEqualTo(1);
    assertThat(status.getObservedGeneration()).isEqualTo(budget().getMetadata().getGeneration());

    assertThat(world.kubectl("scale", "sts", "qdrant", "--replicas=4").stdout()).contains("scaled");
    await().atMost(WAIT).untilAsserted(() -> {
      PodDisruptionBudgetStatus scaled = budget().getStatus();
      assertThat(scaled.getExpectedPods()).isEqualTo(4);
      assertThat(scaled.getDesiredHealthy()).isEqualTo(3);
      assertThat(scaled.getCurrentHealthy()).isEqualTo(4);
      assertThat(scaled.getDisruptionsAllowed()).isEqualTo(1);
    });

    assertThat(world.kubectl("patch", "pdb", "qdrant", "--type", "merge", "-p",
        "{\"spec\":{\"maxUnavailable\":\"50%\"}}").stdout()).contains("patched");
    await().atMost(WAIT).untilAsserted(() -> {
      PodDisruptionBudget patched = budget();
      assertThat(patched.getStatus().getObservedGeneration()).isEqualTo(patched.getMetadata().getGeneration());
      assertThat(patched.getStatus().getDesiredHealthy()).isEqualTo(2);
      assertThat(patched.getStatus().getDisruptionsAllowed()).isEqualTo(2);
    });
    assertThat(world.kubectl("get", "pdb").stdout()).containsPattern("(?m)^qdrant\\s+N/A\\s+50%\\s+2\\s+");
  }

  @Test
  void anEvictionIsRefusedWhileOnePodIsNotReadyAndAllowedWhenAllAre() {
    await().atMost(WAIT).until(() -> budget().getStatus() != null
        && Integer.valueOf(1).equals(budget().getStatus().getDisruptionsAllowed()));
    world.cluster().node(1).setFault(Fault.STOPPED);
    world.kubectl("wait", "--for=condition=Ready=false", "pod/qdrant-1", "--timeout=60s");
    await().atMost(WAIT).untilAsserted(() -> assertThat(world.kubectl("get", "pdb").stdout())
        .containsPattern("(?m)^qdrant\\s+N/A\\s+1\\s+0\\s+"));
    assertThat(budget().getStatus().getCurrentHealthy()).isEqualTo(2);
    String uid = world.uid("qdrant-0");

    Kubectl.Result refused = evict("qdrant-0");
    assertThat(refused.exitCode()).as(refused.toString()).isNotZero();
    assertThat(refused.stderr()).contains("TooManyRequests").contains(REFUSED);
    assertThat(world.client().pods().inNamespace(world.namespace()).withName("qdrant-0").evict())
        .as("fabric8's evict() (policy/v1beta1) reads the 429 as false").isFalse();
    assertThat(world.uid("qdrant-0")).isEqualTo(uid);

    world.cluster().node(1).heal();
    world.kubectl("wait", "--for=condition=Ready", "pod/qdrant-1", "--timeout=60s");
    await().atMost(WAIT).until(() -> Integer.valueOf(1).equals(budget().getStatus().getDisruptionsAllowed()));

    Kubectl.Result allowed = evict("qdrant-0");
    assertThat(allowed.exitCode()).as(allowed.toString()).isZero();
    // The budget is spent until the evicted pod's replacement is Ready: a second eviction is refused.
    Kubectl.Result second = evict("qdrant-2");
    assertThat(second.exitCode()).as(second.toString()).isNotZero();
    assertThat(second.stderr()).contains(REFUSED);

    // An evicted pod comes back like a deleted one, and the budget with it.
    await().atMost(WAIT).until(() -> world.uid("qdrant-0") != null && !uid.equals(world.uid("qdrant-0")));
    world.kubectl("wait", "--for=condition=Ready", "pod/qdrant-0", "--timeout=60s");
    assertThat(world.cluster().node(0).isRunning()).isTrue();
    await().atMost(WAIT).untilAsserted(() -> assertThat(world.kubectl("get", "pdb").stdout())
        .containsPattern("(?m)^qdrant\\s+N/A\\s+1\\s+1\\s+"));
    assertThat(budget().getStatus().getDisruptedPods()).isNullOrEmpty();
  }

  @Test
  void theNotReadyPodItselfMayBeEvictedWhileTheBudgetHoldsWithoutIt() {
    await().atMost(WAIT).until(() -> budget().getStatus() != null
        && Integer.valueOf(1).equals(budget().getStatus().getDisruptionsAllowed()));
    world.cluster().node(2).setFault(Fault.STOPPED);
    world.kubectl("wait", "--for=condition=Ready=false", "pod/qdrant-2", "--timeout=60s");
    await().atMost(WAIT).until(() -> Integer.valueOf(0).equals(budget().getStatus().getDisruptionsAllowed()));
    String uid = world.uid("qdrant-2");

    // The apiserver lets an unready pod go when currentHealthy >= desiredHealthy: it spends nothing.
    Kubectl.Result evicted = evict("qdrant-2");
    assertThat(evicted.exitCode()).as(evicted.toString()).isZero();
    await().atMost(WAIT).until(() -> world.uid("qdrant-2") != null && !uid.equals(world.uid("qdrant-2")));
  }

  private PodDisruptionBudget budget() {
    return world.client().policy().v1beta1().podDisruptionBudget().inNamespace(world.namespace())
        .withName("qdrant").get();
  }

  /** The Eviction subresource, raw, as {@code kubectl drain} calls it. */
  private Kubectl.Result evict(String pod) {
    String eviction = """
        {"apiVersion":"policy/v1beta1","kind":"Eviction","metadata":{"name":"%s","namespace":"%s"}}
        """.formatted(pod, world.namespace());
    return world.server().kubectl().runWithInput(eviction, "create", "--raw",
        "/api/v1/namespaces/" + world.namespace() + "/pods/" + pod + "/eviction", "-f", "-");
  }
}
