package io.weft;

import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.function.Function;

/**
 * One configuration key: its name, value type, default and one-line meaning, and how a raw value is
 * checked. Read it with {@link WeftConfig#get(ConfigKey)}; a bad value fails with
 * {@link WeftConfigException} naming the key and the value. Weft's own keys are the constants of
 * {@link WeftKeys}. Immutable and thread-safe.
 *
 * <p>A value is trimmed (secrets, see {@link WeftConfig#isSecret}, are taken as given); an empty value
 * counts as unset, except for keys made with {@link #nonBlank}, where it is an error.
 *
 * @param <T> the value type
 */
public final class ConfigKey<T> {
    /**
     * Turns a trimmed, non-empty raw value into a {@code T}. It throws {@link IllegalArgumentException}
     * whose message says what was expected (the key and the value are added), or a
     * {@link WeftConfigException} of its own.
     */
    @FunctionalInterface
    public interface Parser<T> {
        /**
         * Converts one value.
         *
         * @param raw the value as set, trimmed (unless secret) and never empty
         * @return the value
         * @throws IllegalArgumentException with what was expected, e.g. {@code must be between 1 and 10}
         */
        T parse(String raw);
    }

    private final String name;
    private final Class<T> type;
    private final T defaultValue;
    private final String documentedDefault;
    private final String valueType;
    private final String meaning;
    private final Parser<T> parser;
    private final boolean blankIsError;
    private final List<String> aliases;

    private ConfigKey(String name, Class<T> type, T defaultValue, String documentedDefault, String valueType,
                      String meaning, Parser<T> parser, boolean blankIsError, List<String> aliases) {
        if (name.isBlank() || name.endsWith(".")) {
            throw new IllegalArgumentException("not a key name: '" + name + "'");
        }
        this.name = name;
        this.type = Objects.requireNonNull(type, "type");
        this.defaultValue = defaultValue;
        this.documentedDefault = Objects.requireNonNull(documentedDefault, "documentedDefault");
        this.valueType = Objects.requireNonNull(valueType, "valueType");
        this.meaning = Objects.requireNonNull(meaning, "meaning");
        this.parser = Objects.requireNonNull(parser, "parser");
        this.blankIsError = blankIsError;
        this.aliases = List.copyOf(aliases);
    }

    /**
     * A key whose values {@code parser} reads.
     *
     * @param <T> the value type
     * @param name the key, e.g. {@code weft.client.timeout-ms}; not blank, not ending in {@code '.'}
     * @param type the value type
     * @param defaultValue the value when unset, or null for none
     * @param valueType what a value looks like, for the docs (e.g. {@code host:port})
     * @param meaning one line on what the key does, for the docs
     * @param parser converts a raw value
     * @return the key
     * @throws IllegalArgumentException when {@code name} is not a key name
     */
    public static <T> ConfigKey<T> of(String name, Class<T> type, T defaultValue, String valueType, String meaning,
                                      Parser<T> parser) {
        return new ConfigKey<>(name, type, defaultValue, text(defaultValue), valueType, meaning, parser, false,
                List.of());
    }

    /**
     * A whole number in {@code [min, max]}.
     *
     * @param name the key
     * @param defaultValue the value when unset, or null for none
     * @param min the smallest value accepted
     * @param max the largest value accepted
     * @param meaning one line on what the key does
     * @return the key
     */
    public static ConfigKey<Integer> integer(String name, Integer defaultValue, int min, int max, String meaning) {
        return of(name, Integer.class, defaultValue, "integer " + range(min, max), meaning, raw -> {
            int v = number(raw, Integer::valueOf, "not an integer");
            if (v < min || v > max) {
                throw new IllegalArgumentException("must be between " + min + " and " + max);
            }
            return v;
        });
    }

    /**
     * A decimal number in {@code [min, max]}.
     *
     * @param name the key
     * @param defaultValue the value when unset, or null for none
     * @param min the smallest value accepted
     * @param max the largest value accepted
     * @param meaning one line on what the key does
     * @return the key
     */
    public static ConfigKey<Double> decimal(String name, Double defaultValue, double min, double max, String meaning) {
        return of(name, Double.class, defaultValue, "decimal " + range(min, max), meaning, raw -> {
            double v = number(raw, Double::valueOf, "not a number");
            if (!(v >= min && v <= max)) {
                throw new IllegalArgumentException("must be between " + min + " and " + max);
            }
            return v;
        });
    }

