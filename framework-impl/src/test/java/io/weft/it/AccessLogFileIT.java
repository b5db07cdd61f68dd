package io.weft.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.weft.ReferenceOptions;
import io.weft.Weft;
import io.weft.WeftConfig;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Weft's own access-log file writer on real sockets: every line reaches the file by a graceful close. */
class AccessLogFileIT {
    @TempDir
    Path dir;

    private static Map<String, String> accessLog(Path file, String... more) {
        Map<String, String> config = new java.util.HashMap<>(Map.of("weft.access-log", "true",
                "weft.access-log.file", file.toString(),
                "weft.access-log.flush", "1h")); // an hour: only the close can have written the lines
        for (int i = 0; i < more.length; i += 2) {
            config.put(more[i], more[i + 1]);
        }
        return config;
    }

    @Test
    void everyCallOfBothSidesIsInTheFilesAfterAGracefulClose() throws Exception {
        Path serverLog = dir.resolve("server.log");
        Path clientLog = dir.resolve("client.log");
        int calls = 2_000;
        Map<String, String> server = accessLog(serverLog);
        server.putAll(Map.of(WeftConfig.SERVER_PORT, "0", WeftConfig.SERVER_HOST, "127.0.0.1",
                WeftConfig.APPLICATION, "echo-provider"));
        Map<String, String> client = accessLog(clientLog);
        client.put(WeftConfig.APPLICATION, "web");
        client.put(WeftConfig.CLIENT_TIMEOUT_MS, "30000"); // a loaded CI machine must not fail a call
        try (Weft provider = Weft.create(WeftConfig.of(server));
             Weft consumer = Weft.create(WeftConfig.of(client))) {
            provider.export(EchoService.class, new EchoServiceImpl("p"));
            EchoService echo = consumer.reference(EchoService.class,
                    ReferenceOptions.builder().directAddress(Nodes.address(provider)).build());
            for (int batch = 0; batch < calls; batch += 50) { // 50 at a time, from several threads' callbacks
                List<CompletableFuture<String>> pending = new ArrayList<>();
                for (int i = batch; i < batch + 50; i++) {
                    pending.add(echo.echoAsync("x" + i));
                }
                for (CompletableFuture<String> f : pending) {
                    f.get(30, TimeUnit.SECONDS);
                }
            }
            assertThatThrownBy(() -> echo.fail("no"));
        } // closing flushes: nothing was written before, with a flush interval of an hour
        List<String> serverLines = Files.readAllLines(serverLog, StandardCharsets.UTF_8);
        List<String> clientLines = Files.readAllLines(clientLog, StandardCharsets.UTF_8);
        String service = EchoService.class.getName();
        assertThat(serverLines).hasSize(calls + 1).allMatch(l -> l.matches(
                "server " + java.util.regex.Pattern.quote(service) + "/(echoAsync OK|fail UNKNOWN) \\d+"
                        + " 127\\.0\\.0\\.1:\\d+ web [0-9a-f]{32}"));
        assertThat(clientLines).hasSize(calls + 1).allMatch(l -> l.matches(
                "client " + java.util.regex.Pattern.quote(service) + "/(echoAsync OK|fail UNKNOWN) \\d+"
                        + " 127\\.0\\.0\\.1:\\d+ web [0-9a-f]{32}"));
    }

    @Test
    void sampledSidesKeepTheSameTracesAndEveryError() throws IOException {
        Path serverLog = dir.resolve("server.log");
        Path clientLog = dir.resolve("client.log");
        Map<String, String> server = accessLog(serverLog, "weft.access-log.sample", "0.25");
        server.putAll(Map.of(WeftConfig.SERVER_PORT, "0", WeftConfig.SERVER_HOST, "127.0.0.1",
                WeftConfig.APPLICATION, "echo-provider"));
        Map<String, String> client = accessLog(clientLog, "weft.access-log.sample", "0.25");
        try (Weft provider = Weft.create(WeftConfig.of(server));
             Weft consumer = Weft.create(WeftConfig.of(client))) {
            provider.export(EchoService.class, new EchoServiceImpl("p"));
            EchoService echo = consumer.reference(EchoService.class,
                    ReferenceOptions.builder().directAddress(Nodes.address(provider)).build());
            for (int i = 0; i < 400; i++) {
                assertThat(echo.echo("x")).isEqualTo("x");
            }
            for (int i = 0; i < 20; i++) {
                assertThatThrownBy(() -> echo.fail("no"));
            }
        }
        List<String> serverLines = Files.readAllLines(serverLog, StandardCharsets.UTF_8);
        List<String> clientLines = Files.readAllLines(clientLog, StandardCharsets.UTF_8);
        assertThat(serverLines.stream().filter(l -> l.contains("/fail UNKNOWN ")).count()).isEqualTo(20);
        assertThat(clientLines.stream().filter(l -> l.contains("/fail UNKNOWN ")).count()).isEqualTo(20);
        List<String> serverTraces = traces(serverLines, "/echo OK ");
        assertThat(serverTraces).hasSizeBetween(40, 160); // a quarter of 400, give or take
        assertThat(traces(clientLines, "/echo OK ")).containsExactlyInAnyOrderElementsOf(serverTraces);
    }

    private static List<String> traces(List<String> lines, String what) {
        return lines.stream().filter(l -> l.contains(what)).map(l -> l.substring(l.lastIndexOf(' ') + 1)).toList();
    }
}
