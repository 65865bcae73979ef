package io.infometis.streams.bench.jobs;

import io.infometis.streams.common.config.CommonKeys;
import io.infometis.streams.events.CommerceMetric;
import io.infometis.streams.events.Order;
import io.infometis.streams.events.Payment;
import io.infometis.streams.events.RegistrySerdes;
import io.infometis.streams.events.TopicSpec;
import io.infometis.streams.events.Topics;
import io.infometis.streams.events.UserEvent;
import io.infometis.streams.sinks.elasticsearch.ElasticsearchSettings;
import io.infometis.streams.sinks.elasticsearch.IndexTemplates;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.StringJoiner;
import org.apache.avro.Schema;
import org.apache.flink.api.common.serialization.SerializationSchema;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.table.api.StatementSet;
import org.apache.flink.table.api.bridge.java.StreamTableEnvironment;

/**
 * The Flink SQL peer of the commerce-metrics job: the same per-minute figures over the same three topics, in
 * event-time tumbling windows with the jobs' 5 s out-of-orderness, 30 s source idleness and watermark alignment
 * ({@link Builder#alignment}). Orders (CREATED only) per currency and
 * country, and per currency, country and category (revenue of that category's items); payments authorized and
 * failed with their rates; distinct active users. What it leaves out, and the job computes: amount percentiles and
 * top failure reasons (no built-in SQL aggregate), allowed lateness and late-event dead letters.
 *
 * <p>It writes its results as the job does, so that the two compare like for like: one {@code CommerceMetric} row
 * per (window, dimensions), with the job's deterministic {@code metric_id}, to a Kafka topic (Avro in the Confluent
 * wire format through the registry, exactly once, keyed by the id) and to Elasticsearch 7 daily indices
 * {@code <index prefix>yyyy.MM.dd} of the window start, the id as document id. The index prefix should match the
 * job's template ({@code metrics-*}), so the documents get the job's mapping.
 */
public final class OrderMetricsSql implements JobLauncher, java.io.Serializable {

    // Serializable (strings, an immutable map, a Duration): the harness runs it in a forked JVM (ForkedJobRun).
    private static final long serialVersionUID = 1L;

    /** The topics it reads, as the metrics job does. */
    public static final List<TopicSpec> INPUTS = List.of(Topics.ORDERS, Topics.PAYMENTS, Topics.USER_EVENTS);
    /** As the job's {@code metrics.checkpoint-interval}: used when the cluster configuration sets none. */
    static final Duration DEFAULT_CHECKPOINT_INTERVAL = Duration.ofSeconds(10);
    /** As the jobs' {@code source.idleness} default. */
    static final Duration IDLE_TIMEOUT = CommonKeys.SOURCE_IDLENESS.defaultValue().orElseThrow();

    /** CommerceMetric's fields in its Avro schema's order (the avro-confluent format maps them by position). */
    private static final Map<String, String> METRIC_COLUMNS = columns(
            "metric_id", "STRING NOT NULL", "metric", "STRING NOT NULL",
            "window_start", "TIMESTAMP(3) NOT NULL", "window_end", "TIMESTAMP(3) NOT NULL",
            "country", "STRING", "category", "STRING", "currency", "STRING",
            "order_count", "BIGINT", "revenue", "BIGINT", "avg_basket", "DOUBLE",
            "payments_authorized", "BIGINT", "payments_failed", "BIGINT",
            "authorization_rate", "DOUBLE", "failure_rate", "DOUBLE",
            "top_failure_reasons", "ARRAY<STRING NOT NULL> NOT NULL",
            "active_users", "BIGINT", "amount_p50", "DOUBLE", "amount_p95", "DOUBLE",
            "update_count", "INT NOT NULL", "emitted_time", "TIMESTAMP(3) NOT NULL");
    /** Instant.toString() of a whole-second window start, as the job's MetricIds writes it. */
    private static final String ID_TIME = "DATE_FORMAT(window_start, 'yyyy-MM-dd''T''HH:mm:ss''Z''')";

    private final String bootstrapServers;
    private final String registryUrl;
    private final String elasticsearchHosts;
    private final String groupId;
    private final String outputTopic;
    private final String indexPrefix;
    private final Map<String, String> inputTopics;
    private final Duration checkpointInterval;
    private final Duration alignmentMaxDrift;
    private final Duration alignmentUpdateInterval;

