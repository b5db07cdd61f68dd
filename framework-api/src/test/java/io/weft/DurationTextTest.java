package io.weft;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The one duration grammar of configuration values: number + unit, ISO-8601, or bare milliseconds. */
class DurationTextTest {

    @ParameterizedTest(name = "{0} = {1} ms")
    @CsvSource({
        "2000000ns, 2", "3000us, 3", "500ms, 500", "3s, 3000", "1m, 60000", "2h, 7200000",
        "1.5s, 1500", "0.5m, 30000", "1.25h, 4500000", "2.5ms, -1", "0s, 0", "0, 0", "3000, 3000",
        "PT3S, 3000", "pt0.25s, 250", "PT1H30M, 5400000", "P1D, 86400000"})
    void everyUnitAndFormGivesWholeMilliseconds(String text, long millis) {
        if (millis < 0) {
            assertThatThrownBy(() -> DurationText.parse(text)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("must be whole milliseconds (Weft's timers tick in ms)");
        } else {
            assertThat(DurationText.parse(text)).isEqualTo(Duration.ofMillis(millis));
        }
    }

    @ParameterizedTest(name = "''{0}''")
    @ValueSource(strings = {"3 s", "3S", "3sec", "s", "1.5", "1e3ms", "3s500ms", "-3s", "+3s", "3d", "ms5", "PT", "P3X"})
    void anythingElseIsRefusedListingTheAcceptedForms(String text) {
        assertThatThrownBy(() -> DurationText.parse(text)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("not a duration; expected " + DurationText.FORMS);
    }

    @Test
    void negativeAndOverlongValuesAreRefused() {
        assertThatThrownBy(() -> DurationText.parse("-PT3S")).hasMessage("must not be negative");
        assertThatThrownBy(() -> DurationText.parse("9999999999999999999h")).hasMessage("too long");
        assertThatThrownBy(() -> DurationText.parse("1500us")).hasMessageContaining("whole milliseconds");
    }

    @Test
    void formatWritesTheLargestUnitThatDividesTheValue() {
        assertThat(DurationText.format(Duration.ofMillis(3000))).isEqualTo("3s");
        assertThat(DurationText.format(Duration.ofMillis(500))).isEqualTo("500ms");
        assertThat(DurationText.format(Duration.ofMillis(1500))).isEqualTo("1500ms");
        assertThat(DurationText.format(Duration.ofMinutes(5))).isEqualTo("5m");
        assertThat(DurationText.format(Duration.ofMinutes(90))).isEqualTo("90m");
        assertThat(DurationText.format(Duration.ofHours(2))).isEqualTo("2h");
        assertThat(DurationText.format(Duration.ZERO)).isEqualTo("0");
        for (String s : new String[] {"3s", "500ms", "5m", "2h", "0"}) {
            assertThat(DurationText.format(DurationText.parse(s))).isEqualTo(s);
        }
    }

    @Test
    void badValueOfAKeyNamesTheKeyTheValueAndTheAcceptedForms() {
        assertThatThrownBy(() -> WeftConfig.of(Map.of("weft.client.timeout", "3 seconds")))
                .isInstanceOf(WeftConfigException.class)
                .hasMessage("invalid configuration weft.client.timeout='3 seconds': not a duration; expected a number"
                        + " with a unit ns, us, ms, s, m or h (500ms, 3s, 1.5m, 2h), an ISO-8601 duration (PT3S) or a"
                        + " whole number of milliseconds");
        assertThatThrownBy(() -> WeftConfig.of(Map.of("weft.client.timeout-ms", "abc")))
                .hasMessageStartingWith("invalid configuration weft.client.timeout-ms='abc': not a duration");
        assertThatThrownBy(() -> WeftConfig.empty().with("weft.heartbeat.interval", "5ms")
                .get(WeftKeys.HEARTBEAT_INTERVAL))
                .hasMessage("invalid configuration weft.heartbeat.interval='5ms': must be at least 10ms");
    }
}
