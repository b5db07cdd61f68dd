package io.weft.registry.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.weft.spi.InstanceRole;
import org.junit.jupiter.api.Test;

class RegistryPathsTest {
    private static final String SERVICE = "io.weft.demo.Greeter";

    @Test
    void buildsTheLayoutPaths() {
        assertThat(RegistryPaths.services("weft")).isEqualTo("/weft/services");
        assertThat(RegistryPaths.instances("weft", SERVICE, InstanceRole.PROVIDER))
                .isEqualTo("/weft/services/io.weft.demo.Greeter/providers");
        assertThat(RegistryPaths.instances("weft", SERVICE, InstanceRole.CONSUMER))
                .isEqualTo("/weft/services/io.weft.demo.Greeter/consumers");
        assertThat(RegistryPaths.instance("prod", SERVICE, InstanceRole.PROVIDER, "127.0.0.1:20880"))
                .isEqualTo("/prod/services/io.weft.demo.Greeter/providers/127.0.0.1:20880");
        assertThat(RegistryPaths.instance("weft", SERVICE, InstanceRole.CONSUMER, "web-7f3a"))
                .isEqualTo("/weft/services/io.weft.demo.Greeter/consumers/web-7f3a");
        assertThat(RegistryPaths.rule("weft", SERVICE, "routing")).isEqualTo("/weft/rules/io.weft.demo.Greeter/routing");
    }

    @Test
    void lastSegmentIsTheInstanceId() {
        assertThat(RegistryPaths.lastSegment(RegistryPaths.instance("weft", SERVICE, InstanceRole.PROVIDER, "h:1")))
                .isEqualTo("h:1");
    }

    @Test
    void rejectsServiceNamesThatAreNotOnePathSegment() {
        assertThatThrownBy(() -> RegistryPaths.instances("weft", "", InstanceRole.PROVIDER))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("service name must not be empty");
        assertThatThrownBy(() -> RegistryPaths.instances("weft", null, InstanceRole.PROVIDER))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("service name must not be empty");
        assertThatThrownBy(() -> RegistryPaths.instances("weft", "a/b", InstanceRole.PROVIDER))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("service name must not contain '/': 'a/b'");
        assertThatThrownBy(() -> RegistryPaths.instances("weft", "..", InstanceRole.PROVIDER))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("must not be '..'");
        assertThatThrownBy(() -> RegistryPaths.instances("weft", "a b", InstanceRole.PROVIDER))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("whitespace");
    }

    @Test
    void rejectsBadInstanceIdsAndNamespaces() {
        assertThatThrownBy(() -> RegistryPaths.instance("weft", SERVICE, InstanceRole.PROVIDER, "h/1"))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("instance id must not contain '/': 'h/1'");
        assertThatThrownBy(() -> RegistryPaths.instance("weft", SERVICE, InstanceRole.CONSUMER, ""))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("instance id must not be empty");
        assertThatThrownBy(() -> RegistryPaths.services("a/b"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("namespace");
    }

    @Test
    void rejectsUnknownRuleKinds() {
        assertThatThrownBy(() -> RegistryPaths.rule("weft", SERVICE, "retries"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("unknown rule kind 'retries'");
    }
}