    private OrderMetricsSql(Builder b) {
        this.bootstrapServers = require(b.bootstrapServers, "bootstrapServers");
        this.registryUrl = require(b.registryUrl, "registryUrl");
        this.elasticsearchHosts = require(b.elasticsearchHosts, "elasticsearchHosts");
        this.groupId = require(b.groupId, "groupId");
        this.outputTopic = require(b.outputTopic, "outputTopic");
        this.indexPrefix = require(b.indexPrefix, "indexPrefix");
        this.inputTopics = Map.copyOf(b.inputTopics);
        this.checkpointInterval = Objects.requireNonNull(b.checkpointInterval, "checkpointInterval");
        if (checkpointInterval.isNegative() || checkpointInterval.isZero()) {
            throw new IllegalArgumentException("checkpointInterval must be > 0, got " + checkpointInterval);
        }
        this.alignmentMaxDrift = Objects.requireNonNull(b.alignmentMaxDrift, "alignmentMaxDrift");
        this.alignmentUpdateInterval = Objects.requireNonNull(b.alignmentUpdateInterval, "alignmentUpdateInterval");
        if (alignmentMaxDrift.isNegative() || alignmentUpdateInterval.isNegative() || alignmentUpdateInterval.isZero()) {
            throw new IllegalArgumentException("alignment needs a max drift >= 0 and an update interval > 0, got "
                    + alignmentMaxDrift + " and " + alignmentUpdateInterval);
        }
        // Elasticsearch's rules for index names, checked here rather than at the first bulk request.
        if (!indexPrefix.equals(indexPrefix.toLowerCase()) || indexPrefix.matches(".*[\\s,\"*\\\\/<>|?#{}].*")) {
            throw new IllegalArgumentException("indexPrefix must be a lower-case Elasticsearch index name, got '"
                    + indexPrefix + "'");
        }
        ElasticsearchSettings.builder().hosts(elasticsearchHosts); // validates http(s)://host:port[,...]
    }

    public static Builder builder() {
        return new Builder();
    }

