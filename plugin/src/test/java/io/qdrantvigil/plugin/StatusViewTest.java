package io.qdrantvigil.plugin;

import static io.qdrantvigil.plugin.Watches.NOW;
import static io.qdrantvigil.plugin.Watches.watch;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class StatusViewTest {

  private static String render(String status) {
    return StatusView.render(watch(status), NOW, Style.plain());
  }

  @Test
  void healthyClusterShowsTheCardTheLeaderBadgeAndEveryNodesCommandsButNoWarnings() {
    String out = render(Watches.healthy());

    assertThat(out).startsWith("prod in namespace shop\n");
    assertThat(out).contains("  Status      Healthy\n", "  Healthy     3/3 nodes (100.0%)\n",
        "  Leader      8672995594195906 (qdrant-0)\n",
        "  Data        Healthy: 2 collections, 6 shards, 12/12 replicas readable, 0 transfers\n",
        "  Last poll   2026-12-03T13:20:01Z (29s ago)\n");
    assertThat(out).doesNotContain("Warnings", "Collections not healthy", "Transfers", "Actions running", "stale");
    assertThat(out).containsPattern("8672995594195906 +qdrant-0 +http://10.1.0.10:6333 +1.19.0 +\\* leader +Healthy +- +4");
    assertThat(out).containsPattern("18446744073709551557 +qdrant-1 .* Follower +Healthy");
    assertThat(out).contains("Commands\n", "kubectl exec -it -n shop qdrant-2 -c qdrant -- /bin/bash");
    assertThat(out).doesNotContain("\u001b[");
  }

  @Test
  void stoppedNodeIsTheFirstWarningAndTheOnlyFailingNodeAndItsCommandsAreOffered() {
    String out = render(Watches.stoppedNode());

    assertThat(out).contains("  Status      Degraded\n", "  Healthy     2/3 nodes (66.7%)\n", "Warnings (2)\n");
    assertThat(out).containsPattern("qdrant-1 +ConnectionError +GET /cluster failed \\(Connection refused\\)");
    assertThat(out.indexOf("ConnectionError      GET")).isLessThan(out.indexOf("MessageSendFailures"));
    assertThat(out).containsPattern("18446744073709551557 +qdrant-1 .*Failing +ConnectionError");
    assertThat(out).contains("Commands for the nodes that are not healthy\n",
        "kubectl logs -n shop qdrant-1 -c qdrant --tail=1000", "kubectl port-forward -n shop pod/qdrant-1 6333:6333");
    assertThat(out).doesNotContain("kubectl exec -it -n shop qdrant-2");
  }

  @Test
  void hungNodeShowsTimeout() {
    String out = render(Watches.hungNode());

    assertThat(out).contains("  Status      Degraded\n");
    assertThat(out).containsPattern("qdrant-1 +Timeout +GET /cluster did not answer within 5s \\(timeout\\)");
    assertThat(out).containsPattern("qdrant-1 .*Failing +Timeout");
  }

  @Test
  void dataWarningShowsTheDataStateTheCollectionsNotHealthyTransfersAndDeadReplicas() {
    String out = render(Watches.dataWarning());

    assertThat(out).contains("  Status      Healthy\n",
        "  Data        AtRisk: 2 collections, 6 shards, 11/12 replicas readable, 1 transfer\n",
        "Collections not healthy (1 of 2)\n");
    assertThat(out).containsPattern(
        "products +AtRisk +3 +2 +5/6 +1 +shard 2: 1/2 replicas readable; shard 2: a Dead replica on qdrant-1");
    assertThat(out).doesNotContainPattern("reviews +Healthy");
    assertThat(out).containsPattern("products +UnderReplicated +products/2 has 1 readable replica of 2");
    assertThat(out).contains("Transfers running (1)\n");
    assertThat(out).containsPattern("products/2 +qdrant-0 +qdrant-1 +stream_records +2m ago +Transferring records");
    assertThat(out).containsPattern("qdrant-1 .*Warning +- +4 \\(1 dead\\)");
  }

  @Test
  void dataViewKeptFromAnEarlierPollSaysHowOldItIs() {
    String out = render(Watches.healthy().replace("\"transfers\": 0}",
        "\"transfers\": 0, \"viewTime\": \"2026-12-03T13:15:30Z\"}").replace("\"state\": \"Healthy\", \"collections\"",
        "\"state\": \"Unknown\", \"collections\""));

    assertThat(out).contains("  Data        Unknown: 2 collections, 6 shards, 12/12 replicas readable, 0 transfers"
        + " (the view read 5m ago: this poll could not read it)\n");
  }

  @Test
  void runningActionShowsItsProgressAndTheLastFinishedOne() {
    String out = render(Watches.runningAction());

    assertThat(out).contains("Actions running (1)\n");
    assertThat(out).containsPattern(
        "restart +qdrant;safe +3m ago +2/3 pods restarted; waiting for qdrant-1: shard products/2 Partial");
    assertThat(out).contains("Last action: poll now: Succeeded (10m30s ago)\n");
  }

  @Test
  void staleStatusSaysStaleSinceAndDoesNotRepeatTheVerdictAsCurrent() {
    String out = render(Watches.staleDegraded());

    assertThat(out).contains("  Status      stale since 2026-12-03T13:10:30Z (10m ago, over 2m5s without a poll):"
        + " the last verdict written, Degraded, is not current\n");
    assertThat(out).doesNotContain("Status      Degraded");
    assertThat(out).contains("Nodes (3, as of the last poll)");
  }

  @Test
  void statusOfAnOperatorWithoutTheDataViewRendersWithoutIt() {
    String out = render(Watches.withoutDataView());

    assertThat(out).contains("  Data        not reported (an operator without the data view)\n");
    assertThat(out).doesNotContain("REPLICAS", "Collections", "Transfers");
    assertThat(out).containsPattern("8672995594195906 +qdrant-0 .*\\* leader +Healthy +-\n");
  }

  @Test
  void watchNeverPolledSaysSo() {
    String out = render(null);

    assertThat(out).contains("  Status      no status yet: the operator has not polled this watch");
    assertThat(out).contains("  Last poll   never\n");
    assertThat(out).doesNotContain("Healthy ", "Nodes");
  }

  @Test
  void invalidSpecShowsTheOperatorsMessage() {
    String out = render("""
        {"conditions": [{"type": "Ready", "status": "False", "reason": "InvalidSpec",
                         "message": "spec.interval: not a duration such as 30s or 2m: 'abc'"}]}
        """);

    assertThat(out).contains("  Status      InvalidSpec: spec.interval: not a duration such as 30s or 2m: 'abc'\n");
  }

  @Test
  void colourOnlyWhenAsked() {
    String coloured = StatusView.render(watch(Watches.stoppedNode()), NOW, Style.coloured());

    assertThat(coloured).contains("\u001b[31mFailing\u001b[0m", "\u001b[33mDegraded\u001b[0m");
    assertThat(render(Watches.stoppedNode())).doesNotContain("\u001b[");
  }
}
