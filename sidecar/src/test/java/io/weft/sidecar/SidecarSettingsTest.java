package io.weft.sidecar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.weft.WeftConfig;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SidecarSettingsTest {

    @Test
    void flagsGiveServicesMethodsTagsAndPorts() {
        SidecarSettings s = SidecarSettings.parse(List.of("--app", "shop", "--registry", "zookeeper://127.0.0.1:2181",
                "--service", "py.Cart=add,list", "--service", "py.Stock", "--app-url", "http://127.0.0.1:9000/",
                "--port=0", "--outbound-port", "0", "--tag", "env=canary", "--health-path", "/ping"),
                WeftConfig.empty());

        assertThat(s.services()).containsExactly(new SidecarSettings.ServiceSpec("py.Cart", List.of("add", "list")),
                new SidecarSettings.ServiceSpec("py.Stock", List.of()));
        assertThat(s.appUrl()).hasToString("http://127.0.0.1:9000");
        assertThat(s.port()).isZero();
        assertThat(s.outboundPort()).isZero();
        assertThat(s.adminPort()).isEqualTo(-1);
        assertThat(s.tags()).isEqualTo(Map.of("env", "canary"));
        assertThat(s.healthPath()).isEqualTo("/ping");
    }

    @Test
    void propertiesFillWhatFlagsLeaveOutAndDefaultsTheRest() {
        WeftConfig config = WeftConfig.of(Map.of("weft.sidecar.app", "shop", "weft.sidecar.services",
                "py.Cart=add,list;py.Stock", "weft.sidecar.tags", "env=canary,zone=z1", "weft.sidecar.port", "21000"));
        SidecarSettings s = SidecarSettings.parse(List.of("--port", "22000"), config);

        assertThat(s.app()).isEqualTo("shop");
        assertThat(s.services()).extracting(SidecarSettings.ServiceSpec::name).containsExactly("py.Cart", "py.Stock");
        assertThat(s.tags()).containsEntry("zone", "z1");
        assertThat(s.port()).isEqualTo(22000);
        assertThat(s.outboundPort()).isEqualTo(15001);
        assertThat(s.appUrl()).hasToString("http://127.0.0.1:8080");
        assertThat(s.healthPath()).isEqualTo("/health");
    }

    @Test
    void badFlagsAreNamedInTheError() {
        assertThatThrownBy(() -> SidecarSettings.parse(List.of("--registry", "zookeeper://h:1"), WeftConfig.empty()))
                .hasMessageContaining("--app");
        assertThatThrownBy(() -> SidecarSettings.parse(List.of("--app", "a", "--port", "http"), WeftConfig.empty()))
                .hasMessageContaining("--port").hasMessageContaining("'http'");
        assertThatThrownBy(() -> SidecarSettings.parse(List.of("--app", "a", "--outbound-port", "70000"),
                WeftConfig.empty())).hasMessageContaining("--outbound-port");
        assertThatThrownBy(() -> SidecarSettings.parse(List.of("--app", "a", "--colour", "red"), WeftConfig.empty()))
                .hasMessageContaining("unknown option --colour");
        assertThatThrownBy(() -> SidecarSettings.parse(List.of("--app", "a", "--app-url", "https://x"),
                WeftConfig.empty())).hasMessageContaining("--app-url");
        assertThatThrownBy(() -> SidecarSettings.parse(List.of("--app", "a", "--tag", "novalue"), WeftConfig.empty()))
                .hasMessageContaining("--tag");
        assertThatThrownBy(() -> SidecarSettings.parse(List.of("--app", "a", "--service", "a/b"), WeftConfig.empty()))
                .hasMessageContaining("--service");
    }
}
