package io.infometis.streams.enrichment;

import java.util.List;
import io.infometis.streams.sinks.elasticsearch.ElasticsearchPreflight;
import io.infometis.streams.common.preflight.Preflight;
import io.infometis.streams.common.config.JobConfig;
import io.infometis.streams.common.deadletter.DeadLetterSink;
import io.infometis.streams.common.kafka.Decoded;
import io.infometis.streams.common.kafka.KafkaInput;
import io.infometis.streams.common.kafka.KafkaOutput;
import io.infometis.streams.enrichment.compute.EnrichedOrders;
import io.infometis.streams.enrichment.compute.RiskPolicy;
import io.infometis.streams.enrichment.elasticsearch.OrderDocumentMapper;
import io.infometis.streams.enrichment.validation.EventChecks;
import io.infometis.streams.enrichment.validation.InputValidators;
import io.infometis.streams.events.Customer;
import io.infometis.streams.events.EnrichedOrder;
import io.infometis.streams.events.Order;
import io.infometis.streams.events.Payment;
import io.infometis.streams.events.Topics;
import io.infometis.streams.sinks.elasticsearch.ElasticsearchSettings;
import io.infometis.streams.sinks.elasticsearch.ElasticsearchSinks;
import io.infometis.streams.sinks.elasticsearch.IndexTemplates;
import java.time.Clock;
import org.apache.flink.connector.base.DeliveryGuarantee;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Order enrichment: per order one Elasticsearch document ({@code orders}, by order id, external version on event
 * time) and one record on {@code orders-enriched}, joining order events, payments and the customer's latest
 * profile. See docs/jobs/order-enrichment.md. The logic is {@link OrderEnrichmentPipeline}; this class wires Kafka,
 * Elasticsearch and the dead-letter topic around it.
 */
public final class OrderEnrichmentJob {

    public static final String JOB_NAME = "order-enrichment";
    private static final Logger LOG = LoggerFactory.getLogger(OrderEnrichmentJob.class);

    private OrderEnrichmentJob() {}

    public static void main(String[] args) throws Exception {
        JobConfig config = JobConfig.fromArgs(args);
        config.validate(EnrichmentKeys.all());
        EnrichmentKeys.highAmountByCurrency(config);
        LOG.info("Starting {} with {}", JOB_NAME, config);
        ElasticsearchSettings elasticsearch = ElasticsearchSettings.fromConfig(config);
        // Wrong credentials, an untrusted certificate or a missing topic fail here, naming the setting, instead of
        // as a task that restarts forever.
        Preflight.check(config, List.of(Topics.ORDERS, Topics.PAYMENTS, Topics.CUSTOMERS, Topics.ORDERS_ENRICHED, Topics.DLQ));
        ElasticsearchPreflight.check(elasticsearch);
        IndexTemplates.installAll(elasticsearch);

        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        if (!env.getCheckpointConfig().isCheckpointingEnabled()) {
            env.enableCheckpointing(config.get(EnrichmentKeys.CHECKPOINT_INTERVAL).toMillis());
        }
        wire(env, config, elasticsearch, Clock.systemUTC());
        env.execute(JOB_NAME);
    }

    /** Kafka in, Kafka + Elasticsearch + dlq out; the configuration must have been validated. */
    public static void wire(StreamExecutionEnvironment env, JobConfig config, ElasticsearchSettings elasticsearch,
            Clock clock) {
        EventChecks checks = new EventChecks(clock, config.get(EnrichmentKeys.MAX_FUTURE_SKEW));
        Decoded<Order> orders = KafkaInput.readAvro(env, config, JOB_NAME, Topics.ORDERS, Order.class,
                o -> o.getEventTime().toEpochMilli(), InputValidators.orders(checks));
        Decoded<Payment> payments = KafkaInput.readAvro(env, config, JOB_NAME, Topics.PAYMENTS, Payment.class,
                p -> p.getEventTime().toEpochMilli(), InputValidators.payments(checks));
        Decoded<Customer> customers = KafkaInput.readAvro(env, config, JOB_NAME, Topics.CUSTOMERS, Customer.class,
                c -> c.getEventTime().toEpochMilli(), InputValidators.customers(checks));

        DataStream<EnrichedOrder> enriched = OrderEnrichmentPipeline.build(
                orders.events(), payments.events(), customers.events(), settings(config));

        enriched.sinkTo(KafkaOutput.avro(config, JOB_NAME, Topics.ORDERS_ENRICHED, EnrichedOrder.class,
                        EnrichedOrder::getOrderId, DeliveryGuarantee.EXACTLY_ONCE))
                .uid("orders-enriched-sink").name("Kafka orders-enriched");
        enriched.sinkTo(ElasticsearchSinks.sink(elasticsearch,
                        new OrderDocumentMapper(config.get(EnrichmentKeys.INDEX)), config, JOB_NAME))
                .uid("orders-elasticsearch-sink").name("Elasticsearch orders");
        orders.deadLetters().union(payments.deadLetters(), customers.deadLetters())
                .sinkTo(DeadLetterSink.create(config, JOB_NAME))
                .uid("dlq-sink").name("Kafka dlq");
    }

    static OrderEnrichmentPipeline.Settings settings(JobConfig config) {
        RiskPolicy risk = new RiskPolicy(config.get(EnrichmentKeys.RISK_HIGH_AMOUNT),
                EnrichmentKeys.highAmountByCurrency(config), config.get(EnrichmentKeys.RISK_NEW_CUSTOMER_AGE));
        return new OrderEnrichmentPipeline.Settings(config.get(EnrichmentKeys.PROFILE_WAIT),
                config.get(EnrichmentKeys.ORDER_RETENTION), new EnrichedOrders(risk));
    }
}
