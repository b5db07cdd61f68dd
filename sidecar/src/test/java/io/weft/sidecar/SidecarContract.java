package io.weft.sidecar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.weft.CallContext;
import io.weft.GenericReference;
import io.weft.GenericRequest;
import io.weft.ReferenceOptions;
import io.weft.RpcException;
import io.weft.ServiceInstance;
import io.weft.Status;
import io.weft.Weft;
import io.weft.WeftConfig;
import io.weft.spi.InstanceRole;
import io.weft.spi.Registry;
import io.weft.test.WeftExtension;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * A real Python application behind an in-process sidecar over a real registry (one subclass per
 * backend): Java calls Python
 * (typed and generic, both over JSON), Python calls Java through the outbound port, the status table
 * both ways, the application's health taking it in and out of rotation, and a rule from the registry
 * applying to the sidecar's traffic.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class SidecarContract {
    static final String PY = PyGreeter.class.getName();
    static final String JAVA = JavaGreeter.class.getName();
    static final HttpClient HTTP = HttpClient.newHttpClient();

    PythonApp python;
    Sidecar sidecar;
    Weft javaProvider;
    Weft consumer;
    Registry admin;
    private final WeftExtension backend;

    /** The suite on {@code backend}, a {@link WeftExtension} on a static field of the subclass. */
    SidecarContract(WeftExtension backend) {
        this.backend = backend;
    }

    @BeforeAll
    void start() throws Exception {
        PythonApp.assumePython();
        String registry = backend.registryAddress();
        python = PythonApp.start("py1");
        javaProvider = Weft.create(WeftConfig.of(Map.of(WeftConfig.REGISTRY_ADDRESS, registry,
                WeftConfig.APPLICATION, "java-greeter", WeftConfig.SERVER_HOST, "127.0.0.1",
                WeftConfig.SERVER_PORT, "0")));
        javaProvider.export(JavaGreeter.class, new JavaGreeter() {
            @Override
            public String greet(String name) {
                return "Hello, " + name + " from java (caller " + CallContext.current().callerApplication()
                        .orElse("?") + ")";
            }

            @Override
            public int add(int a, int b) {
                return a + b;
            }
        });
        sidecar = Sidecar.start(SidecarSettings.parse(List.of("--app", "py-greeter", "--registry", registry,
                "--service", PY + "=greet,headers,callOut,slow,who,notFound,boom,teapot,busy,down,denied,notJson,twoValues",
                "--app-url", python.url(), "--port", "0", "--outbound-port", "0", "--admin-port", "0",
                "--tag", "lang=python"), WeftConfig.empty()), WeftConfig.of(Map.of(WeftConfig.SERVER_HOST, "127.0.0.1")));
        consumer = Weft.create(WeftConfig.of(Map.of(WeftConfig.REGISTRY_ADDRESS, registry,
                WeftConfig.APPLICATION, "java-web")));
        admin = AdminRegistry.open(registry);
        await().atMost(Duration.ofSeconds(10)).until(() -> admin.list(PY, InstanceRole.PROVIDER).size() == 1);
    }

    @AfterAll
    void stop() throws Exception {
        Closing.closeAll(consumer, sidecar, javaProvider, python, admin);
    }

    GenericReference py() {
        return consumer.genericReference(PY, ReferenceOptions.defaults());
    }

    @Test
    void sidecarNodeListsJsonTheMethodsTagsAndSaysSidecar() {
        ServiceInstance node = admin.list(PY, InstanceRole.PROVIDER).get(0);
        assertThat(node.serializations()).containsExactly("json");
        assertThat(node.sidecar()).isTrue();
        assertThat(node.application()).isEqualTo("py-greeter");
        assertThat(node.methods()).contains("greet", "headers", "callOut");
        assertThat(node.tags()).containsEntry("lang", "python");
        assertThat(node.port()).isEqualTo(sidecar.port());
    }

    @Test
    void typedJavaConsumerCallsThePythonServiceOverJson() {
        PyGreeter greeter = consumer.reference(PyGreeter.class);
        assertThat(greeter.greet("Ada")).isEqualTo("Hello, Ada from py1");
        assertThat(py().call("greet", "[\"Grace\"]")).isEqualTo("\"Hello, Grace from py1\"");
    }

    @Test
    void metadataDeadlineAndTraceContextReachTheApplicationAsHeaders() {
        GenericRequest request = GenericRequest.builder("headers").metadata("tier", "beta")
                .metadata("traceparent", "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01")
                .timeout(Duration.ofSeconds(2)).build();
        String seen = py().callAsync(request).join();
        assertThat(seen).contains("\"weft-meta-tier\": \"beta\"")
                .contains("\"traceparent\": \"00-0af7651916cd43dd8448eb211c80319c-") // the trace, a new span
                .doesNotContain("b7ad6b7169203331")
                .contains("\"weft-timeout-ms\": \"")
                .contains("\"content-type\": \"application/json\"");
        long timeout = Long.parseLong(seen.replaceAll("(?s).*\"weft-timeout-ms\": \"(\\d+)\".*", "$1"));
        assertThat(timeout).isBetween(1L, 2000L);
    }

    @Test
    void applicationStatusesMapByTheTable() {
        Map<String, Status> expected = Map.of("notFound", Status.NOT_FOUND, "boom", Status.UNKNOWN,
                "teapot", Status.INVALID_ARGUMENT, "busy", Status.RESOURCE_EXHAUSTED, "down", Status.UNAVAILABLE,
                "denied", Status.PERMISSION_DENIED);
        expected.forEach((method, status) -> assertThatThrownBy(() -> py().call(method, "[]"))
                .as(method).isInstanceOfSatisfying(RpcException.class, e -> {
                    assertThat(e.status()).as(method).isEqualTo(status);
                    assertThat(e.description()).isEqualTo("py1 says " + method);
                }));
        assertThatThrownBy(() -> py().call("nope", "[]")).isInstanceOfSatisfying(RpcException.class,
                e -> assertThat(e.status()).isEqualTo(Status.NOT_FOUND)); // not registered: the sidecar refuses
    }

    @Test
    void applicationAnswerThatIsNotJsonIsAnInternalErrorNamingTheProblem() {
        assertThatThrownBy(() -> py().call("notJson", "[]")).isInstanceOfSatisfying(RpcException.class, e -> {
            assertThat(e.status()).isEqualTo(Status.INTERNAL);
            assertThat(e.description()).isEqualTo("application returned non-JSON body for " + PY
                    + "/notJson (HTTP 200, not valid JSON): Hello, plain text");
        });
        assertThatThrownBy(() -> py().call("twoValues", "[]")).isInstanceOfSatisfying(RpcException.class,
                e -> assertThat(e.description()).contains("(HTTP 200, more than one value): 1 2"));
        assertThat(py().call("greet", "[\"still serving\"]")).isEqualTo("\"Hello, still serving from py1\"");
    }

    /** {@code response} has HTTP status {@code http} and the header {@code weft-status: <weftStatus>}. */
    private static void assertAnswered(HttpResponse<String> response, int http, String weftStatus) {
        assertThat(response.statusCode()).isEqualTo(http);
        assertThat(response.headers().firstValue("weft-status")).contains(weftStatus);
    }

    @Test
    void applicationCallsJavaThroughTheOutboundPort() throws Exception {
        HttpResponse<String> ok = post("/" + JAVA + "/greet", "[\"Ada\"]", Map.of());
        assertAnswered(ok, 200, "0");
        assertThat(ok.body()).isEqualTo("\"Hello, Ada from java (caller py-greeter)\"");
        assertThat(post("/" + JAVA + "/add", "[2,3]", Map.of("weft-idempotent", "true")).body()).isEqualTo("5");

        String viaPython = py().call("callOut", "[" + sidecar.outboundPort() + ",\"" + JAVA
                + "\",\"greet\",[\"Py\"]]");
        assertThat(viaPython).contains("\"http\": 200").contains("\"weft-status\": \"0\"")
                .contains("Hello, Py from java (caller py-greeter)");
    }

    @Test
    void outboundErrorsAnswerTheStatusTableAndAJsonBody() throws Exception {
        HttpResponse<String> missing = post("/" + JAVA + "/nope", "[]", Map.of());
        assertAnswered(missing, 404, "5");
        assertThat(missing.body()).startsWith("{\"status\":5,\"code\":\"NOT_FOUND\",\"message\":\"");

        HttpResponse<String> nobody = post("/io.weft.NoSuchService/call", "[]", Map.of("weft-timeout-ms", "500"));
        assertThat(nobody.statusCode()).isEqualTo(503);
        assertThat(nobody.body()).contains("\"code\":\"UNAVAILABLE\"");

        String reserved = rawPost("/" + JAVA + "/greet", "[\"x\"]", "weft-meta-:app: admin");
        assertThat(reserved).startsWith("HTTP/1.1 400").contains("weft-status: 3").contains("reserved");

        assertThat(post("/" + JAVA + "/greet", "{\"not\":\"array\"}", Map.of()).statusCode()).isEqualTo(400);
        HttpResponse<String> notJson = post("/" + JAVA + "/greet", "Ada", Map.of());
        assertAnswered(notJson, 400, "3");
        assertThat(notJson.body()).startsWith("{\"status\":3,\"code\":\"INVALID_ARGUMENT\",\"message\":\"")
                .contains("JSON array");
        assertThat(post("/" + JAVA + "/greet", "[\"x\"]", Map.of("weft-timeout-ms", "soon")).statusCode())
                .isEqualTo(400);
        assertThat(post("/just-one-segment", "[]", Map.of()).statusCode()).isEqualTo(404);
        HttpResponse<String> get = HTTP.send(HttpRequest.newBuilder(outbound("/" + JAVA + "/greet")).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(get.statusCode()).isEqualTo(405);
        assertThat(post("/" + JAVA + "/greet", "[\"still serving\"]", Map.of()).statusCode()).isEqualTo(200);
    }

    @Test
    void outboundPortListensOnLoopbackOnly() throws Exception {
        assertThat(sidecar.outboundPort()).isPositive();
        HttpResponse<String> ready = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                + sidecar.adminPort() + "/ready")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(ready.statusCode()).isEqualTo(200);
        java.net.InetAddress other = java.net.InetAddress.getLocalHost();
        if (!other.isLoopbackAddress()) {
            assertThatThrownBy(() -> new java.net.Socket(other, sidecar.outboundPort()).close())
                    .isInstanceOf(java.io.IOException.class);
        }
    }

    @Test
    void adminMetricsCountTheCallsTheSidecarServes() throws Exception {
        assertThat(py().call("greet", "[\"metered\"]")).contains("metered");
        HttpResponse<String> metrics = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                + sidecar.adminPort() + "/metrics")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(metrics.statusCode()).isEqualTo(200);
        assertThat(metrics.body()).contains("weft_server_requests_seconds_count{method=\"greet\",service=\"" + PY
                + "\",status=\"OK\"}");
    }

    @Test
    void providerFaultRuleInTheRegistryAppliesToSidecarTraffic() {
        long revision = admin.putRule(PY, "faults", """
                {"faults":[{"name":"py-down","side":"provider","match":{"methods":["who"]},
                  "abort":{"status":"UNAVAILABLE","percent":100,"message":"injected at the sidecar"}}]}""", 0);
        try {
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThatThrownBy(() -> py().call("who", "[]"))
                    .isInstanceOfSatisfying(RpcException.class,
                            e -> assertThat(e.description()).isEqualTo("injected at the sidecar")));
            assertThat(py().call("greet", "[\"unaffected\"]")).contains("unaffected");
            await().atMost(Duration.ofSeconds(10)).until(() -> admin.list(PY, InstanceRole.PROVIDER).get(0)
                    .appliedRules().getOrDefault("faults", 0L) == revision); // reported like any instance
        } finally {
            admin.deleteRule(PY, "faults", admin.getRule(PY, "faults").orElseThrow().revision());
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> "\"py1\"".equals(safeCall("who")));
        assertThat(revision).isPositive();
    }

    @Test
    void consumerRulesApplyToTheApplicationsOutboundCalls() throws Exception {
        long revision = admin.putRule(JAVA, "faults", """
                {"faults":[{"name":"py-calls-fail","side":"consumer","match":{"consumerApps":["py-greeter"],
                  "methods":["add"]},"abort":{"status":"RESOURCE_EXHAUSTED","percent":100,"message":"no adding"}}]}""",
                0);
        try {
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
                HttpResponse<String> refused = post("/" + JAVA + "/add", "[1,2]", Map.of());
                assertAnswered(refused, 429, "8");
                assertThat(refused.body()).contains("\"message\":\"no adding\"");
            });
            assertThat(post("/" + JAVA + "/greet", "[\"x\"]", Map.of()).statusCode()).isEqualTo(200);
            assertThat(javaProvider.reference(JavaGreeter.class).add(1, 2)).isEqualTo(3); // other apps unaffected
        } finally {
            admin.deleteRule(JAVA, "faults", revision);
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> post("/" + JAVA + "/add", "[1,2]", Map.of()).statusCode()
                == 200);
    }

    @Test
    void failingHealthChecksTakeTheInstanceOutAndPassingOnesBringItBack() throws Exception {
        python.healthy(false);
        try {
            await().atMost(Duration.ofSeconds(10)).until(() -> admin.list(PY, InstanceRole.PROVIDER).isEmpty());
            assertThat(sidecar.inRotation()).isFalse();
            assertThat(sidecar.health()).isLessThan(1.0);
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThatThrownBy(() -> py().call("who", "[]"))
                    .isInstanceOfSatisfying(RpcException.class,
                            e -> assertThat(e.status()).isEqualTo(Status.UNAVAILABLE)));
            GenericReference direct = consumer.genericReference(PY,
                    ReferenceOptions.builder().directAddress("127.0.0.1:" + sidecar.port()).build());
            assertThat(direct.call("who", "[]")).as("out of rotation, still serving stragglers").isEqualTo("\"py1\"");
        } finally {
            python.healthy(true);
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> admin.list(PY, InstanceRole.PROVIDER).size() == 1);
        await().atMost(Duration.ofSeconds(10)).until(() -> "\"py1\"".equals(safeCall("who")));
    }

    private String safeCall(String method) {
        try {
            return py().call(method, "[]");
        } catch (RpcException e) {
            return e.toString();
        }
    }

    /** A POST written by hand, for headers the JDK client refuses to send. */
    private String rawPost(String path, String body, String header) throws Exception {
        try (java.net.Socket socket = new java.net.Socket("127.0.0.1", sidecar.outboundPort())) {
            socket.setSoTimeout(5000);
            byte[] bytes = body.getBytes(java.nio.charset.StandardCharsets.UTF_8);
            String head = "POST " + path + " HTTP/1.1\r\nhost: 127.0.0.1\r\nconnection: close\r\n" + header
                    + "\r\ncontent-length: " + bytes.length + "\r\n\r\n";
            socket.getOutputStream().write(head.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            socket.getOutputStream().write(bytes);
            socket.getOutputStream().flush();
            return new String(socket.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        }
    }

    private URI outbound(String path) {
        return URI.create("http://127.0.0.1:" + sidecar.outboundPort() + path);
    }

    private HttpResponse<String> post(String path, String body, Map<String, String> headers) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(outbound(path)).POST(HttpRequest.BodyPublishers.ofString(body));
        headers.forEach(b::header);
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }
}
