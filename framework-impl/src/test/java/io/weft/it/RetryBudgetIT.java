package io.weft.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.weft.ReferenceOptions;
import io.weft.Status;
import io.weft.Weft;
import org.junit.jupiter.api.Test;

/** During a full outage retries stay within the budget instead of multiplying the load. */
class RetryBudgetIT {

    private static int attemptsFor(int calls, String... consumerSettings) {
        EchoServiceImpl a = new EchoServiceImpl("a");
        EchoServiceImpl b = new EchoServiceImpl("b");
        EchoServiceImpl c = new EchoServiceImpl("c");
        for (EchoServiceImpl impl : new EchoServiceImpl[] {a, b, c}) {
            impl.failWith = Status.UNAVAILABLE;
        }
        try (Weft pa = Nodes.provider(a); Weft pb = Nodes.provider(b); Weft pc = Nodes.provider(c);
             Weft consumer = Nodes.consumer(consumerSettings)) {
            EchoService echo = consumer.reference(EchoService.class, ReferenceOptions.builder()
                    .directAddress(Nodes.address(pa)).directAddress(Nodes.address(pb))
                    .directAddress(Nodes.address(pc)).retries(2).build());
            for (int i = 0; i < calls; i++) {
                try {
                    echo.read("k");
                } catch (RuntimeException expected) {
                    // everything fails
                }
            }
            return a.whoCalls.get() + b.whoCalls.get() + c.whoCalls.get();
        }
    }

    @Test
    void retriesStopAtTheBudgetDuringAFullOutage() {
        int calls = 3000;
        int withBudget = attemptsFor(calls);
        int retries = withBudget - calls;
        System.out.printf("full outage, %d calls, retries=2, budget 20%% + 10/s: %d attempts, %d retries (%.1f%%)%n",
                calls, withBudget, retries, 100.0 * retries / calls);
        // 20 % of the calls, or the floor of 10/s over the 10 s window, plus slack for the window edges
        assertThat(retries).isLessThanOrEqualTo((int) (calls * 0.2) + 100 + 30);
        assertThat(retries).as("some retries still happen").isGreaterThan(50);
    }

    @Test
    void withoutABudgetRetriesMultiplyTheLoad() {
        int calls = 500;
        int attempts = attemptsFor(calls, "weft.client.retry-budget-percent", "100",
                "weft.client.retry-budget-min-per-second", "100000");
        System.out.printf("full outage, %d calls, retries=2, no budget: %d attempts%n", calls, attempts);
        // three attempts while all three are in rotation, two once one of them is ejected
        assertThat(attempts).isGreaterThanOrEqualTo(2 * calls);
    }
}
