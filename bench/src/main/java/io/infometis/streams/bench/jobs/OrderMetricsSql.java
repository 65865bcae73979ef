package io.infometis.streams.bench.jobs;

import io.infometis.streams.events.Order;
import io.infometis.streams.events.Topics;
import java.util.Objects;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.table.api.StatementSet;
import org.apache.flink.table.api.bridge.java.StreamTableEnvironment;

/**
 * The Flink SQL peer of the commerce-metrics job: the same per-minute order figures (orders, revenue and average
 * basket per country and currency, event-time tumbling windows, 5 s out-of-orderness as the jobs' default) over
 * the same {@code orders} topic, written in SQL so the DataStream job can be compared with what the planner makes
 * of it. Results go to a blackhole sink: a few rows per minute of event time, so writing them costs nothing
 * next to reading and aggregating the backlog.
 */
public final class OrderMetricsSql implements JobLauncher {

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
        tables.executeSql(ordersTable());
        tables.executeSql("""
                CREATE TABLE order_figures (
                  window_start TIMESTAMP(3), window_end TIMESTAMP(3), country STRING, currency STRING,
                  order_count BIGINT, revenue BIGINT, avg_basket DOUBLE
                ) WITH ('connector' = 'blackhole')""");
        StatementSet statements = tables.createStatementSet();
        statements.addInsertSql("""
                INSERT INTO order_figures
                SELECT window_start, window_end, shipping_country, currency,
                       COUNT(*), SUM(amount), AVG(CAST(amount AS DOUBLE))
                FROM TABLE(TUMBLE(TABLE orders, DESCRIPTOR(event_time), INTERVAL '1' MINUTE))
                WHERE status = 'CREATED'
                GROUP BY window_start, window_end, shipping_country, currency""");
        statements.execute().await();
    }

    /**
     * The orders topic as a table. The Avro schema is given explicitly (the registered one): Flink would otherwise
     * derive a reader schema from the columns, with a string where the writer has an enum, which Avro cannot resolve.
     */
    String ordersTable() {
        return """
                CREATE TABLE orders (
                  event_id STRING NOT NULL,
                  event_time TIMESTAMP(3) NOT NULL,
                  order_id STRING NOT NULL,
                  user_id STRING NOT NULL,
                  status STRING NOT NULL,
                  items ARRAY<ROW<sku STRING NOT NULL, category STRING NOT NULL, quantity INT NOT NULL,
                                  unit_price BIGINT NOT NULL> NOT NULL> NOT NULL,
                  amount BIGINT NOT NULL,
                  currency STRING NOT NULL,
                  shipping_country STRING NOT NULL,
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
                )""".formatted(Topics.ORDERS.name(), bootstrapServers, groupId, registryUrl,
                Order.getClassSchema().toString().replace("'", "''"));
    }
}
