package io.qdrantvigil.operator.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.qdrantvigil.operator.api.ActionRecord;
import io.qdrantvigil.operator.api.NodeView;
import io.qdrantvigil.operator.api.QdrantClusterWatchSpec;
import io.qdrantvigil.operator.api.QdrantClusterWatchStatus;
import io.qdrantvigil.sandbox.qdrant.ClusterOptions;
import io.qdrantvigil.sandbox.qdrant.Fault;
import io.qdrantvigil.sandbox.qdrant.ReplicaState;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * {@code restart;safe} on the real apiserver with the real kubectl: every pod evicted once, one at a
 * time, followers from the highest ordinal down and the Raft leader last, each waited for until it
 * is back, Ready and its node healthy; {@code cancel} stops it between pods; a node that does not
 * recover within {@code stepTimeout} ends it Failed; a node Failing for its collections still votes,
 * so the quorum guard stops it before that pod. The test watches every
 * pod's uid while it runs and moves the simulated Raft clock so restarted nodes catch up.
 */
class ActionsRestartSafelyOnRealApiServerTest extends ActionsOnRealApiServerTest {

  private static final Duration LONG = Duration.ofSeconds(120);

  private String leaderPod() {
    QdrantClusterWatchStatus status = sandbox.status(WATCH);
    return status.nodes().stream().filter(n -> status.leader().equals(n.peerId())).map(NodeView::podName)
        .findFirst().orElseThrow();
  }

  /** Waits for the request's outcome, recording the order in which pods got a new uid and every uid seen. */
  private ActionRecord awaitOutcome(String request, List<String> replacedInOrder, Map<String, Set<String>> uids) {
    return awaitOutcome(request, replacedInOrder, uids, () -> { });
  }

  private ActionRecord awaitOutcome(String request, List<String> replacedInOrder, Map<String, Set<String>> uids,
      Runnable atEachPoll) {
    return awaitRecordAdvancingClock("restart", request, LONG, () -> {
      for (String pod : List.of("qdrant-0", "qdrant-1", "qdrant-2")) {
        String uid = uid(pod);
        if (uid != null && uids.computeIfAbsent(pod, p -> new TreeSet<>()).add(uid) && uids.get(pod).size() == 2) {
          replacedInOrder.add(pod);
        }
      }
      atEachPoll.run();
    });
  }


  private Map<String, Set<String>> uidsNow() {
    Map<String, Set<String>> uids = new LinkedHashMap<>();
    for (String pod : List.of("qdrant-0", "qdrant-1", "qdrant-2")) {
      uids.computeIfAbsent(pod, p -> new TreeSet<>()).add(uid(pod));
    }
    return uids;
  }

  @Test
  void everyPodIsRestartedOnceFollowersFromTheHighestOrdinalAndTheLeaderLast() {
    healthySandbox(ClusterOptions.defaults());
    List<String> order = new ArrayList<>(followersFromTheHighest());
    order.add(leaderPod());
    Map<String, Set<String>> uids = uidsNow();
    List<String> replaced = new ArrayList<>();

    annotate("restart=qdrant;safe");

    ActionRecord record = awaitOutcome("qdrant;safe", replaced, uids);
    assertThat(record.outcome()).as(record.toString()).isEqualTo("Succeeded");
    assertThat(replaced).containsExactlyElementsOf(order);
    assertThat(record.message()).isEqualTo("3/3 pods restarted (" + String.join(", ", order) + "), the leader last");
    assertThat(uids.values()).allSatisfy(seen -> assertThat(seen).as("each pod replaced exactly once").hasSize(2));
    awaitEvent("Normal", "ActionStep", "restart 'qdrant;safe': evicted " + order.get(0) + " (1/3)");
    awaitEvent("Normal", "ActionSucceeded", "restart 'qdrant;safe': Succeeded: 3/3 pods restarted");
    assertNoActionAnnotationLeft();
  }

  @Test
  void underWritesEachPodIsWaitedForUntilItsReplicasAreActiveAgainAndNoShardIsEverUnreadable() {
    healthySandbox(ClusterOptions.defaults());
    awaitStatus(s -> s.data() != null && "Healthy".equals(s.data().state()));
    sandbox.cluster.setUpdateStream(true);
    List<String> order = new ArrayList<>(followersFromTheHighest());
    order.add(leaderPod());
    Map<String, Set<String>> uids = uidsNow();
    List<String> replaced = new ArrayList<>();
    List<String> unreadableSeen = new ArrayList<>();
    List<String> progress = new ArrayList<>();

    annotate("restart=qdrant;safe");

    ActionRecord record = awaitOutcome("qdrant;safe", replaced, uids, () -> {
      unreadableSeen.addAll(unreadableShards());
      collectProgress("restart", "qdrant;safe", progress);
    });
    assertThat(record.outcome()).as(record.toString()).isEqualTo("Succeeded");
    assertThat(replaced).as("the leader last").containsExactlyElementsOf(order);
    assertThat(uids.values()).allSatisfy(seen -> assertThat(seen).as("each pod replaced exactly once").hasSize(2));
    assertThat(unreadableSeen).as("shards unreadable at some poll of the test").isEmpty();
    assertThat(progress).as("it waited on the restarted node's replicas").anySatisfy(m -> assertThat(m)
        .containsPattern("waiting for qdrant-\\d: shard products/\\d (Dead|Partial|Recovery)"));
    sandbox.cluster.replicaStates("products").values().forEach(replicas -> assertThat(replicas.values())
        .containsOnly(ReplicaState.Active));
  }