    /**
     * A duration ({@code 500ms}, {@code 3s}, {@code 1.5m}, {@code 2h}, ISO-8601 {@code PT3S}, or a bare whole
     * number of milliseconds) of at least {@code minimum}. Durations are whole milliseconds. Give it the name
     * without a unit suffix; an older {@code -ms} name is added with {@link #withDeprecatedAlias}.
     *
     * @param name the key, e.g. {@code weft.client.timeout}
     * @param defaultValue the value when unset, or null for none
     * @param minimum the smallest value accepted
     * @param meaning one line on what the key does
     * @return the key, whose values are {@link Duration}s
     */
    public static ConfigKey<Duration> duration(String name, Duration defaultValue, Duration minimum, String meaning) {
        String least = DurationText.format(minimum);
        return new ConfigKey<>(name, Duration.class, defaultValue,
                defaultValue == null ? "none" : DurationText.format(defaultValue), "duration ≥ " + least, meaning,
                raw -> {
                    Duration v = DurationText.parse(raw);
                    if (v.compareTo(minimum) < 0) {
                        throw new IllegalArgumentException("must be at least " + least);
                    }
                    return v;
                }, false, List.of());
    }

    /**
     * A duration key named {@code name} whose bare numbers are milliseconds; it reads the same values as
     * {@link #duration} (a unit such as {@code 3s} is accepted too).
     *
     * @param name the key, by convention ending in {@code -ms}
     * @param defaultMillis the value in milliseconds when unset, or null for none
     * @param minMillis the smallest value accepted, in milliseconds
     * @param meaning one line on what the key does
     * @return the key, whose values are {@link Duration}s
     * @deprecated name new keys without a unit and make them with {@link #duration}; a {@code -ms} key
     *     has no unit-free twin, which the catalogue does not allow
     */
    @Deprecated
    public static ConfigKey<Duration> millis(String name, Long defaultMillis, long minMillis, String meaning) {
        ConfigKey<Duration> d = duration(name, defaultMillis == null ? null : Duration.ofMillis(defaultMillis),
                Duration.ofMillis(minMillis), meaning);
        return new ConfigKey<>(name, Duration.class, d.defaultValue, text(defaultMillis), "ms ≥ " + minMillis,
                meaning, d.parser, false, List.of());
    }

    /** {@code raw} read by {@code parse}; when it is no such number, fails saying {@code notANumber}. */
    private static <N extends Number> N number(String raw, Function<String, N> parse, String notANumber) {
        try {
            return parse.apply(raw);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(notANumber);
        }
    }

    /**
     * {@code true} or {@code false} (any case).
     *
     * @param name the key
     * @param defaultValue the value when unset
     * @param meaning one line on what the key does
     * @return the key
     */
    public static ConfigKey<Boolean> bool(String name, boolean defaultValue, String meaning) {
        return of(name, Boolean.class, defaultValue, "boolean", meaning, raw -> {
            if (raw.equalsIgnoreCase("true")) {
                return true;
            }
            if (raw.equalsIgnoreCase("false")) {
                return false;
            }
            throw new IllegalArgumentException("must be true or false");
        });
    }

    /**
     * Any text.
     *
     * @param name the key
     * @param defaultValue the value when unset, or null for none
     * @param meaning one line on what the key does
     * @return the key
     */
    public static ConfigKey<String> string(String name, String defaultValue, String meaning) {
        return of(name, String.class, defaultValue, "text", meaning, raw -> raw);
    }

    /**
     * Text that, when set, must not be blank (a blank value is an error rather than "unset").
     *
     * @param name the key
     * @param meaning one line on what the key does
     * @return the key, without a default
     */
    public static ConfigKey<String> nonBlank(String name, String meaning) {
        return string(name, null, meaning).rejectingBlank();
    }

    /**
     * One of {@code choices} (any case), returned in lower case.
     *
     * @param name the key
     * @param defaultValue the value when unset (one of {@code choices}), or null for none
     * @param choices the accepted words, in lower case; at least two
     * @param meaning one line on what the key does
     * @return the key
     */
    public static ConfigKey<String> choice(String name, String defaultValue, List<String> choices, String meaning) {
        List<String> words = List.copyOf(choices);
        String expected = "expected " + String.join(", ", words.subList(0, words.size() - 1)) + " or "
                + words.get(words.size() - 1);
        return of(name, String.class, defaultValue, "one of " + String.join(", ", words), meaning, raw -> {
            String word = raw.toLowerCase(Locale.ROOT);
            if (!words.contains(word)) {
                throw new IllegalArgumentException(expected);
            }
            return word;
        });
    }

    /**
     * A readable regular file, checked when the key is read.
     *
     * @param name the key
     * @param meaning one line on what the key does
     * @return the key, without a default
     */
    public static ConfigKey<Path> file(String name, String meaning) {
        return of(name, Path.class, null, "file", meaning, raw -> {
            Path path = Path.of(raw);
            if (!Files.isRegularFile(path) || !Files.isReadable(path)) {
                throw new IllegalArgumentException("no such readable file");
            }
            return path;
        });
    }

