package io.weft.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.weft.Status;
import io.weft.Weft;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/** Provider-side authentication and authorization from the security rule, over real sockets. */
class ProviderSecurityIT {

    private static String sha256(String token) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                .digest(token.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void tokenModeAcceptsTheRightTokenAndRefusesWrongOrMissingOnesBeforeTheService() throws Exception {
        try (GovernedProvider provider = new GovernedProvider();
             Weft good = Outcomes.consumer("web", "s3cret");
             Weft wrong = Outcomes.consumer("web", "guess");
             Weft none = Outcomes.consumer("web", null)) {
            provider.put("security", """
                    {"authentication":{"mode":"token","tokens":[{"app":"web","sha256":"%s"}]}}"""
                    .formatted(sha256("s3cret")));

            assertThat(Outcomes.stub(good, provider).echo("hi")).isEqualTo("hi");
            assertThat(Outcomes.of(() -> Outcomes.stub(wrong, provider).echo("hi"))).isEqualTo(Status.UNAUTHENTICATED);
            assertThat(Outcomes.of(() -> Outcomes.stub(none, provider).echo("hi"))).isEqualTo(Status.UNAUTHENTICATED);
            assertThat(provider.impl.calls.get()).isEqualTo(1);
        }
    }

    @Test
    void tokenModeAuthorizesTheTokensAppNotTheClaimedOne() throws Exception {
        try (GovernedProvider provider = new GovernedProvider();
             Weft batchClaimingWeb = Outcomes.consumer("web", "batch-token");
             Weft webClaimingBatch = Outcomes.consumer("batch", "web-token")) {
            provider.put("security", """
                    {"defaultAction":"deny","rules":[{"action":"allow","match":{"consumerApps":["batch"]}}],
                     "authentication":{"mode":"token","tokens":[{"app":"batch","sha256":"%s"},
                                                                {"app":"web","sha256":"%s"}]}}"""
                    .formatted(sha256("batch-token"), sha256("web-token")));

            assertThat(Outcomes.stub(batchClaimingWeb, provider).echo("ok")).isEqualTo("ok");
            assertThat(Outcomes.of(() -> Outcomes.stub(webClaimingBatch, provider).echo("no")))
                    .isEqualTo(Status.PERMISSION_DENIED);
        }
    }

    @Test
    void mtlsModeIsUnauthenticatedWhileTheServerHasNoTls() {
        try (GovernedProvider provider = new GovernedProvider(); Weft consumer = Outcomes.consumer("web", null)) {
            provider.put("security", "{\"authentication\":{\"mode\":\"mtls\"}}");

            assertThat(Outcomes.of(() -> Outcomes.stub(consumer, provider).echo("x"))).isEqualTo(Status.UNAUTHENTICATED);
            assertThat(provider.impl.calls.get()).isZero();
        }
    }

    @Test
    void denyByConsumerAppRefusesOnlyThatApp() {
        try (GovernedProvider provider = new GovernedProvider();
             Weft web = Outcomes.consumer("web", null);
             Weft batch = Outcomes.consumer("batch", null)) {
            provider.put("security", """
                    {"rules":[{"action":"deny","match":{"consumerApps":["web"]}}]}""");

            assertThat(Outcomes.of(() -> Outcomes.stub(web, provider).echo("x"))).isEqualTo(Status.PERMISSION_DENIED);
            assertThat(provider.impl.calls.get()).isZero();
            assertThat(Outcomes.stub(batch, provider).echo("y")).isEqualTo("y");
        }
    }

    @Test
    void denyByMethodRefusesOnlyThatMethod() {
        try (GovernedProvider provider = new GovernedProvider(); Weft consumer = Outcomes.consumer("web", null)) {
            provider.put("security", """
                    {"rules":[{"action":"deny","match":{"methods":["echo"]}}]}""");
            EchoService echo = Outcomes.stub(consumer, provider);

            assertThat(Outcomes.of(() -> echo.echo("x"))).isEqualTo(Status.PERMISSION_DENIED);
            assertThat(provider.impl.calls.get()).isZero();
            assertThat(echo.add(1, 2)).isEqualTo(3);
        }
    }

    @Test
    void denyBySourceCidrRefusesLoopbackCallers() {
        try (GovernedProvider provider = new GovernedProvider(); Weft consumer = Outcomes.consumer("web", null)) {
            provider.put("security", """
                    {"rules":[{"action":"deny","match":{"sourceCidrs":["10.0.0.0/8"]}},
                              {"action":"deny","match":{"sourceCidrs":["127.0.0.0/8"]}}]}""");

            assertThat(Outcomes.of(() -> Outcomes.stub(consumer, provider).echo("x")))
                    .isEqualTo(Status.PERMISSION_DENIED);
            assertThat(provider.impl.calls.get()).isZero();
        }
    }

    @Test
    void defaultDenyLetsThroughOnlyWhatAnAllowEntryMatches() {
        try (GovernedProvider provider = new GovernedProvider(); Weft consumer = Outcomes.consumer("web", null)) {
            provider.put("security", """
                    {"defaultAction":"deny","rules":[{"action":"allow","match":{"consumerApps":["web"],"methods":["add"]}}]}""");
            EchoService echo = Outcomes.stub(consumer, provider);

            assertThat(echo.add(2, 3)).isEqualTo(5);
            assertThat(Outcomes.of(() -> echo.echo("x"))).isEqualTo(Status.PERMISSION_DENIED);
            assertThat(provider.impl.calls.get()).isZero();
        }
    }
}
