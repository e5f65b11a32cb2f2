package io.qdrantvigil.operator.health;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ClusterVerdictTest {

  @Test
  void verdictRules() {
    assertThat(ClusterVerdict.of(3, 3, true)).isEqualTo("Healthy");
    assertThat(ClusterVerdict.of(3, 3, false)).isEqualTo("Degraded");
    assertThat(ClusterVerdict.of(2, 3, true)).isEqualTo("Degraded");
    assertThat(ClusterVerdict.of(0, 3, false)).isEqualTo("Unavailable");
    assertThat(ClusterVerdict.of(0, 0, false)).isEqualTo("Unavailable");
  }

  @Test
  void percentageHasOneDecimalAndIsZeroWithoutNodes() {
    assertThat(ClusterVerdict.healthPercentage(2, 3)).isEqualTo(66.7);
    assertThat(ClusterVerdict.healthPercentage(1, 3)).isEqualTo(33.3);
    assertThat(ClusterVerdict.healthPercentage(3, 3)).isEqualTo(100.0);
    assertThat(ClusterVerdict.healthPercentage(0, 0)).isEqualTo(0.0);
  }
}
