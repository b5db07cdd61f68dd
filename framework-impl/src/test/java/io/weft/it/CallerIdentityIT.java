package io.weft.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.weft.CallContext;
import io.weft.Weft;
import io.weft.WeftConfig;
import io.weft.internal.governance.FakeRuleSource;
import io.weft.internal.governance.Governance;
import io.weft.internal.governance.ProviderGovernance;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/**
 * With authentication, the authenticated identity is the caller application everywhere the
 * service and interceptors can see it (issue #12 item 5); without it, the {@code :app} claim.
 */
class CallerIdentityIT {
    private static final String SERVICE = EchoService.class.getName();

    /** Echoes the caller application the service sees in its {@link CallContext}. */
    private static final class CallerEcho extends EchoServiceImpl {
        CallerEcho() {
            super("caller");
        }

        @Override
        public String echo(String text) {
            return CallContext.current().callerApplication().orElse("(none)");
        }
    }

    private static String sha256(String token) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                .digest(token.getBytes(StandardCharsets.UTF_8)));
    }

    private final FakeRuleSource rules = new FakeRuleSource();
    private final Governance governance = new Governance(rules, service -> { });
    private final List<String> seenByInterceptor = new CopyOnWriteArrayList<>();

    private Weft provider() {
        Weft weft = Weft.builder(WeftConfig.of(Map.of(WeftConfig.SERVER_PORT, "0", WeftConfig.SERVER_HOST,
                        "127.0.0.1", WeftConfig.APPLICATION, "echo-provider")))
                .serverInterceptor(new ProviderGovernance(governance, "127.0.0.1:0", s -> 1))
                .serverInterceptor((call, next) -> {
                    seenByInterceptor.add(call.callerApplication().orElse("(none)"));
                    return next.handle(call);
                })
                .build();
        weft.export(EchoService.class, new CallerEcho());
        governance.rules(SERVICE);
        return weft;
    }

    @Test
    void tokenAuthenticatedCallerIsTheTokensAppNotTheClaimedOne() throws Exception {
        rules.put(SERVICE, "security", """
                {"authentication":{"mode":"token","tokens":[{"app":"web","sha256":"%s"}]}}"""
                .formatted(sha256("web-token")));
        try (Weft provider = provider(); Weft claimsAdmin = Outcomes.consumer("admin", "web-token")) {
            EchoService echo = Nodes.stub(claimsAdmin, provider);
            assertThat(echo.echo("who am I")).isEqualTo("web");
            assertThat(seenByInterceptor).containsExactly("web");
        } finally {
            governance.close();
        }
    }

    @Test
    void withoutAuthenticationTheClaimStands() throws Exception {
        try (Weft provider = provider(); Weft claimsAdmin = Outcomes.consumer("admin", null)) {
            EchoService echo = Nodes.stub(claimsAdmin, provider);
            assertThat(echo.echo("who am I")).isEqualTo("admin");
            assertThat(seenByInterceptor).containsExactly("admin");
        } finally {
            governance.close();
        }
    }
}
