package io.qdrantvigil.sandbox.qdrant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The manual clock for tests and the real clock for the demo. */
class SimClockTest {

    @Test
    void aManualClockMovesOnlyWhenAdvanced() {
        SimClock clock = SimClock.manual();
        assertThat(clock.isManual()).isTrue();
        assertThat(clock.now()).isEqualTo(SimClock.DEFAULT_START);
        clock.advance(Duration.ofMillis(1500));
        assertThat(clock.now()).isEqualTo(SimClock.DEFAULT_START.plusMillis(1500));
        assertThatThrownBy(() -> clock.advance(Duration.ofSeconds(-1))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theSystemClockCannotBeAdvanced() {
        SimClock clock = SimClock.system();
        assertThat(clock.isManual()).isFalse();
        assertThat(Duration.between(clock.now(), Instant.now()).abs()).isLessThan(Duration.ofSeconds(1));
        assertThatThrownBy(() -> clock.advance(Duration.ofSeconds(1))).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void onTheSystemClockHeartbeatsFollowRealTime() {
        try (SimulatedCluster cluster = SimulatedCluster.start(ClusterOptions.defaults().withClock(SimClock.system()))) {
            Instant started = Instant.now();
            await().atMost(Duration.ofSeconds(3)).untilAsserted(() -> {
                Instant lastUpdate = Instant.parse(SimHttp.cluster(cluster.node(1))
                        .path("consensus_thread_status").path("last_update").asText());
                assertThat(lastUpdate).isAfter(started.plusMillis(300));
                assertThat(Duration.between(lastUpdate, Instant.now())).isLessThan(Duration.ofMillis(500));
            });
        }
    }
}
