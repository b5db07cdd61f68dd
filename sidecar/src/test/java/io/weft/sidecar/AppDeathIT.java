package io.weft.sidecar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.weft.GenericReference;
import io.weft.GenericRequest;
import io.weft.ReferenceOptions;
import io.weft.WeftConfig;
import io.weft.spi.InstanceRole;
import io.weft.spi.Registry;
import io.weft.test.WeftExtension;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The application behind one of two sidecars dies under load (its Python process is killed): its
 * sidecar notices within about 3 s and unregisters, and idempotent calls fail over meanwhile.
 */
class AppDeathIT {
    static final String PY = PyGreeter.class.getName();

    @RegisterExtension
    static final WeftExtension zooKeeper = WeftExtension.zooKeeper();

    @Test
    void killedApplicationLeavesRotationWithinSecondsAndIdempotentCallsFailOver() throws Exception {
        PythonApp.assumePython();
        try (PythonApp py1 = PythonApp.start("py1");
             PythonApp py2 = PythonApp.start("py2")) {
            SidecarSettings settings = SidecarSettings.parse(List.of("--app", "py-greeter", "--registry",
                    zooKeeper.registryAddress(), "--service", PY + "=who", "--port", "0", "--outbound-port", "0"),
                    WeftConfig.empty());
            WeftConfig base = WeftConfig.of(Map.of(WeftConfig.SERVER_HOST, "127.0.0.1"));
            try (Sidecar s1 = Sidecar.start(settings.withAppUrl(py1.url()), base);
                 Sidecar s2 = Sidecar.start(settings.withAppUrl(py2.url()), base)) {
                Registry admin = zooKeeper.registry();
                await().atMost(Duration.ofSeconds(15)).until(() -> admin.list(PY, InstanceRole.PROVIDER).size() == 2);
                GenericReference greeter = zooKeeper.newWeft("load").genericReference(PY, ReferenceOptions.defaults());
                long goneMs;
                GenericLoad load = GenericLoad.start(greeter, GenericRequest.builder("who").idempotent(true)
                        .timeout(Duration.ofSeconds(5)).build(), 4);
                try (load) {
                    await().atMost(Duration.ofSeconds(10)).until(() -> load.count("\"py1\"") > 0
                            && load.count("\"py2\"") > 0);

                    long killedAt = System.nanoTime();
                    py1.kill();
                    await().atMost(Duration.ofSeconds(8))
                            .until(() -> admin.list(PY, InstanceRole.PROVIDER).size() == 1);
                    goneMs = (System.nanoTime() - killedAt) / 1_000_000;
                    int py2Before = load.count("\"py2\"");
                    await().atMost(Duration.ofSeconds(10)).until(() -> load.count("\"py2\"") > py2Before + 50);
                }

                System.out.println("application killed: its node was gone after " + goneMs + " ms; outcomes "
                        + load.outcomes());
                assertThat(goneMs).isLessThan(6000);
                assertThat(s1.inRotation()).isFalse();
                assertThat(load.outcomes().keySet()).as("outcomes %s", load.outcomes())
                        .containsOnly("\"py1\"", "\"py2\"");
            }
        }
    }
}
