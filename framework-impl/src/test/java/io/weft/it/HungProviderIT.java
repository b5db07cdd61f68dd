package io.weft.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.weft.RpcException;
import io.weft.Status;
import io.weft.Weft;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * One of three providers stops answering under load — SIGSTOP, so its sockets stay open and only
 * its process is frozen — the way a long GC pause, a stuck VM or a debugger looks from outside.
 */
class HungProviderIT {

    private static void signal(Process p, String signal) throws Exception {
        new ProcessBuilder("kill", "-" + signal, Long.toString(p.pid())).start().waitFor(10, TimeUnit.SECONDS);
    }

    @Test
    void hungProviderLeavesRotationAndHoldsAtMostOneCallPerCallerUntilItsConnectionIsClosed() throws Exception {
        Process hung = KillProviderIT.start("hung");
        try (Weft p2 = Nodes.provider(new EchoServiceImpl("p2"));
             Weft p3 = Nodes.provider(new EchoServiceImpl("p3"));
             Weft consumer = Nodes.consumer()) {
            String hungAddress = "127.0.0.1:" + KillProviderIT.awaitReady(hung);
            EchoService echo = consumer.reference(EchoService.class, io.weft.ReferenceOptions.builder()
                    .directAddress(hungAddress).directAddress(Nodes.address(p2)).directAddress(Nodes.address(p3))
                    .build());
            int callers = 8;
            try (LoadRunner load = new LoadRunner(callers, echo::who)) {
                await().atMost(Duration.ofSeconds(20)).until(() -> load.answeredBy.size() == 3 && load.ok.get() > 2000);
                int failedBefore = load.failures.size();

                signal(hung, "STOP");
                long stoppedAt = System.nanoTime();
                int okAtStop = load.ok.get();
                // the survivors carry on; once the calls' deadline (3 s) has passed, every call the hung
                // provider held has ended one way or another
                long deadlinePassed = TimeUnit.MILLISECONDS.toNanos(3500);
                await().atMost(Duration.ofSeconds(30)).until(() -> load.ok.get() > okAtStop + 5000
                        && System.nanoTime() - stoppedAt > deadlinePassed);

                var failures = load.failures.subList(failedBefore, load.failures.size());
                assertThat(failures).as("calls held by the hung provider: at most one per caller")
                        .hasSizeLessThanOrEqualTo(callers);
                assertThat(failures).as("released when its connection is found dead, not at their deadline")
                        .allSatisfy(f -> assertThat(((RpcException) f.error()).status()).isEqualTo(Status.UNAVAILABLE));
            }
        } finally {
            signal(hung, "CONT");
            hung.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }
}
