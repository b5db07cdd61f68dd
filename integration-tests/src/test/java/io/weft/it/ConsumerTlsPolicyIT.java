package io.weft.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.weft.ReferenceOptions;
import io.weft.RpcException;
import io.weft.Status;
import io.weft.Weft;
import io.weft.WeftConfigException;
import io.weft.ExportOptions;
import io.weft.internal.tls.TestPki;
import io.weft.internal.tls.TlsSettings;
import io.weft.test.WeftExtension;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The consumer's own TLS policy, instead of trusting a registry node's {@code tls} flag:
 * {@code weft.client.tls=required}, {@code weft.client.tls.server-identity}, and
 * {@code weft.client.token.allow-plaintext} (a {@code :token} never goes out in clear text unless allowed).
 */
class ConsumerTlsPolicyIT {
    private static final String ALLOW_PLAINTEXT_TOKEN = "weft.client.token.allow-plaintext";
    private static final String SERVER_IDENTITY = "weft.client.tls.server-identity";
    private static final String SERVICE = EchoService.class.getName();
    @RegisterExtension
    static final WeftExtension weft = WeftExtension.zooKeeper();

    @TempDir
    static Path dir;
    static TestPki ca;
    static TestPki.Issued echo;

    @BeforeAll
    static void makeCertificates() {
        ca = TestPki.create(dir, "weft");
        echo = ca.issue("echo-provider", "spiffe://weft/app/echo-provider");
    }

    private static String[] tlsProvider() {
        return new String[] {TlsSettings.SERVER_TLS, "required", TlsSettings.CERT_FILE, echo.cert().toString(),
                TlsSettings.KEY_FILE, echo.key().toString()};
    }

    private static EchoService discovered(Weft consumer) {
        return consumer.reference(EchoService.class, ReferenceOptions.builder().retries(0).build());
    }

    @Test
    void requiredTlsConsumerNeverCallsAProviderWhoseNodeSaysPlaintext() {
        try (Weft secure = weft.export(EchoService.class, new EchoServiceImpl("tls"), ExportOptions.defaults(),
                     tlsProvider());
             Weft plaintext = weft.export(EchoService.class, new EchoServiceImpl("plaintext"));
             Weft consumer = weft.newWeft("echo-consumer", TlsSettings.CLIENT_TLS, "required",
                     TlsSettings.TRUST_FILE, ca.caFile().toString())) {
            weft.awaitProviders(SERVICE, 2);
            EchoService service = discovered(consumer);
            // discovery is asynchronous: wait until the consumer's view holds a provider it may call
            await().atMost(Duration.ofSeconds(10)).until(() -> Outcomes.of(service::who) == Status.OK);
            Set<String> served = new HashSet<>();
            for (int i = 0; i < 40; i++) {
                served.add(service.who());
            }

            assertThat(served).containsExactly("tls");
        }
    }

    @Test
    void requiredTlsConsumerFailsRatherThanCallOnlyPlaintextProviders() {
        try (Weft plaintext = weft.export(EchoService.class, new EchoServiceImpl("plaintext"));
             Weft consumer = weft.newWeft("echo-consumer", TlsSettings.CLIENT_TLS, "required",
                     TlsSettings.TRUST_FILE, ca.caFile().toString(), "weft.client.timeout-ms", "1000")) {
            assertThat(Outcomes.of(() -> discovered(consumer).who())).isIn(Status.UNAVAILABLE, Status.DEADLINE_EXCEEDED);
        }
    }

    @Test
    void providerCertificateNamingAnotherIdentityIsRefusedNamingBoth() {
        try (Weft provider = Nodes.provider(new EchoServiceImpl("p"), tlsProvider());
             Weft consumer = Nodes.consumer(TlsSettings.CLIENT_TLS, "required", TlsSettings.TRUST_FILE,
                     ca.caFile().toString(), SERVER_IDENTITY, "payments")) {
            EchoService stub = consumer.reference(EchoService.class, ReferenceOptions.builder()
                    .directAddress(Nodes.address(provider)).retries(0).build());

            assertThatThrownBy(stub::who).isInstanceOfSatisfying(RpcException.class,
                            e -> assertThat(e.status()).isEqualTo(Status.UNAVAILABLE))
                    .hasMessageContaining("'payments'").hasMessageContaining("'echo-provider'");
        }
    }

