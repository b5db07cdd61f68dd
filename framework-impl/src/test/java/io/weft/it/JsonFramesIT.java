package io.weft.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.weft.Weft;
import io.weft.WeftConfig;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * JSON requests (serialization 2) written byte by byte from DESIGN §4 against a provider on a real
 * loopback socket: the type mapping, overloads, and malformed or hostile bodies, each refused with
 * status 3 naming the argument while the provider (and the same connection) keeps serving.
 */
class JsonFramesIT {
    private static final String SERVICE = JsonProbe.class.getName();
    static Weft provider;
    private RawPeer peer;
    private long ids;

    @BeforeAll
    static void start() {
        provider = Weft.create(WeftConfig.of(Map.of(WeftConfig.SERVER_HOST, "127.0.0.1", WeftConfig.SERVER_PORT, "0",
                WeftConfig.APPLICATION, "json-probe")));
        provider.export(JsonProbe.class, new JsonProbeImpl());
    }

    @AfterAll
    static void stop() {
        provider.close();
    }

    @BeforeEach
    void connect() throws IOException {
        peer = RawPeer.connect(provider.serverAddress().orElseThrow().getPort());
    }

    @AfterEach
    void disconnect() throws IOException {
        peer.close();
    }

    @Test
    void stringArgumentIsAnsweredInJson() throws IOException {
        RawPeer.RawFrame r = call("greet", "[\"Ada\"]");
        assertThat(r.status()).isZero();
        assertThat(r.serialization()).isEqualTo(2);
        assertThat(text(r)).isEqualTo("\"Hello, Ada\"");
    }

    @Test
    void recordArgumentWithListInstantOptionalEnumBytesAndMapIsDecodedIntoTheRecord() throws IOException {
        String order = "{\"id\":7,\"items\":[\"tea\",\"cake\"],\"placedAt\":\"2026-12-02T10:15:30Z\",\"note\":\"gift\","
                + "\"mood\":\"HAPPY\",\"blob\":\"AQID\",\"counts\":{\"tea\":2}}";
        assertThat(text(call("describe", "[" + order + "]")))
                .isEqualTo("\"7|[tea, cake]|2026-12-02T10:15:30Z|Optional[gift]|HAPPY|AQID|{tea=2}\"");
        assertThat(text(call("describe", "[{\"id\":8,\"items\":[],\"note\":null,\"unknownField\":{\"x\":[1]}}]")))
                .isEqualTo("\"8|[]|null|Optional.empty|null|null|null\"");
        assertThat(text(call("echoOrder", "[" + order + "]"))).isEqualTo(order);
        assertThat(text(call("dayAfter", "[\"2024-02-28\"]"))).isEqualTo("\"2024-02-29\"");
    }

    @Test
    void voidMethodAnswersJsonNull() throws IOException {
        RawPeer.RawFrame r = call("nothing", "");
        assertThat(r.status()).isZero();
        assertThat(text(r)).isEqualTo("null");
    }

    @Test
    void malformedBodyIsInvalidArgumentAndTheProviderKeepsServing() throws IOException {
        assertRefused(call("greet", "[\"Ada\""), "greet");
        assertRefused(call("greet", "{\"name\":\"Ada\"}"), "must be a JSON array");
        assertRefused(call("greet", "[\"Ada\",\"Bob\"]"), "takes 1 arguments");
        assertRefused(call("greet", ""), "takes 1 arguments");
        assertRefused(call("greet", "[\"Ada\"] trailing"), "greet");
        assertStillServing();
    }

    @Test
    void wrongValueNamesTheArgumentByIndexNameAndType() throws IOException {
        assertRefused(call("describe", "[{\"id\":\"seven\"}]"),
                "argument 0 'order' (io.weft.it.JsonProbe$Order)");
        assertRefused(call("describe", "[{\"id\":1,\"mood\":\"SLEEPY\"}]"), "argument 0 'order'");
        assertRefused(call("describe", "[{\"id\":1,\"mood\":0}]"), "argument 0 'order'");
        assertRefused(call("describe", "[{\"id\":1,\"placedAt\":\"yesterday\"}]"), "argument 0 'order'");
        assertRefused(call("pick", "[\"a\",null]", Map.of(":params", "java.lang.String,int")),
                "argument 1 'times' (int) of pick must not be null");
        assertStillServing();
    }

