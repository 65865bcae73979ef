package io.infometis.streams.stack;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;

/**
 * A pid file that also records when the process started ({@code <pid> <start epoch millis>}), so that a pid the
 * OS reused for an unrelated process is never mistaken for ours (and never killed).
 */
public final class PidFile {

    private PidFile() {}

    public static void write(Path file, ProcessHandle process) {
        long start = process.info().startInstant().map(Instant::toEpochMilli).orElse(0L);
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Files.writeString(file, process.pid() + " " + start + "\n");
        } catch (IOException e) {
            throw new StackException("Cannot write pid file " + file, e);
        }
    }

    /** The live process the file names, if it is still the one we started. */
    public static Optional<ProcessHandle> read(Path file) {
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        String[] parts;
        try {
            parts = Files.readString(file).trim().split("\\s+");
        } catch (IOException e) {
            throw new StackException("Cannot read pid file " + file, e);
        }
        long pid;
        long start;
        try {
            pid = Long.parseLong(parts[0]);
            start = parts.length > 1 ? Long.parseLong(parts[1]) : 0L;
        } catch (NumberFormatException e) {
            throw new StackException("Pid file " + file + " is corrupt (expected '<pid> <start millis>')", e);
        }
        return ProcessHandle.of(pid).filter(ProcessHandle::isAlive).filter(p -> sameStart(p, start));
    }

    private static boolean sameStart(ProcessHandle process, long recordedStart) {
        if (recordedStart == 0L) {
            return true;
        }
        // The OS reports start times with coarse (clock tick) precision; allow a second of slack.
        return process.info().startInstant()
                .map(actual -> Math.abs(actual.toEpochMilli() - recordedStart) < 1_000)
                .orElse(false);
    }
}