    @Test
    void providerCertificateNamingTheExpectedIdentityIsCalled() {
        try (Weft provider = Nodes.provider(new EchoServiceImpl("p"), tlsProvider());
             Weft byApp = Nodes.consumer(TlsSettings.CLIENT_TLS, "required", TlsSettings.TRUST_FILE,
                     ca.caFile().toString(), SERVER_IDENTITY, "echo-provider");
             Weft bySpiffe = Nodes.consumer(TlsSettings.CLIENT_TLS, "required", TlsSettings.TRUST_FILE,
                     ca.caFile().toString(), SERVER_IDENTITY, "spiffe://weft/app/echo-provider")) {
            assertThat(Nodes.stub(byApp, provider).echo("a")).isEqualTo("a");
            assertThat(Nodes.stub(bySpiffe, provider).echo("b")).isEqualTo("b");
        }
    }

    @Test
    void serverIdentityWithoutRequiredTlsNamesBothKeys() {
        assertThatThrownBy(() -> Nodes.consumer(SERVER_IDENTITY, "echo-provider"))
                .isInstanceOf(WeftConfigException.class)
                .hasMessageContaining(SERVER_IDENTITY).hasMessageContaining(TlsSettings.CLIENT_TLS);
    }

    /** A provider that authenticates by token: a call only succeeds when {@code :token} arrived. */
    private static Weft tokenProvider(EchoServiceImpl impl, String... settings) throws Exception {
        Weft provider = weft.export(EchoService.class, impl, ExportOptions.defaults(), settings);
        weft.awaitApplied(SERVICE, "security", weft.putRule(SERVICE, "security", """
                {"authentication":{"mode":"token","tokens":[{"app":"web","sha256":"%s"}]}}"""
                .formatted(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                        .digest("s3cret".getBytes(StandardCharsets.UTF_8))))));
        return provider;
    }

    @AfterEach
    void removeRules() {
        weft.deleteRule(SERVICE, "security");
    }

    @Test
    void tokenIsNotSentOverPlaintextAndTheErrorNamesTheKeyThatAllowsIt() throws Exception {
        EchoServiceImpl impl = new EchoServiceImpl("p");
        try (Weft provider = tokenProvider(impl);
             Weft consumer = Nodes.consumer("weft.security.token", "s3cret")) {
            EchoService stub = Nodes.stub(consumer, provider);

            assertThatThrownBy(() -> stub.echo("secret call")).isInstanceOfSatisfying(RpcException.class,
                            e -> assertThat(e.status()).isEqualTo(Status.UNAVAILABLE))
                    .hasMessageContaining(ALLOW_PLAINTEXT_TOKEN);
            assertThat(impl.calls.get()).isZero();
        }
    }

    @Test
    void tokenGoesOverPlaintextOnlyWhenExplicitlyAllowed() throws Exception {
        try (Weft provider = tokenProvider(new EchoServiceImpl("p"));
             Weft consumer = Nodes.consumer("weft.security.token", "s3cret", ALLOW_PLAINTEXT_TOKEN, "true")) {
            assertThat(Nodes.stub(consumer, provider).echo("authenticated")).isEqualTo("authenticated");
        }
    }

    @Test
    void tokenGoesOverTls() throws Exception {
        try (Weft provider = tokenProvider(new EchoServiceImpl("p"), tlsProvider());
             Weft consumer = Nodes.consumer("weft.security.token", "s3cret", TlsSettings.CLIENT_TLS, "true",
                     TlsSettings.TRUST_FILE, ca.caFile().toString())) {
            assertThat(Nodes.stub(consumer, provider).echo("authenticated")).isEqualTo("authenticated");
        }
    }

    @Test
    void callsWithoutTokenStillGoOverPlaintext() {
        try (Weft provider = Nodes.provider(new EchoServiceImpl("p"));
             Weft consumer = Nodes.consumer()) {
            assertThat(Nodes.stub(consumer, provider).echo("plain")).isEqualTo("plain");
        }
    }
}
