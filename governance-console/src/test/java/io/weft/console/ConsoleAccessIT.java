package io.weft.console;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Users, roles and API tokens over the REST API of a console on a real ZooKeeper. */
class ConsoleAccessIT {
    private static final String RULE_PATH = "/api/services/" + Mesh.SERVICE + "/rules/security";

    @RegisterExtension
    static final Mesh mesh = Mesh.withViewerAndEditor();
    private static ConsoleClient admin;

    @BeforeAll
    static void logIn() {
        admin = ConsoleClient.loggedIn(mesh.console);
    }

    @Test
    void viewerReadsButGets403NamingTheEditorRoleOnAWrite() {
        ConsoleClient viewer = new ConsoleClient(mesh.console);
        assertThat(viewer.login("vera", "viewer-password").status()).isEqualTo(200);
        assertThat(viewer.get("/api/session").json().path("role").asText()).isEqualTo("viewer");
        assertThat(viewer.get("/api/services").status()).isEqualTo(200);

        ConsoleClient.Answer write = viewer.send("PUT", RULE_PATH, Mesh.DENY_NOBODY, null);

        assertThat(write.status()).isEqualTo(403);
        assertThat(write.json().path("neededRole").asText()).isEqualTo("editor");
        assertThat(write.json().path("error").asText()).contains("editor", "vera");
        assertThat(mesh.registry.getRule(Mesh.SERVICE, "security")).isEmpty();
        assertThat(viewer.get("/api/users").status()).isEqualTo(403);
    }

    @Test
    void editorsChangeIsAuditedUnderTheirName() {
        ConsoleClient editor = new ConsoleClient(mesh.console);
        assertThat(editor.login("ed", "editor-password").status()).isEqualTo(200);

        assertThat(editor.send("PUT", RULE_PATH, Mesh.DENY_NOBODY, null).status()).isEqualTo(201); // created

        JsonNode latest = admin.get("/api/audit").json().path("entries").get(0);
        assertThat(latest.path("user").asText()).isEqualTo("ed");
        assertThat(latest.path("after").asText()).isEqualTo(Mesh.DENY_NOBODY);
        assertThat(editor.send("PUT", "/api/users/ed", "{\"role\":\"admin\"}", null).status()).isEqualTo(403);
    }

    @Test
    void wrongPasswordOfANamedUserIsRefused() {
        assertThat(new ConsoleClient(mesh.console).login("ed", "not-the-password").status()).isEqualTo(401);
        assertThat(new ConsoleClient(mesh.console).login("nobody", "editor-password").status()).isEqualTo(401);
    }

    @Test
    void viewerTokenReadsButCannotWrite() {
        ConsoleClient.Answer made = admin.send("POST", "/api/tokens", "{\"name\":\"ci-read\",\"role\":\"viewer\"}", null);
        assertThat(made.status()).isEqualTo(201);
        String secret = made.json().path("token").asText();
        assertThat(secret).startsWith("weft_");
        assertThat(admin.get("/api/tokens").raw().body()).contains("ci-read").doesNotContain(secret);

        ConsoleClient token = ConsoleClient.withToken(mesh.console, secret);
        assertThat(token.get("/api/services").status()).isEqualTo(200);
        ConsoleClient.Answer write = token.send("PUT", RULE_PATH, Mesh.DENY_NOBODY, null, null);
        assertThat(write.status()).isEqualTo(403);
        assertThat(write.json().path("neededRole").asText()).isEqualTo("editor");
        JsonNode listed = findToken(made.json().path("id").asText());
        assertThat(listed.path("lastUsedAt").asLong()).isPositive();
    }

    @Test
    void editorTokenWritesUnderItsNameAndARevokedTokenGets401() {
        ConsoleClient.Answer made = admin.send("POST", "/api/tokens", "{\"name\":\"deploy\",\"role\":\"editor\"}", null);
        ConsoleClient token = ConsoleClient.withToken(mesh.console, made.json().path("token").asText());
        assertThat(token.send("PUT", RULE_PATH, Mesh.DENY_NOBODY, null, null).status()).isEqualTo(201); // created
        assertThat(admin.get("/api/audit").json().path("entries").get(0).path("user").asText())
                .isEqualTo("token:deploy");

        assertThat(admin.send("DELETE", "/api/tokens/" + made.json().path("id").asText(), null, null).status())
                .isEqualTo(204);

        assertThat(token.get("/api/services").status()).isEqualTo(401);
        assertThat(ConsoleClient.withToken(mesh.console, "weft_guessed").get("/api/services").status()).isEqualTo(401);
    }

    @Test
    void deletedUsersSessionEndsAtOnce() {
        assertThat(admin.send("PUT", "/api/users/temp", "{\"role\":\"editor\",\"password\":\"temporary-pw\"}", null)
                .status()).isEqualTo(200);
        ConsoleClient temp = new ConsoleClient(mesh.console);
        assertThat(temp.login("temp", "temporary-pw").status()).isEqualTo(200);

        assertThat(admin.send("DELETE", "/api/users/temp", null, null).status()).isEqualTo(204);

        assertThat(temp.get("/api/services").status()).isEqualTo(401);
    }

