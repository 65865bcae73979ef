package io.infometis.streams.reliability.faults;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.infometis.streams.events.CommerceMetric;
import io.infometis.streams.events.Order;
import io.infometis.streams.events.OrderItem;
import io.infometis.streams.events.OrderStatus;
import io.infometis.streams.events.Payment;
import io.infometis.streams.events.PaymentStatus;
import io.infometis.streams.events.UserEvent;
import io.infometis.streams.generator.GeneratedRecord;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.apache.flink.api.common.serialization.DeserializationSchema;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * What the commerce-metrics job must have produced for the generated traffic, and what it did produce: its
 * committed output (read_committed) by (metric id, update count), its dead letters, its {@code metrics-*}
 * documents. The expected figures are recomputed here from the generator's good records with the job's
 * documented definitions (docs/jobs/commerce-metrics.md: 1-min tumbling windows; an order counts once, by its
 * CREATED event, per (country, category) and per country over all; payment attempts authorized/failed; distinct
 * active users), compared as a figure signature: order count, revenue, authorized, failed, active users.
 */
record MetricsObserved(Map<String, Integer> recordsByIdAndUpdate, Map<String, CommerceMetric> newestById,
                       Map<String, Integer> lettersPerKey, Map<String, JsonNode> documents) {

    static final long WINDOW_MS = Duration.ofMinutes(1).toMillis();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    static MetricsObserved read(String bootstrapServers, String elasticsearchUrl,
            DeserializationSchema<CommerceMetric> avro) {
        Map<String, CommerceMetric> newest = new HashMap<>();
        Function<ConsumerRecord<byte[], byte[]>, String> idAndUpdate = r -> {
            try {
                CommerceMetric m = avro.deserialize(r.value());
                newest.merge(m.getMetricId(), m, (a, b) -> b.getUpdateCount() >= a.getUpdateCount() ? b : a);
                return m.getMetricId() + "#" + m.getUpdateCount();
            } catch (IOException | RuntimeException e) {
                return "<undecodable at " + r.partition() + "/" + r.offset() + ">";
            }
        };
        Function<ConsumerRecord<byte[], byte[]>, String> key =
                r -> r.key() == null ? "<null>" : new String(r.key(), StandardCharsets.UTF_8);
        Map<String, Integer> records = Observed.count(bootstrapServers, GeneratedTraffic.METRICS_OUTPUT, idAndUpdate);
        return new MetricsObserved(records, newest, Observed.count(bootstrapServers, GeneratedTraffic.METRICS_DLQ, key),
                documents(elasticsearchUrl));
    }

    static Map<String, JsonNode> documents(String elasticsearchUrl) {
        return Documents.all(elasticsearchUrl, "metrics-*");
    }

    /** Expected figure signature per metric id, for every window of the run; and the window end per id. */
    record Expected(Map<String, String> signatureById, Map<String, Long> windowEndById) {

        static Expected of(Iterable<GeneratedRecord> goodRecords) {
            Map<String, long[]> figures = new HashMap<>();   // order count, revenue, authorized, failed
            Map<String, Set<String>> users = new HashMap<>();
            Map<String, Long> windowEnd = new HashMap<>();
            for (GeneratedRecord r : goodRecords) {
                long start = Math.floorDiv(r.eventTime(), WINDOW_MS) * WINDOW_MS;
                String at = Instant.ofEpochMilli(start).toString();
                if (r.value() instanceof Order o && o.getStatus() == OrderStatus.CREATED) {
                    Map<String, Long> revenueByCategory = new HashMap<>();
                    for (OrderItem item : o.getItems()) {
                        revenueByCategory.merge(item.getCategory(), item.getQuantity() * item.getUnitPrice(),
                                Long::sum);
                    }
                    String country = o.getShippingCountry();
                    String currency = o.getCurrency();
                    revenueByCategory.forEach((category, revenue) ->
                            add(figures, windowEnd, "orders:" + at + ":" + country + ":" + category + ":" + currency,
                                    start, 1, revenue, 0, 0));
                    add(figures, windowEnd, "orders:" + at + ":" + country + ":_all:" + currency, start, 1,
                            o.getAmount(), 0, 0);
                    add(figures, windowEnd, "order_amount_percentiles:" + at + ":" + currency, start, 1,
                            Long.MIN_VALUE, 0, 0);
                } else if (r.value() instanceof Payment p) {
                    add(figures, windowEnd, "payments:" + at, start, Long.MIN_VALUE, Long.MIN_VALUE,
                            p.getStatus() == PaymentStatus.AUTHORIZED ? 1 : 0,
                            p.getStatus() == PaymentStatus.FAILED ? 1 : 0);
                } else if (r.value() instanceof UserEvent e) {
                    String id = "active_users:" + at;
                    users.computeIfAbsent(id, k -> new LinkedHashSet<>()).add(e.getUserId());
                    windowEnd.put(id, start + WINDOW_MS);
                }
            }
            Map<String, String> signatures = new HashMap<>();
            figures.forEach((id, f) -> signatures.put(id, signature(
                    f[0] == Long.MIN_VALUE ? null : f[0], f[1] == Long.MIN_VALUE ? null : f[1],
                    id.startsWith("payments:") ? f[2] : null, id.startsWith("payments:") ? f[3] : null, null)));
            users.forEach((id, u) -> signatures.put(id, signature(null, null, null, null, (long) u.size())));
            return new Expected(signatures, windowEnd);
        }

        /** Long.MIN_VALUE marks a figure the metric does not have. */
        private static void add(Map<String, long[]> figures, Map<String, Long> windowEnd, String id, long start,
                long orders, long revenue, long authorized, long failed) {
            long[] f = figures.computeIfAbsent(id, k -> new long[] {Long.MIN_VALUE, Long.MIN_VALUE, 0, 0});
            if (orders != Long.MIN_VALUE) {
                f[0] = (f[0] == Long.MIN_VALUE ? 0 : f[0]) + orders;
            }
            if (revenue != Long.MIN_VALUE) {
                f[1] = (f[1] == Long.MIN_VALUE ? 0 : f[1]) + revenue;
            }
            f[2] += authorized;
            f[3] += failed;
            windowEnd.put(id, start + WINDOW_MS);
        }
    }

    static String signature(Long orders, Long revenue, Long authorized, Long failed, Long activeUsers) {
        return "orders=" + orders + " revenue=" + revenue + " authorized=" + authorized + " failed=" + failed
                + " active=" + activeUsers;
    }

    static String signature(CommerceMetric m) {
        return signature(m.getOrderCount(), m.getRevenue(), m.getPaymentsAuthorized(), m.getPaymentsFailed(),
                m.getActiveUsers());
    }

    static String signature(JsonNode doc) {
        return signature(number(doc, "order_count"), number(doc, "revenue"), number(doc, "payments_authorized"),
                number(doc, "payments_failed"), number(doc, "active_users"));
    }

    private static Long number(JsonNode doc, String field) {
        return doc.hasNonNull(field) ? doc.get(field).asLong() : null;
    }

    /**
     * Lost: a due metric missing. Duplicates: one (metric id, update count) committed twice. Unexpected: a metric
     * no window of the run has, or a due one whose newest committed figures are not the expected ones (an event
     * lost or counted twice). Documents: one per committed metric id, with the newest committed figures.
     */
    Observed.Verdict against(GeneratedTraffic traffic, Expected expected) {
        long dueBefore = traffic.dueBefore();
        Set<String> due = new HashSet<>();
        expected.windowEndById().forEach((id, end) -> {
            if (end <= dueBefore) {
                due.add(id);
            }
        });
        int lost = (int) due.stream().filter(id -> !newestById.containsKey(id)).count();
        int duplicates = recordsByIdAndUpdate.values().stream().mapToInt(n -> Math.max(0, n - 1)).sum();
        int unexpected = 0;
        for (Map.Entry<String, CommerceMetric> e : newestById.entrySet()) {
            String want = expected.signatureById().get(e.getKey());
            if (want == null || (due.contains(e.getKey()) && !want.equals(signature(e.getValue())))) {
                unexpected++;
            }
        }
        unexpected += (int) recordsByIdAndUpdate.keySet().stream().filter(k -> k.startsWith("<undecodable")).count();

        GeneratedTraffic.Letters tally = traffic.letters(lettersPerKey);
        int lettersLost = tally.lost();
        int letterDuplicates = tally.duplicates();
        int unexpectedLetters = tally.unexpected();

        int missingDocs = (int) newestById.keySet().stream().filter(id -> !documents.containsKey(id)).count();
        int extraDocs = (int) documents.keySet().stream().filter(id -> !newestById.containsKey(id)).count();
        int staleDocs = 0;
        for (Map.Entry<String, CommerceMetric> e : newestById.entrySet()) {
            JsonNode doc = documents.get(e.getKey());
            if (doc != null && (!signature(e.getValue()).equals(signature(doc))
                    || doc.path("update_count").asInt() != e.getValue().getUpdateCount())) {
                staleDocs++;
            }
        }
        int outputRecords = recordsByIdAndUpdate.values().stream().mapToInt(Integer::intValue).sum();
        int letters = lettersPerKey.values().stream().mapToInt(Integer::intValue).sum();
        return new Observed.Verdict(due.size(), traffic.badKeysSent().size(),
                outputRecords, letters, documents.size(), lost, duplicates, unexpected, lettersLost,
                letterDuplicates, unexpectedLetters, missingDocs + extraDocs, staleDocs);
    }
}
