package io.infometis.streams.common.config;

import java.io.Serializable;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import org.apache.flink.util.TimeUtils;

/**
 * A typed, documented configuration key with its default and the form it expects. Parsing failures name the key
 * and the expected form, so a misconfigured job stops at start with a message an operator can act on.
 *
 * @param <T> the value type
 */
public final class ConfigKey<T> implements Serializable {

    private static final long serialVersionUID = 1L;

    /** Turns the raw string into a value, or throws IllegalArgumentException; must be serializable. */
    @FunctionalInterface
    interface Parser<T> extends Serializable {
        T parse(String raw);
    }

    /** A further check on a parsed value. */
    @FunctionalInterface
    interface Check<T> extends Serializable {
        boolean ok(T value);
    }

    private final String name;
    private final String description;
    private final T defaultValue;
    private final boolean required;
    private final String expectedForm;
    private final Parser<T> parser;
    private final Check<T> check;

    private ConfigKey(String name, String description, T defaultValue, boolean required, String expectedForm,
                      Parser<T> parser, Check<T> check) {
        if (name == null || name.isBlank() || name.contains(" ")) {
            throw new IllegalArgumentException("config key name must be non-blank without spaces, got: " + name);
        }
        this.name = name;
        this.description = Objects.requireNonNull(description, "description");
        this.defaultValue = defaultValue;
        this.required = required;
        this.expectedForm = expectedForm;
        this.parser = parser;
        this.check = check;
    }

    public static ConfigKey<String> string(String name, String defaultValue, String description) {
        return new ConfigKey<>(name, description, Objects.requireNonNull(defaultValue, "defaultValue"), false,
                "a string", raw -> raw, v -> true);
    }

    /** A string key with no default: the job does not start without it. */
    public static ConfigKey<String> requiredString(String name, String description) {
        return new ConfigKey<>(name, description, null, true, "a non-empty string", raw -> raw, v -> !v.isBlank());
    }

    public static ConfigKey<Integer> integer(String name, int defaultValue, String description) {
        return new ConfigKey<>(name, description, defaultValue, false, "a whole number", Integer::parseInt, v -> true);
    }

    public static ConfigKey<Long> longValue(String name, long defaultValue, String description) {
        return new ConfigKey<>(name, description, defaultValue, false, "a whole number", Long::parseLong, v -> true);
    }

    public static ConfigKey<Double> doubleValue(String name, double defaultValue, String description) {
        return new ConfigKey<>(name, description, defaultValue, false, "a number", ConfigKey::parseFiniteDouble,
                v -> true);
    }

    /** Accepts Flink's duration forms: {@code 30 s}, {@code 10 min}, {@code 2 h}, {@code 500 ms}, {@code 1 d}. */
    public static ConfigKey<Duration> duration(String name, Duration defaultValue, String description) {
        return new ConfigKey<>(name, description, Objects.requireNonNull(defaultValue, "defaultValue"), false,
                "a duration such as '30 s', '10 min' or '2 h'", TimeUtils::parseDuration, v -> !v.isNegative());
    }

    public static ConfigKey<Boolean> bool(String name, boolean defaultValue, String description) {
        return new ConfigKey<>(name, description, defaultValue, false, "true or false", ConfigKey::parseBoolean,
                v -> true);
    }

    /** One of a fixed set of words, compared case-insensitively; the value is returned in lower case. */
    public static ConfigKey<String> oneOf(String name, String defaultValue, String description, String... allowed) {
        List<String> words = Arrays.stream(allowed).map(w -> w.toLowerCase(Locale.ROOT)).toList();
        if (!words.contains(defaultValue.toLowerCase(Locale.ROOT))) {
            throw new IllegalArgumentException(name + ": default " + defaultValue + " is not one of " + words);
        }
        return new ConfigKey<>(name, description, defaultValue.toLowerCase(Locale.ROOT), false,
                "one of " + String.join("|", words), raw -> raw.trim().toLowerCase(Locale.ROOT),
                v -> words.contains(v));
    }

    /** The same key, accepting only values greater than zero (numbers and durations). */
    public ConfigKey<T> positive() {
        if (!(defaultValue == null || defaultValue instanceof Number || defaultValue instanceof Duration)) {
            throw new IllegalStateException(name + ": positive() applies to numbers and durations only");
        }
        Check<T> positive = v -> v instanceof Duration d ? !d.isZero() && !d.isNegative()
                : ((Number) v).doubleValue() > 0;
        Check<T> previous = check;
        ConfigKey<T> key = new ConfigKey<>(name, description, defaultValue, required,
                expectedForm.replace("a whole number", "a whole number > 0").replace("a number", "a number > 0")
                        .replace("a duration", "a positive duration"),
                parser, v -> previous.ok(v) && positive.ok(v));
        if (defaultValue != null && !key.check.ok(defaultValue)) {
            throw new IllegalArgumentException(name + ": default " + defaultValue + " is not positive");
        }
        return key;
    }

    public String name() {
        return name;
    }

    public String description() {
        return description;
    }

    public Optional<T> defaultValue() {
        return Optional.ofNullable(defaultValue);
    }

    public boolean isRequired() {
        return required;
    }

    public String expectedForm() {
        return expectedForm;
    }

    /** The value of this key in the given raw value (null when unset); throws a message naming the key. */
    T resolve(String raw) {
        if (raw == null || raw.isBlank()) {
            if (required) {
                throw new IllegalArgumentException(name + ": is required (" + description + "), expected "
                        + expectedForm);
            }
            return defaultValue;
        }
        T value;
        try {
            value = parser.parse(raw.trim());
        } catch (RuntimeException e) {
            throw new IllegalArgumentException(problem(raw), e);
        }
        if (!check.ok(value)) {
            throw new IllegalArgumentException(problem(raw));
        }
        return value;
    }

    private String problem(String raw) {
        return name + ": expected " + expectedForm + ", got '" + raw + "'";
    }

    private static Boolean parseBoolean(String raw) {
        return switch (raw.toLowerCase(Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new IllegalArgumentException("not a boolean: " + raw);
        };
    }

    private static Double parseFiniteDouble(String raw) {
        double d = Double.parseDouble(raw);
        if (!Double.isFinite(d)) {
            throw new IllegalArgumentException("not finite: " + raw);
        }
        return d;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ConfigKey<?> other && other.name.equals(name);
    }

    @Override
    public int hashCode() {
        return name.hashCode();
    }

    @Override
    public String toString() {
        return name;
    }
}
