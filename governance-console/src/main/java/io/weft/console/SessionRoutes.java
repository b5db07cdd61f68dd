package io.weft.console;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * Login, logout and the session probe. The session cookie is {@code HttpOnly; SameSite=Strict};
 * login takes JSON only (so a cross-site form cannot post it) and is refused for a while after
 * {@value ConsoleAuth#MAX_FAILURES} failures from one client (see {@link ConsoleAuth}). A successful
 * login also sets the device cookie that marks the browser as trusted, sent only to the login path.
 */
final class SessionRoutes {
    static final String DEVICE_COOKIE = "weft_console_device";
    private static final long DEVICE_MAX_AGE_SECONDS = Duration.ofDays(30).toSeconds();

    private final ConsoleAuth auth;

    SessionRoutes(ConsoleAuth auth) {
        this.auth = auth;
    }

    void install(RoutesConfig routes) {
        routes.post("/api/login", this::login);
        routes.post("/api/logout", this::logout);
        routes.get("/api/session", this::session);
    }

    private void login(Context ctx) {
        String contentType = ctx.contentType();
        if (contentType == null || !contentType.startsWith("application/json")) {
            throw new ApiError(415, "send the user and password as JSON: {\"username\": \"...\", \"password\": \"...\"}");
        }
        JsonNode body = ctx.bodyAsClass(JsonNode.class);
        JsonNode password = body.path("password");
        JsonNode user = body.path("username");
        ConsoleAuth.LoginResult result = auth.login(ctx.ip(), ctx.cookie(DEVICE_COOKIE),
                user.isTextual() && !user.asText().isEmpty() ? user.asText() : UserStore.DEFAULT_ADMIN,
                password.isTextual() ? password.asText() : null);
        if (result instanceof ConsoleAuth.LoginResult.Throttled t) {
            ctx.header("Retry-After", Long.toString(Math.max(1, t.retryAfter().toSeconds())));
            throw new ApiError(429, "too many failed logins; try again in " + Math.max(1, t.retryAfter().toSeconds())
                    + " s");
        }
        if (!(result instanceof ConsoleAuth.LoginResult.Success success)) {
            throw new ApiError(401, "wrong user name or password");
        }
        ctx.res().addHeader("Set-Cookie", GovernanceConsole.COOKIE + "=" + success.session().token()
                + "; Path=/; HttpOnly; SameSite=Strict" + secure(ctx));
        ctx.res().addHeader("Set-Cookie", DEVICE_COOKIE + "=" + success.deviceToken() + "; Path=/api/login; Max-Age="
                + DEVICE_MAX_AGE_SECONDS + "; HttpOnly; SameSite=Strict" + secure(ctx));
        ctx.json(sessionJson(success.session()));
    }

    private void logout(Context ctx) {
        Optional<ConsoleAuth.Session> session = auth.session(ctx.cookie(GovernanceConsole.COOKIE));
        if (session.isPresent()) {
            if (!ConsoleAuth.csrfMatches(session.get(), ctx.header(GovernanceConsole.CSRF_HEADER))) {
                throw new ApiError(403, "missing or wrong " + GovernanceConsole.CSRF_HEADER + " header");
            }
            auth.logout(session.get().token());
        }
        ctx.res().addHeader("Set-Cookie", GovernanceConsole.COOKIE + "=; Path=/; Max-Age=0; HttpOnly; SameSite=Strict");
        ctx.status(204);
    }

    private void session(Context ctx) {
        ctx.json(auth.session(ctx.cookie(GovernanceConsole.COOKIE))
                .filter(s -> auth.users().user(s.user()).isPresent())
                .map(this::sessionJson)
                .orElse(Map.of("authenticated", false)));
    }

    /** {@code {authenticated, csrfToken, user, role}}: the UI hides what the role may not do. */
    private Map<String, Object> sessionJson(ConsoleAuth.Session s) {
        Role role = auth.users().user(s.user()).map(Principal::role).orElse(Role.VIEWER);
        return Map.of("authenticated", true, "csrfToken", s.csrfToken(), "user", s.user(), "role", role.word());
    }

    /** Cookies over HTTPS are marked {@code Secure}: a browser never sends them in clear text. */
    private static String secure(Context ctx) {
        return ctx.req().isSecure() ? "; Secure" : "";
    }
}
