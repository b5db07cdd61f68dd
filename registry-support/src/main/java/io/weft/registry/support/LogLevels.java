package io.weft.registry.support;

import java.util.Arrays;
import java.util.logging.Level;

/**
 * Quiet by default for Weft's runnable jars (demo, console, sidecar, {@code weft} command line): their
 * logging configuration shows libraries' warnings and Weft's own lines only; {@code --verbose} anywhere
 * on the command line brings back libraries' INFO lines and Weft's DEBUG lines. Call {@link #apply}
 * first thing in {@code main}, before any logger exists. Internal; public for the launchers' mains.
 *
 * <p>The levels are system properties, so both SLF4J providers read them: slf4j-simple (console,
 * sidecar, command line) its own {@code org.slf4j.simpleLogger.*} properties, logback (the demo)
 * {@value #LIBRARIES_LEVEL} and {@value #WEFT_LEVEL} through its {@code logback.xml}. A property the
 * user set ({@code -D...}) wins. java.util.logging (gRPC under the etcd client) is set to WARNING, or
 * INFO with {@code --verbose}, unless {@code java.util.logging.config.file} configures it.
 */
public final class LogLevels {
    /** The flag, accepted anywhere among the arguments. */
    public static final String VERBOSE = "--verbose";
    /** System property read by the demo's logback.xml: the level of every library. */
    public static final String LIBRARIES_LEVEL = "log.libraries.level";
    /** System property read by the demo's logback.xml: the level of Weft's loggers ({@code io.weft}). */
    public static final String WEFT_LEVEL = "log.weft.level";

    private static volatile boolean verbose;

    private LogLevels() {
    }

    /**
     * Sets the log levels for {@code args} (verbose when they contain {@value #VERBOSE}) and returns
     * {@code args} without that flag.
     */
    public static String[] apply(String[] args) {
        verbose = Arrays.asList(args).contains(VERBOSE);
        if (verbose) {
            setIfAbsent("org.slf4j.simpleLogger.defaultLogLevel", "info");
            setIfAbsent("org.slf4j.simpleLogger.log.io.weft", "debug");
            setIfAbsent(LIBRARIES_LEVEL, "INFO");
            setIfAbsent(WEFT_LEVEL, "DEBUG");
        }
        if (System.getProperty("java.util.logging.config.file") == null) {
            java.util.logging.Logger.getLogger("").setLevel(verbose ? Level.INFO : Level.WARNING);
        }
        return Arrays.stream(args).filter(a -> !a.equals(VERBOSE)).toArray(String[]::new);
    }

    /** Whether the last {@link #apply} saw {@value #VERBOSE} (child processes get it passed on). */
    public static boolean verbose() {
        return verbose;
    }

    private static void setIfAbsent(String key, String value) {
        if (System.getProperty(key) == null) {
            System.setProperty(key, value);
        }
    }
}
