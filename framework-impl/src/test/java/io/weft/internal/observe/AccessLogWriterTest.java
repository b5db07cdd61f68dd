package io.weft.internal.observe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.weft.Status;
import io.weft.spi.CallListener.Side;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class AccessLogWriterTest {

    /** A sink whose first write blocks until released, like a disk or a logger that has stalled. */
    private static final class StalledSink implements AccessLogSink {
        final CountDownLatch entered = new CountDownLatch(1);
        final CountDownLatch release = new CountDownLatch(1);
        final List<String> lines = new CopyOnWriteArrayList<>();
        volatile boolean closed;

        @Override
        public void write(StringBuilder line) {
            entered.countDown();
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            lines.add(line.toString());
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
            closed = true;
        }
    }

    @Test
    void aFullQueueDropsAndCountsLinesInsteadOfBlockingTheCaller() throws InterruptedException {
        StalledSink sink = new StalledSink();
        AccessLogWriter writer = new AccessLogWriter(new AccessLogQueue(2), sink, false, TimeUnit.SECONDS.toNanos(1));
        AccessLog log = new AccessLog(org.slf4j.LoggerFactory.getLogger(AccessLog.LOGGER), false, false, 1, Long.MAX_VALUE,
                writer);
        log.callFinished(Side.SERVER, "svc", "first", Status.OK, 0, "p", "a", java.util.Map.of());
        assertThat(sink.entered.await(10, TimeUnit.SECONDS)).as("the writer took the first line").isTrue();
        // the sink is stalled holding the first line's slot; one more line fits; the calls below must neither
        // wait nor fail
        assertTimeoutPreemptively(Duration.ofSeconds(10), () -> {
            for (int i = 0; i < 1000; i++) {
                log.callFinished(Side.SERVER, "svc", "m" + i, Status.OK, 0, "p", "a", java.util.Map.of());
            }
        });
        assertThat(log.droppedLines()).isEqualTo(999);
        sink.release.countDown();
        log.close();
        assertThat(sink.lines).containsExactly("server svc/first OK 0 p a -", "server svc/m0 OK 0 p a -");
        assertThat(sink.closed).isTrue();
    }
}