    /**
     * A copy whose documented default is {@code text} and whose {@link #defaultValue()} is none: for a
     * default the reader computes (e.g. "3 × heartbeat", "first non-loopback").
     *
     * @param text how the default is computed, as the docs show it
     * @return the copy
     */
    public ConfigKey<T> computedDefault(String text) {
        return new ConfigKey<>(name, type, null, text, valueType, meaning, parser, blankIsError, aliases);
    }

    /**
     * A copy for which a set but blank value is an error ("must not be blank") instead of "unset".
     *
     * @return the copy
     */
    public ConfigKey<T> rejectingBlank() {
        return new ConfigKey<>(name, type, defaultValue, documentedDefault, valueType, meaning, parser, true, aliases);
    }

    /**
     * A copy that also reads its value from {@code alias}, an older name kept working (e.g.
     * {@code weft.client.timeout-ms} for {@code weft.client.timeout}). When a source sets both names to
     * different values, reading the key fails naming both; a higher source setting either name hides
     * both names in lower sources (see {@link WeftConfig#load()}).
     *
     * @param alias the older name
     * @return the copy
     * @throws IllegalArgumentException when {@code alias} is not a key name or is the key's own name
     */
    public ConfigKey<T> withDeprecatedAlias(String alias) {
        if (alias.isBlank() || alias.endsWith(".") || alias.equals(name) || aliases.contains(alias)) {
            throw new IllegalArgumentException("not a new alias of " + name + ": '" + alias + "'");
        }
        List<String> more = new ArrayList<>(aliases);
        more.add(alias);
        return new ConfigKey<>(name, type, defaultValue, documentedDefault, valueType, meaning, parser,
                blankIsError, more);
    }

    /**
     * The older names this key is also read from, deprecated but kept working.
     *
     * @return e.g. {@code [weft.client.timeout-ms]}; empty for most keys
     */
    public List<String> deprecatedAliases() {
        return aliases;
    }

    /**
     * The key's name followed by its {@linkplain #deprecatedAliases() deprecated aliases}.
     *
     * @return at least the name
     */
    public List<String> names() {
        List<String> all = new ArrayList<>(1 + aliases.size());
        all.add(name);
        all.addAll(aliases);
        return List.copyOf(all);
    }

    /**
     * The key's name.
     *
     * @return e.g. {@code weft.client.timeout-ms}
     */
    public String name() {
        return name;
    }

    /**
     * The value type.
     *
     * @return the type {@link WeftConfig#get(ConfigKey)} returns
     */
    public Class<T> type() {
        return type;
    }

    /**
     * The value when unset.
     *
     * @return the default; null when the key has none (or the reader computes it)
     */
    public T defaultValue() {
        return defaultValue;
    }

    /**
     * The default as the docs show it (docs/configuration.md).
     *
     * @return the value, {@code none}, or how the reader computes it
     */
    public String documentedDefault() {
        return documentedDefault;
    }

    /**
     * What a value looks like, as the docs show it.
     *
     * @return e.g. {@code integer 1..10000}, {@code ms ≥ 1}, {@code one of off, on}
     */
    public String valueType() {
        return valueType;
    }

    /**
     * What the key does, as the docs show it.
     *
     * @return one line
     */
    public String meaning() {
        return meaning;
    }

    /** The value of {@code raw} (as set by a source, untrimmed), or the default when it is null or blank. */
    T read(String raw) {
        return read(name, raw);
    }

    /**
     * The value of {@code raw}, set under {@code setName} (the name or an alias, which errors name), or the
     * default when it is null or blank.
     */
    T read(String setName, String raw) {
        String value = raw == null || WeftConfig.isSecret(name) ? raw : raw.trim();
        if (value == null || value.isEmpty()) {
            if (value != null && blankIsError) {
                throw WeftConfigException.badValue(setName, raw, "must not be blank");
            }
            return defaultValue;
        }
        try {
            return parser.parse(value);
        } catch (WeftConfigException e) {
            throw e;
        } catch (IllegalArgumentException e) {
            throw WeftConfigException.badValue(setName, value, e.getMessage());
        }
    }

    private static String range(double min, double max) {
        return text(min) + ".." + (max == Integer.MAX_VALUE ? "2³¹−1" : text(max));
    }

    private static String text(Object value) {
        if (value == null || value instanceof java.util.Collection<?> c && c.isEmpty()) {
            return "none";
        }
        if (value instanceof Enum<?> e) {
            return e.name().toLowerCase(Locale.ROOT);
        }
        if (value instanceof Number n) {
            return new BigDecimal(n.toString()).stripTrailingZeros().toPlainString();
        }
        return value.toString();
    }

    @Override
    public String toString() {
        return name;
    }
}
