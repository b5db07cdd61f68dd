package io.weft.internal.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.weft.Deadline;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What a client filter may do with {@link OutgoingCall#metadata()}. */
class OutgoingCallTest {
    interface Greeter {
        String greet(String name);
    }

    private static OutgoingCall call(Map<String, String> contextMetadata) throws NoSuchMethodException {
        ClientMethod method = new ClientMethod(Greeter.class.getName(), Greeter.class.getMethod("greet", String.class),
                false, Duration.ofSeconds(1), "web");
        return new OutgoingCall(method, new Object[] {"Ada"}, contextMetadata, null, Deadline.after(Duration.ofSeconds(1)));
    }

    @Test
    void filterCannotAddReservedKeysInAnyWay() throws Exception {
        Map<String, String> metadata = call(Map.of()).metadata();
        assertThatThrownBy(() -> metadata.put(":app", "admin"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("':app'");
        assertThatThrownBy(() -> metadata.putAll(Map.of("tier", "beta", ":token", "forged")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("':token'");
        assertThatThrownBy(() -> metadata.putIfAbsent(":service", "x")).hasMessageContaining("':service'");
        assertThatThrownBy(() -> metadata.computeIfAbsent(":method", k -> "x")).hasMessageContaining("':method'");
        assertThatThrownBy(() -> metadata.compute(":timeout-ms", (k, v) -> "1")).hasMessageContaining("':timeout-ms'");
        assertThatThrownBy(() -> metadata.merge(":params", "x", (a, b) -> b)).hasMessageContaining("':params'");
        assertThat(metadata).doesNotContainKeys(":app", ":token", ":service", ":method", ":timeout-ms", ":params")
                .doesNotContainKey("tier");
    }

    @Test
    void filterCanAddChangeAndRemoveUserMetadata() throws Exception {
        OutgoingCall call = call(Map.of("user", "ada"));
        call.metadata().put("tier", "beta");
        call.metadata().put("user", "bob");
        call.metadata().remove("tier");
        call.metadata().putAll(Map.of("region", "eu"));
        assertThat(call.metadataToSend()).containsKey("traceparent").hasSize(3)
                .containsAllEntriesOf(Map.of("user", "bob", "region", "eu"));
    }

    @Test
    void withoutMetadataTheTraceparentIsWrittenInlineUntilAFilterAsksForTheMap() throws Exception {
        OutgoingCall call = call(Map.of());
        String traceparent = call.traceparent();
        assertThat(traceparent).matches("00-[0-9a-f]{32}-[0-9a-f]{16}-01");
        assertThat(call.metadataToSend()).isEmpty();
        assertThat(call.inlineSpanId).isNotZero();
        assertThat(call.metadata()).containsExactly(Map.entry("traceparent", traceparent));
        assertThat(call.inlineSpanId).isZero(); // the map holds it now: written once
        assertThat(call.metadataToSend()).containsEntry("traceparent", traceparent);
    }

    @Test
    void aCallContinuesItsContextsTraceWithANewSpanAndPassesTracestateOn() throws Exception {
        ClientMethod method = new ClientMethod(Greeter.class.getName(), Greeter.class.getMethod("greet", String.class),
                false, Duration.ofSeconds(1), "web");
        io.weft.TraceContext parent = io.weft.TraceContext.parse(
                "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01", "a=b");
        OutgoingCall call = new OutgoingCall(method, new Object[] {"Ada"}, Map.of(), parent,
                Deadline.after(Duration.ofSeconds(1)));
        assertThat(call.metadataToSend().get("traceparent"))
                .startsWith("00-4bf92f3577b34da6a3ce929d0e0e4736-").endsWith("-01")
                .doesNotContain("00f067aa0ba902b7");
        assertThat(call.metadataToSend()).containsEntry("tracestate", "a=b");
    }
}