    @Test
    void lastAdminCannotBeDemoted() {
        ConsoleClient.Answer answer = admin.send("PUT", "/api/users/admin", "{\"role\":\"viewer\"}", null);
        assertThat(answer.status()).isEqualTo(409);
        assertThat(answer.json().path("error").asText()).contains("last admin");
    }

    @Test
    void adminCannotDeleteThemselvesEvenWhenAnotherAdminRemains() {
        admin.putUser("ada", "admin", "second-admin-pw");
        try {
            ConsoleClient.Answer answer = admin.send("DELETE", "/api/users/admin", null, null);

            assertThat(answer.status()).isEqualTo(409);
            assertThat(answer.json().path("error").asText()).contains("yourself");
            assertThat(admin.get("/api/users").raw().body()).contains("\"admin\"");
        } finally {
            assertThat(admin.send("DELETE", "/api/users/ada", null, null).status()).isEqualTo(204);
        }
    }

    @Test
    void userAndTokenChangesAreAuditedUnderTheActingAdminWithoutSecrets() {
        assertThat(admin.send("POST", "/api/users", "{\"name\":\"aud\",\"role\":\"viewer\",\"password\":\"audited-pw\"}",
                null).status()).isEqualTo(201);
        assertThat(admin.send("PUT", "/api/users/aud", "{\"role\":\"editor\"}", null).status()).isEqualTo(200);
        ConsoleClient.Answer token = admin.send("POST", "/api/tokens", "{\"name\":\"aud-token\",\"role\":\"viewer\"}", null);
        String id = token.json().path("id").asText();
        assertThat(admin.send("DELETE", "/api/tokens/" + id, null, null).status()).isEqualTo(204);
        assertThat(admin.send("DELETE", "/api/users/aud", null, null).status()).isEqualTo(204);

        ConsoleClient.Answer audit = admin.get("/api/audit?limit=5");
        JsonNode entries = audit.json().path("entries");
        assertThat(entries).extracting(e -> e.path("action").asText() + " " + e.path("target").asText() + " "
                + e.path("role").asText()).containsExactly("delete-user aud editor", "revoke-token aud-token viewer",
                "create-token aud-token viewer", "change-user aud editor", "add-user aud viewer");
        assertThat(entries).allSatisfy(e -> {
            assertThat(e.path("user").asText()).isEqualTo("admin");
            assertThat(e.path("via").asText()).isEqualTo("console");
            assertThat(e.has("kind")).isFalse(); // not a rule change: rule histories skip it
        });
        assertThat(entries.get(1).path("tokenId").asText()).isEqualTo(id);
        assertThat(entries.get(3).path("passwordSet").asBoolean()).isFalse();
        assertThat(entries.get(4).path("passwordSet").asBoolean()).isTrue();
        assertThat(audit.raw().body()).doesNotContain("audited-pw").doesNotContain(token.json().path("token").asText());
    }

    @Test
    void addingATakenNameIsRefusedAndAGeneratedPasswordLogsInUntilItIsReset() {
        ConsoleClient.Answer taken = admin.send("POST", "/api/users",
                "{\"name\":\"vera\",\"role\":\"admin\",\"password\":\"takeover-pw\"}", null);
        assertThat(taken.status()).isEqualTo(409);
        assertThat(new ConsoleClient(mesh.console).login("vera", "viewer-password").status()).isEqualTo(200);

        ConsoleClient.Answer made = admin.send("POST", "/api/users",
                "{\"name\":\"gen\",\"role\":\"viewer\",\"generatePassword\":true}", null);
        assertThat(made.status()).isEqualTo(201);
        String first = made.json().path("password").asText();
        assertThat(first).hasSizeGreaterThanOrEqualTo(20);
        ConsoleClient gen = new ConsoleClient(mesh.console);
        assertThat(gen.login("gen", first).status()).isEqualTo(200);
        assertThat(admin.get("/api/users").raw().body()).doesNotContain(first);

        ConsoleClient.Answer reset = admin.send("PUT", "/api/users/gen", "{\"role\":\"viewer\",\"generatePassword\":true}", null);
        String second = reset.json().path("password").asText();
        assertThat(second).isNotEqualTo(first);
        assertThat(gen.get("/api/services").status()).isEqualTo(401); // the reset ended the old session
        assertThat(new ConsoleClient(mesh.console).login("gen", first).status()).isEqualTo(401);
        assertThat(new ConsoleClient(mesh.console).login("gen", second).status()).isEqualTo(200);
        assertThat(admin.get("/api/session").json().path("authenticated").asBoolean()).isTrue();
        assertThat(admin.send("DELETE", "/api/users/gen", null, null).status()).isEqualTo(204);
    }

    private static JsonNode findToken(String id) {
        for (JsonNode token : admin.get("/api/tokens").json().path("tokens")) {
            if (token.path("id").asText().equals(id)) {
                return token;
            }
        }
        throw new AssertionError("no token " + id);
    }
}
