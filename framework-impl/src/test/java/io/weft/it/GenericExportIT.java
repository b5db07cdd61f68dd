package io.weft.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.weft.CallContext;
import io.weft.ExportOptions;
import io.weft.Exported;
import io.weft.GenericReference;
import io.weft.GenericRequest;
import io.weft.ReferenceOptions;
import io.weft.RpcException;
import io.weft.ServerInterceptor;
import io.weft.Status;
import io.weft.Weft;
import io.weft.WeftConfig;
import io.weft.internal.governance.FakeRuleSource;
import io.weft.internal.governance.Governance;
import io.weft.internal.governance.ProviderGovernance;
import java.time.Duration;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A generic (JSON-only) export served over real loopback sockets: JSON in and out without Java
 * classes on either side, the node it registers, errors, the refusal of Hessian requests, and the
 * provider-side governance and interceptors it shares with typed exports.
 */
class GenericExportIT {
    static final String SERVICE = "py.Inventory";

    final FakeRuleSource rules = new FakeRuleSource();
    final Governance governance = new Governance(rules, service -> { });
    final ConcurrentLinkedQueue<String> intercepted = new ConcurrentLinkedQueue<>();
    final AtomicReference<Map<String, String>> seenMetadata = new AtomicReference<>();
    final AtomicReference<Long> seenRemainingMs = new AtomicReference<>();
    Weft provider;
    Weft consumer;
    Exported exported;
    GenericReference inventory;

    @BeforeEach
    void start() {
        AtomicReference<String> self = new AtomicReference<>("?");
        ServerInterceptor recorder = (call, next) -> {
            intercepted.add(call.methodName() + " " + call.arguments()[0]);
            return next.handle(call);
        };
        provider = Weft.builder(WeftConfig.of(Map.of(WeftConfig.SERVER_PORT, "0", WeftConfig.SERVER_HOST, "127.0.0.1",
                        WeftConfig.APPLICATION, "inventory")))
                .serverInterceptor(new ProviderGovernance(governance, self::get, s -> 1, null))
                .serverInterceptor(recorder)
                .build();
        exported = provider.exportGeneric(SERVICE, List.of("stock", "fail", "slow"), (method, args, metadata,
                deadline) -> {
            seenMetadata.set(metadata);
            seenRemainingMs.set(deadline.remaining(TimeUnit.MILLISECONDS));
            return switch (method) {
                case "stock" -> CompletableFuture.supplyAsync(() -> "{\"method\":\"stock\",\"args\":" + args + "}");
                case "fail" -> CompletableFuture.failedFuture(new RpcException(Status.PERMISSION_DENIED, "no stock"));
                default -> CompletableFuture.supplyAsync(() -> "null", // answers after the caller gave up
                        CompletableFuture.delayedExecutor(600, TimeUnit.MILLISECONDS));
            };
        }, ExportOptions.builder().sidecar(true).tag("lang", "python").build());
        self.set(Nodes.address(provider));
        governance.rules(SERVICE);
        consumer = Outcomes.consumer("web", null);
        inventory = consumer.genericReference(SERVICE,
                ReferenceOptions.builder().directAddress(Nodes.address(provider)).build());
    }

    @AfterEach
    void stop() {
        consumer.close();
        provider.close();
        governance.close();
    }

    @Test
    void callersJsonArgumentsReachTheHandlerAsTheyAreAndItsJsonTextIsTheResult() {
        // Sent as the caller's text (issue #17): not decoded and encoded again, so spacing and 1e2 stay.
        assertThat(inventory.call("stock", "[\"apples\", 3, 1e2]"))
                .isEqualTo("{\"method\":\"stock\",\"args\":[\"apples\", 3, 1e2]}");
        assertThat(inventory.call("stock", null)).isEqualTo("{\"method\":\"stock\",\"args\":[]}");
        assertThat(intercepted).contains("stock [\"apples\", 3, 1e2]");
    }

    @Test
    void handlerSeesUserMetadataButNoReservedKeysAndTheDeadline() {
        GenericRequest request = GenericRequest.builder("stock").arguments("[]").metadata("tier", "beta")
                .timeout(Duration.ofSeconds(2)).build();
        try (CallContext.Scope ignored = CallContext.current().withTrace(io.weft.TraceContext.parse(
                "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01", null)).attach()) {
            inventory.callAsync(request).join();
        }
        // the trace goes on, in a new span of the caller's
        assertThat(seenMetadata.get()).containsEntry("tier", "beta");
        assertThat(seenMetadata.get().get("traceparent")).startsWith("00-0af7651916cd43dd8448eb211c80319c-")
                .endsWith("-01").doesNotContain("b7ad6b7169203331");
        assertThat(seenMetadata.get().keySet()).noneMatch(k -> k.startsWith(":"));
        assertThat(seenRemainingMs.get()).isBetween(1L, 2000L);
    }