  @Test
  void aPodWhoseReplicasDoNotRecoverWithinTheStepTimeoutEndsItFailedAtThatPod() {
    sandbox = new SandboxCase(client, ClusterOptions.defaults());
    sandbox.createWatch(WATCH, new QdrantClusterWatchSpec(null, null, null, "5s", "2s", null, null, null, null, "10s"));
    awaitStatus(s -> QdrantClusterWatchStatus.HEALTHY.equals(s.clusterStatus()) && s.data() != null
        && "Healthy".equals(s.data().state()));
    String first = followersFromTheHighest().get(0);
    sandbox.cluster.setUpdateStream(true);
    // Its recoveries never move: its replicas stay Dead or Partial once it is back.
    sandbox.cluster.node(Integer.parseInt(first.substring("qdrant-".length()))).setFault(Fault.TRANSFER_STALLED);
    Map<String, Set<String>> uids = uidsNow();
    List<String> replaced = new ArrayList<>();

    annotate("restart=qdrant;safe");

    ActionRecord record = awaitOutcome("qdrant;safe", replaced, uids);
    assertThat(record.outcome()).as(record.toString()).isEqualTo("Failed");
    assertThat(record.message()).matches(first + " did not recover within 10s \\(waiting for shard products/\\d"
        + " (Dead|Partial|Recovery)\\); 0/3 pods restarted");
    assertThat(replaced).as("that pod, and nothing after it").containsExactly(first);
  }

  private List<String> followersFromTheHighest() {
    String leader = leaderPod();
    List<String> followers = new ArrayList<>(List.of("qdrant-2", "qdrant-1", "qdrant-0"));
    followers.remove(leader);
    return followers;
  }

  @Test
  void cancelStopsItAfterThePodItIsRestarting() {
    healthySandbox(ClusterOptions.defaults());
    Map<String, Set<String>> uids = uidsNow();
    List<String> replaced = new ArrayList<>();

    annotate("restart=qdrant;safe");
    await().atMost(WAIT).until(() -> records("restart").stream().anyMatch(r -> "Running".equals(r.outcome())
        && r.message().startsWith("0/3 pods restarted; waiting for")));
    annotate("cancel=now");

    ActionRecord record = awaitOutcome("qdrant;safe", replaced, uids);
    assertThat(record.outcome()).as(record.toString()).isEqualTo("Cancelled");
    assertThat(replaced).hasSize(1);
    assertThat(record.message()).isEqualTo("cancelled: 1/3 pods restarted (" + replaced.get(0) + ")");
    assertThat(awaitRecord("cancel", "now").message()).isEqualTo("restart;safe stops after its current step");
  }

  @Test
  void aPodWhoseNodeDoesNotRecoverWithinTheStepTimeoutEndsItFailedNamingWhatItWaitedFor() {
    sandbox = new SandboxCase(client, ClusterOptions.defaults());
    sandbox.createWatch(WATCH, new QdrantClusterWatchSpec(null, null, null, "5s", "2s", null, null, null, null, "10s"));
    awaitStatus(s -> QdrantClusterWatchStatus.HEALTHY.equals(s.clusterStatus()));
    sandbox.cluster.node(2).setFault(Fault.COLLECTIONS_FAILING);
    awaitStatus(s -> s.nodes() != null && "Failing".equals(s.nodes().get(2).state()));
    Map<String, Set<String>> uids = uidsNow();
    List<String> replaced = new ArrayList<>();

    annotate("restart=qdrant;safe");

    ActionRecord record = awaitOutcome("qdrant;safe", replaced, uids);
    assertThat(record.outcome()).as(record.toString()).isEqualTo("Failed");
    assertThat(record.message()).isEqualTo("qdrant-2 did not recover within 10s (waiting for its node to be healthy"
        + " (CollectionsFetchError)); 0/3 pods restarted");
    assertThat(replaced).as("the failing node first, and nothing after it").containsExactly("qdrant-2");
  }

  @Test
  void aNodeFailingForItsCollectionsStillVotesSoTheQuorumGuardStopsItBeforeThatPod() {
    healthySandbox(ClusterOptions.defaults());
    sandbox.cluster.node(1).setFault(Fault.STOPPED);
    sandbox.cluster.node(2).setFault(Fault.COLLECTIONS_FAILING);
    awaitStatus(s -> s.nodes() != null && "Failing".equals(s.nodes().get(1).state())
        && "Failing".equals(s.nodes().get(2).state()));
    Map<String, Set<String>> uids = uidsNow();
    List<String> replaced = new ArrayList<>();

    annotate("restart=qdrant;safe");

    ActionRecord record = awaitOutcome("qdrant;safe", replaced, uids);
    assertThat(record.outcome()).as(record.toString()).isEqualTo("Failed");
    assertThat(record.message()).isEqualTo("stopped before qdrant-2: evicting qdrant-2 would leave 1 reachable Raft"
        + " voters, fewer than a strict majority (2 of 3 voters); add ';force' to do it anyway; 0/3 pods restarted");
    assertThat(replaced).isEmpty();
  }
}
