package io.weft.internal.observe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.weft.Status;
import io.weft.WeftConfig;
import io.weft.WeftConfigException;
import io.weft.spi.CallListener.Side;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AccessLogTest {
    private static final String TRACEPARENT = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";

    @TempDir
    Path dir;

    private static String line(boolean json, Side side, String service, String method, Status status, long micros,
                               String peer, String app, String traceparent) {
        StringBuilder b = new StringBuilder();
        AccessLog.append(b, json, side, service, method, status, micros, peer, app, traceparent);
        return b.toString();
    }

    @Test
    void textLineHasTheContractFieldsInOrder() {
        assertThat(line(false, Side.SERVER, "io.weft.demo.Greeter", "greet", Status.OK, 1234, "10.0.0.7:51234",
                "web", TRACEPARENT))
                .isEqualTo("server io.weft.demo.Greeter/greet OK 1234 10.0.0.7:51234 web 4bf92f3577b34da6a3ce929d0e0e4736");
        assertThat(line(false, Side.CLIENT, "svc", "m", Status.UNAVAILABLE, 5, "-", null, null))
                .isEqualTo("client svc/m UNAVAILABLE 5 - - -");
    }

    @Test
    void jsonLineEscapesWhatItQuotes() {
        assertThat(line(true, Side.CLIENT, "svc", "m\"x", Status.UNAVAILABLE, 5, "-", "a\\b", null))
                .isEqualTo("{\"side\":\"client\",\"service\":\"svc\",\"method\":\"m\\\"x\",\"status\":\"UNAVAILABLE\","
                        + "\"duration_us\":5,\"peer\":\"-\",\"app\":\"a\\\\b\",\"trace_id\":\"-\"}");
        assertThat(line(true, Side.SERVER, "s\u0001", "m", Status.OK, 0, "p", "", TRACEPARENT))
                .isEqualTo("{\"side\":\"server\",\"service\":\"s\\u0001\",\"method\":\"m\",\"status\":\"OK\","
                        + "\"duration_us\":0,\"peer\":\"p\",\"app\":\"-\",\"trace_id\":\"4bf92f3577b34da6a3ce929d0e0e4736\"}");
    }

    @Test
    void traceIdComesFromAWellFormedTraceparentOnly() {
        assertThat(traceId(TRACEPARENT)).isEqualTo("4bf92f3577b34da6a3ce929d0e0e4736");
        assertThat(traceId(null)).isEqualTo("-");
        assertThat(traceId("garbage")).isEqualTo("-");
        assertThat(traceId("00-4bf92f3577b34da6a3ce929d0e0e47ZZ-00f067aa0ba902b7-01")).isEqualTo("-");
        assertThat(traceId("00-4BF92F3577B34DA6A3CE929D0E0E4736-00f067aa0ba902b7-01")).isEqualTo("-");
    }

    private static String traceId(String traceparent) {
        StringBuilder b = new StringBuilder();
        AccessLog.appendTraceId(b, traceparent);
        return b.toString();
    }

    @Test
    void fileGetsTheSameLinesAsTheLoggerAndEveryLineOnClose() throws IOException {
        Path file = dir.resolve("access.log");
        // a flush interval of an hour: only close can have written the lines; the queue holds them all, so
        // none is dropped however far the writer thread falls behind
        AccessLog log = AccessLog.create(config(file).with("weft.access-log.flush", "1h")
                .with("weft.access-log.queue-size", "32768"));
        int threads = 4;
        int perThread = 5_000;
        List<Thread> callers = new java.util.ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int id = t;
            Thread caller = new Thread(() -> {
                for (int i = 0; i < perThread; i++) {
                    log.callFinished(Side.SERVER, "svc", "m" + id, Status.OK, 1_234_000, "127.0.0.1:1", "web",
                            Map.of("traceparent", TRACEPARENT));
                }
            });
            caller.start();
            callers.add(caller);
        }
        for (Thread t : callers) {
            join(t);
        }
        log.close();
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        assertThat(log.droppedLines()).isZero();
        assertThat(lines).hasSize(threads * perThread);
        assertThat(lines).contains("server svc/m3 OK 1234 127.0.0.1:1 web 4bf92f3577b34da6a3ce929d0e0e4736");
        assertThat(lines).allMatch(l -> l.matches("server svc/m[0-3] OK 1234 127.0.0.1:1 web 4bf92f3577b34da6a3ce929d0e0e4736"));
    }

    @Test
    void fileLinesAreUtf8() throws IOException {
        Path file = dir.resolve("utf8.log");
        AccessLog log = AccessLog.create(config(file));
        log.callFinished(Side.CLIENT, "svc", "grüße", Status.OK, 0, "-", "应用😀", Map.of());
        log.close();
        assertThat(Files.readAllLines(file, StandardCharsets.UTF_8)).containsExactly("client svc/grüße OK 0 - 应用😀 -");
    }

    @Test
    void sampledModeStillLogsEveryErrorAndEverySlowCall() throws IOException {
        Path file = dir.resolve("sampled.log");
        AccessLog log = AccessLog.create(config(file).with("weft.access-log.sample", "0")
                .with("weft.access-log.slow", "100ms"));
        for (int i = 0; i < 1000; i++) {
            log.callFinished(Side.SERVER, "svc", "fast", Status.OK, 99_999_999, "p", "a", Map.of());
        }
        log.callFinished(Side.SERVER, "svc", "slow", Status.OK, 100_000_000, "p", "a", Map.of());
        for (Status s : Status.values()) {
            if (s != Status.OK) {
                log.callFinished(Side.CLIENT, "svc", "failed", s, 1_000, "p", "a", Map.of());
            }
        }
        log.close();
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        assertThat(lines).noneMatch(l -> l.contains("/fast "));
        assertThat(lines).containsOnlyOnce("server svc/slow OK 100000 p a -");
        assertThat(lines.stream().filter(l -> l.contains("/failed ")).count()).isEqualTo(Status.values().length - 1);
    }

    @Test
    void sampleDecisionFollowsTheTraceIdSoEverySideAgrees() {
        long half = 1L << 55;
        int sampled = 0;
        for (int i = 0; i < 10_000; i++) {
            ThreadLocalRandom r = ThreadLocalRandom.current();
            String traceId = String.format("%016x%016x", r.nextLong(), r.nextLong());
            String client = "00-" + traceId + "-" + String.format("%016x", r.nextLong()) + "-01";
            String server = "00-" + traceId + "-" + String.format("%016x", r.nextLong()) + "-01";
            boolean decision = AccessLog.sampled(client, half);
            assertThat(AccessLog.sampled(server, half)).isEqualTo(decision);
            sampled += decision ? 1 : 0;
        }
        assertThat(sampled).isBetween(4_500, 5_500);
        assertThat(AccessLog.sampled(TRACEPARENT, 0)).isFalse();
        assertThat(AccessLog.sampled(TRACEPARENT, 1L << 56)).isTrue();
    }

    @Test
    void aFileNeedsTheWriterThread() {
        assertThatThrownBy(() -> AccessLog.create(config(dir.resolve("x.log")).with("weft.access-log.queue-size", "0")))
                .isInstanceOf(WeftConfigException.class).hasMessageContaining("weft.access-log.queue-size=0");
    }

    @Test
    void offWhenTheKeyIsNotSet() {
        assertThat(AccessLog.create(WeftConfig.empty())).isNull();
    }

    private static WeftConfig config(Path file) {
        return WeftConfig.empty().with("weft.access-log", "true").with("weft.access-log.file", file.toString());
    }

    private static void join(Thread t) {
        try {
            t.join();
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
    }
}
