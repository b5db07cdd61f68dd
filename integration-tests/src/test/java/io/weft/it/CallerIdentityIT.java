package io.weft.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.weft.CallContext;
import io.weft.Weft;
import io.weft.test.WeftExtension;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * With authentication, the authenticated identity is the caller application everywhere the
 * service and interceptors can see it (issue #12 item 5); without it, the {@code :app} claim.
 */
class CallerIdentityIT {
    private static final String SERVICE = EchoService.class.getName();
    @RegisterExtension
    static final WeftExtension WEFT = WeftExtension.zooKeeper();

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

    private final List<String> seenByInterceptor = new CopyOnWriteArrayList<>();

    /** A registered provider whose own interceptor records the caller; Weft's governance runs outside it. */
    private Weft provider() {
        Weft weft = WEFT.track(Weft.builder(WEFT.config("echo-provider"))
                .serverInterceptor((call, next) -> {
                    seenByInterceptor.add(call.callerApplication().orElse("(none)"));
                    return next.handle(call);
                })
                .build());
        weft.export(EchoService.class, new CallerEcho());
        return weft;
    }

    @Test
    void tokenAuthenticatedCallerIsTheTokensAppNotTheClaimedOne() throws Exception {
        try (Weft provider = provider(); Weft claimsAdmin = Outcomes.consumer("admin", "web-token")) {
            WEFT.awaitApplied(SERVICE, "security", WEFT.putRule(SERVICE, "security", """
                    {"authentication":{"mode":"token","tokens":[{"app":"web","sha256":"%s"}]}}"""
                    .formatted(sha256("web-token"))));
            EchoService echo = Nodes.stub(claimsAdmin, provider);
            assertThat(echo.echo("who am I")).isEqualTo("web");
            assertThat(seenByInterceptor).containsExactly("web");
        } finally {
            WEFT.deleteRule(SERVICE, "security");
        }
    }

    @Test
    void withoutAuthenticationTheClaimStands() throws Exception {
        try (Weft provider = provider(); Weft claimsAdmin = Outcomes.consumer("admin", null)) {
            EchoService echo = Nodes.stub(claimsAdmin, provider);
            assertThat(echo.echo("who am I")).isEqualTo("admin");
            assertThat(seenByInterceptor).containsExactly("admin");
        } finally {
            WEFT.deleteRule(SERVICE, "security");
        }
    }
}
