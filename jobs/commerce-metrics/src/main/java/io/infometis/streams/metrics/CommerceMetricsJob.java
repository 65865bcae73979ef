package io.infometis.streams.metrics;

import java.util.List;
import io.infometis.streams.sinks.elasticsearch.ElasticsearchPreflight;
import io.infometis.streams.common.preflight.Preflight;
import io.infometis.streams.common.config.JobConfig;
import io.infometis.streams.common.deadletter.DeadLetter;
import io.infometis.streams.common.deadletter.DeadLetterSink;
import io.infometis.streams.common.kafka.Decoded;
import io.infometis.streams.common.kafka.KafkaClients;
import io.infometis.streams.common.kafka.KafkaInput;
import io.infometis.streams.common.kafka.KafkaOutput;
import io.infometis.streams.common.config.CommonKeys;
import io.infometis.streams.events.CommerceMetric;
import io.infometis.streams.events.Order;
import io.infometis.streams.events.Payment;
import io.infometis.streams.events.RegistrySerdes;
import io.infometis.streams.events.Topics;
import io.infometis.streams.events.UserEvent;
import io.infometis.streams.metrics.elasticsearch.MetricDocumentMapper;
import io.infometis.streams.metrics.late.LateEventDeadLetters;
import io.infometis.streams.metrics.validation.EventChecks;
import io.infometis.streams.metrics.validation.InputValidators;
import io.infometis.streams.sinks.elasticsearch.ElasticsearchSettings;
import io.infometis.streams.sinks.elasticsearch.ElasticsearchSinks;
import io.infometis.streams.sinks.elasticsearch.IndexTemplates;
import java.time.Clock;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.connector.base.DeliveryGuarantee;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Commerce metrics: per-window figures of orders, payments and user activity into Elasticsearch
 * ({@code metrics-yyyy.MM.dd}) and {@code commerce-metrics}; invalid and too-late events to {@code dlq}. See
 * docs/jobs/commerce-metrics.md. The windows are {@link CommerceMetricsPipeline}; this class wires the rest.
 */
public final class CommerceMetricsJob {

    public static final String JOB_NAME = "commerce-metrics";
    private static final Logger LOG = LoggerFactory.getLogger(CommerceMetricsJob.class);

    private CommerceMetricsJob() {}

    public static void main(String[] args) throws Exception {
        JobConfig config = JobConfig.fromArgs(args);
        config.validate(MetricsKeys.all());
        LOG.info("Starting {} with {}", JOB_NAME, config);
        ElasticsearchSettings elasticsearch = ElasticsearchSettings.fromConfig(config);
        // Wrong credentials, an untrusted certificate or a missing topic fail here, naming the setting, instead of
        // as a task that restarts forever.
        Preflight.check(config, List.of(Topics.ORDERS, Topics.PAYMENTS, Topics.USER_EVENTS, Topics.COMMERCE_METRICS, Topics.DLQ));
        ElasticsearchPreflight.check(elasticsearch);
        IndexTemplates.installAll(elasticsearch);

        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        if (!env.getCheckpointConfig().isCheckpointingEnabled()) {
            env.enableCheckpointing(config.get(MetricsKeys.CHECKPOINT_INTERVAL).toMillis());
        }
        wire(env, config, elasticsearch, Clock.systemUTC());
        env.execute(JOB_NAME);
    }

    /** Kafka in, Kafka + Elasticsearch + dlq out; the configuration must have been validated. */
    public static void wire(StreamExecutionEnvironment env, JobConfig config, ElasticsearchSettings elasticsearch,
            Clock clock) {
        MetricsSettings settings = settings(config, clock);
        EventChecks checks = new EventChecks(clock, config.get(MetricsKeys.MAX_FUTURE_SKEW));
        Decoded<Order> orders = KafkaInput.readAvro(env, config, JOB_NAME, Topics.ORDERS, Order.class,
                o -> o.getEventTime().toEpochMilli(), InputValidators.orders(checks));
        Decoded<Payment> payments = KafkaInput.readAvro(env, config, JOB_NAME, Topics.PAYMENTS, Payment.class,
                p -> p.getEventTime().toEpochMilli(), InputValidators.payments(checks));
        Decoded<UserEvent> userEvents = KafkaInput.readAvro(env, config, JOB_NAME, Topics.USER_EVENTS,
                UserEvent.class, e -> e.getEventTime().toEpochMilli(), InputValidators.userEvents(checks));

        CommerceMetricsPipeline.Outputs out = CommerceMetricsPipeline.build(
                orders.events(), payments.events(), userEvents.events(), settings);

        out.metrics().sinkTo(KafkaOutput.avro(config, JOB_NAME, Topics.COMMERCE_METRICS, CommerceMetric.class,
                        CommerceMetric::getMetricId, DeliveryGuarantee.EXACTLY_ONCE))
                .uid("commerce-metrics-sink").name("Kafka commerce-metrics");
        out.metrics().sinkTo(ElasticsearchSinks.sink(elasticsearch,
                        new MetricDocumentMapper(config.get(MetricsKeys.INDEX_PREFIX)), config, JOB_NAME))
                .uid("metrics-elasticsearch-sink").name("Elasticsearch metrics-*");

        RegistrySerdes registry = KafkaClients.registry(config);
        DataStream<DeadLetter> lateOrders = out.lateOrders()
                .map(new LateEventDeadLetters<>(JOB_NAME, config.get(CommonKeys.topic(Topics.ORDERS)), Topics.ORDERS,
                        Order.class, registry, Order::getOrderId, o -> o.getEventTime().toEpochMilli(),
                        settings.window(), settings.allowedLateness()), TypeInformation.of(DeadLetter.class))
                .uid("late-orders-to-dlq").name("late orders to dlq");
        DataStream<DeadLetter> latePayments = out.latePayments()
                .map(new LateEventDeadLetters<>(JOB_NAME, config.get(CommonKeys.topic(Topics.PAYMENTS)),
                        Topics.PAYMENTS, Payment.class, registry, Payment::getPaymentId,
                        p -> p.getEventTime().toEpochMilli(), settings.window(), settings.allowedLateness()),
                        TypeInformation.of(DeadLetter.class))
                .uid("late-payments-to-dlq").name("late payments to dlq");
        DataStream<DeadLetter> lateUserEvents = out.lateUserEvents()
                .map(new LateEventDeadLetters<>(JOB_NAME, config.get(CommonKeys.topic(Topics.USER_EVENTS)),
                        Topics.USER_EVENTS, UserEvent.class, registry, UserEvent::getUserId,
                        e -> e.getEventTime().toEpochMilli(), settings.window(), settings.allowedLateness()),
                        TypeInformation.of(DeadLetter.class))
                .uid("late-user-events-to-dlq").name("late user events to dlq");

        orders.deadLetters()
                .union(payments.deadLetters(), userEvents.deadLetters(), lateOrders, latePayments, lateUserEvents)
                .sinkTo(DeadLetterSink.create(config, JOB_NAME))
                .uid("dlq-sink").name("Kafka dlq");
    }

    static MetricsSettings settings(JobConfig config, Clock clock) {
        return new MetricsSettings(config.get(MetricsKeys.WINDOW), config.get(MetricsKeys.ALLOWED_LATENESS),
                config.get(MetricsKeys.TOP_FAILURE_REASONS), clock);
    }
}
