package io.weft.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.weft.Weft;
import io.weft.test.WeftExtension;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Restarting every provider one after the other under load fails no call. */
class RollingRestartIT {
    @RegisterExtension
    static final WeftExtension weft = WeftExtension.zooKeeper();

    @Test
    void rollingRestartOfAllProvidersUnderLoadFailsNoCall() throws Exception {
        List<Weft> providers = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            providers.add(weft.export(EchoService.class, new EchoServiceImpl("gen0-" + i)));
        }
        try (Weft consumer = weft.newWeft("echo-consumer", "weft.client.warmup-ms", "2000")) {
            EchoService echo = consumer.reference(EchoService.class);
            try (LoadRunner load = new LoadRunner(8, echo::who)) {
                await().atMost(Duration.ofSeconds(10)).until(() -> load.answeredBy.size() == 3);
                long start = System.nanoTime();
                for (int i = 0; i < 3; i++) {
                    providers.get(i).close(); // unregister, GOAWAY, drain
                    String name = "gen1-" + i;
                    providers.set(i, weft.export(EchoService.class, new EchoServiceImpl(name)));
                    await().atMost(Duration.ofSeconds(10)).until(() -> load.answered(name) > 20);
                }
                int before = load.ok.get();
                await().atMost(Duration.ofSeconds(10)).until(() -> load.ok.get() > before + 500);
                System.out.printf("rolling restart of 3 providers under 8 callers: %d calls in %d ms, %d failed%n",
                        load.ok.get(), (System.nanoTime() - start) / 1_000_000, load.failures.size());
                assertThat(load.failures).as("failed calls").isEmpty();
            }
        } finally {
            providers.forEach(Weft::close);
        }
    }
}
