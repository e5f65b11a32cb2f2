package io.qdrantvigil.sandbox.qdrant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Fault settings as the control API reads them. */
class FaultSpecTest {

    @Test
    void namesAreReadInAnyCase() {
        assertThat(FaultSpec.parse("hung", null, null).fault()).isEqualTo(Fault.HUNG);
        assertThat(FaultSpec.parse("consensus-stopped-with-err", "", null).fault())
                .isEqualTo(Fault.CONSENSUS_STOPPED_WITH_ERR);
    }

    @Test
    void valuesSetTheirOwnFaultsSetting() {
        assertThat(FaultSpec.parse("slow", "1500ms", null).delay()).isEqualTo(Duration.ofMillis(1500));
        assertThat(FaultSpec.parse("slow", "3s", null).delay()).isEqualTo(Duration.ofSeconds(3));
        assertThat(FaultSpec.parse("slow", "PT0.5S", null).delay()).isEqualTo(Duration.ofMillis(500));
        assertThat(FaultSpec.parse("non_json", "200", null).httpStatus()).isEqualTo(200);
        assertThat(FaultSpec.parse("version", "1.17.1", null).version()).isEqualTo("1.17.1");
        assertThat(FaultSpec.parse("huge_body", "3000000", "/cluster").bodyBytes()).isEqualTo(3_000_000);
        assertThat(FaultSpec.parse("huge_body", "3000000", "/cluster").pathPrefix()).isEqualTo("/cluster");
    }

    @Test
    void nonsenseIsRefused() {
        assertThatThrownBy(() -> FaultSpec.parse("melted", null, null)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> FaultSpec.parse("hung", "5", null)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> FaultSpec.nonJson(42)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aPathPrefixLimitsWhereTheFaultActs() {
        FaultSpec spec = FaultSpec.of(Fault.SLOW).onPath("/collections");
        assertThat(spec.appliesTo("/collections/products")).isTrue();
        assertThat(spec.appliesTo("/cluster")).isFalse();
        assertThat(FaultSpec.of(Fault.SLOW).appliesTo("/cluster")).isTrue();
    }
}
