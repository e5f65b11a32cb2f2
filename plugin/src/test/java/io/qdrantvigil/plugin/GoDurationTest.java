package io.qdrantvigil.plugin;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class GoDurationTest {

  @Test
  void parsesWhatKubernetesWrites() {
    assertThat(GoDuration.parse("30s")).contains(Duration.ofSeconds(30));
    assertThat(GoDuration.parse("2m")).contains(Duration.ofMinutes(2));
    assertThat(GoDuration.parse("1m30s")).contains(Duration.ofSeconds(90));
    assertThat(GoDuration.parse("500ms")).contains(Duration.ofMillis(500));
    assertThat(GoDuration.parse("1.5h")).contains(Duration.ofMinutes(90));
    assertThat(GoDuration.parse("0")).contains(Duration.ZERO);
    assertThat(GoDuration.parse("0s")).contains(Duration.ZERO);
  }

  @Test
  void refusesTheRest() {
    assertThat(GoDuration.parse("abc")).isEmpty();
    assertThat(GoDuration.parse("-5s")).isEmpty();
    assertThat(GoDuration.parse("5")).isEmpty();
    assertThat(GoDuration.parse("5s abc")).isEmpty();
    assertThat(GoDuration.parse(null)).isEmpty();
  }

  @Test
  void formatsTheTwoLargestUnits() {
    assertThat(GoDuration.format(Duration.ofSeconds(45))).isEqualTo("45s");
    assertThat(GoDuration.format(Duration.ofSeconds(125))).isEqualTo("2m5s");
    assertThat(GoDuration.format(Duration.ofSeconds(3720))).isEqualTo("1h2m");
    assertThat(GoDuration.format(Duration.ofHours(76))).isEqualTo("3d4h");
    assertThat(GoDuration.format(Duration.ofSeconds(-3))).isEqualTo("0s");
  }
}
