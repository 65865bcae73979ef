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
import jdk.jfr.consumer.RecordingFile;

/**
 * Where a run spends its CPU, from a JDK Flight Recorder recording of this JVM (JFR's "profile" settings: method
 * samples every 10-20 ms, about 1% overhead): the methods most often on top of a sampled stack. Enough to say
 * what limits a job (decoding, serialization, state access, a window function) without a separate profiler.
 */
public final class HotMethods implements AutoCloseable {

    /** One method and its share of the samples. */
    public record Hot(String method, double share) {}

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

    /** Stops the recording and returns the {@code top} methods by share of execution samples. */
    public List<Hot> stop(int top) throws IOException {
        Path file = Files.createTempFile("bench-", ".jfr");
        try {
            recording.stop();
            recording.dump(file);
            Map<String, Integer> counts = new HashMap<>();
            int total = 0;
            for (RecordedEvent event : RecordingFile.readAllEvents(file)) {
                if (!"jdk.ExecutionSample".equals(event.getEventType().getName()) || event.getStackTrace() == null
                        || event.getStackTrace().getFrames().isEmpty()) {
                    continue;
                }
                RecordedFrame frame = event.getStackTrace().getFrames().get(0);
                counts.merge(readable(frame.getMethod().getType().getName()) + "." + frame.getMethod().getName(),
                        1, Integer::sum);
                total++;
            }
            List<Hot> hot = new ArrayList<>();
            int samples = total;
            counts.entrySet().stream().sorted(Map.Entry.<String, Integer>comparingByValue(Comparator.reverseOrder()))
                    .limit(top).forEach(e -> hot.add(new Hot(e.getKey(), e.getValue() / (double) samples)));
            return hot;
        } finally {
            Files.deleteIfExists(file);
        }
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
