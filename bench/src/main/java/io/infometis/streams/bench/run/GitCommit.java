package io.infometis.streams.bench.run;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/** The commit the run measured (plus "-dirty" when the tree had changes), so a report names its code. */
final class GitCommit {

    private GitCommit() {}

    static String of(Path repository) {
        String commit = git(repository, "rev-parse", "--short=12", "HEAD");
        if (commit.isEmpty()) {
            return "unknown (not a git checkout)";
        }
        return git(repository, "status", "--porcelain").isEmpty() ? commit : commit + "-dirty";
    }

    private static String git(Path dir, String... args) {
        String[] command = new String[args.length + 1];
        command[0] = "git";
        System.arraycopy(args, 0, command, 1, args.length);
        try {
            Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(false).start();
            String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            return p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0 ? output : "";
        } catch (Exception e) {
            return "";
        }
    }
}
