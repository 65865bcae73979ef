package io.infometis.streams.common.config;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * A job's configuration: {@code --key value} (or {@code --key=value}) pairs from the command line, read through
 * typed {@link ConfigKey}s. Jobs call {@link #validate} with every key they use before building the pipeline, so a
 * bad value stops the job at start with every problem listed, not minutes later inside a task.
 */
public final class JobConfig implements Serializable {

    private static final long serialVersionUID = 1L;

    /** Key fragments whose values are never printed. */
    private static final List<String> SECRET_MARKERS =
            List.of("password", "secret", "jaas", "api-key", "apikey", "user.info", "token", "credentials");

    private final Map<String, String> values;

    private JobConfig(Map<String, String> values) {
        this.values = Map.copyOf(values);
    }

    public static JobConfig of(Map<String, String> values) {
        values.forEach((k, v) -> {
            if (k == null || k.isBlank() || v == null) {
                throw new InvalidConfigurationException(List.of("every key needs a name and a value, got '" + k
                        + "' = '" + v + "'"));
            }
        });
        return new JobConfig(values);
    }

    /** Parses {@code --key value} and {@code --key=value}; anything else is an error naming the argument. */
    public static JobConfig fromArgs(String[] args) {
        Map<String, String> values = new LinkedHashMap<>();
        List<String> problems = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (!arg.startsWith("--") || arg.length() == 2) {
                problems.add("argument " + (i + 1) + ": expected --key value or --key=value, got '" + arg + "'");
                continue;
            }
            String body = arg.substring(2);
            int eq = body.indexOf('=');
            String key;
            String value;
            if (eq >= 0) {
                key = body.substring(0, eq);
                value = body.substring(eq + 1);
            } else if (i + 1 < args.length && !args[i + 1].startsWith("--")) {
                key = body;
                value = args[++i];
            } else {
                problems.add(body + ": expected a value after --" + body);
                continue;
            }
            if (values.put(key, value) != null) {
                problems.add(key + ": given twice");
            }
        }
        if (!problems.isEmpty()) {
            throw new InvalidConfigurationException(problems);
        }
        return new JobConfig(values);
    }

    /** The value of the key, its default when unset; throws {@link InvalidConfigurationException} naming it. */
    public <T> T get(ConfigKey<T> key) {
        try {
            return key.resolve(raw(key.name()));
        } catch (IllegalArgumentException e) {
            throw new InvalidConfigurationException(List.of(e.getMessage()));
        }
    }

    /**
     * The raw value with secret references resolved: {@code ${env:NAME}} is the environment variable, {@code
     * ${file:/path}} the file's content (trimmed), so credentials come from Kubernetes Secrets (mounted or as
     * environment) and never appear in job arguments, the Flink UI or logs.
     */
    private String raw(String key) {
        String value = values.get(key);
        if (value == null || !value.startsWith("${") || !value.endsWith("}")) {
            return value;
        }
        String reference = value.substring(2, value.length() - 1);
        if (reference.startsWith("env:")) {
            String resolved = System.getenv(reference.substring(4));
            if (resolved == null) {
                throw new IllegalArgumentException(key + ": expected environment variable " + reference.substring(4)
                        + " to be set (referenced as " + value + ")");
            }
            return resolved;
        }
        if (reference.startsWith("file:")) {
            java.nio.file.Path path = java.nio.file.Path.of(reference.substring(5));
            try {
                return java.nio.file.Files.readString(path).trim();
            } catch (java.io.IOException e) {
                throw new IllegalArgumentException(key + ": expected a readable file " + path + " (referenced as "
                        + value + "): " + e.getMessage());
            }
        }
        throw new IllegalArgumentException(key + ": expected ${env:NAME} or ${file:/path}, got '" + value + "'");
    }

    public boolean isSet(ConfigKey<?> key) {
        String raw = values.get(key.name());
        return raw != null && !raw.isBlank();
    }

    /**
     * Every key starting with the prefix, with the prefix stripped (e.g. {@code kafka.properties.}), secret
     * references resolved.
     */
    public Map<String, String> withPrefix(String prefix) {
        Map<String, String> out = new TreeMap<>();
        List<String> problems = new ArrayList<>();
        values.keySet().forEach(k -> {
            if (k.startsWith(prefix) && k.length() > prefix.length()) {
                try {
                    out.put(k.substring(prefix.length()), raw(k));
                } catch (IllegalArgumentException e) {
                    problems.add(e.getMessage());
                }
            }
        });
        if (!problems.isEmpty()) {
            throw new InvalidConfigurationException(problems);
        }
        return out;
    }

    /** A copy with one key set (tests, and jobs that derive settings). */
    public JobConfig with(String key, String value) {
        Map<String, String> copy = new LinkedHashMap<>(values);
        copy.put(key, value);
        return of(copy);
    }

    /** Checks every key at once and lists every problem, so one restart fixes them all. */
    public void validate(Collection<? extends ConfigKey<?>> keys) {
        List<String> problems = new ArrayList<>();
        for (ConfigKey<?> key : keys) {
            try {
                key.resolve(raw(key.name()));
            } catch (IllegalArgumentException e) {
                problems.add(e.getMessage());
            }
        }
        if (!problems.isEmpty()) {
            throw new InvalidConfigurationException(problems);
        }
    }

    public Map<String, String> toMap() {
        return values;
    }

    public static boolean isSecret(String key) {
        String lower = key.toLowerCase(Locale.ROOT);
        return SECRET_MARKERS.stream().anyMatch(lower::contains);
    }

    /** Secrets masked: safe to log. */
    @Override
    public String toString() {
        Map<String, String> shown = new TreeMap<>();
        values.forEach((k, v) -> shown.put(k, isSecret(k) ? "******" : v));
        return "JobConfig" + shown;
    }
}
