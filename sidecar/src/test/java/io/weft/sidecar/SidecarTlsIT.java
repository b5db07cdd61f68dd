package io.weft.sidecar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.weft.ReferenceOptions;
import io.weft.RpcException;
import io.weft.ServiceInstance;
import io.weft.Status;
import io.weft.Weft;
import io.weft.WeftConfig;
import io.weft.internal.tls.TestPki;
import io.weft.internal.tls.TlsSettings;
import io.weft.spi.InstanceRole;
import io.weft.spi.Registry;
import io.weft.test.WeftExtension;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The sidecar's inbound weft/1 port with the existing TLS settings ({@code weft.server.tls},
 * {@code weft.server.tls.client-auth}, {@code weft.tls.*}): Java consumers with client certificates
 * from a CA made at test time call a real Python application behind the sidecar; a consumer without a
 * certificate or without TLS is refused; a security rule in {@code mtls} mode decides by the
 * certificate's identity, not by the claimed application.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SidecarTlsIT {
    static final String PY = PyGreeter.class.getName();

    @TempDir
    static Path dir;
    @RegisterExtension
    static final WeftExtension zooKeeper = WeftExtension.zooKeeper();
    PythonApp python;
    Sidecar sidecar;
    Registry admin;
    TestPki ca;
    String registry;

    @BeforeAll
    void start() throws Exception {
        PythonApp.assumePython();
        registry = zooKeeper.registryAddress();
        python = PythonApp.start("py-tls");
        ca = TestPki.create(dir, "mesh");
        TestPki.Issued own = ca.issue("py-greeter", "spiffe://weft/app/py-greeter");
        sidecar = Sidecar.start(SidecarSettings.parse(List.of("--app", "py-greeter", "--registry", registry,
                        "--service", PY + "=greet,who", "--app-url", python.url(), "--port", "0", "--outbound-port", "0"),
                WeftConfig.empty()), WeftConfig.of(Map.of(WeftConfig.SERVER_HOST, "127.0.0.1",
                TlsSettings.SERVER_TLS, "required", TlsSettings.SERVER_CLIENT_AUTH, "require",
                TlsSettings.CERT_FILE, own.cert().toString(), TlsSettings.KEY_FILE, own.key().toString(),
                TlsSettings.TRUST_FILE, ca.caFile().toString())));
        admin = AdminRegistry.open(registry);
        await().atMost(Duration.ofSeconds(15)).until(() -> admin.list(PY, InstanceRole.PROVIDER).size() == 1);
    }

    @AfterAll
    void stop() throws Exception {
        Closing.closeAll(sidecar, python, admin);
    }

    /** A consumer of application {@code app}: TLS trusting {@code trust} and presenting {@code cert}, each if set. */
    private Weft consumer(String app, Path trust, TestPki.Issued cert) {
        Map<String, String> values = new HashMap<>(Map.of(WeftConfig.REGISTRY_ADDRESS, registry,
                WeftConfig.APPLICATION, app, "weft.client.connect-timeout-ms", "2000"));
        if (trust != null) {
            values.put(TlsSettings.CLIENT_TLS, "true"); // TLS to direct addresses too, not only to nodes saying tls
            values.put(TlsSettings.TRUST_FILE, trust.toString());
        }
        if (cert != null) {
            values.put(TlsSettings.CERT_FILE, cert.cert().toString());
            values.put(TlsSettings.KEY_FILE, cert.key().toString());
        }
        return Weft.create(WeftConfig.of(values));
    }

    /** A typed stub straight to the sidecar's port (no node to say json, so the stub is told). */
    private PyGreeter direct(Weft consumer) {
        return consumer.reference(PyGreeter.class, ReferenceOptions.builder()
                .directAddress("127.0.0.1:" + sidecar.port()).serializations("json").retries(0).build());
    }

    private static Status status(Runnable call) {
        try {
            call.run();
            return Status.OK;
        } catch (RpcException e) {
            return e.status();
        }
    }

    @Test
    void mtlsConsumerDiscoversTheTlsSidecarAndCallsThePythonApplication() {
        ServiceInstance node = admin.list(PY, InstanceRole.PROVIDER).get(0);
        assertThat(node.tls()).isTrue();
        assertThat(node.sidecar()).isTrue();
        try (Weft web = consumer("web", ca.caFile(), ca.issue("web", "spiffe://weft/app/web"))) {
            PyGreeter greeter = web.reference(PyGreeter.class, ReferenceOptions.builder().check(true).build());
            assertThat(greeter.greet("Ada")).isEqualTo("Hello, Ada from py-tls");
        }
    }

    @Test
    void consumersWithoutAClientCertificateOrWithoutTlsAreRefused() {
        try (Weft noCertificate = consumer("web", ca.caFile(), null);
             Weft plaintext = consumer("web", null, null);
             Weft good = consumer("web", ca.caFile(), ca.issue("web-ok", "spiffe://weft/app/web"))) {
            assertThat(status(() -> direct(noCertificate).greet("x"))).isIn(Status.UNAVAILABLE, Status.UNAUTHENTICATED);
            assertThat(status(() -> direct(plaintext).greet("x"))).isIn(Status.UNAVAILABLE, Status.DEADLINE_EXCEEDED);
            assertThat(direct(good).greet("still serving")).isEqualTo("Hello, still serving from py-tls");
        }
    }

    @Test
    void securityRuleInMtlsModeDecidesByTheCertificatesIdentity() {
        long revision = admin.putRule(PY, "security", """
                {"defaultAction":"deny","rules":[{"action":"allow","match":{"consumerApps":["web"]}}],
                 "authentication":{"mode":"mtls"}}""", 0);
        try (Weft webClaimingBatch = consumer("batch", ca.caFile(), ca.issue("web-cn", "spiffe://weft/app/web"));
             Weft batchClaimingWeb = consumer("web", ca.caFile(), ca.issue("batch", "spiffe://weft/app/batch"))) {
            await().atMost(Duration.ofSeconds(10)).until(() -> admin.list(PY, InstanceRole.PROVIDER).get(0)
                    .appliedRules().getOrDefault("security", 0L) == revision);
            assertThat(direct(webClaimingBatch).greet("Ada")).isEqualTo("Hello, Ada from py-tls");
            assertThatThrownBy(() -> direct(batchClaimingWeb).greet("Ada")).isInstanceOfSatisfying(RpcException.class,
                    e -> assertThat(e.status()).isEqualTo(Status.PERMISSION_DENIED));
        } finally {
            admin.deleteRule(PY, "security", revision);
        }
    }
}