    @Override
    public void run() throws Exception {
        ElasticsearchSettings elasticsearch = ElasticsearchSettings.builder().hosts(elasticsearchHosts).build();
        // As the job does at start: the metrics-* template gives the peer's indices the job's mapping.
        IndexTemplates.installAll(elasticsearch);
        registerOutputSchema();

        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        if (!env.getCheckpointConfig().isCheckpointingEnabled()) {
            // The exactly-once Kafka sink commits on checkpoints, as the job's does.
            env.enableCheckpointing(checkpointInterval.toMillis());
        }
        StreamTableEnvironment tables = StreamTableEnvironment.create(env);
        // Window bounds and emitted_time are UTC, as the job's Instants are.
        tables.getConfig().set("table.local-time-zone", "UTC");
        tables.executeSql(source("orders", Topics.ORDERS, Order.getClassSchema(), """
                event_id STRING NOT NULL, event_time TIMESTAMP(3) NOT NULL, order_id STRING NOT NULL,
                user_id STRING NOT NULL, status STRING NOT NULL,
                items ARRAY<ROW<sku STRING NOT NULL, category STRING NOT NULL, quantity INT NOT NULL,
                                unit_price BIGINT NOT NULL> NOT NULL> NOT NULL,
                amount BIGINT NOT NULL, currency STRING NOT NULL, shipping_country STRING NOT NULL"""));
        tables.executeSql(source("payments", Topics.PAYMENTS, Payment.getClassSchema(), """
                event_id STRING NOT NULL, event_time TIMESTAMP(3) NOT NULL, payment_id STRING NOT NULL,
                order_id STRING NOT NULL, user_id STRING NOT NULL, status STRING NOT NULL, failure_reason STRING,
                card_fingerprint STRING NOT NULL, amount BIGINT NOT NULL, currency STRING NOT NULL"""));
        tables.executeSql(source("user_events", Topics.USER_EVENTS, UserEvent.getClassSchema(), """
                event_id STRING NOT NULL, event_time TIMESTAMP(3) NOT NULL, user_id STRING NOT NULL,
                type STRING NOT NULL, ip STRING NOT NULL, country STRING NOT NULL, device_id STRING NOT NULL"""));
        tables.executeSql("""
                CREATE TEMPORARY VIEW order_items AS
                SELECT o.event_time, o.order_id, o.currency, o.shipping_country, i.category,
                       CAST(i.quantity AS BIGINT) * i.unit_price AS revenue
                FROM orders AS o CROSS JOIN UNNEST(o.items) AS i (sku, category, quantity, unit_price)
                WHERE o.status = 'CREATED'""");
        tables.executeSql("""
                CREATE TEMPORARY VIEW order_figures AS
                SELECT window_start, window_end, shipping_country AS country, currency,
                       COUNT(*) AS order_count, SUM(amount) AS revenue, AVG(CAST(amount AS DOUBLE)) AS avg_basket
                FROM TABLE(TUMBLE(TABLE orders, DESCRIPTOR(event_time), INTERVAL '1' MINUTE))
                WHERE status = 'CREATED'
                GROUP BY window_start, window_end, shipping_country, currency""");
        tables.executeSql("""
                CREATE TEMPORARY VIEW category_figures AS
                SELECT window_start, window_end, shipping_country AS country, currency, category,
                       COUNT(DISTINCT order_id) AS order_count, SUM(revenue) AS revenue
                FROM TABLE(TUMBLE(TABLE order_items, DESCRIPTOR(event_time), INTERVAL '1' MINUTE))
                GROUP BY window_start, window_end, shipping_country, currency, category""");
        tables.executeSql("""
                CREATE TEMPORARY VIEW payment_figures AS
                SELECT window_start, window_end, authorized, failed,
                       CAST(authorized AS DOUBLE) / NULLIF(authorized + failed, 0) AS authorization_rate,
                       CAST(failed AS DOUBLE) / NULLIF(authorized + failed, 0) AS failure_rate
                FROM (
                  SELECT window_start, window_end,
                         COUNT(*) FILTER (WHERE status = 'AUTHORIZED') AS authorized,
                         COUNT(*) FILTER (WHERE status = 'FAILED') AS failed
                  FROM TABLE(TUMBLE(TABLE payments, DESCRIPTOR(event_time), INTERVAL '1' MINUTE))
                  GROUP BY window_start, window_end)""");
        tables.executeSql("""
                CREATE TEMPORARY VIEW active_user_figures AS
                SELECT window_start, window_end, COUNT(DISTINCT user_id) AS active_users
                FROM TABLE(TUMBLE(TABLE user_events, DESCRIPTOR(event_time), INTERVAL '1' MINUTE))
                GROUP BY window_start, window_end""");
        // One CommerceMetric row per (window, dimensions), ids as the job's MetricIds builds them ("-" for the
        // category of the all-categories row); both sinks read this one view, so each figure is computed once.
        tables.executeSql("CREATE TEMPORARY VIEW metrics AS\n" + String.join("\nUNION ALL\n",
                metricRows("orders", "order_figures", List.of("country", "CAST(NULL AS STRING)", "currency"),
                        Map.of("country", "country", "currency", "currency", "order_count", "order_count",
                                "revenue", "revenue", "avg_basket", "avg_basket")),
                metricRows("orders", "category_figures", List.of("country", "category", "currency"),
                        Map.of("country", "country", "category", "category", "currency", "currency",
                                "order_count", "order_count", "revenue", "revenue",
                                "avg_basket", "CAST(revenue AS DOUBLE) / order_count")),
                metricRows("payments", "payment_figures", List.of(),
                        Map.of("payments_authorized", "authorized", "payments_failed", "failed",
                                "authorization_rate", "authorization_rate", "failure_rate", "failure_rate")),
                metricRows("active_users", "active_user_figures", List.of(),
                        Map.of("active_users", "active_users"))));
        tables.executeSql(kafkaSink());
        tables.executeSql(elasticsearchSink());

        StatementSet statements = tables.createStatementSet();
        statements.addInsertSql("INSERT INTO kafka_metrics SELECT * FROM metrics");
        statements.addInsertSql("INSERT INTO elasticsearch_metrics SELECT * FROM metrics");
        statements.execute().await();
    }

    /**
     * A topic as a table. The Avro schema is given explicitly (the registered one): Flink would otherwise derive a
     * reader schema from the columns, with a string where the writer has an enum, which Avro cannot resolve.
     */
    private String source(String table, TopicSpec topic, Schema schema, String columns) {
        return """
                CREATE TEMPORARY TABLE %s (
                  %s,
                  WATERMARK FOR event_time AS event_time - INTERVAL '5' SECOND
                ) WITH (
                  'connector' = 'kafka',
                  'topic' = '%s',
                  'properties.bootstrap.servers' = '%s',
                  'properties.group.id' = '%s',
                  'scan.startup.mode' = 'earliest-offset',
                  'scan.watermark.idle-timeout' = '%s',%s
                  'format' = 'avro-confluent',
                  'avro-confluent.url' = '%s',
                  'avro-confluent.schema' = '%s'
                )""".formatted(table, columns, inputTopics.getOrDefault(topic.name(), topic.name()),
                bootstrapServers, groupId, millis(IDLE_TIMEOUT), alignment(), registryUrl, literal(schema.toString()));
    }

