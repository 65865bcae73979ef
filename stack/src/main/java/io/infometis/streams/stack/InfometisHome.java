package io.infometis.streams.stack;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Finds the repository root, where the platform artifacts (platform/*&#47;target) and the CLI state (.stack/) live.
 * Order: system property {@code infometis.home} (surefire sets it), env {@code INFOMETIS_HOME}, then the first
 * directory upwards from the current one that holds both {@code pom.xml} and {@code events/}.
 */
public final class InfometisHome {

    public static final String PROPERTY = "infometis.home";
    public static final String ENV = "INFOMETIS_HOME";

    private InfometisHome() {}

    public static Path locate() {
        String explicit = System.getProperty(PROPERTY);
        if (isBlank(explicit)) {
            explicit = System.getenv(ENV);
        }
        if (!isBlank(explicit)) {
            // Walk up from it too: surefire passes maven.multiModuleProjectDirectory, which is the module's own
            // dir when Maven runs inside a module.
            Path given = Path.of(explicit).toAbsolutePath().normalize();
            return findUpwards(given).orElseThrow(() -> new StackException(PROPERTY + "/" + ENV + " points to "
                    + given + ", which is not inside the InfoMetis Streams checkout (no pom.xml + events/ above it)"));
        }
        Path start = Path.of("").toAbsolutePath();
        return findUpwards(start).orElseThrow(() -> new StackException("Cannot find the InfoMetis Streams checkout from "
                + start + ": set -D" + PROPERTY + "=<repo root> or " + ENV));
    }

    private static java.util.Optional<Path> findUpwards(Path start) {
        for (Path dir = start; dir != null; dir = dir.getParent()) {
            if (isRepoRoot(dir)) {
                return java.util.Optional.of(dir);
            }
        }
        return java.util.Optional.empty();
    }

    private static boolean isRepoRoot(Path dir) {
        return Files.isRegularFile(dir.resolve("pom.xml")) && Files.isDirectory(dir.resolve("events"));
    }

    private static boolean isBlank(String s) {
        return s == null || s.isBlank();
    }
}
