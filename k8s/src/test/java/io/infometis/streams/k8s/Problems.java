package io.infometis.streams.k8s;

import static org.assertj.core.api.Assertions.fail;

import java.util.ArrayList;
import java.util.List;

/** Collects every problem of a check so one run lists them all, each naming its file and field. */
public final class Problems {

    private final List<String> problems = new ArrayList<>();

    public void add(String problem) {
        problems.add(problem);
    }

    public void addAll(List<String> more) {
        problems.addAll(more);
    }

    public void check(boolean ok, String problem) {
        if (!ok) {
            problems.add(problem);
        }
    }

    public List<String> list() {
        return List.copyOf(problems);
    }

    public void assertNone(String what) {
        if (!problems.isEmpty()) {
            fail(what + ": " + problems.size() + " problem(s)\n  " + String.join("\n  ", problems));
        }
    }
}
