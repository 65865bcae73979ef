package io.infometis.streams.fraud.rules;

import java.util.List;

/** A rule that cannot be used, with every problem found (so an analyst fixes them in one go). */
public final class InvalidRuleException extends Exception {

    private static final long serialVersionUID = 1L;

    private final List<String> problems;

    public InvalidRuleException(List<String> problems) {
        super("invalid rule: " + String.join("; ", problems));
        this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
        return problems;
    }
}
