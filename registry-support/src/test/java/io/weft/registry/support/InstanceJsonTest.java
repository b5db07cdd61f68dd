package io.weft.registry.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.weft.InstanceStatus;
import io.weft.ServiceInstance;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.assertj.core.api.AbstractThrowableAssert;
import org.junit.jupiter.api.Test;

class InstanceJsonTest {
    /** The instance JSON example of DESIGN §5, verbatim (line breaks removed). */
    static final String DESIGN_EXAMPLE =
            "{\"service\":\"io.weft.demo.Greeter\",\"instanceId\":\"127.0.0.1:20880\",\"application\":\"greeter\","
            + "\"host\":\"127.0.0.1\",\"port\":20880,\"protocol\":\"weft/1\",\"serializations\":[\"hessian2\"],"
            + "\"version\":\"1.0.0\",\"weight\":100,\"tags\":{\"env\":\"stable\",\"zone\":\"z1\"},"
            + "\"methods\":[\"greet\"],\"tls\":false,\"startedAt\":1764000000000,"
            + "\"status\":{\"health\":1.0,\"updatedAt\":1764000005000,\"qps\":12.5,\"errorRate\":0.0},"
            + "\"appliedRules\":{\"routing\":7,\"throttling\":3}}";

    static final ServiceInstance EXAMPLE = new ServiceInstance("io.weft.demo.Greeter", "127.0.0.1:20880", "greeter",
            "127.0.0.1", 20880, "weft/1", List.of("hessian2"), "1.0.0", 100, Map.of("zone", "z1", "env", "stable"),
            List.of("greet"), false, 1764000000000L, new InstanceStatus(1.0, 1764000005000L, 12.5, 0.0),
            Map.of("throttling", 3L, "routing", 7L));

    @Test
    void encodesTheDesignExampleByteForByteWithTheStatusFieldsOfSection10() {
        assertThat(new String(InstanceJson.encode(EXAMPLE), StandardCharsets.UTF_8)).isEqualTo(DESIGN_EXAMPLE
                .replace("\"errorRate\":0.0}", "\"errorRate\":0.0,\"p99Ms\":0.0,\"inflight\":0}"));
    }

    @Test
    void statusCarriesP99AndInflightAndNodesWithoutThemReadAsZero() {
        ServiceInstance busy = EXAMPLE.withStatus(new InstanceStatus(0.9, 1764000005000L, 40, 0.01, 12.5, 7, Map.of()));
        String json = new String(InstanceJson.encode(busy), StandardCharsets.UTF_8);

        assertThat(json).contains("\"p99Ms\":12.5,\"inflight\":7");
        assertThat(InstanceJson.decode(bytes(json))).isEqualTo(busy);
        InstanceStatus old = InstanceJson.decode(bytes(DESIGN_EXAMPLE)).status();
        assertThat(old.p99Ms()).isZero();
        assertThat(old.inflight()).isZero();
        assertThatThrownBy(() -> InstanceJson.decode(bytes(json.replace("\"inflight\":7", "\"inflight\":\"many\""))))
                .hasMessageContaining("status.inflight");
    }

    @Test
    void decodesTheDesignExample() {
        assertThat(InstanceJson.decode(bytes(DESIGN_EXAMPLE))).isEqualTo(EXAMPLE);
    }

    @Test
    void sidecarNodeSaysSoAndOthersLeaveTheFieldOut() {
        String json = new String(InstanceJson.encode(EXAMPLE.withSidecar(true)), StandardCharsets.UTF_8);

        assertThat(json).contains("\"tls\":false,\"sidecar\":true,");
        assertThat(InstanceJson.decode(bytes(json)).sidecar()).isTrue();
        assertThat(new String(InstanceJson.encode(EXAMPLE), StandardCharsets.UTF_8)).doesNotContain("sidecar");
        assertThat(InstanceJson.decode(bytes(DESIGN_EXAMPLE)).sidecar()).isFalse();
    }

