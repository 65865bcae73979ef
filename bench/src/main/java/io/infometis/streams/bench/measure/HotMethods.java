package io.infometis.streams.bench.measure;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.ParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import jdk.jfr.Configuration;
import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedThread;
import jdk.jfr.consumer.RecordingFile;

/**
 * Where a run spends its CPU, from a JDK Flight Recorder recording of this JVM (JFR's "profile" settings: method
 * samples every 10-20 ms, about 1% overhead): the methods most often on top of a sampled stack. Enough to say
 * what limits a job (decoding, serialization, state access, a window function) without a separate profiler.
 */
public final class HotMethods implements AutoCloseable {

    /** One method (or thread) and its share of the samples. */
    public record Hot(String method, double share) implements java.io.Serializable {}

    /**
     * The hottest methods, and the threads the samples were taken on: which operator chain (Flink names a task's
     * thread after it) or which other part of the JVM the time went to.
     */
    public record Profile(List<Hot> methods, List<Hot> threads) implements java.io.Serializable {
        public static final Profile NONE = new Profile(List.of(), List.of());
    }

    private final Recording recording;

    private HotMethods(Recording recording) {
        this.recording = recording;
    }

    public static HotMethods start() throws IOException, ParseException {
        Recording recording = new Recording(Configuration.getConfiguration("profile"));
        recording.setToDisk(true);
        recording.start();
        return new HotMethods(recording);
    }

    /** Stops the recording and returns the {@code top} methods and threads by share of execution samples. */
    public Profile stop(int top) throws IOException {
        Path file = Files.createTempFile("bench-", ".jfr");
        try {
            recording.stop();
            recording.dump(file);
            Map<String, Integer> counts = new HashMap<>();
            Map<String, Integer> threads = new HashMap<>();
            int total = 0;
            for (RecordedEvent event : RecordingFile.readAllEvents(file)) {
                if (!"jdk.ExecutionSample".equals(event.getEventType().getName()) || event.getStackTrace() == null
                        || event.getStackTrace().getFrames().isEmpty()) {
                    continue;
                }
                RecordedFrame frame = event.getStackTrace().getFrames().get(0);
                counts.merge(readable(frame.getMethod().getType().getName()) + "." + frame.getMethod().getName(),
                        1, Integer::sum);
                RecordedThread thread = event.getThread("sampledThread");
                threads.merge(thread == null ? "?" : threadGroup(thread.getJavaName()), 1, Integer::sum);
                total++;
            }
            return new Profile(top(counts, total, top), top(threads, total, top));
        } finally {
            Files.deleteIfExists(file);
        }
    }

    private static List<Hot> top(Map<String, Integer> counts, int total, int top) {
        List<Hot> hot = new ArrayList<>();
        counts.entrySet().stream().sorted(Map.Entry.<String, Integer>comparingByValue(Comparator.reverseOrder()))
                .limit(top).forEach(e -> hot.add(new Hot(e.getKey(), e.getValue() / (double) total)));
        return hot;
    }

    /**
     * A thread's name without its instance suffix, so the subtasks of one Flink task ("... (2/2)#0") and the
     * threads of one pool ("pool-3-thread-7") add up; long task names (a whole operator chain) are shortened.
     */
    static String threadGroup(String name) {
        if (name == null) {
            return "?";
        }
        String group = name.replaceAll(" \\(\\d+/\\d+\\)(#\\d+)?$", "").replaceAll("-\\d+$", "-N");
        return group.length() > 120 ? group.substring(0, 117) + "..." : group;
    }

    /** Lambda classes carry a per-run hash in their name; without it the same lambda reads the same every run. */
    static String readable(String className) {
        return className.replaceAll("\\$\\$Lambda\\$.*$", "\\$\\$Lambda");
    }

    @Override
    public void close() {
        recording.close();
    }
}
