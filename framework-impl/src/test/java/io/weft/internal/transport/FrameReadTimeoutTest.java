package io.weft.internal.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.embedded.EmbeddedChannel;
import io.weft.Status;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The frame read timeout: a started frame must complete in time, however its bytes trickle in. */
class FrameReadTimeoutTest {
    private static final int LIMIT = 64 * 1024;

    @Test
    void peerTricklingOneByteAtATimeIsCutOffThoughBytesKeepComing() {
        EmbeddedChannel ch = new EmbeddedChannel(new FrameDecoder(LIMIT, 200));
        ByteBuf frame = FrameWriter.goAway(ByteBufAllocator.DEFAULT, Status.OK, "x".repeat(500));
        await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(5)).until(() -> {
            if (frame.isReadable()) {
                ch.writeInbound(frame.readRetainedSlice(1));
            }
            ch.runScheduledPendingTasks();
            return !ch.isOpen();
        });
        assertThat(frame.isReadable()).as("cut off before the frame was complete").isTrue();
        frame.release();
        ByteBuf goAway = ch.readOutbound();
        assertThat(goAway.getUnsignedShort(6)).isEqualTo(Status.DEADLINE_EXCEEDED.code());
        goAway.release();
        ch.finishAndReleaseAll();
    }

    @Test
    void steadyStreamOfCompleteFramesIsNeverCutOff() {
        EmbeddedChannel ch = new EmbeddedChannel(new FrameDecoder(LIMIT, 100));
        long end = System.nanoTime() + Duration.ofMillis(400).toNanos();
        int frames = 0;
        // Each read completes one frame and starts the next, so a partial frame is always buffered.
        ByteBuf carry = ByteBufAllocator.DEFAULT.buffer();
        while (System.nanoTime() - end < 0) {
            ByteBuf ping = FrameWriter.ping(ByteBufAllocator.DEFAULT, ++frames);
            carry.writeBytes(ping, 12);
            ch.writeInbound(carry);
            carry = ping;
            ch.runScheduledPendingTasks();
            Frame f = ch.readInbound();
            if (f != null) {
                f.release();
            }
            await().pollDelay(Duration.ofMillis(20)).atMost(Duration.ofSeconds(1)).until(() -> true);
        }
        carry.release();
        assertThat(ch.isOpen()).isTrue();
        ch.finishAndReleaseAll();
    }
}
