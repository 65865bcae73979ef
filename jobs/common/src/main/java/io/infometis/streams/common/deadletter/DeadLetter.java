package io.infometis.streams.common.deadletter;

import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * A record a job could not use, kept whole: the original key and value bytes, where it came from and why it was
 * refused. A Flink POJO (public fields, no-arg constructor) so it travels between operators without Kryo.
 */
public class DeadLetter {

    /** Reasons are truncated to this many characters: a header, not a stack trace. */
    static final int MAX_REASON_LENGTH = 1000;

    public String job;
    public String sourceTopic;
    public int partition = -1;
    public long offset = -1;
    public long timestamp;
    public byte[] key;
    public byte[] value;
    public String reason;
    public String errorClass;

    public DeadLetter() {}

    /** A letter for a record that came from a Kafka partition. */
    public static DeadLetter fromRecord(String job, String topic, int partition, long offset, long timestamp,
                                        byte[] key, byte[] value, String reason, Throwable error) {
        DeadLetter letter = of(job, topic, key, value, reason);
        letter.partition = partition;
        letter.offset = offset;
        letter.timestamp = timestamp;
        letter.errorClass = error == null ? "validation" : error.getClass().getName();
        return letter;
    }

    /** A letter for anything else a job refuses (a bad rule, a document Elasticsearch rejects, a late event). */
    public static DeadLetter of(String job, String sourceTopic, byte[] key, byte[] value, String reason) {
        DeadLetter letter = new DeadLetter();
        letter.job = Objects.requireNonNull(job, "job");
        letter.sourceTopic = Objects.requireNonNull(sourceTopic, "sourceTopic");
        letter.key = key;
        letter.value = value;
        letter.reason = truncate(Objects.requireNonNull(reason, "reason"));
        letter.errorClass = "validation";
        letter.timestamp = System.currentTimeMillis();
        return letter;
    }

    public static DeadLetter of(String job, String sourceTopic, String key, byte[] value, String reason) {
        return of(job, sourceTopic, key == null ? null : key.getBytes(StandardCharsets.UTF_8), value, reason);
    }

    /** The same letter with another error class (e.g. the exception that caused it). */
    public DeadLetter withErrorClass(String errorClass) {
        this.errorClass = Objects.requireNonNull(errorClass, "errorClass");
        return this;
    }

    private static String truncate(String reason) {
        return reason.length() <= MAX_REASON_LENGTH ? reason : reason.substring(0, MAX_REASON_LENGTH - 3) + "...";
    }

    @Override
    public String toString() {
        return "DeadLetter{" + sourceTopic + "/" + partition + "@" + offset + " by " + job + ": " + reason + "}";
    }
}
