package io.weft.spring.boot;

import io.weft.WeftConfigException;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Turns a bad {@code weft.*} value at start-up into Spring Boot's "APPLICATION FAILED TO START" report. */
final class WeftConfigFailureAnalyzer extends AbstractFailureAnalyzer<WeftConfigException> {
    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, WeftConfigException cause) {
        return new FailureAnalysis("Weft could not start: " + cause.getMessage(),
                "Correct the property in application.properties/yaml or its environment variable"
                        + " (docs/configuration.md lists every weft.* key).", cause);
    }
}