    @Test
    void hostileBodiesAreRefusedWithinTheLimitsAndTheProviderKeepsServing() throws IOException {
        String deep = "[".repeat(100_000) + "]".repeat(100_000);
        assertRefused(call("typeOf", "[" + deep + "]"), "nesting depth");
        String huge = "x".repeat(2 * 1024 * 1024);
        assertRefused(call("greet", "[\"" + huge + "\"]"), "String value length");
        assertRefused(call("typeOf", "[" + "9".repeat(5000) + "]"), "Number value length");
        assertRefused(call("typeOf", "[{\"" + "k".repeat(100_000) + "\":1}]"), "Name length");
        assertStillServing();
    }

    @Test
    void inputNeverNamesAClass() throws IOException {
        assertThat(text(call("typeOf", "[{\"@class\":\"java.net.URL\",\"protocol\":\"http\"}]")))
                .isEqualTo("\"java.util.LinkedHashMap\"");
        assertThat(text(call("typeOf", "[[\"java.net.URL\",\"http://example.invalid\"]]")))
                .isEqualTo("\"java.util.ArrayList\"");
        assertThat(text(call("typeOf", "[\"java.lang.Runtime\"]"))).isEqualTo("\"java.lang.String\"");
    }

    @Test
    void overloadsAreChosenByParamsOrArgumentCountAndAmbiguityNamesTheCandidates() throws IOException {
        assertThat(text(call("pick", "[\"ab\",2]"))).isEqualTo("\"text*2:abab\"");
        assertThat(text(call("pick", "[5]", Map.of(":params", "int")))).isEqualTo("\"number:5\"");
        assertThat(text(call("pick", "[\"a\"]", Map.of(":params", "java.lang.String")))).isEqualTo("\"text:a\"");
        RawPeer.RawFrame ambiguous = call("pick", "[\"a\"]");
        assertRefused(ambiguous, "ambiguous");
        assertThat(ambiguous.metadata().get(":message")).contains("'int'").contains("'java.lang.String'");
        RawPeer.RawFrame none = call("pick", "[1,2,3]");
        assertRefused(none, "no overload of pick takes 3 arguments");
        assertThat(none.metadata().get(":message")).contains("'java.lang.String,int'");
    }

    private void assertStillServing() throws IOException {
        assertThat(text(call("greet", "[\"again\"]"))).isEqualTo("\"Hello, again\"");
    }

    private static void assertRefused(RawPeer.RawFrame r, String messagePart) {
        assertThat(r.status()).as("status of %s", r.metadata()).isEqualTo(3);
        assertThat(r.metadata().get(":message")).contains(messagePart);
        assertThat(r.body()).isEmpty();
    }

    private static String text(RawPeer.RawFrame r) {
        assertThat(r.status()).as("status of %s", r.metadata()).isZero();
        return new String(r.body(), StandardCharsets.UTF_8);
    }

    private RawPeer.RawFrame call(String method, String body) throws IOException {
        return call(method, body, Map.of());
    }

    private RawPeer.RawFrame call(String method, String body, Map<String, String> extra) throws IOException {
        Map<String, String> metadata = new LinkedHashMap<>();
        metadata.put(":service", SERVICE);
        metadata.put(":method", method);
        metadata.put(":timeout-ms", "5000");
        metadata.putAll(extra);
        long id = ++ids;
        peer.send(jsonRequest(id, metadata, body.getBytes(StandardCharsets.UTF_8)));
        RawPeer.RawFrame response = peer.read();
        assertThat(response.kind()).isEqualTo(2);
        assertThat(response.id()).isEqualTo(id);
        return response;
    }

    /** A REQUEST frame in serialization 2, laid out as DESIGN §4 says. */
    static byte[] jsonRequest(long id, Map<String, String> metadata, byte[] body) throws IOException {
        return RequestBytes.request(id, 2, metadata, body);
    }
}
