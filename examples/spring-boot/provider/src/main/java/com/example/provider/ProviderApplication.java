package com.example.provider;

import com.example.greeter.Greeter;
import io.weft.spring.boot.WeftService;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.stereotype.Service;

@SpringBootApplication
public class ProviderApplication {
    public static void main(String[] args) {
        SpringApplication.run(ProviderApplication.class, args);
    }

    /** Exported as Greeter (its one interface) once the context has started; unregistered on shutdown. */
    @Service
    @WeftService(version = "1.0")
    static class GreeterImpl implements Greeter {
        @Override
        public String greet(String name) {
            return "Hello, " + name;
        }
    }
}
