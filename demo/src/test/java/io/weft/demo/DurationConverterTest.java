package io.weft.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class DurationConverterTest {

    @Test
    void acceptsTheUsualShortForms() {
        assertThat(DurationConverter.parse("500ms")).isEqualTo(Duration.ofMillis(500));
        assertThat(DurationConverter.parse("5s")).isEqualTo(Duration.ofSeconds(5));
        assertThat(DurationConverter.parse("1m")).isEqualTo(Duration.ofMinutes(1));
        assertThat(DurationConverter.parse("2h")).isEqualTo(Duration.ofHours(2));
        assertThat(DurationConverter.parse(" 7 ")).isEqualTo(Duration.ofSeconds(7));
        assertThat(DurationConverter.parse("PT3S")).isEqualTo(Duration.ofSeconds(3));
    }

    @Test
    void refusesNonsenseNamingTheValue() {
        assertThatThrownBy(() -> DurationConverter.parse("soon"))
                .isInstanceOf(CommandLine.TypeConversionException.class)
                .hasMessageContaining("'soon'");
        assertThatThrownBy(() -> DurationConverter.parse("-5s"))
                .isInstanceOf(CommandLine.TypeConversionException.class);
    }

    @Test
    void formatsShortly() {
        assertThat(DurationConverter.format(Duration.ofMillis(500))).isEqualTo("500ms");
        assertThat(DurationConverter.format(Duration.ofSeconds(5))).isEqualTo("5s");
        assertThat(DurationConverter.format(Duration.ofMillis(1500))).isEqualTo("1.5s");
    }
}
