package io.qdrantvigil.plugin;

import static io.qdrantvigil.plugin.Watches.NOW;
import static io.qdrantvigil.plugin.Watches.watch;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class WatchListViewTest {

  private final List<JsonValue> watches = List.of(
      watch("prod", "shop", "30s", Watches.healthy()),
      watch("search", "shop", "30s", Watches.dataWarning()),
      watch("legacy", "old", "30s", Watches.staleDegraded()),
      watch("new", "old", "30s", null));

  @Test
  void allNamespacesListsOneLinePerWatchWithItsNamespaceAndSaysStaleInsteadOfTheOldVerdict() {
    String out = WatchListView.render(watches, true, NOW, Style.plain());

    assertThat(out.lines()).hasSize(5);
    assertThat(out.lines().findFirst().orElseThrow())
        .matches("NAMESPACE +NAME +STATUS +HEALTHY +LEADER +HEALTH% +DATA +WARNINGS +LAST POLL");
    assertThat(out).containsPattern("shop +prod +Healthy +3/3 +8672995594195906 +100.0 +Healthy +0 +29s ago");
    assertThat(out).containsPattern("shop +search +Healthy +3/3 +8672995594195906 +100.0 +AtRisk +2 +29s ago");
    assertThat(out).containsPattern("old +legacy +Stale +2/3 +8672995594195906 +66.7 +- +2 +10m ago");
    assertThat(out).containsPattern("old +new +Pending +- +- +- +- +- +never");
    assertThat(out).doesNotContain("Degraded");
  }

  @Test
  void oneNamespaceLeavesTheNamespaceOut() {
    String out = WatchListView.render(watches.subList(0, 2), false, NOW, Style.plain());

    assertThat(out.lines().findFirst().orElseThrow()).startsWith("NAME ");
    assertThat(out).containsPattern("(?m)^prod +Healthy");
  }

  @Test
  void noWatchIsSaid() {
    assertThat(WatchListView.render(List.of(), false, NOW, Style.plain())).isEqualTo("No QdrantClusterWatch found.\n");
  }
}
