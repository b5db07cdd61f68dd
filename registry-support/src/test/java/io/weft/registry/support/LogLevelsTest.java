package io.weft.registry.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class LogLevelsTest {
    private static final List<String> KEYS = List.of("org.slf4j.simpleLogger.defaultLogLevel",
            "org.slf4j.simpleLogger.log.io.weft", LogLevels.LIBRARIES_LEVEL, LogLevels.WEFT_LEVEL);
    private Level julLevel;

    @BeforeEach
    void saveLevels() {
        julLevel = Logger.getLogger("").getLevel();
        KEYS.forEach(System::clearProperty);
    }

    @AfterEach
    void restoreLevels() {
        Logger.getLogger("").setLevel(julLevel);
        KEYS.forEach(System::clearProperty);
    }

    @Test
    void withoutVerboseArgumentsStayAndJavaUtilLoggingShowsWarningsOnly() {
        assertThat(LogLevels.apply(new String[] {"ls", "--json"})).containsExactly("ls", "--json");
        assertThat(LogLevels.verbose()).isFalse();
        assertThat(Logger.getLogger("").getLevel()).isEqualTo(Level.WARNING);
        KEYS.forEach(k -> assertThat(System.getProperty(k)).as(k).isNull());
    }

    @Test
    void verboseAnywhereIsRemovedAndRaisesLibrariesToInfoAndWeftToDebug() {
        assertThat(LogLevels.apply(new String[] {"ls", "--verbose", "--json"})).containsExactly("ls", "--json");
        assertThat(LogLevels.verbose()).isTrue();
        assertThat(Logger.getLogger("").getLevel()).isEqualTo(Level.INFO);
        assertThat(System.getProperty("org.slf4j.simpleLogger.defaultLogLevel")).isEqualTo("info");
        assertThat(System.getProperty("org.slf4j.simpleLogger.log.io.weft")).isEqualTo("debug");
        assertThat(System.getProperty(LogLevels.LIBRARIES_LEVEL)).isEqualTo("INFO");
        assertThat(System.getProperty(LogLevels.WEFT_LEVEL)).isEqualTo("DEBUG");
    }

    @Test
    void aLevelTheUserSetWinsOverVerbose() {
        System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "trace");
        LogLevels.apply(new String[] {"--verbose"});
        assertThat(System.getProperty("org.slf4j.simpleLogger.defaultLogLevel")).isEqualTo("trace");
    }
}
