package io.weft.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.weft.CallContext;
import io.weft.WeftConfigException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@code weft.server.dispatch=direct}: services run on the event loop, with the same results. */
class DirectDispatchIT {
    static final AtomicReference<String> servingThread = new AtomicReference<>();
    static final EchoServiceImpl impl = new EchoServiceImpl("direct") {
        @Override
        public String echo(String text) {
            servingThread.set(Thread.currentThread().getName());
            return super.echo(text);
        }
    };
    @RegisterExtension
    static final EchoPair pair = new EchoPair(impl, "weft.server.dispatch", "direct");

    @Test
    void callsAreServedOnTheEventLoop() {
        assertThat(pair.echo().echo("hello")).isEqualTo("hello");
        assertThat(servingThread.get()).startsWith("weft-io");
    }

    @Test
    void asyncResultsErrorsAndMetadataBehaveAsWithThePool() throws Exception {
        assertThat(pair.echo().echoAsync("later").get(10, TimeUnit.SECONDS)).isEqualTo("async later");
        assertThat(pair.echo().add(2, 3)).isEqualTo(5);
        assertThatThrownBy(() -> pair.echo().fail("nope")).isInstanceOf(EchoException.class).hasMessage("nope");
        try (var scope = CallContext.current().withMetadata("tier", "beta").attach()) {
            assertThat(pair.echo().metadata("tier")).isEqualTo("beta");
        }
    }

    @Test
    void unknownDispatchModeIsAConfigurationError() {
        assertThatThrownBy(() -> Nodes.provider(impl, "weft.server.dispatch", "sideways"))
                .isInstanceOf(WeftConfigException.class)
                .hasMessageContaining("weft.server.dispatch");
    }
}
