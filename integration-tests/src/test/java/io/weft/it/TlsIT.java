package io.weft.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.weft.Exported;
import io.weft.ReferenceOptions;
import io.weft.Status;
import io.weft.Weft;
import io.weft.WeftConfig;
import io.weft.WeftConfigException;
import io.weft.ExportOptions;
import io.weft.internal.tls.TestPki;
import io.weft.internal.tls.TlsSettings;
import io.weft.internal.transport.FrameWriter;
import io.weft.test.WeftExtension;
import io.netty.buffer.ByteBufAllocator;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** TLS and mTLS on real sockets, with a CA and certificates made at test time. */
class TlsIT {
    private static final String SERVICE = EchoService.class.getName();
    @RegisterExtension
    static final WeftExtension weft = WeftExtension.zooKeeper();
    @TempDir
    static Path dir;
    static TestPki ca;
    static TestPki otherCa;
    static TestPki.Issued server;
    static TestPki.Issued web;
    static TestPki.Issued batch;

    @BeforeAll
    static void makeCertificates() {
        ca = TestPki.create(dir, "weft");
        otherCa = TestPki.create(dir, "other");
        server = ca.issue("echo-provider", "spiffe://weft/app/echo-provider");
        web = ca.issue("web-cn", "spiffe://weft/app/web");
        batch = ca.issue("batch", null); // identity from the CN
    }

    private static String[] serverTls(String mode, String clientAuth, TestPki.Issued cert) {
        return new String[] {TlsSettings.SERVER_TLS, mode, TlsSettings.SERVER_CLIENT_AUTH, clientAuth,
                TlsSettings.CERT_FILE, cert.cert().toString(), TlsSettings.KEY_FILE, cert.key().toString(),
                TlsSettings.TRUST_FILE, ca.caFile().toString()};
    }

    /** A consumer of application {@code app}: TLS to direct addresses when {@code trust} is set, presenting {@code cert} if set. */
    private static Weft consumer(String app, Path trust, TestPki.Issued cert, String... more) {
        Map<String, String> values = new HashMap<>();
        values.put(WeftConfig.APPLICATION, app);
        values.put("weft.client.connect-timeout-ms", "2000");
        if (trust != null) {
            values.put(TlsSettings.CLIENT_TLS, "true");
            values.put(TlsSettings.TRUST_FILE, trust.toString());
        }
        if (cert != null) {
            values.put(TlsSettings.CERT_FILE, cert.cert().toString());
            values.put(TlsSettings.KEY_FILE, cert.key().toString());
        }
        for (int i = 0; i < more.length; i += 2) {
            values.put(more[i], more[i + 1]);
        }
        return Weft.create(WeftConfig.of(values));
    }

    private static EchoService stub(Weft consumer, String address) {
        return consumer.reference(EchoService.class, ReferenceOptions.builder().directAddress(address)
                .retries(0).build());
    }

    @Test
    void tlsConsumerCallsATlsRequiredProvider() {
        try (Weft provider = Nodes.provider(new EchoServiceImpl("p"), serverTls("required", "none", server));
             Weft consumer = consumer("web", ca.caFile(), null)) {
            assertThat(stub(consumer, Nodes.address(provider)).echo("secret")).isEqualTo("secret");
        }
    }

    @Test
    void plaintextConsumerIsRefusedByATlsRequiredProvider() throws Exception {
        try (Weft provider = Nodes.provider(new EchoServiceImpl("p"), serverTls("required", "none", server));
             Weft plaintext = consumer("web", null, null);
             Weft secure = consumer("web", ca.caFile(), null)) {
            assertThat(Outcomes.of(() -> stub(plaintext, Nodes.address(provider)).echo("x")))
                    .isIn(Status.UNAVAILABLE, Status.DEADLINE_EXCEEDED);
            try (RawPeer raw = RawPeer.connect(provider.serverAddress().orElseThrow().getPort())) {
                raw.send(FrameWriter.ping(ByteBufAllocator.DEFAULT, 1));
                assertThat(raw.closedByPeer()).isTrue();
            }
            assertThat(stub(secure, Nodes.address(provider)).echo("still serving")).isEqualTo("still serving");
        }
    }

