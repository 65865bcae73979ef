package io.infometis.streams.fraud;

import java.util.List;
import io.infometis.streams.sinks.elasticsearch.ElasticsearchPreflight;
import io.infometis.streams.common.preflight.Preflight;
import io.infometis.streams.common.config.JobConfig;
import io.infometis.streams.common.deadletter.DeadLetterSink;
import io.infometis.streams.common.kafka.Decoded;
import io.infometis.streams.common.kafka.KafkaInput;
import io.infometis.streams.common.kafka.KafkaOutput;
import io.infometis.streams.common.kafka.KafkaRecord;
import io.infometis.streams.common.config.CommonKeys;
import io.infometis.streams.events.Alert;
import io.infometis.streams.events.Order;
import io.infometis.streams.events.Payment;
import io.infometis.streams.events.Topics;
import io.infometis.streams.events.UserEvent;
import io.infometis.streams.fraud.alerts.AlertDocumentMapper;
import io.infometis.streams.fraud.config.FraudKeys;
import io.infometis.streams.fraud.config.FraudSettings;
import io.infometis.streams.fraud.patterns.AccountTakeoverPattern;
import io.infometis.streams.fraud.patterns.CardTestingPattern;
import io.infometis.streams.fraud.patterns.UnpaidOrderPattern;
import io.infometis.streams.sinks.elasticsearch.ElasticsearchSettings;
import io.infometis.streams.sinks.elasticsearch.ElasticsearchSinks;
import io.infometis.streams.sinks.elasticsearch.IndexTemplates;
import io.infometis.streams.fraud.validation.EventValidators;
import java.time.Duration;
import java.util.Set;
import java.util.function.UnaryOperator;
import org.apache.flink.connector.base.DeliveryGuarantee;
import org.apache.flink.streaming.api.CheckpointingMode;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fraud detection: FlinkCEP patterns (card testing, account takeover, unpaid order) and run-time threshold rules
 * from the {@code alert-rules} topic over payments, user events and orders; alerts exactly once to Kafka
 * {@code alerts} and upserted by alert id into Elasticsearch {@code alerts-yyyy.MM}; undecodable records, late
 * events and rejected rules to {@code dlq}. Arguments: {@code --key value} pairs (docs/jobs/fraud-detection.md).
 */
public final class FraudDetectionJob {

    private static final Logger LOG = LoggerFactory.getLogger(FraudDetectionJob.class);

    /** The patterns' names: their alerts are indexed with kind "pattern", everything else is a rule's. */
    public static final Set<String> PATTERN_NAMES =
            Set.of(CardTestingPattern.NAME, AccountTakeoverPattern.NAME, UnpaidOrderPattern.NAME);

    private FraudDetectionJob() {}

    public static void main(String[] args) throws Exception {
        JobConfig config = JobConfig.fromArgs(args);
        config.validate(FraudKeys.allWithCommon());
        FraudSettings settings = FraudKeys.settings(config);
        ElasticsearchSettings elasticsearch = ElasticsearchSettings.fromConfig(config);
        LOG.info("Starting {} with {} and {}", settings.jobName(), config, settings);

        // Wrong credentials, an untrusted certificate or a missing topic fail here, naming the setting, instead of
        // as a task that restarts forever.
        Preflight.check(config, List.of(Topics.USER_EVENTS, Topics.PAYMENTS, Topics.ORDERS, Topics.ALERT_RULES, Topics.ALERTS, Topics.DLQ));
        ElasticsearchPreflight.check(elasticsearch);
        // Before the first write, so alerts-* indices are created with the template's mappings.
        IndexTemplates.installAll(elasticsearch);

        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        build(env, config, settings, elasticsearch, UnaryOperator.identity());
        env.execute(settings.jobName());
    }

    /**
     * The whole job on {@code env}: Kafka in, topology, Kafka/Elasticsearch/dlq out. {@code decorate} sees the
     * inputs before the topology does (identity in production; tests insert a failure there).
     */
    public static void build(StreamExecutionEnvironment env, JobConfig config, FraudSettings settings,
            ElasticsearchSettings elasticsearch, UnaryOperator<FraudInputs> decorate) {
        if (!env.getCheckpointConfig().isCheckpointingEnabled()) {
            // Exactly-once alerts are committed on checkpoints: without them nothing would ever be visible.
            env.enableCheckpointing(config.get(FraudKeys.CHECKPOINT_INTERVAL).toMillis(), CheckpointingMode.EXACTLY_ONCE);
        }
        String job = settings.jobName();
        Duration skew = config.get(FraudKeys.MAX_FUTURE_SKEW);
        Decoded<Payment> payments = KafkaInput.readAvro(env, config, job, Topics.PAYMENTS, Payment.class,
                p -> p.getEventTime().toEpochMilli(), EventValidators.payments(skew));
        Decoded<UserEvent> userEvents = KafkaInput.readAvro(env, config, job, Topics.USER_EVENTS, UserEvent.class,
                e -> e.getEventTime().toEpochMilli(), EventValidators.userEvents(skew));
        Decoded<Order> orders = KafkaInput.readAvro(env, config, job, Topics.ORDERS, Order.class,
                o -> o.getEventTime().toEpochMilli(), EventValidators.orders(skew));
        // The compacted rules topic is the rule set: a job starting without state reads all of it, whatever
        // kafka.starting-offsets says (committed offsets would skip the rules a previous deployment read).
        DataStream<KafkaRecord> rules = KafkaInput.readRaw(env,
                config.with(CommonKeys.KAFKA_STARTING_OFFSETS.name(), "earliest"), job, Topics.ALERT_RULES);

        FraudInputs inputs = decorate.apply(new FraudInputs(payments.events(), userEvents.events(), orders.events(),
                rules, config.get(CommonKeys.topic(Topics.PAYMENTS)), config.get(CommonKeys.topic(Topics.USER_EVENTS)),
                config.get(CommonKeys.topic(Topics.ORDERS))));
        FraudOutputs out = FraudTopology.build(inputs, settings);

        out.alerts()
                .sinkTo(KafkaOutput.avro(config, job, Topics.ALERTS, Alert.class, Alert::getAlertId,
                        DeliveryGuarantee.EXACTLY_ONCE))
                .uid("alerts-kafka-sink").name("alerts to Kafka (exactly once)");
        out.alerts()
                .sinkTo(ElasticsearchSinks.sink(elasticsearch, new AlertDocumentMapper(PATTERN_NAMES), config, job))
                .uid("alerts-es-sink").name("alerts to Elasticsearch (upsert by alert id)");
        payments.deadLetters()
                .union(userEvents.deadLetters(), orders.deadLetters(), out.deadLetters())
                .sinkTo(DeadLetterSink.create(config, job))
                .uid("dlq-sink").name("dead letters to dlq");
    }

}
