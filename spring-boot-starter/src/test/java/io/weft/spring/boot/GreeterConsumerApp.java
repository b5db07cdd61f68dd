package io.weft.spring.boot;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Import;

/** A consumer application: stubs injected into a constructor parameter and a field. */
@SpringBootConfiguration
@EnableAutoConfiguration
@Import(GreeterConsumerApp.Greetings.class)
public class GreeterConsumerApp {
    public static class Greetings {
        private final Greeter byConstructor;

        @WeftReference(timeout = "15s", loadBalancer = "round_robin")
        Greeter byField;

        public Greetings(@WeftReference(timeout = "10s") Greeter byConstructor) {
            this.byConstructor = byConstructor;
        }

        Greeter byConstructor() {
            return byConstructor;
        }
    }
}