    @Test
    void optionalModeServesTlsAndPlaintextConsumersOnOnePort() {
        try (Weft provider = Nodes.provider(new EchoServiceImpl("p"), serverTls("optional", "none", server));
             Weft plaintext = consumer("web", null, null);
             Weft secure = consumer("web", ca.caFile(), null)) {
            assertThat(stub(plaintext, Nodes.address(provider)).echo("plain")).isEqualTo("plain");
            assertThat(stub(secure, Nodes.address(provider)).echo("tls")).isEqualTo("tls");
        }
    }

    @Test
    void registryNodeSaysTlsAndTheConsumerConnectsWithTls() {
        try (Weft provider = weft.export(EchoService.class, new EchoServiceImpl("p"), ExportOptions.defaults(),
                     serverTls("required", "none", server));
             Weft consumer = weft.newWeft("echo-consumer", TlsSettings.TRUST_FILE, ca.caFile().toString())) {
            EchoService echo = consumer.reference(EchoService.class, ReferenceOptions.builder().check(true).build());
            assertThat(echo.echo("discovered")).isEqualTo("discovered");
        }
        Map<String, String> optional = new HashMap<>(Map.of(WeftConfig.SERVER_PORT, "0",
                WeftConfig.SERVER_HOST, "127.0.0.1", WeftConfig.APPLICATION, "echo-provider"));
        String[] tls = serverTls("optional", "none", server);
        for (int i = 0; i < tls.length; i += 2) {
            optional.put(tls[i], tls[i + 1]);
        }
        try (Weft provider = Weft.create(WeftConfig.of(optional))) {
            Exported exported = provider.export(EchoService.class, new EchoServiceImpl("p"));
            assertThat(exported.instance().tls()).isTrue();
        }
    }

    @Test
    void certificateIdentityDrivesAuthenticationAndAllowDenyRules() {
        EchoServiceImpl impl = new EchoServiceImpl("p");
        try (Weft provider = weft.export(EchoService.class, impl, ExportOptions.defaults(),
                     serverTls("required", "optional", server));
             Weft webClaimingBatch = consumer("batch", ca.caFile(), web);
             Weft batchClaimingWeb = consumer("web", ca.caFile(), batch);
             Weft noCertificate = consumer("web", ca.caFile(), null)) {
            String address = Nodes.address(provider);
            weft.awaitApplied(SERVICE, "security", weft.putRule(SERVICE, "security", """
                    {"defaultAction":"deny","rules":[{"action":"allow","match":{"consumerApps":["web"]}}],
                     "authentication":{"mode":"mtls"}}"""));

            assertThat(stub(webClaimingBatch, address).echo("ok")).isEqualTo("ok");
            assertThat(Outcomes.of(() -> stub(batchClaimingWeb, address).echo("no")))
                    .isEqualTo(Status.PERMISSION_DENIED);
            assertThat(Outcomes.of(() -> stub(noCertificate, address).echo("no")))
                    .isEqualTo(Status.UNAUTHENTICATED);
            assertThat(impl.calls.get()).isEqualTo(1);

            weft.awaitApplied(SERVICE, "security", weft.putRule(SERVICE, "security", """
                    {"rules":[{"action":"deny","match":{"consumerApps":["web"]}}],"authentication":{"mode":"mtls"}}"""));
            assertThat(Outcomes.of(() -> stub(webClaimingBatch, address).echo("no")))
                    .isEqualTo(Status.PERMISSION_DENIED);
            assertThat(stub(batchClaimingWeb, address).echo("yes")).isEqualTo("yes");
        } finally {
            weft.deleteRule(SERVICE, "security");
        }
    }