    /** As the jobs' KafkaInput: the three event streams in one alignment group, unless alignment is off. */
    private String alignment() {
        if (alignmentMaxDrift.isZero()) {
            return "";
        }
        return """

                  'scan.watermark.alignment.group' = '%s',
                  'scan.watermark.alignment.max-drift' = '%s',
                  'scan.watermark.alignment.update-interval' = '%s',""".formatted(
                groupId + "-event-streams", millis(alignmentMaxDrift), millis(alignmentUpdateInterval));
    }

    private static String millis(Duration d) {
        return d.toMillis() + " ms";
    }

    /**
     * As the job's KafkaOutput: key metric_id (UTF-8), value CommerceMetric through the registry under
     * {@code <topic>-value}, exactly once with transactional ids {@code <prefix>-<topic>}, the record stamped when
     * written (no timestamp column), the job's transaction timeout (CommonKeys' default, 15 min).
     */
    private String kafkaSink() {
        return """
                CREATE TEMPORARY TABLE kafka_metrics (
                  %s
                ) WITH (
                  'connector' = 'kafka',
                  'topic' = '%s',
                  'properties.bootstrap.servers' = '%s',
                  'properties.transaction.timeout.ms' = '%d',
                  'key.format' = 'raw',
                  'key.fields' = 'metric_id',
                  'value.format' = 'avro-confluent',
                  'value.avro-confluent.url' = '%s',
                  'value.avro-confluent.subject' = '%s',
                  'value.avro-confluent.schema' = '%s',
                  'value.fields-include' = 'ALL',
                  'sink.delivery-guarantee' = 'exactly-once',
                  'sink.transactional-id-prefix' = '%s'
                )""".formatted(columnList(), outputTopic, bootstrapServers, Duration.ofMinutes(15).toMillis(),
                registryUrl, outputTopic + "-value", literal(CommerceMetric.getClassSchema().toString()),
                groupId + "-" + outputTopic);
    }

    /**
     * As the job's Elasticsearch sink (sinks' ElasticsearchSettings defaults): bulks of 1,000 actions or 1 s,
     * exponential backoff 8 x 200 ms, flushed on checkpoints; the id as document id (an upsert of the same
     * document on replay); ISO-8601 times and no null fields, as the job's documents.
     */
    private String elasticsearchSink() {
        return """
                CREATE TEMPORARY TABLE elasticsearch_metrics (
                  %s,
                  PRIMARY KEY (metric_id) NOT ENFORCED
                ) WITH (
                  'connector' = 'elasticsearch-7',
                  'hosts' = '%s',
                  'index' = '%s{window_start|yyyy.MM.dd}',
                  'sink.flush-on-checkpoint' = 'true',
                  'sink.bulk-flush.max-actions' = '1000',
                  'sink.bulk-flush.interval' = '1 s',
                  'sink.bulk-flush.backoff.strategy' = 'EXPONENTIAL',
                  'sink.bulk-flush.backoff.max-retries' = '8',
                  'sink.bulk-flush.backoff.delay' = '200 ms',
                  'format' = 'json',
                  'json.timestamp-format.standard' = 'ISO-8601',
                  'json.encode.ignore-null-fields' = 'true'
                )""".formatted(columnList(), literal(elasticsearchHosts.replace(',', ';')), literal(indexPrefix));
    }

    /**
     * Registers the output schema once before the job starts: parallel sink subtasks registering the same first
     * schema together lose a race against Apicurio (see events' RetryingFirstRegistration); then they only look
     * up its id. Through the registry serializer the job uses, on a throwaway record.
     */
    private void registerOutputSchema() {
        TopicSpec output = new TopicSpec(outputTopic, Topics.COMMERCE_METRICS.partitions(), false,
                Topics.COMMERCE_METRICS.retention(), CommerceMetric.getClassSchema(), "metric_id",
                "the SQL peer's metrics");
        SerializationSchema<CommerceMetric> serializer =
                new RegistrySerdes(registryUrl, new HashMap<>()).serializer(CommerceMetric.class, output);
        Instant epoch = Instant.EPOCH;
        serializer.serialize(CommerceMetric.newBuilder().setMetricId("schema-registration").setMetric("none")
                .setWindowStart(epoch).setWindowEnd(epoch).setEmittedTime(epoch).build());
    }

