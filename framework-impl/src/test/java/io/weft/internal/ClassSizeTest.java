package io.weft.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Issue #14: the engine stays in small rooms. A class that grows past 300 lines holds more than one
 * concern; split it (docs/architecture.md says where each concern lives) rather than raise the bound.
 */
class ClassSizeTest {
    private static final int MAX_LINES = 300;
    private static final Path SOURCES = Path.of("src", "main", "java");

    @Test
    void noMainClassOfTheEngineIsLongerThan300Lines() throws IOException {
        List<String> tooLong;
        try (Stream<Path> files = Files.walk(SOURCES)) {
            tooLong = files.filter(f -> f.toString().endsWith(".java"))
                    .filter(f -> lines(f) > MAX_LINES)
                    .map(f -> SOURCES.relativize(f) + " (" + lines(f) + " lines)")
                    .toList();
        }
        assertThat(tooLong).as("framework-impl classes over %d lines", MAX_LINES).isEmpty();
    }

    private static long lines(Path file) {
        try (Stream<String> lines = Files.lines(file)) {
            return lines.count();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