    @Test
    void leavesOutStatusWhenThereIsNone() {
        String json = new String(InstanceJson.encode(EXAMPLE.withStatus(null)), StandardCharsets.UTF_8);

        assertThat(json).doesNotContain("status").contains("\"startedAt\":1764000000000,\"appliedRules\"");
        assertThat(InstanceJson.decode(bytes(json))).isEqualTo(EXAMPLE.withStatus(null));
    }

    @Test
    void roundTripsNonAsciiAndEscapedText() {
        ServiceInstance odd = EXAMPLE.withTags(Map.of("note", "zürich \"quoted\" \\ \n")).withVersion("2.0-β");

        assertThat(InstanceJson.decode(InstanceJson.encode(odd))).isEqualTo(odd);
    }

    @Test
    void ignoresUnknownFieldsAtEveryLevel() {
        String json = DESIGN_EXAMPLE
                .replace("\"port\":20880,", "\"port\":20880,\"region\":{\"nested\":[1,2,{}]},")
                .replace("\"qps\":12.5,", "\"qps\":12.5,\"p95Ms\":3,");

        assertThat(InstanceJson.decode(bytes(json))).isEqualTo(EXAMPLE);
    }

    @Test
    void fillsDefaultsForMissingOptionalFields() {
        ServiceInstance minimal = InstanceJson.decode(bytes("{\"service\":\"a.B\",\"host\":\"10.0.0.1\",\"port\":1}"));

        assertThat(minimal.instanceId()).isEqualTo("10.0.0.1:1");
        assertThat(minimal.protocol()).isEqualTo("weft/1");
        assertThat(minimal.serializations()).containsExactly("hessian2");
        assertThat(minimal.weight()).isEqualTo(100);
        assertThat(minimal.tags()).isEmpty();
        assertThat(minimal.methods()).isEmpty();
        assertThat(minimal.status()).isNull();
        assertThat(minimal.appliedRules()).isEmpty();
        assertThat(minimal.application()).isEmpty();
    }

    @Test
    void namesEachMissingRequiredField() {
        assertDecodeFails("{\"host\":\"h\",\"port\":1}").hasMessageContaining("missing required field 'service'");
        assertDecodeFails("{\"service\":\"s\",\"port\":1}").hasMessageContaining("missing required field 'host'");
        assertDecodeFails("{\"service\":\"s\",\"host\":\"h\"}").hasMessageContaining("missing required field 'port'");
    }

    @Test
    void rejectsMalformedJsonWithAClearMessage() {
        assertDecodeFails("{\"service\":").hasMessageStartingWith("malformed instance JSON");
        assertDecodeFails("not json").hasMessageStartingWith("malformed instance JSON");
        assertDecodeFails("[1,2]").hasMessageContaining("expected an object");
        assertDecodeFails(DESIGN_EXAMPLE + "{}").hasMessageStartingWith("malformed instance JSON");
        assertThatThrownBy(() -> InstanceJson.decode(new byte[0]))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("empty");
    }

    @Test
    void namesFieldsWithWrongTypesOrValues() {
        assertDecodeFails(DESIGN_EXAMPLE.replace("\"port\":20880", "\"port\":\"x\""))
                .hasMessageContaining("field 'port' must be an integer");
        assertDecodeFails(DESIGN_EXAMPLE.replace("\"port\":20880", "\"port\":70000"))
                .hasMessageContaining("field 'port' must be between 0 and 65535");
        assertDecodeFails(DESIGN_EXAMPLE.replace("\"zone\":\"z1\"", "\"zone\":1"))
                .hasMessageContaining("field 'tags.zone' must be a string");
        assertDecodeFails(DESIGN_EXAMPLE.replace("\"health\":1.0", "\"health\":2"))
                .hasMessageContaining("'status.health' must be in [0,1]");
        assertDecodeFails(DESIGN_EXAMPLE.replace("\"weight\":100", "\"weight\":-1"))
                .hasMessageContaining("field 'weight'");
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    /** Decoding {@code json} fails with an IllegalArgumentException; assertions on it follow. */
    private static AbstractThrowableAssert<?, ? extends Throwable> assertDecodeFails(String json) {
        return assertThatThrownBy(() -> InstanceJson.decode(bytes(json))).isInstanceOf(IllegalArgumentException.class);
    }
}
