package io.infometis.streams.reliability.faults;

import java.util.List;

/**
 * One line from a Flink job exception (the stack trace text of the REST API's {@code /jobs/<id>/exceptions}): the
 * top exception, which says where it failed ("Could not restore keyed state backend for ..."), and the root cause,
 * which says why ("StateMigrationException: The new key serializer ... must be compatible ..."). The middle of a
 * Flink trace is wrapping ("Exception while creating StreamOperatorStateContext", ...).
 */
final class FailureReason {

    static final int MAX = 600;

    private FailureReason() {}

    static String of(String stackTrace) {
        if (stackTrace == null || stackTrace.isBlank()) {
            return "failed (Flink gave no exception)";
        }
        List<String> lines = stackTrace.lines().map(String::strip).filter(l -> !l.isEmpty()).toList();
        String top = lines.get(0);
        String root = null;
        for (String line : lines) {
            if (line.startsWith("Caused by: ")) {
                root = line.substring("Caused by: ".length());
            }
        }
        String reason = root == null || root.equals(top) ? top : top + " <- caused by " + root;
        return reason.length() <= MAX ? reason
                : reason.substring(0, MAX / 2) + " ... " + reason.substring(reason.length() - MAX / 2);
    }
}
