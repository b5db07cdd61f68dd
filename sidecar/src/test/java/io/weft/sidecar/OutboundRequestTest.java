package io.weft.sidecar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.DefaultHttpHeadersFactory;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpHeadersFactory;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpVersion;
import io.weft.GenericRequest;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** How the outbound port turns an HTTP request's headers into the call's metadata (DESIGN §9). */
class OutboundRequestTest {
    private static final String TRACEPARENT = "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01";

    // as a lenient HTTP decoder could hand them over
    private static final HttpHeadersFactory NOT_VALIDATED = DefaultHttpHeadersFactory.headersFactory()
            .withNameValidation(false);

    private static FullHttpRequest post(String... headers) {
        FullHttpRequest r = new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.POST, "/svc/m",
                Unpooled.copiedBuffer("[1]", StandardCharsets.UTF_8), NOT_VALIDATED, NOT_VALIDATED);
        for (int i = 0; i < headers.length; i += 2) {
            r.headers().add(headers[i], headers[i + 1]);
        }
        return r;
    }

    @Test
    void metaHeadersInAnyCaseBecomeLowerCaseMetadataKeysAndTraceHeadersPassAsTheyAre() {
        GenericRequest call = OutboundHandler.toRequest("m", post("Weft-Meta-Tier", "beta", "weft-meta-zone", "a",
                "TraceParent", TRACEPARENT, "tracestate", "k=v", "X-Other", "ignored"));

        assertThat(call.metadata()).containsEntry("tier", "beta").containsEntry("zone", "a")
                .containsEntry("traceparent", TRACEPARENT).containsEntry("tracestate", "k=v")
                .doesNotContainKey("x-other").doesNotContainKey("X-Other");
    }

    @Test
    void aMetaHeaderNamingAReservedOrEmptyKeyIsRefusedNamingTheHeader() {
        assertThatThrownBy(() -> OutboundHandler.toRequest("m", post("WEFT-META-:app", "admin")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("WEFT-META-:app").hasMessageContaining("reserved metadata key");
        assertThatThrownBy(() -> OutboundHandler.toRequest("m", post("weft-meta-", "x")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("must not be empty");
    }
}
