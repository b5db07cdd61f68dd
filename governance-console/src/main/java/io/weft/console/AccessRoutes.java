package io.weft.console;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.weft.rules.RuleWriter;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Users and API tokens (admin only, see {@link AccessControl}): {@code GET /api/users}, {@code POST /api/users}
 * {@code {"name", "role", "password" | "generatePassword": true}} (201; 409 when the name is taken),
 * {@code PUT /api/users/{name}} {@code {"role", "password"?, "generatePassword"?}} (creates or changes; without a
 * password the current one stays), {@code DELETE /api/users/{name}} (409 for yourself or the last admin), and
 * {@code GET/POST /api/tokens}, {@code DELETE /api/tokens/{id}}. A generated password and a new token's secret
 * are in that one answer only. A changed password ends the user's other sessions. Every change is audited
 * under the acting admin ({@link ConsoleAudit}) and logged.
 */
final class AccessRoutes {
    private static final Logger log = LoggerFactory.getLogger(AccessRoutes.class);

    private final ConsoleAuth auth;
    private final UserStore users;
    private final ConsoleAudit audit;

    AccessRoutes(ConsoleAuth auth, ConsoleAudit audit) {
        this.auth = auth;
        this.users = auth.users();
        this.audit = audit;
    }

    void install(RoutesConfig routes) {
        routes.get("/api/users", ctx -> ctx.json(Map.of("users", users.users())));
        routes.post("/api/users", this::addUser);
        routes.put("/api/users/{name}", this::putUser);
        routes.delete("/api/users/{name}", this::deleteUser);
        routes.get("/api/tokens", ctx -> ctx.json(Map.of("tokens", users.tokens())));
        routes.post("/api/tokens", this::createToken);
        routes.delete("/api/tokens/{id}", this::revokeToken);
    }

    private void addUser(Context ctx) {
        JsonNode body = ctx.bodyAsClass(JsonNode.class);
        String name = body.path("name").asText(null);
        Role role = Role.parse(body.path("role").asText(null));
        String password = password(body);
        users.addUser(name, role, password);
        changed(ctx, "add-user", name, role, true);
        ctx.status(201).json(answer(name, role, body, password));
    }

    private void putUser(Context ctx) {
        JsonNode body = ctx.bodyAsClass(JsonNode.class);
        String name = ctx.pathParam("name");
        String password = password(body);
        Role role = Role.parse(body.path("role").asText(null));
        boolean existed = users.user(name).isPresent();
        users.putUser(name, role, password);
        if (existed && password != null) { // stolen sessions end with the old password (not the caller's own)
            auth.endSessions(name, ctx.cookie(GovernanceConsole.COOKIE));
        }
        changed(ctx, existed ? "change-user" : "add-user", name, role, password != null);
        ctx.json(answer(name, role, body, password));
    }

    /** The password of a user body: {@code generatePassword: true} makes one, else {@code password} (or null). */
    private String password(JsonNode body) {
        if (body.path("generatePassword").asBoolean(false)) {
            if (body.hasNonNull("password")) {
                throw new ApiError(400, "send either a password or generatePassword, not both");
            }
            return users.newPassword();
        }
        String password = body.path("password").isTextual() ? body.path("password").asText() : null;
        UserStore.checkPolicy(password);
        return password;
    }

    /** {@code {name, role}}, plus the generated password, shown this once. */
    private static Map<String, Object> answer(String name, Role role, JsonNode body, String password) {
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("name", name);
        answer.put("role", role.word());
        if (body.path("generatePassword").asBoolean(false)) {
            answer.put("password", password);
        }
        return answer;
    }

    private void changed(Context ctx, String action, String name, Role role, boolean passwordSet) {
        RuleWriter.Author by = RulesApi.author(ctx);
        log.info("console user {} {} (role {}{}) by {} from {}", name, action, role.word(),
                passwordSet ? ", password set" : "", by.user(), by.remote());
        audit.record(by, action, e -> e.put("target", name).put("role", role.word()).put("passwordSet", passwordSet));
    }

    private void deleteUser(Context ctx) {
        String name = ctx.pathParam("name");
        RuleWriter.Author by = RulesApi.author(ctx);
        if (name.equals(by.user())) {
            throw new ApiError(409, "you cannot delete yourself (" + name + "); another admin can");
        }
        String role = users.user(name).map(p -> p.role().word()).orElse(null);
        if (!users.deleteUser(name)) {
            throw new ApiError(404, "no user " + name);
        }
        log.info("console user {} deleted by {} from {}", name, by.user(), by.remote());
        audit.record(by, "delete-user", e -> e.put("target", name).put("role", role));
        ctx.status(204);
    }

    private void createToken(Context ctx) {
        JsonNode body = ctx.bodyAsClass(JsonNode.class);
        Role role = Role.parse(body.path("role").asText(null));
        RuleWriter.Author by = RulesApi.author(ctx);
        Map<String, Object> token = users.createToken(body.path("name").asText(null), role, by.user());
        log.info("console API token {} ({}) created by {} from {}", token.get("id"), role.word(), by.user(), by.remote());
        audit.record(by, "create-token", e -> e.put("target", (String) token.get("name"))
                .put("tokenId", (String) token.get("id")).put("role", role.word()));
        ctx.status(201).json(token);
    }

    private void revokeToken(Context ctx) {
        String id = ctx.pathParam("id");
        RuleWriter.Author by = RulesApi.author(ctx);
        Map<String, Object> token = users.tokenById(id).orElse(null);
        if (token == null || !users.revokeToken(id)) {
            throw new ApiError(404, "no token " + id);
        }
        log.info("console API token {} revoked by {} from {}", id, by.user(), by.remote());
        audit.record(by, "revoke-token", e -> e.put("target", (String) token.get("name")).put("tokenId", id)
                .put("role", (String) token.get("role")));
        ctx.status(204);
    }
}
