package io.weft.demo.wire;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.weft.Weft;
import io.weft.WeftConfig;
import io.weft.demo.Greeter;
import io.weft.demo.GreeterImpl;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;

/**
 * The demo provider called in JSON (serialization 2) with no Java on the caller's side: frames
 * written by hand from DESIGN §4 ({@link RawWeftClient}), and a Python 3 client using only its
 * standard library ({@code src/test/resources/python/weft_json_client.py}).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class JsonWireIT {
    private static final String SERVICE = Greeter.class.getName();
    private static final Duration READ_TIMEOUT = Duration.ofSeconds(5);
    private static final ObjectMapper JSON = new ObjectMapper();

    private Weft provider;
    private int port;

    @BeforeAll
    void startProvider() {
        provider = Weft.create(WeftConfig.load()
                .with(WeftConfig.APPLICATION, "greeter-provider")
                .with(WeftConfig.SERVER_HOST, "127.0.0.1")
                .with(WeftConfig.SERVER_PORT, "0"));
        provider.export(Greeter.class, new GreeterImpl("json-it"));
        port = provider.serverAddress().orElseThrow().getPort();
    }

    @AfterAll
    void stop() {
        if (provider != null) {
            provider.close();
        }
    }

    @Test
    void stringArgumentInJsonIsAnsweredInJson() throws Exception {
        try (RawWeftClient client = RawWeftClient.connect("127.0.0.1", port, READ_TIMEOUT)) {
            long id = client.sendJsonRequest(SERVICE, "greet", "[\"Ada\"]", Map.of());
            RawWeftClient.Frame response = client.readFrame();
            assertThat(response.id()).isEqualTo(id);
            assertThat(response.status()).as("metadata %s", response.metadata()).isZero();
            assertThat(response.serialization()).isEqualTo(RawWeftClient.SERIALIZATION_JSON);
            assertThat(response.bodyText()).isEqualTo("\"Hello, Ada\"");
        }
    }

    @Test
    void recordWithListInstantAndOptionalGoesInAndComesBackAsJson() throws Exception {
        try (RawWeftClient client = RawWeftClient.connect("127.0.0.1", port, READ_TIMEOUT)) {
            client.sendJsonRequest(SERVICE, "greetAll",
                    "[{\"names\":[\"Ada\",\"Grace\"],\"sentAt\":\"2026-12-02T09:00:00Z\",\"signature\":\"Weft\"}]",
                    Map.of());
            RawWeftClient.Frame signed = client.readFrame();
            assertThat(signed.status()).as("metadata %s", signed.metadata()).isZero();
            JsonNode card = JSON.readTree(signed.bodyText());
            assertThat(card.path("lines").toString()).isEqualTo("[\"Hello, Ada\",\"Hello, Grace\"]");
            assertThat(card.path("issuedAt").asText()).matches("\\d{4}-\\d\\d-\\d\\dT.*Z");
            assertThat(card.path("signedBy").asText()).isEqualTo("Weft (json-it)");

            client.sendJsonRequest(SERVICE, "greetAll", "[{\"names\":[\"Ada\"],\"sentAt\":null,\"signature\":null}]",
                    Map.of());
            RawWeftClient.Frame unsigned = client.readFrame();
            assertThat(unsigned.status()).as("metadata %s", unsigned.metadata()).isZero();
            assertThat(JSON.readTree(unsigned.bodyText()).get("signedBy").isNull()).isTrue();
        }
    }

    @Test
    void malformedBodyIsStatus3NamingTheArgumentAndTheProviderKeepsServing() throws Exception {
        try (RawWeftClient client = RawWeftClient.connect("127.0.0.1", port, READ_TIMEOUT)) {
            client.sendJsonRequest(SERVICE, "greetAll", "[{\"names\":\"not a list\",", Map.of());
            RawWeftClient.Frame refused = client.readFrame();
            assertThat(refused.status()).isEqualTo(3);
            assertThat(refused.metadata().get(":message"))
                    .contains("argument 0 'request' (io.weft.demo.GreetingRequest)");
            assertThat(refused.body()).isEmpty();

            client.sendJsonRequest(SERVICE, "greet", "[\"still here\"]", Map.of());
            RawWeftClient.Frame after = client.readFrame();
            assertThat(after.status()).isZero();
            assertThat(after.bodyText()).isEqualTo("\"Hello, still here\"");
        }
    }

    @Test
    void pythonClientFromTheSpecAloneCallsTheDemoProvider() throws Exception {
        Path script = pythonClient();
        assertThat(python(script, "greet", "[\"Ada\"]").path("result").asText()).isEqualTo("Hello, Ada");
        JsonNode card = python(script, "greetAll",
                "[{\"names\":[\"Ada\",\"Linus\"],\"sentAt\":\"2026-12-02T09:00:00Z\",\"signature\":null}]");
        assertThat(card.path("status").asInt()).isZero();
        assertThat(card.path("result").path("lines").toString()).isEqualTo("[\"Hello, Ada\",\"Hello, Linus\"]");
        JsonNode missing = python(script, "nope", "[]");
        assertThat(missing.path("status").asInt()).isEqualTo(5);
        JsonNode bad = python(script, "greetAll", "[{\"names\":42}]");
        assertThat(bad.path("status").asInt()).isEqualTo(3);
        assertThat(bad.path("message").asText()).contains("argument 0 'request'");
    }

    private Path pythonClient() throws IOException {
        try {
            Process p = new ProcessBuilder("python3", "--version").redirectErrorStream(true).start();
            Assumptions.assumeTrue(p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0,
                    "python3 --version failed: install Debian's python3 to run the Python client test");
        } catch (IOException | InterruptedException e) {
            Assumptions.abort("python3 is not on the PATH (" + e.getMessage()
                    + "): install Debian's python3 to run the Python client test");
        }
        Path script = Files.createTempFile("weft_json_client", ".py");
        script.toFile().deleteOnExit();
        try (var in = getClass().getResourceAsStream("/python/weft_json_client.py")) {
            Files.write(script, in.readAllBytes());
        }
        return script;
    }

    /** Runs the Python client once; its one line of output, parsed. Its exit code is the status. */
    private JsonNode python(Path script, String method, String args) throws Exception {
        List<String> command = new ArrayList<>(List.of("python3", script.toString(), "127.0.0.1",
                Integer.toString(port), SERVICE, method, args));
        Process p = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        JsonNode line = JSON.readTree(out);
        assertThat(p.exitValue()).as("exit code of %s", out).isEqualTo(line.path("status").asInt());
        return line;
    }
}
