package io.qdrantvigil.operator.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.qdrantvigil.operator.api.ActionsSpec;
import io.qdrantvigil.operator.api.ApiKeySecretRef;
import io.qdrantvigil.operator.api.QdrantClusterWatchSpec;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class WatchSettingsTest {

  private static QdrantClusterWatchSpec spec(String interval, String timeout, List<String> nodes, Integer port) {
    return new QdrantClusterWatchSpec(null, nodes, port, interval, timeout, null, null, null);
  }

  @Test
  void defaultsFollowTheContract() throws Exception {
    WatchSettings settings = WatchSettings.from(new QdrantClusterWatchSpec());
    assertThat(settings.interval()).isEqualTo(Duration.ofSeconds(120));
    assertThat(settings.timeout()).isEqualTo(Duration.ofSeconds(5));
    assertThat(settings.selector().getMatchLabels()).containsEntry("app", "qdrant");
    assertThat(settings.actionsEnabled()).isTrue();
    assertThat(settings.nodes()).isEmpty();
    assertThat(settings.stuckAfter()).isEqualTo(Duration.ofMinutes(15));
    assertThat(settings.stepTimeout()).isEqualTo(Duration.ofMinutes(10));
  }

  @Test
  void aStepTimeoutThatIsNoPositiveDurationIsAnInvalidSpec() throws Exception {
    assertThatThrownBy(() -> WatchSettings.from(stepTimeout("soon")))
        .isInstanceOf(InvalidSpecException.class).hasMessageStartingWith("spec.stepTimeout");
    assertThatThrownBy(() -> WatchSettings.from(stepTimeout("0s")))
        .hasMessage("spec.stepTimeout: must be greater than 0");
    assertThat(WatchSettings.from(stepTimeout("90s")).stepTimeout()).isEqualTo(Duration.ofSeconds(90));
  }

  private static QdrantClusterWatchSpec stepTimeout(String value) {
    return new QdrantClusterWatchSpec(null, null, null, null, null, null, null, null, null, value);
  }

  @Test
  void readsGoDurations() throws Exception {
    assertThat(WatchSettings.from(spec("2m", "500ms", null, null)).interval()).isEqualTo(Duration.ofMinutes(2));
    assertThat(WatchSettings.from(spec("1m30s", "2s", null, null)).interval()).isEqualTo(Duration.ofSeconds(90));
  }

  @Test
  void namesTheFieldOfEachInvalidValue() {
    assertThatThrownBy(() -> WatchSettings.from(spec("abc", null, null, null)))
        .isInstanceOf(InvalidSpecException.class).hasMessageStartingWith("spec.interval")
        .satisfies(e -> assertThat(((InvalidSpecException) e).field()).isEqualTo("spec.interval"));
    assertThatThrownBy(() -> WatchSettings.from(spec("4s", null, null, null)))
        .hasMessageContaining("spec.interval").hasMessageContaining("at least 5s");
    assertThatThrownBy(() -> WatchSettings.from(spec(null, "-5s", null, null)))
        .hasMessageContaining("spec.timeout").hasMessageContaining("negative");
    assertThatThrownBy(() -> WatchSettings.from(spec(null, "0s", null, null))).hasMessageContaining("spec.timeout");
    assertThatThrownBy(() -> WatchSettings.from(spec(null, null, List.of("http://ok:6333", "not a url"), null)))
        .hasMessageContaining("spec.nodes[1]");
    assertThatThrownBy(() -> WatchSettings.from(spec(null, null, List.of("ftp://x:1"), null)))
        .hasMessageContaining("spec.nodes[0]");
    assertThatThrownBy(() -> WatchSettings.from(spec(null, null, null, 70000))).hasMessageContaining("spec.port");
    assertThatThrownBy(() -> WatchSettings.from(new QdrantClusterWatchSpec(null, null, null, null, null,
        new ApiKeySecretRef("s", null), null, null))).hasMessageContaining("spec.apiKeySecretRef");
  }

  @Test
  void aTimeoutAboveFiveMinutesIsRefused() throws Exception {
    assertThatThrownBy(() -> WatchSettings.from(spec(null, "5m1s", null, null)))
        .hasMessageContaining("spec.timeout").hasMessageContaining("at most 5m");
    assertThat(WatchSettings.from(spec(null, "5m", null, null)).timeout()).isEqualTo(Duration.ofMinutes(5));
  }

  @Test
  void anEmptySelectorIsRefused() {
    assertThatThrownBy(() -> WatchSettings.from(new QdrantClusterWatchSpec(new io.fabric8.kubernetes.api.model
        .LabelSelector(), null, null, null, null, null, null, null)))
        .isInstanceOf(InvalidSpecException.class).hasMessageStartingWith("spec.selector").hasMessageContaining("{}");
    assertThatThrownBy(() -> WatchSettings.from(new QdrantClusterWatchSpec(new io.fabric8.kubernetes.api.model
        .LabelSelectorBuilder().withMatchLabels(java.util.Map.of()).withMatchExpressions(List.of()).build(),
        null, null, null, null, null, null, null))).hasMessageStartingWith("spec.selector");
  }

  @Test
  void actionsCanBeSwitchedOff() throws Exception {
    assertThat(WatchSettings.from(new QdrantClusterWatchSpec(null, null, null, null, null, null, null,
        new ActionsSpec(false))).actionsEnabled()).isFalse();
  }
}
