package io.weft.internal.transport;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.embedded.EmbeddedChannel;
import io.weft.Status;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The frame read timeout: a started frame must complete in time, however its bytes trickle in. Virtual
 * time: the decoder's ticker and the embedded channel's timer clock advance together, nothing waits.
 */
class FrameReadTimeoutTest {
    private static final int LIMIT = 64 * 1024;

    private final AtomicLong nanos = new AtomicLong(5_000_000_000L);
    private EmbeddedChannel ch;

    private EmbeddedChannel channel(long timeoutMillis) {
        ch = new EmbeddedChannel(new FrameDecoder(LIMIT, timeoutMillis, Wire.DEFAULT_MAX_METADATA_ENTRIES, nanos::get));
        ch.freezeTime();
        return ch;
    }

    /** Moves both clocks on and runs the timers that are due. */
    private void advance(Duration d) {
        nanos.addAndGet(d.toNanos());
        ch.advanceTimeBy(d.toNanos(), TimeUnit.NANOSECONDS);
        ch.runScheduledPendingTasks();
    }

    private void assertClosedWithDeadlineExceeded() {
        assertThat(ch.isOpen()).isFalse();
        ByteBuf goAway = ch.readOutbound();
        assertThat(goAway.getUnsignedShort(6)).isEqualTo(Status.DEADLINE_EXCEEDED.code());
        goAway.release();
    }

    @AfterEach
    void release() {
        ch.finishAndReleaseAll();
    }

    @Test
    void peerTricklingOneByteAtATimeIsCutOffThoughBytesKeepComing() {
        channel(200);
        ByteBuf frame = FrameWriter.goAway(ByteBufAllocator.DEFAULT, Status.OK, "x".repeat(500));
        int sent = 0;
        while (frame.isReadable() && ch.isOpen()) {
            ch.writeInbound(frame.readRetainedSlice(1));
            sent++;
            advance(Duration.ofMillis(5));
        }
        assertThat(frame.isReadable()).as("cut off before the frame was complete").isTrue();
        frame.release();
        assertThat(sent).as("bytes sent in 200 ms at one per 5 ms").isEqualTo(40);
        assertClosedWithDeadlineExceeded();
    }

    @Test
    void stalledPartialFrameIsCutOffExactlyWhenTheTimeoutIsReached() {
        channel(100);
        ByteBuf ping = FrameWriter.ping(ByteBufAllocator.DEFAULT, 1);
        ch.writeInbound(ping.readRetainedSlice(3));
        ping.release();

        advance(Duration.ofMillis(99));
        assertThat(ch.isOpen()).as("99 ms of the 100 ms allowed").isTrue();
        advance(Duration.ofMillis(1));
        assertClosedWithDeadlineExceeded();
    }

    @Test
    void steadyStreamOfCompleteFramesIsNeverCutOff() {
        channel(100);
        int frames = 0;
        int decoded = 0;
        // Each read completes one frame and starts the next, so a partial frame is always buffered.
        ByteBuf carry = ByteBufAllocator.DEFAULT.buffer();
        for (long elapsed = 0; elapsed < 400; elapsed += 20) {
            ByteBuf ping = FrameWriter.ping(ByteBufAllocator.DEFAULT, ++frames);
            carry.writeBytes(ping, 12);
            ch.writeInbound(carry);
            carry = ping;
            Frame f = ch.readInbound();
            if (f != null) {
                f.release();
                decoded++;
            }
            advance(Duration.ofMillis(20));
            assertThat(ch.isOpen()).as("open after %d ms", elapsed + 20).isTrue();
        }
        carry.release();
        assertThat(decoded).isEqualTo(frames - 1);
    }
}
