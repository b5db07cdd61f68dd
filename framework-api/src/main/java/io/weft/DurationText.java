package io.weft;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The one reader and writer of durations in configuration values: a whole or decimal number followed by
 * a unit {@code ns}, {@code us}, {@code ms}, {@code s}, {@code m} or {@code h} ({@code 500ms}, {@code 3s},
 * {@code 1.5m}, {@code 2h}; the Go and Spring Boot forms), an ISO-8601 duration ({@code PT3S}, as Spring
 * Boot also accepts), or a bare whole number, which is milliseconds (as on every {@code -ms} key). Units
 * are lower case, without a space. Weft's timers tick in milliseconds, so a value must come to whole
 * milliseconds ({@code 1500us} is refused rather than rounded). Stateless.
 */
final class DurationText {
    /** What a duration may look like, for error messages. */
    static final String FORMS = "a number with a unit ns, us, ms, s, m or h (500ms, 3s, 1.5m, 2h), an ISO-8601"
            + " duration (PT3S) or a whole number of milliseconds";

    private static final Pattern NUMBER_UNIT = Pattern.compile("(\\d+(?:\\.\\d+)?)(ns|us|ms|s|m|h)");
    private static final Pattern WHOLE = Pattern.compile("\\d+");
    private static final BigDecimal NANOS_PER_MILLI = BigDecimal.valueOf(1_000_000);

    private DurationText() {
    }

    /**
     * The duration {@code text} names.
     *
     * @param text a trimmed value, e.g. {@code 500ms}
     * @return the duration, whole milliseconds
     * @throws IllegalArgumentException saying what is accepted, when {@code text} is no such duration
     */
    static Duration parse(String text) {
        BigDecimal nanos;
        if (WHOLE.matcher(text).matches()) {
            nanos = new BigDecimal(text).multiply(NANOS_PER_MILLI);
        } else if (text.startsWith("P") || text.startsWith("p") || text.startsWith("-P")) {
            nanos = iso(text);
        } else {
            Matcher m = NUMBER_UNIT.matcher(text);
            if (!m.matches()) {
                throw new IllegalArgumentException("not a duration; expected " + FORMS);
            }
            nanos = new BigDecimal(m.group(1)).multiply(BigDecimal.valueOf(nanosPer(m.group(2))));
        }
        BigDecimal millis = nanos.divide(NANOS_PER_MILLI);
        if (millis.signum() < 0) {
            throw new IllegalArgumentException("must not be negative");
        }
        if (millis.stripTrailingZeros().scale() > 0) {
            throw new IllegalArgumentException("must be whole milliseconds (Weft's timers tick in ms)");
        }
        try {
            return Duration.ofMillis(millis.longValueExact());
        } catch (ArithmeticException e) {
            throw new IllegalArgumentException("too long");
        }
    }

    /**
     * {@code duration} as the docs write it: in the largest of {@code h}, {@code m}, {@code s}, {@code ms}
     * that divides it ({@code 3s}, {@code 500ms}, {@code 5m}; zero is {@code 0}).
     *
     * @param duration whole milliseconds
     * @return e.g. {@code 3s}
     */
    static String format(Duration duration) {
        long ms = duration.toMillis();
        if (ms == 0) {
            return "0";
        }
        if (ms % 3_600_000 == 0) {
            return ms / 3_600_000 + "h";
        }
        if (ms % 60_000 == 0) {
            return ms / 60_000 + "m";
        }
        if (ms % 1000 == 0) {
            return ms / 1000 + "s";
        }
        return ms + "ms";
    }

    private static BigDecimal iso(String text) {
        try {
            Duration d = Duration.parse(text.toUpperCase(Locale.ROOT));
            return BigDecimal.valueOf(d.getSeconds()).multiply(BigDecimal.valueOf(1_000_000_000))
                    .add(BigDecimal.valueOf(d.getNano()));
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("not a duration; expected " + FORMS);
        }
    }

    private static long nanosPer(String unit) {
        return switch (unit) {
            case "ns" -> 1L;
            case "us" -> 1_000L;
            case "ms" -> 1_000_000L;
            case "s" -> 1_000_000_000L;
            case "m" -> 60_000_000_000L;
            default -> 3_600_000_000_000L; // h
        };
    }
}
