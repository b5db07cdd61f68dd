package io.weft.console;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Login throttling through the REST API of a real console (its own, so no other test shares its address). */
class ConsoleLoginThrottlingIT {
    @RegisterExtension
    static final Mesh mesh = Mesh.perClass();

    @Test
    void browserThatLoggedInBeforeIsNotLockedOutByGuessesFromTheSameAddress() {
        ConsoleClient admin = new ConsoleClient(mesh.console);
        assertThat(admin.login(Mesh.PASSWORD).status()).isEqualTo(200);
        assertThat(admin.send("POST", "/api/logout", null, null).status()).isEqualTo(204);

        ConsoleClient guesser = new ConsoleClient(mesh.console); // same 127.0.0.1, another cookie jar
        for (int i = 0; i < ConsoleAuth.MAX_FAILURES; i++) {
            assertThat(guesser.login("guess " + i).status()).isEqualTo(401);
        }
        ConsoleClient.Answer refused = guesser.login(Mesh.PASSWORD);
        assertThat(refused.status()).isEqualTo(429);
        assertThat(refused.header("Retry-After")).isEqualTo("1");

        assertThat(admin.login(Mesh.PASSWORD).status()).isEqualTo(200);
        assertThat(admin.get("/api/services").status()).isEqualTo(200);
    }
}
