package io.weft.internal.transport;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class MetadataStringsTest {
    private final MetadataStrings strings = new MetadataStrings();

    private String decode(String text) {
        ByteBuf buf = Unpooled.buffer().writeBytes("--".getBytes(StandardCharsets.UTF_8))
                .writeBytes(text.getBytes(StandardCharsets.UTF_8));
        return strings.decode(buf, 2, buf.readableBytes() - 2);
    }

    @Test
    void repeatedBytesDecodeToTheSameInstance() {
        String first = decode(":service");
        assertThat(decode(":service")).isEqualTo(":service").isSameAs(first);
    }

    @Test
    void differentBytesNeverShareAString() {
        for (int i = 0; i < 1000; i++) {
            assertThat(decode(Integer.toString(i))).isEqualTo(Integer.toString(i));
        }
        assertThat(decode("héllo 漢")).isEqualTo("héllo 漢");
        assertThat(decode("")).isEmpty();
        String longValue = "v".repeat(500);
        assertThat(decode(longValue)).isEqualTo(longValue);
    }
}