    @Test
    void untrustedOrExpiredClientCertificatesFailTheHandshakeAndOthersKeepWorking() {
        TestPki.Issued stranger = otherCa.issue("web", "spiffe://weft/app/web");
        Instant now = Instant.now();
        TestPki.Issued expired = ca.issue("web", "spiffe://weft/app/web", now.minus(Duration.ofDays(3)),
                now.minus(Duration.ofDays(1)), "expired");
        try (Weft provider = Nodes.provider(new EchoServiceImpl("p"), serverTls("required", "require", server));
             Weft untrusted = consumer("web", ca.caFile(), stranger);
             Weft outdated = consumer("web", ca.caFile(), expired);
             Weft distrustsServer = consumer("web", otherCa.caFile(), web);
             Weft good = consumer("web", ca.caFile(), web)) {
            List<Status> refused = new ArrayList<>();
            for (Weft w : List.of(untrusted, outdated, distrustsServer)) {
                refused.add(Outcomes.of(() -> stub(w, Nodes.address(provider)).echo("x")));
            }
            assertThat(refused).allMatch(s -> s == Status.UNAVAILABLE, "all UNAVAILABLE: " + refused);
            assertThat(stub(good, Nodes.address(provider)).echo("fine")).isEqualTo("fine");
        }
    }

    @Test
    void replacedCertificateFilesAreUsedByNewConnectionsWithoutRestart() {
        TestPki.Issued live = ca.issue("echo-provider", null, Instant.now().minus(Duration.ofHours(1)),
                Instant.now().plus(Duration.ofDays(1)), "reloading");
        TestPki.Issued fromOtherCa = otherCa.issue("echo-provider", null);
        try (Weft provider = Nodes.provider(new EchoServiceImpl("p"), serverTls("required", "none", live));
             Weft trustsFirst = consumer("web", ca.caFile(), null);
             Weft trustsOther = consumer("web", otherCa.caFile(), null)) {
            EchoService first = stub(trustsFirst, Nodes.address(provider));
            assertThat(first.echo("before")).isEqualTo("before");
            assertThat(Outcomes.of(() -> stub(trustsOther, Nodes.address(provider)).echo("x")))
                    .isEqualTo(Status.UNAVAILABLE);

            TestPki.replace(live, fromOtherCa);

            EchoService other = stub(trustsOther, Nodes.address(provider));
            await().atMost(Duration.ofSeconds(10)).until(() -> Outcomes.of(() -> other.echo("after")) == Status.OK);
            assertThat(first.echo("open connection kept")).isEqualTo("open connection kept");
        }
    }

    @Test
    void badTlsConfigurationFailsStartUpNamingKeyAndValue() {
        assertThatThrownBy(() -> Nodes.provider(new EchoServiceImpl("p"), TlsSettings.SERVER_TLS, "sometimes"))
                .isInstanceOf(WeftConfigException.class)
                .hasMessageContaining("weft.server.tls='sometimes'");
        assertThatThrownBy(() -> Nodes.provider(new EchoServiceImpl("p"), TlsSettings.SERVER_TLS, "required"))
                .isInstanceOf(WeftConfigException.class)
                .hasMessageContaining("weft.server.tls='required'").hasMessageContaining(TlsSettings.CERT_FILE);
        assertThatThrownBy(() -> Nodes.provider(new EchoServiceImpl("p"), TlsSettings.SERVER_TLS, "required",
                TlsSettings.CERT_FILE, "/nonexistent/cert.pem", TlsSettings.KEY_FILE, server.key().toString()))
                .isInstanceOf(WeftConfigException.class)
                .hasMessageContaining("weft.tls.cert-file='/nonexistent/cert.pem'");
        assertThatThrownBy(() -> Nodes.provider(new EchoServiceImpl("p"), TlsSettings.SERVER_TLS, "required",
                TlsSettings.CERT_FILE, ca.caFile().toString(), TlsSettings.KEY_FILE, ca.caFile().toString()))
                .isInstanceOf(WeftConfigException.class)
                .hasMessageContaining("weft.tls.key-file='" + ca.caFile() + "'").hasMessageContaining("cannot load");
        assertThatThrownBy(() -> Nodes.provider(new EchoServiceImpl("p"), TlsSettings.SERVER_TLS, "optional",
                TlsSettings.CERT_FILE, server.cert().toString(), TlsSettings.KEY_FILE, server.key().toString(),
                TlsSettings.SERVER_CLIENT_AUTH, "require"))
                .isInstanceOf(WeftConfigException.class)
                .hasMessageContaining("weft.server.tls.client-auth='require'").hasMessageContaining(TlsSettings.TRUST_FILE);
    }
}
