package io.infometis.streams.bench.jobs;

import io.infometis.streams.events.Order;
import io.infometis.streams.events.Payment;
import io.infometis.streams.events.TopicSpec;
import io.infometis.streams.events.Topics;
import io.infometis.streams.events.UserEvent;
import java.util.List;
import java.util.Objects;
import org.apache.avro.Schema;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.table.api.StatementSet;
import org.apache.flink.table.api.bridge.java.StreamTableEnvironment;

/**
 * The Flink SQL peer of the commerce-metrics job: the same per-minute figures over the same three topics, in
 * event-time tumbling windows with the jobs' default 5 s out-of-orderness. Orders (CREATED only) per currency and
 * country, and per currency, country and category (revenue of that category's items); payments authorized and
 * failed with their rates; distinct active users. What it leaves out, and the job computes: amount percentiles and
 * top failure reasons (no built-in SQL aggregate), allowed lateness and late-event dead letters. Results go to a
 * blackhole sink: a few rows per minute of event time, so writing them costs nothing next to reading and
 * aggregating the backlog.
 */
public final class OrderMetricsSql implements JobLauncher {

    /** The topics it reads, as the metrics job does. */
    public static final List<TopicSpec> INPUTS = List.of(Topics.ORDERS, Topics.PAYMENTS, Topics.USER_EVENTS);

    private final String bootstrapServers;
    private final String registryUrl;
    private final String groupId;

    public OrderMetricsSql(String bootstrapServers, String registryUrl, String groupId) {
        this.bootstrapServers = Objects.requireNonNull(bootstrapServers, "bootstrapServers");
        this.registryUrl = Objects.requireNonNull(registryUrl, "registryUrl");
        this.groupId = Objects.requireNonNull(groupId, "groupId");
    }

    @Override
    public void run() throws Exception {
        StreamTableEnvironment tables = StreamTableEnvironment.create(StreamExecutionEnvironment.getExecutionEnvironment());
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
        sink(tables, "order_figures", "country STRING, currency STRING, order_count BIGINT, revenue BIGINT, "
                + "avg_basket DOUBLE");
        sink(tables, "category_figures", "country STRING, currency STRING, category STRING, order_count BIGINT, "
                + "revenue BIGINT");
        sink(tables, "payment_figures", "authorized BIGINT, failed BIGINT, authorization_rate DOUBLE, "
                + "failure_rate DOUBLE");
        sink(tables, "active_user_figures", "active_users BIGINT");

        StatementSet statements = tables.createStatementSet();
        statements.addInsertSql("""
                INSERT INTO order_figures
                SELECT window_start, window_end, shipping_country, currency,
                       COUNT(*), SUM(amount), AVG(CAST(amount AS DOUBLE))
                FROM TABLE(TUMBLE(TABLE orders, DESCRIPTOR(event_time), INTERVAL '1' MINUTE))
                WHERE status = 'CREATED'
                GROUP BY window_start, window_end, shipping_country, currency""");
        statements.addInsertSql("""
                INSERT INTO category_figures
                SELECT window_start, window_end, shipping_country, currency, category,
                       COUNT(DISTINCT order_id), SUM(revenue)
                FROM TABLE(TUMBLE(TABLE order_items, DESCRIPTOR(event_time), INTERVAL '1' MINUTE))
                GROUP BY window_start, window_end, shipping_country, currency, category""");
        statements.addInsertSql("""
                INSERT INTO payment_figures
                SELECT window_start, window_end, authorized, failed,
                       CAST(authorized AS DOUBLE) / NULLIF(authorized + failed, 0),
                       CAST(failed AS DOUBLE) / NULLIF(authorized + failed, 0)
                FROM (
                  SELECT window_start, window_end,
                         COUNT(*) FILTER (WHERE status = 'AUTHORIZED') AS authorized,
                         COUNT(*) FILTER (WHERE status = 'FAILED') AS failed
                  FROM TABLE(TUMBLE(TABLE payments, DESCRIPTOR(event_time), INTERVAL '1' MINUTE))
                  GROUP BY window_start, window_end)""");
        statements.addInsertSql("""
                INSERT INTO active_user_figures
                SELECT window_start, window_end, COUNT(DISTINCT user_id)
                FROM TABLE(TUMBLE(TABLE user_events, DESCRIPTOR(event_time), INTERVAL '1' MINUTE))
                GROUP BY window_start, window_end""");
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
                  'format' = 'avro-confluent',
                  'avro-confluent.url' = '%s',
                  'avro-confluent.schema' = '%s'
                )""".formatted(table, columns, topic.name(), bootstrapServers, groupId, registryUrl,
                schema.toString().replace("'", "''"));
    }

    private static void sink(StreamTableEnvironment tables, String name, String columns) {
        tables.executeSql("CREATE TEMPORARY TABLE " + name + " (window_start TIMESTAMP(3), window_end TIMESTAMP(3), "
                + columns + ") WITH ('connector' = 'blackhole')");
    }
}
