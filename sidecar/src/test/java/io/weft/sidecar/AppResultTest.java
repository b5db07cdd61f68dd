package io.weft.sidecar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.weft.RpcException;
import io.weft.Status;
import org.junit.jupiter.api.Test;

class AppResultTest {

    @Test
    void oneJsonValueIsTheResultAsItIs() {
        assertThat(AppResult.of("s", "m", 200, "\"Hello\"")).isEqualTo("\"Hello\"");
        assertThat(AppResult.of("s", "m", 200, " {\"a\":[1,2,{\"b\":null}]}\n")).isEqualTo(" {\"a\":[1,2,{\"b\":null}]}\n");
        assertThat(AppResult.of("s", "m", 200, "42")).isEqualTo("42");
    }

    @Test
    void emptyBodyIsNull() {
        assertThat(AppResult.of("s", "m", 204, "")).isEqualTo("null");
        assertThat(AppResult.of("s", "m", 200, null)).isEqualTo("null");
    }

    @Test
    void bodyThatIsNotOneJsonValueIsAnInternalErrorNamingTheProblem() {
        assertThatThrownBy(() -> AppResult.of("shop.Stock", "count", 200, "Hello, plain text"))
                .isInstanceOfSatisfying(RpcException.class, e -> {
                    assertThat(e.status()).isEqualTo(Status.INTERNAL);
                    assertThat(e.description()).isEqualTo("application returned non-JSON body for shop.Stock/count"
                            + " (HTTP 200, not valid JSON): Hello, plain text");
                });
        assertThat(AppResult.problem("1 2")).isEqualTo("more than one value");
        assertThat(AppResult.problem("{\"a\":")).isEqualTo("not valid JSON");
        assertThat(AppResult.problem("[1,]")).isEqualTo("not valid JSON");
        assertThat(AppResult.problem("'single'")).isEqualTo("not valid JSON");
        assertThatThrownBy(() -> AppResult.of("s", "m", 200, "x".repeat(5000)))
                .hasMessageEndingWith("x".repeat(200) + "…");
    }
}
