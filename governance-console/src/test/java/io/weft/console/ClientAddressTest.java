package io.weft.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class ClientAddressTest {
    private final ClientAddress proxied = new ClientAddress(List.of("10.0.0.0/8", "127.0.0.1"));

    @Test
    void forwardedForFromAnUntrustedPeerIsIgnored() {
        assertThat(proxied.resolve("203.0.113.9", List.of("198.51.100.1"))).isEqualTo("203.0.113.9");
        assertThat(new ClientAddress(List.of()).resolve("127.0.0.1", List.of("198.51.100.1"))).isEqualTo("127.0.0.1");
    }

    @Test
    void trustedProxyNamesTheRightMostUntrustedHop() {
        // the client forged 1.1.1.1; the proxies appended the address they saw, 203.0.113.9, then 10.0.0.2
        assertThat(proxied.resolve("10.0.0.1", List.of("1.1.1.1, 203.0.113.9, 10.0.0.2"))).isEqualTo("203.0.113.9");
        assertThat(proxied.resolve("10.0.0.1", List.of("1.1.1.1", "203.0.113.9"))).isEqualTo("203.0.113.9");
    }

    @Test
    void trustedProxyWithoutOrWithGarbageForwardedForIsTheClient() {
        assertThat(proxied.resolve("10.0.0.1", List.of())).isEqualTo("10.0.0.1");
        assertThat(proxied.resolve("10.0.0.1", List.of("evil.example, not an address"))).isEqualTo("10.0.0.1");
    }

    @Test
    void badCidrIsRefusedNamingTheOption() {
        assertThatThrownBy(() -> new ClientAddress(List.of("10.0.0.0/99")))
                .hasMessageContaining("--trusted-proxy").hasMessageContaining("10.0.0.0/99");
    }
}
