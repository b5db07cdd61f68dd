package io.weft.console;

import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import java.util.Set;

/**
 * Who may call what. Every {@code /api} call but login, logout and the session probe needs either a
 * session cookie (and, for anything but {@code GET}, the session's CSRF token) or an API token in
 * {@code Authorization: Bearer weft_…} (no cookie, so no CSRF token). The user's role is looked up on
 * every call, so a changed role or a deleted user takes effect at once. Then:
 * <ul>
 *   <li>{@code /api/users…} and {@code /api/tokens…}: admin;
 *   <li>other {@code GET}s, and the read-only {@code POST}s (validate, preview): viewer;
 *   <li>every other write: editor.
 * </ul>
 */
final class AccessControl {
    private static final Set<String> OPEN_PATHS = Set.of("/api/login", "/api/session", "/api/logout");
    private static final String BEARER = "Bearer ";

    private final ConsoleAuth auth;

    AccessControl(ConsoleAuth auth) {
        this.auth = auth;
    }

    /** The {@code before} handler of {@code /api/*}: attaches the {@link Principal} or throws 401/403. */
    void check(Context ctx) {
        if (OPEN_PATHS.contains(ctx.path())) {
            return;
        }
        Principal principal = authenticate(ctx);
        Role needed = needed(ctx.method(), ctx.path());
        if (!principal.role().includes(needed)) {
            throw ApiError.forbidden(principal, needed);
        }
        principal.attach(ctx);
    }

    private Principal authenticate(Context ctx) {
        String authorization = ctx.header("Authorization");
        if (authorization != null && authorization.startsWith(BEARER)) {
            return auth.users().token(authorization.substring(BEARER.length()).trim())
                    .orElseThrow(() -> new ApiError(401, "unknown or revoked API token"));
        }
        ConsoleAuth.Session session = auth.session(ctx.cookie(GovernanceConsole.COOKIE))
                .orElseThrow(() -> new ApiError(401, "log in first"));
        if (ctx.method() != HandlerType.GET && ctx.method() != HandlerType.HEAD
                && !ConsoleAuth.csrfMatches(session, ctx.header(GovernanceConsole.CSRF_HEADER))) {
            throw new ApiError(403, "missing or wrong " + GovernanceConsole.CSRF_HEADER + " header");
        }
        return auth.users().user(session.user()).orElseThrow(() -> {
            auth.logout(session.token());
            return new ApiError(401, "user " + session.user() + " no longer exists");
        });
    }

    /** The role {@code method path} needs. */
    static Role needed(HandlerType method, String path) {
        if (path.startsWith("/api/users") || path.startsWith("/api/tokens")) {
            return Role.ADMIN;
        }
        if (method == HandlerType.GET || method == HandlerType.HEAD
                || (method == HandlerType.POST && (path.startsWith("/api/validate/") || path.contains("/preview")))) {
            return Role.VIEWER;
        }
        return Role.EDITOR;
    }
}
