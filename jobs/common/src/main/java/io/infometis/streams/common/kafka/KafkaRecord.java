package io.infometis.streams.common.kafka;

/**
 * One raw Kafka record (for non-Avro topics such as the JSON {@code alert-rules}); {@code value} is null for a
 * tombstone. A Flink POJO.
 */
public class KafkaRecord {
    public String topic;
    public int partition;
    public long offset;
    public long timestamp;
    public String key;
    public byte[] value;

    public KafkaRecord() {}

    public KafkaRecord(String topic, int partition, long offset, long timestamp, String key, byte[] value) {
        this.topic = topic;
        this.partition = partition;
        this.offset = offset;
        this.timestamp = timestamp;
        this.key = key;
        this.value = value;
    }

    public boolean isTombstone() {
        return value == null;
    }

    @Override
    public String toString() {
        return "KafkaRecord{" + topic + "/" + partition + "@" + offset + " key=" + key + "}";
    }
}
