package io.weft.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.weft.Status;
import io.weft.Weft;
import io.weft.test.WeftExtension;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Provider-side authentication and authorization from the security rule, over real sockets. */
class ProviderSecurityIT {
    @RegisterExtension
    static final WeftExtension weft = WeftExtension.zooKeeper();

    private static String sha256(String token) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                .digest(token.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void tokenModeAcceptsTheRightTokenAndRefusesWrongOrMissingOnesBeforeTheService() throws Exception {
        try (RuledProvider provider = new RuledProvider(weft);
             Weft good = Outcomes.consumer("web", "s3cret");
             Weft wrong = Outcomes.consumer("web", "guess");
             Weft none = Outcomes.consumer("web", null)) {
            provider.put("security", """
                    {"authentication":{"mode":"token","tokens":[{"app":"web","sha256":"%s"}]}}"""
                    .formatted(sha256("s3cret")));

            assertThat(Nodes.stub(good, provider.weft).echo("hi")).isEqualTo("hi");
            assertThat(Outcomes.of(() -> Nodes.stub(wrong, provider.weft).echo("hi"))).isEqualTo(Status.UNAUTHENTICATED);
            assertThat(Outcomes.of(() -> Nodes.stub(none, provider.weft).echo("hi"))).isEqualTo(Status.UNAUTHENTICATED);
            assertThat(provider.impl.calls.get()).isEqualTo(1);
        }
    }

    @Test
    void tokenModeAuthorizesTheTokensAppNotTheClaimedOne() throws Exception {
        try (RuledProvider provider = new RuledProvider(weft);
             Weft batchClaimingWeb = Outcomes.consumer("web", "batch-token");
             Weft webClaimingBatch = Outcomes.consumer("batch", "web-token")) {
            provider.put("security", """
                    {"defaultAction":"deny","rules":[{"action":"allow","match":{"consumerApps":["batch"]}}],
                     "authentication":{"mode":"token","tokens":[{"app":"batch","sha256":"%s"},
                                                                {"app":"web","sha256":"%s"}]}}"""
                    .formatted(sha256("batch-token"), sha256("web-token")));

            assertThat(Nodes.stub(batchClaimingWeb, provider.weft).echo("ok")).isEqualTo("ok");
            assertThat(Outcomes.of(() -> Nodes.stub(webClaimingBatch, provider.weft).echo("no")))
                    .isEqualTo(Status.PERMISSION_DENIED);
        }
    }

    @Test
    void mtlsModeIsUnauthenticatedWhileTheServerHasNoTls() {
        try (RuledProvider provider = new RuledProvider(weft); Weft consumer = Outcomes.consumer("web", null)) {
            provider.put("security", "{\"authentication\":{\"mode\":\"mtls\"}}");

            assertThat(Outcomes.of(() -> Nodes.stub(consumer, provider.weft).echo("x"))).isEqualTo(Status.UNAUTHENTICATED);
            assertThat(provider.impl.calls.get()).isZero();
        }
    }

    @Test
    void denyByConsumerAppRefusesOnlyThatApp() {
        try (RuledProvider provider = new RuledProvider(weft);
             Weft web = Outcomes.consumer("web", null);
             Weft batch = Outcomes.consumer("batch", null)) {
            provider.put("security", """
                    {"rules":[{"action":"deny","match":{"consumerApps":["web"]}}]}""");

            assertThat(Outcomes.of(() -> Nodes.stub(web, provider.weft).echo("x"))).isEqualTo(Status.PERMISSION_DENIED);
            assertThat(provider.impl.calls.get()).isZero();
            assertThat(Nodes.stub(batch, provider.weft).echo("y")).isEqualTo("y");
        }
    }

    @Test
    void denyByMethodRefusesOnlyThatMethod() {
        try (RuledProvider provider = new RuledProvider(weft); Weft consumer = Outcomes.consumer("web", null)) {
            provider.put("security", """
                    {"rules":[{"action":"deny","match":{"methods":["echo"]}}]}""");
            EchoService echo = Nodes.stub(consumer, provider.weft);

            assertThat(Outcomes.of(() -> echo.echo("x"))).isEqualTo(Status.PERMISSION_DENIED);
            assertThat(provider.impl.calls.get()).isZero();
            assertThat(echo.add(1, 2)).isEqualTo(3);
        }
    }

    @Test
    void denyBySourceCidrRefusesLoopbackCallers() {
        try (RuledProvider provider = new RuledProvider(weft); Weft consumer = Outcomes.consumer("web", null)) {
            provider.put("security", """
                    {"rules":[{"action":"deny","match":{"sourceCidrs":["10.0.0.0/8"]}},
                              {"action":"deny","match":{"sourceCidrs":["127.0.0.0/8"]}}]}""");

            assertThat(Outcomes.of(() -> Nodes.stub(consumer, provider.weft).echo("x")))
                    .isEqualTo(Status.PERMISSION_DENIED);
            assertThat(provider.impl.calls.get()).isZero();
        }
    }

    @Test
    void defaultDenyLetsThroughOnlyWhatAnAllowEntryMatches() {
        try (RuledProvider provider = new RuledProvider(weft); Weft consumer = Outcomes.consumer("web", null)) {
            provider.put("security", """
                    {"defaultAction":"deny","rules":[{"action":"allow","match":{"consumerApps":["web"],"methods":["add"]}}]}""");
            EchoService echo = Nodes.stub(consumer, provider.weft);

            assertThat(echo.add(2, 3)).isEqualTo(5);
            assertThat(Outcomes.of(() -> echo.echo("x"))).isEqualTo(Status.PERMISSION_DENIED);
            assertThat(provider.impl.calls.get()).isZero();
        }
    }
}
