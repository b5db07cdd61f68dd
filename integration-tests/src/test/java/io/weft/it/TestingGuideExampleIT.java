package io.weft.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.weft.RpcException;
import io.weft.Status;
import io.weft.test.WeftExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The example of docs/testing.md, kept compiling and green: discovery, then a security rule applied. */
class TestingGuideExampleIT {
    /** The service under test. */
    public interface Greeter {
        String greet(String name);
    }

    /** Its implementation. */
    public static final class GreeterImpl implements Greeter {
        @Override
        public String greet(String name) {
            return "Hello, " + name;
        }
    }

    @RegisterExtension
    static final WeftExtension weft = WeftExtension.zooKeeper();

    @Test
    void greetsAndObeysADenyRule() {
        weft.export(Greeter.class, new GreeterImpl());
        Greeter greeter = weft.newWeft("web").reference(Greeter.class);
        assertThat(greeter.greet("Ada")).isEqualTo("Hello, Ada");

        String service = Greeter.class.getName();
        long revision = weft.putRule(service, "security", """
                {"rules":[{"action":"deny","match":{"consumerApps":["web"]}}]}""");
        weft.awaitApplied(service, "security", revision);

        assertThatThrownBy(() -> greeter.greet("Ada")).isInstanceOfSatisfying(RpcException.class,
                e -> assertThat(e.status()).isEqualTo(Status.PERMISSION_DENIED));
    }
}
