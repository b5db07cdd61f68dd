package io.weft.bench.json;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The demo's {@code io.weft.demo.GreetingRequest}, component for component (the benchmarks module
 * does not depend on the shaded demo): a {@code List}, an {@code Instant} and an {@code Optional}.
 */
public record DemoGreetingRequest(List<String> names, Instant sentAt, Optional<String> signature) {

    /** What the demo's consumer sends: three names, now, a signature. */
    static DemoGreetingRequest sample() {
        return new DemoGreetingRequest(List.of("Ada", "Grace", "Linus"), Instant.parse("2026-12-02T09:00:00.123Z"),
                Optional.of("Weft"));
    }

    /** The demo's greetAll signature, whose parameter type JSON decodes into. */
    interface Greeter {
        String greetAll(DemoGreetingRequest request);
    }
}
