package io.infometis.streams.common.config;

import java.util.List;

/** A job's configuration is missing a key or has a value of the wrong form; thrown before the job starts. */
public final class InvalidConfigurationException extends IllegalArgumentException {

    private final List<String> problems;

    public InvalidConfigurationException(List<String> problems) {
        super(problems.size() == 1
                ? "Invalid job configuration: " + problems.get(0)
                : "Invalid job configuration (" + problems.size() + " problems):\n  " + String.join("\n  ", problems));
        this.problems = List.copyOf(problems);
    }

    /** One line per bad key: {@code <key>: expected <form>, got '<value>'}. */
    public List<String> problems() {
        return problems;
    }
}
