package com.example.consumer;

import com.example.greeter.Greeter;
import io.weft.spring.boot.WeftReference;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@SpringBootApplication
public class ConsumerApplication {
    public static void main(String[] args) {
        SpringApplication.run(ConsumerApplication.class, args);
    }

    /** GET /hello?name=Ada calls the provider through Weft. */
    @RestController
    static class HelloController {
        private final Greeter greeter;

        HelloController(@WeftReference(timeout = "500ms", loadBalancer = "round_robin") Greeter greeter) {
            this.greeter = greeter;
        }

        @GetMapping("/hello")
        String hello(@RequestParam(defaultValue = "world") String name) {
            return greeter.greet(name);
        }
    }
}
