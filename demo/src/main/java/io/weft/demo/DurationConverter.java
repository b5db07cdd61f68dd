package io.weft.demo;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine;

/**
 * Parses durations as people type them: {@code 500ms}, {@code 5s}, {@code 1m}, {@code 2h}, a bare
 * number of seconds ({@code 5}), or ISO-8601 ({@code PT5S}).
 */
public final class DurationConverter implements CommandLine.ITypeConverter<Duration> {
    private static final Pattern SIMPLE = Pattern.compile("(\\d+)\\s*(ms|s|m|h)?");

    @Override
    public Duration convert(String value) {
        return parse(value);
    }

    /**
     * The duration {@code text} stands for.
     *
     * @throws CommandLine.TypeConversionException naming the value when it is not a duration
     */
    public static Duration parse(String text) {
        String value = text == null ? "" : text.trim().toLowerCase(Locale.ROOT);
        Matcher m = SIMPLE.matcher(value);
        if (m.matches()) {
            long amount;
            try {
                amount = Long.parseLong(m.group(1));
            } catch (NumberFormatException e) {
                throw bad(text);
            }
            String unit = m.group(2) == null ? "s" : m.group(2);
            return switch (unit) {
                case "ms" -> Duration.ofMillis(amount);
                case "s" -> Duration.ofSeconds(amount);
                case "m" -> Duration.ofMinutes(amount);
                default -> Duration.ofHours(amount);
            };
        }
        if (value.startsWith("pt")) {
            try {
                return Duration.parse(value.toUpperCase(Locale.ROOT));
            } catch (DateTimeParseException e) {
                throw bad(text);
            }
        }
        throw bad(text);
    }

    private static CommandLine.TypeConversionException bad(String text) {
        return new CommandLine.TypeConversionException(
                "'" + text + "' is not a duration; use e.g. 500ms, 5s, 1m");
    }

    /** Short human form: {@code 500ms}, {@code 5s}, {@code 1.5s}. */
    public static String format(Duration d) {
        long ms = d.toMillis();
        if (ms < 1000) {
            return ms + "ms";
        }
        if (ms % 1000 == 0) {
            return (ms / 1000) + "s";
        }
        return String.format(Locale.ROOT, "%.1fs", ms / 1000.0);
    }
}