    @Test
    void nodeListsJsonOnlyTheMethodsAndSaysSidecar() {
        assertThat(exported.instance().serializations()).containsExactly("json");
        assertThat(exported.instance().methods()).containsExactly("fail", "slow", "stock");
        assertThat(exported.instance().sidecar()).isTrue();
        assertThat(exported.instance().tags()).containsEntry("lang", "python");
    }

    @Test
    void rpcExceptionOfTheHandlerAndUnknownMethodsAnswerTheirStatus() {
        assertThatThrownBy(() -> inventory.call("fail", "[]")).isInstanceOfSatisfying(RpcException.class, e -> {
            assertThat(e.status()).isEqualTo(Status.PERMISSION_DENIED);
            assertThat(e.description()).isEqualTo("no stock");
        });
        assertThatThrownBy(() -> inventory.call("restock", "[]")).isInstanceOfSatisfying(RpcException.class,
                e -> assertThat(e.status()).isEqualTo(Status.NOT_FOUND));
    }

    @Test
    void hessianRequestIsRefusedWithAClearStatus() throws Exception {
        assertRefusedAndTheProviderKeepsServing(1, "[]", "accepts JSON only");
    }

    @Test
    void providerFaultRuleAbortsGenericCallsBeforeTheHandler() {
        rules.put(SERVICE, "faults", """
                {"faults":[{"name":"down","side":"provider","match":{"methods":["stock"]},
                  "abort":{"status":"UNAVAILABLE","percent":100,"message":"injected"}}]}""");
        assertThatThrownBy(() -> inventory.call("stock", "[]")).isInstanceOfSatisfying(RpcException.class, e -> {
            assertThat(e.status()).isEqualTo(Status.UNAVAILABLE);
            assertThat(e.description()).isEqualTo("injected");
        });
        assertThat(seenMetadata.get()).isNull();
    }

    @Test
    void tokenSecurityRuleAuthenticatesGenericCallsBeforeTheHandler() throws Exception {
        String hash = java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                .digest("s3cret".getBytes(StandardCharsets.UTF_8)));
        rules.put(SERVICE, "security", """
                {"defaultAction":"deny","rules":[{"action":"allow","match":{"consumerApps":["web"]}}],
                 "authentication":{"mode":"token","tokens":[{"app":"web","sha256":"%s"}]}}""".formatted(hash));
        assertThatThrownBy(() -> inventory.call("stock", "[]")).isInstanceOfSatisfying(RpcException.class,
                e -> assertThat(e.status()).isEqualTo(Status.UNAUTHENTICATED));
        assertThat(seenMetadata.get()).isNull();
        try (Weft withToken = Outcomes.consumer("web", "s3cret")) {
            GenericReference authenticated = withToken.genericReference(SERVICE,
                    ReferenceOptions.builder().directAddress(Nodes.address(provider)).build());
            assertThat(authenticated.call("stock", "[1]")).contains("[1]");
        }
    }

    @Test
    void deadlineBoundsAHandlerThatNeverAnswers() {
        GenericRequest slow = GenericRequest.builder("slow").timeout(Duration.ofMillis(200)).build();
        assertThatThrownBy(() -> inventory.callAsync(slow).join()).hasCauseInstanceOf(RpcException.class)
                .satisfies(e -> assertThat(((RpcException) e.getCause()).status())
                        .isEqualTo(Status.DEADLINE_EXCEEDED));
    }

    @Test
    void bodyThatIsNotAJsonArrayIsInvalidArgumentAndTheProviderKeepsServing() throws Exception {
        assertRefusedAndTheProviderKeepsServing(2, "{\"a\":1}", "must be a JSON array");
    }

    /** A raw {@code stock} call with {@code body} is refused INVALID_ARGUMENT naming {@code reason}; calls go on. */
    private void assertRefusedAndTheProviderKeepsServing(int serialization, String body, String reason)
            throws Exception {
        RawPeer.RawFrame r = rawCall(serialization, "stock", body);
        assertThat(r.status()).isEqualTo(Status.INVALID_ARGUMENT.code());
        assertThat(r.metadata().get(":message")).contains(reason);
        assertThat(inventory.call("stock", "[1]")).contains("[1]");
    }

    /** One raw REQUEST in {@code serialization} (1 Hessian, 2 JSON) and its RESPONSE. */
    private RawPeer.RawFrame rawCall(int serialization, String method, String body) throws Exception {
        Map<String, String> metadata = new LinkedHashMap<>();
        metadata.put(":service", SERVICE);
        metadata.put(":method", method);
        byte[] frame = RequestBytes.request(7, serialization, metadata, body.getBytes(StandardCharsets.UTF_8));
        try (RawPeer peer = RawPeer.connect(provider.serverAddress().orElseThrow().getPort())) {
            peer.send(frame);
            RawPeer.RawFrame response = peer.read();
            assertThat(response.id()).isEqualTo(7);
            return response;
        }
    }
}
