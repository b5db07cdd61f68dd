package io.weft;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TraceContextTest {
    private static final String VALID = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";

    @Test
    void parsesTheSpecificationsExampleAndFormatsItBack() {
        TraceContext trace = TraceContext.parse(VALID, "congo=t61rcWkgMzE");
        assertThat(trace.traceId()).isEqualTo("4bf92f3577b34da6a3ce929d0e0e4736");
        assertThat(trace.spanIdHex()).isEqualTo("00f067aa0ba902b7");
        assertThat(trace.flags()).isEqualTo(1);
        assertThat(trace.sampled()).isTrue();
        assertThat(trace.traceState()).isEqualTo("congo=t61rcWkgMzE");
        assertThat(trace.traceparent()).isEqualTo(VALID);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "",
        "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-0",            // short
        "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01-extra",     // version 00 with more
        "00-4BF92F3577B34DA6A3CE929D0E0E4736-00f067aa0ba902b7-01",          // upper case
        "00-00000000000000000000000000000000-00f067aa0ba902b7-01",          // zero trace id
        "00-4bf92f3577b34da6a3ce929d0e0e4736-0000000000000000-01",          // zero span id
        "ff-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01",          // forbidden version
        "00_4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01",          // separator
        "00-4bf92f3577b34da6a3ce929d0e0e473g-00f067aa0ba902b7-01",          // not hex
        "0x-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01",          // version not hex
        "01-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01x",         // higher version, no dash after
    })
    void refusesInvalidTraceparents(String header) {
        assertThat(TraceContext.parse(header, null)).isNull();
    }

    @Test
    void readsAHigherVersionByItsVersion00Fields() {
        TraceContext trace = TraceContext.parse(
                "cc-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01-what-the-future-holds", null);
        assertThat(trace.traceparent()).isEqualTo(VALID);
    }

    @Test
    void dropsAnInvalidTracestateButKeepsTheTraceparent() {
        assertThat(TraceContext.parse(VALID, "no equals sign").traceState()).isNull();
        assertThat(TraceContext.parse(VALID, "UPPER=1").traceState()).isNull();
        assertThat(TraceContext.parse(VALID, "k=" + "v".repeat(600)).traceState()).isNull();
        String members33 = String.join(",", java.util.Collections.nCopies(33, "k=v"));
        assertThat(TraceContext.parse(VALID, members33).traceState()).isNull();
        String members32 = String.join(",", java.util.Collections.nCopies(32, "k=v"));
        assertThat(TraceContext.parse(VALID, members32).traceState()).isEqualTo(members32);
        assertThat(TraceContext.parse(VALID, "rojo=00f067aa0ba902b7, congo=t61rcWkgMzE, tenant@vendor=x").traceState())
                .isEqualTo("rojo=00f067aa0ba902b7, congo=t61rcWkgMzE, tenant@vendor=x");
        assertThat(TraceContext.parse(VALID, null).traceState()).isNull();
    }

    @Test
    void childKeepsTraceFlagsAndStateWithANewSpan() {
        TraceContext parent = TraceContext.parse("00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-00", "a=b");
        String header = parent.newChild().traceparent();
        TraceContext child = TraceContext.parse(header, null);
        assertThat(child.traceId()).isEqualTo(parent.traceId());
        assertThat(child.spanId()).isNotEqualTo(parent.spanId()).isNotZero();
        assertThat(child.flags()).isZero();
        assertThat(parent.newChild().traceState()).isEqualTo("a=b");
    }

    @Test
    void aNewTraceIsSampledAndDifferentEachTime() {
        TraceContext first = TraceContext.parse(TraceContext.newTrace().traceparent(), null);
        TraceContext second = TraceContext.parse(TraceContext.newTrace().traceparent(), null);
        assertThat(first.traceId()).isNotEqualTo(second.traceId());
        assertThat(first.sampled()).isTrue();
        assertThat(TraceContext.newTrace().traceparent()).matches("00-[0-9a-f]{32}-[0-9a-f]{16}-01");
    }

    @Test
    void zeroIdsAreRefusedByTheConstructor() {
        assertThatThrownBy(() -> new TraceContext(0, 0, 1, 0, null)).hasMessageContaining("trace id");
        assertThatThrownBy(() -> new TraceContext(0, 1, 0, 0, null)).hasMessageContaining("span id");
    }
}