    /** One metric's rows in the sink's column order; the columns a metric does not set are NULL. */
    static String metricRows(String metric, String view, List<String> idDimensions, Map<String, String> set) {
        StringJoiner id = new StringJoiner(" || ':' || ");
        id.add("'" + metric + "'").add(ID_TIME);
        idDimensions.forEach(d -> id.add("COALESCE(" + d + ", '-')"));
        Map<String, String> values = new LinkedHashMap<>();
        values.put("metric_id", id.toString());
        values.put("metric", "'" + metric + "'");
        values.put("window_start", "window_start");
        values.put("window_end", "window_end");
        values.putAll(set);
        // No SQL aggregate for them (see the class comment): empty, as the job's default.
        values.put("top_failure_reasons", "ARRAY_REMOVE(ARRAY[''], '')");
        values.put("update_count", "1");
        values.put("emitted_time", "CAST(CURRENT_TIMESTAMP AS TIMESTAMP(3))");
        StringJoiner select = new StringJoiner(", ", "SELECT ", " FROM " + view);
        // Cast to the nullable type: the sink checks NOT NULL columns itself (table.exec.sink.not-null-enforcer).
        METRIC_COLUMNS.forEach((column, type) -> select.add("CAST(" + values.getOrDefault(column, "NULL") + " AS "
                + type.replace(" NOT NULL", "") + ") AS " + column));
        return select.toString();
    }

    private static String columnList() {
        StringJoiner list = new StringJoiner(",\n  ");
        METRIC_COLUMNS.forEach((column, type) -> list.add(column + " " + type));
        return list.toString();
    }

    private static Map<String, String> columns(String... nameTypePairs) {
        Map<String, String> columns = new LinkedHashMap<>();
        for (int i = 0; i < nameTypePairs.length; i += 2) {
            columns.put(nameTypePairs[i], nameTypePairs[i + 1]);
        }
        return columns;
    }

    private static String literal(String text) {
        return text.replace("'", "''");
    }

    private static String require(String value, String name) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(name + " must not be blank");
        }
        return value;
    }

    public static final class Builder {
        private String bootstrapServers;
        private String registryUrl;
        private String elasticsearchHosts;
        private String groupId;
        private String outputTopic;
        private String indexPrefix;
        private final Map<String, String> inputTopics = new HashMap<>();
        private Duration checkpointInterval = DEFAULT_CHECKPOINT_INTERVAL;
        private Duration alignmentMaxDrift = CommonKeys.WATERMARK_ALIGNMENT_MAX_DRIFT.defaultValue().orElseThrow();
        private Duration alignmentUpdateInterval =
                CommonKeys.WATERMARK_ALIGNMENT_UPDATE_INTERVAL.defaultValue().orElseThrow();

        private Builder() {}

        public Builder bootstrapServers(String bootstrapServers) {
            this.bootstrapServers = bootstrapServers;
            return this;
        }

        public Builder registryUrl(String registryUrl) {
            this.registryUrl = registryUrl;
            return this;
        }

        /** Comma-separated {@code http(s)://host:port}, as the jobs' {@code elasticsearch.hosts}. */
        public Builder elasticsearchHosts(String elasticsearchHosts) {
            this.elasticsearchHosts = elasticsearchHosts;
            return this;
        }

        /** The consumer group, and the transactional id prefix (as the jobs' default both to one name). */
        public Builder groupId(String groupId) {
            this.groupId = groupId;
            return this;
        }

        /** The topic it writes its metrics to; must exist, laid out as commerce-metrics. */
        public Builder outputTopic(String outputTopic) {
            this.outputTopic = outputTopic;
            return this;
        }

        /** Daily indices {@code <prefix>yyyy.MM.dd}; under {@code metrics-} for the job's mapping. */
        public Builder indexPrefix(String indexPrefix) {
            this.indexPrefix = indexPrefix;
            return this;
        }

        /** Reads {@code actual} instead of the catalogue topic (the jobs' {@code topic.<name>}). */
        public Builder inputTopic(TopicSpec topic, String actual) {
            if (!INPUTS.contains(topic)) {
                throw new IllegalArgumentException(topic.name() + " is not an input of the peer; inputs: "
                        + INPUTS.stream().map(TopicSpec::name).toList());
            }
            this.inputTopics.put(topic.name(), require(actual, "topic " + topic.name()));
            return this;
        }

        /** Used when the cluster configuration enables no checkpointing; default 10 s, as the job's. */
        public Builder checkpointInterval(Duration checkpointInterval) {
            this.checkpointInterval = checkpointInterval;
            return this;
        }

        /**
         * Watermark alignment of the three topics, as the jobs' {@code source.watermark-alignment.max-drift} and
         * {@code .update-interval} (defaults theirs: 10 min, 1 s); a max drift of zero turns it off.
         */
        public Builder alignment(Duration maxDrift, Duration updateInterval) {
            this.alignmentMaxDrift = maxDrift;
            this.alignmentUpdateInterval = updateInterval;
            return this;
        }

        public OrderMetricsSql build() {
            return new OrderMetricsSql(this);
        }
    }
}
