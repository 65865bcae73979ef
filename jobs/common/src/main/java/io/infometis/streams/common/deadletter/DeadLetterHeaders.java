package io.infometis.streams.common.deadletter;

/** Header names of a dead letter on the {@code dlq} topic; every value is a UTF-8 string. */
public final class DeadLetterHeaders {

    /** Why the record was refused, in words an operator can act on. */
    public static final String REASON = "dlq.reason";
    /** Class of the exception behind the reason, or {@code validation} for records that decoded but are invalid. */
    public static final String ERROR_CLASS = "dlq.error.class";
    public static final String SOURCE_TOPIC = "dlq.source.topic";
    /** -1 when the record did not come from a Kafka partition (e.g. an Elasticsearch rejection). */
    public static final String SOURCE_PARTITION = "dlq.source.partition";
    public static final String SOURCE_OFFSET = "dlq.source.offset";
    /** The job that refused it. */
    public static final String JOB = "dlq.job";
    /** Epoch millis: the source record's timestamp, or when the letter was written. */
    public static final String TIMESTAMP = "dlq.timestamp";

    private DeadLetterHeaders() {}
}
