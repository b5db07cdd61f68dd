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
        return new OutgoingCall(method, new Object[] {"Ada"}, contextMetadata, Deadline.after(Duration.ofSeconds(1)));
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
        assertThat(call.metadataToSend()).containsExactlyInAnyOrderEntriesOf(Map.of("user", "bob", "region", "eu"));
    }
}
