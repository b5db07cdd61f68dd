package io.weft.internal.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.weft.WeftConfig;
import java.util.Map;
import java.util.concurrent.ThreadPoolExecutor;
import org.junit.jupiter.api.Test;

class BusinessExecutorTest {

    @Test
    void everyBusinessThreadRunsBeforeTheFirstRequestSoABurstStartsNoThreadOnTheEventLoop() {
        ThreadPoolExecutor executor = WeftServer.businessExecutor(
                ServerSettings.from(WeftConfig.of(Map.of(ServerSettings.THREADS, "8"))));
        try {
            assertThat(executor.getPoolSize()).isEqualTo(8);
            assertThat(executor.allowsCoreThreadTimeOut()).as("threads kept through an idle spell").isFalse();
        } finally {
            executor.shutdownNow();
        }
    }

    @Test
    void directDispatchStartsNoBusinessThread() {
        ThreadPoolExecutor executor = WeftServer.businessExecutor(ServerSettings.from(WeftConfig.of(
                Map.of(ServerSettings.THREADS, "8", ServerSettings.DISPATCH, "direct"))));
        try {
            assertThat(executor.getPoolSize()).isZero();
        } finally {
            executor.shutdownNow();
        }
    }
}
