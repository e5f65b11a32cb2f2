package io.qdrantvigil.operator.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.qdrantvigil.operator.api.ActionRecord;
import io.qdrantvigil.sandbox.qdrant.ClusterOptions;
import io.qdrantvigil.sandbox.qdrant.CollectionSpec;
import io.qdrantvigil.sandbox.qdrant.SimulatedNode;
import org.junit.jupiter.api.Test;

/**
 * {@code delete-pod} under the data guard and the PodDisruptionBudget, on the real apiserver with
 * the real kubectl and the simulated data plane: the pod that holds a shard's only replica stays,
 * the refusal naming the shard; an eviction the budget refuses is {@code Refused} with the
 * apiserver's text, and the pod stays.
 */
class ActionsDataGuardOnRealApiServerTest extends ActionsOnRealApiServerTest {

  /** products: 3 shards, factor 2; users: one shard, factor 1. */
  private static final ClusterOptions WITH_UNREPLICATED = ClusterOptions.defaults()
      .withCollections(CollectionSpec.of("products", 3, 2), CollectionSpec.of("users", 1, 1));

  @Test
  void deletingThePodThatHoldsAShardsOnlyReplicaIsRefusedNamingTheShard() {
    healthySandbox(WITH_UNREPLICATED);
    awaitStatus(s -> s.data() != null && Integer.valueOf(2).equals(s.data().collections()));
    String holder = "qdrant-" + holderOfUsers().ordinal();
    String uid = uid(holder);

    annotate("delete-pod=" + holder);

    ActionRecord record = awaitRecord("delete-pod", holder);
    assertThat(record.outcome()).as(record.toString()).isEqualTo("Refused");
    assertThat(record.message()).isEqualTo("evicting pod " + holder + " is refused: " + holder
        + " holds the only readable replica of shard users/0; add ';force' to do it anyway");
    awaitEvent("Warning", "ActionRefused", "delete-pod '" + holder + "': Refused");
    awaitAnotherIntake();
    assertThat(uid(holder)).as("the holder is untouched").isEqualTo(uid);
  }

  @Test
  void anEvictionTheDisruptionBudgetRefusesIsRefusedWithTheBudgetsMessage() {
    healthySandbox(ClusterOptions.defaults());
    kubectl("patch", "pdb", "qdrant", "--type", "merge", "-p", "{\"spec\":{\"maxUnavailable\":0}}");
    await().atMost(WAIT).until(() -> {
      var pdb = client.policy().v1beta1().podDisruptionBudget().inNamespace(sandbox.namespace).withName("qdrant")
          .get();
      return pdb.getStatus() != null && Long.valueOf(pdb.getMetadata().getGeneration())
          .equals(pdb.getStatus().getObservedGeneration()) && pdb.getStatus().getDisruptionsAllowed() == 0;
    });
    String uid = uid("qdrant-1");

    annotate("delete-pod=qdrant-1");

    ActionRecord record = awaitRecord("delete-pod", "qdrant-1");
    assertThat(record.outcome()).as(record.toString()).isEqualTo("Refused");
    assertThat(record.message()).isEqualTo("Cannot evict pod as it would violate the pod's disruption budget."
        + " The disruption budget qdrant needs 3 healthy pods and has 3 currently");
    awaitAnotherIntake();
    assertThat(uid("qdrant-1")).as("the pod is untouched").isEqualTo(uid);
  }

  private SimulatedNode holderOfUsers() {
    String peer = sandbox.cluster.replicaStates("users").get(0).keySet().iterator().next();
    return sandbox.cluster.nodes().stream().filter(n -> n.peerId().equals(peer)).findFirst().orElseThrow();
  }
}
