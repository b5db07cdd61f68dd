package io.weft.spring.boot;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Import;

/** A provider application: only the starter and one {@link WeftService} bean. */
@SpringBootConfiguration
@EnableAutoConfiguration
@Import(GreeterProviderApp.GreeterImpl.class)
public class GreeterProviderApp {
    @WeftService(version = "1.0", tags = "zone=${test.zone:eu}")
    public static class GreeterImpl implements Greeter {
        @Override
        public String greet(String name) {
            return "Hello, " + name;
        }
    }
}
