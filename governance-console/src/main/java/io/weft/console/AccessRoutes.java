package io.weft.console;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Users and API tokens (admin only, see {@link AccessControl}): {@code GET/PUT/DELETE /api/users[/{name}]}
 * with {@code {"role": "viewer|editor|admin", "password": "…"}}, and {@code GET/POST /api/tokens},
 * {@code DELETE /api/tokens/{id}}. A new token's secret is in the answer to its {@code POST} only.
 */
final class AccessRoutes {
    private static final Logger log = LoggerFactory.getLogger(AccessRoutes.class);

    private final UserStore users;

    AccessRoutes(UserStore users) {
        this.users = users;
    }

    void install(RoutesConfig routes) {
        routes.get("/api/users", ctx -> ctx.json(Map.of("users", users.users())));
        routes.put("/api/users/{name}", this::putUser);
        routes.delete("/api/users/{name}", this::deleteUser);
        routes.get("/api/tokens", ctx -> ctx.json(Map.of("tokens", users.tokens())));
        routes.post("/api/tokens", this::createToken);
        routes.delete("/api/tokens/{id}", this::revokeToken);
    }

    private void putUser(Context ctx) {
        JsonNode body = ctx.bodyAsClass(JsonNode.class);
        String name = ctx.pathParam("name");
        String password = body.path("password").isTextual() ? body.path("password").asText() : null;
        UserStore.checkPolicy(password);
        Role role = Role.parse(body.path("role").asText(null));
        users.putUser(name, role, password);
        log.info("console user {} set to role {} by {} from {}", name, role.word(), Principal.of(ctx).name(),
                ctx.ip());
        ctx.json(Map.of("name", name, "role", role.word()));
    }

    private void deleteUser(Context ctx) {
        String name = ctx.pathParam("name");
        if (!users.deleteUser(name)) {
            throw new ApiError(404, "no user " + name);
        }
        log.info("console user {} deleted by {} from {}", name, Principal.of(ctx).name(), ctx.ip());
        ctx.status(204);
    }

    private void createToken(Context ctx) {
        JsonNode body = ctx.bodyAsClass(JsonNode.class);
        Role role = Role.parse(body.path("role").asText(null));
        Map<String, Object> token = users.createToken(body.path("name").asText(null), role, Principal.of(ctx).name());
        log.info("console API token {} ({}) created by {} from {}", token.get("id"), role.word(),
                Principal.of(ctx).name(), ctx.ip());
        ctx.status(201).json(token);
    }

    private void revokeToken(Context ctx) {
        String id = ctx.pathParam("id");
        if (!users.revokeToken(id)) {
            throw new ApiError(404, "no token " + id);
        }
        log.info("console API token {} revoked by {} from {}", id, Principal.of(ctx).name(), ctx.ip());
        ctx.status(204);
    }
}
