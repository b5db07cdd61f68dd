package io.weft.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.weft.Status;
import io.weft.Weft;
import io.weft.internal.serialization.GadgetFrames;
import io.weft.internal.transport.FrameKind;
import io.weft.internal.transport.Wire;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Published Hessian gadget classes sent in hand-made request frames are refused; the provider keeps serving. */
class GadgetFrameIT {

    /** A REQUEST frame built byte by byte from DESIGN §4, with {@code body} as its Hessian body. */
    static byte[] requestFrame(long id, String service, String method, byte[] body) throws IOException {
        Map<String, String> metadata = new LinkedHashMap<>();
        metadata.put(Wire.SERVICE, service);
        metadata.put(Wire.METHOD, method);
        metadata.put(Wire.TIMEOUT_MS, "5000");
        return RequestBytes.request(id, 1, metadata, body);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "com.rometools.rome.feed.impl.EqualsBean",
        "org.springframework.aop.support.DefaultBeanFactoryPointcutAdvisor",
        "com.sun.rowset.JdbcRowSetImpl",
        "org.apache.commons.collections.functors.InvokerTransformer",
        "javax.management.BadAttributeValueExpException"})
    void gadgetClassInARequestIsRefusedByNameAndTheProviderKeepsServing(String gadget) throws Exception {
        EchoServiceImpl impl = new EchoServiceImpl("p");
        try (Weft provider = Nodes.provider(impl);
             RawPeer peer = RawPeer.connect(provider.serverAddress().orElseThrow().getPort())) {
            peer.send(requestFrame(11, EchoService.class.getName(), "echo", GadgetFrames.hessianObject(gadget)));
            RawPeer.RawFrame refused = peer.read();
            assertThat(refused.kind()).isEqualTo(FrameKind.RESPONSE);
            assertThat(refused.id()).isEqualTo(11);
            assertThat(refused.status()).isEqualTo(Status.INVALID_ARGUMENT.code());
            assertThat(refused.metadata().get(Wire.MESSAGE)).contains(gadget).contains("not allowed");
            assertThat(refused.body()).isEmpty();
            assertThat(impl.calls.get()).isZero();

            byte[] fine = helloBody();
            peer.send(requestFrame(12, EchoService.class.getName(), "echo", fine));
            RawPeer.RawFrame answered = peer.read();
            assertThat(answered.id()).isEqualTo(12);
            assertThat(answered.status()).as(answered.metadata().toString()).isZero();
            assertThat(impl.calls.get()).isEqualTo(1);
        }
    }

    /** Hessian 2 for {@code new Object[] {"hello"}}: untyped fixed list of one string. */
    private static byte[] helloBody() {
        byte[] text = "hello".getBytes(StandardCharsets.US_ASCII);
        byte[] body = new byte[2 + 1 + text.length];
        body[0] = 0x58; // fixed-length untyped list
        body[1] = (byte) 0x91; // length 1 (compact int)
        body[2] = (byte) text.length; // short string, length < 32
        System.arraycopy(text, 0, body, 3, text.length);
        return body;
    }
}
