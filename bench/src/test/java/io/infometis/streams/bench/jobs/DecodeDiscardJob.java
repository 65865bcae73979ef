package io.infometis.streams.bench.jobs;

import io.infometis.streams.common.config.JobConfig;
import io.infometis.streams.common.kafka.KafkaInput;
import io.infometis.streams.common.kafka.RecordValidator;
import io.infometis.streams.events.Payment;
import io.infometis.streams.events.Topics;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.sink.v2.DiscardingSink;

/**
 * A stand-in with the shape of the platform's jobs: {@code main(--key value ...)}, the context environment,
 * checkpoints on, {@code execute} blocking. Lets the test drive the path the real jobs take through the harness.
 */
public final class DecodeDiscardJob {

    private DecodeDiscardJob() {}

    public static void main(String[] args) throws Exception {
        JobConfig config = JobConfig.fromArgs(args);
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.enableCheckpointing(500);
        KafkaInput.readAvro(env, config, "decode-discard", Topics.PAYMENTS, Payment.class,
                        p -> p.getEventTime().toEpochMilli(), RecordValidator.none())
                .events().sinkTo(new DiscardingSink<>()).uid("discard");
        env.execute("decode-discard");
    }
}
