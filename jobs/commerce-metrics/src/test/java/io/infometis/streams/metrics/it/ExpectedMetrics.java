package io.infometis.streams.metrics.it;

import io.infometis.streams.events.Order;
import io.infometis.streams.events.OrderItem;
import io.infometis.streams.events.OrderStatus;
import io.infometis.streams.events.Payment;
import io.infometis.streams.events.PaymentStatus;
import io.infometis.streams.events.UserEvent;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The figures the job should produce, computed here from the generator's records with plain collections and
 * nothing of the job's code: per window, keyed by the metric id, the fields as Elasticsearch should hold them.
 */
final class ExpectedMetrics {

    private final long windowMs;
    private final Map<String, Map<String, Object>> byId = new TreeMap<>();
    private final Map<String, Set<String>> ordersPerCell = new HashMap<>();
    private final Map<String, List<Long>> amounts = new HashMap<>();
    private final Map<String, Map<String, Long>> reasons = new HashMap<>();
    private final Map<String, Set<String>> users = new HashMap<>();

    ExpectedMetrics(long windowMs) {
        this.windowMs = windowMs;
    }

    void add(Object event) {
        if (event instanceof Order o && o.getStatus() == OrderStatus.CREATED) {
            long w = windowStart(o.getEventTime());
            Map<String, Long> perCategory = new HashMap<>();
            for (OrderItem item : o.getItems()) {
                perCategory.merge(item.getCategory(), item.getQuantity() * item.getUnitPrice(), Long::sum);
            }
            perCategory.forEach((category, revenue) -> orderCell(w, o, category, revenue));
            orderCell(w, o, "_all", o.getAmount());
            amounts.computeIfAbsent(id("order_amount_percentiles", w, o.getCurrency()), k -> new ArrayList<>())
                    .add(o.getAmount());
        } else if (event instanceof Payment p) {
            long w = windowStart(p.getEventTime());
            Map<String, Object> doc = byId.computeIfAbsent(id("payments", w), k -> base("payments", w));
            if (p.getStatus() == PaymentStatus.AUTHORIZED) {
                doc.merge("payments_authorized", 1L, (a, b) -> (Long) a + (Long) b);
            } else if (p.getStatus() == PaymentStatus.FAILED) {
                doc.merge("payments_failed", 1L, (a, b) -> (Long) a + (Long) b);
                reasons.computeIfAbsent(id("payments", w), k -> new HashMap<>())
                        .merge(p.getFailureReason() == null ? "UNKNOWN" : p.getFailureReason(), 1L, Long::sum);
            }
        } else if (event instanceof UserEvent e) {
            long w = windowStart(e.getEventTime());
            users.computeIfAbsent(id("active_users", w), k -> new HashSet<>()).add(e.getUserId());
            byId.computeIfAbsent(id("active_users", w), k -> base("active_users", w));
        }
    }

    /** Every expected document of the windows that end at or before {@code closedBefore}. */
    Map<String, Map<String, Object>> documents(long closedBefore, int topReasons) {
        Map<String, Map<String, Object>> out = new TreeMap<>();
        byId.forEach((id, doc) -> {
            long start = Instant.parse((String) doc.get("window_start")).toEpochMilli();
            if (start + windowMs > closedBefore) {
                return;
            }
            Map<String, Object> d = new TreeMap<>(doc);
            switch ((String) d.get("metric")) {
                case "orders" -> {
                    long count = ordersPerCell.get(id).size();
                    d.put("order_count", count);
                    d.put("avg_basket", (double) (Long) d.get("revenue") / count);
                }
                case "order_amount_percentiles" -> {
                    List<Long> sorted = new ArrayList<>(amounts.get(id));
                    sorted.sort(Comparator.naturalOrder());
                    d.put("order_count", (long) sorted.size());
                    d.put("amount_p50", (double) sorted.get((int) Math.ceil(0.50 * sorted.size()) - 1));
                    d.put("amount_p95", (double) sorted.get((int) Math.ceil(0.95 * sorted.size()) - 1));
                }
                case "payments" -> {
                    long ok = (Long) d.getOrDefault("payments_authorized", 0L);
                    long failed = (Long) d.getOrDefault("payments_failed", 0L);
                    d.put("payments_authorized", ok);
                    d.put("payments_failed", failed);
                    if (ok + failed > 0) {
                        d.put("authorization_rate", (double) ok / (ok + failed));
                        d.put("failure_rate", (double) failed / (ok + failed));
                    }
                    Map<String, Long> r = reasons.getOrDefault(id, Map.of());
                    List<String> top = r.entrySet().stream()
                            .sorted(Map.Entry.<String, Long>comparingByValue().reversed()
                                    .thenComparing(Map.Entry.comparingByKey()))
                            .limit(topReasons).map(Map.Entry::getKey).toList();
                    if (!top.isEmpty()) {
                        d.put("top_failure_reasons", top);
                    }
                }
                case "active_users" -> d.put("active_users", (long) users.get(id).size());
                default -> throw new IllegalStateException(id);
            }
            out.put(id, d);
        });
        return out;
    }

    private void orderCell(long w, Order o, String category, long revenue) {
        String id = id("orders", w, o.getShippingCountry(), category, o.getCurrency());
        Map<String, Object> doc = byId.computeIfAbsent(id, k -> {
            Map<String, Object> d = base("orders", w);
            d.put("country", o.getShippingCountry());
            d.put("category", category);
            d.put("currency", o.getCurrency());
            return d;
        });
        doc.merge("revenue", revenue, (a, b) -> (Long) a + (Long) b);
        ordersPerCell.computeIfAbsent(id, k -> new HashSet<>()).add(o.getOrderId());
        if (!byId.containsKey(id("order_amount_percentiles", w, o.getCurrency()))) {
            Map<String, Object> p = base("order_amount_percentiles", w);
            p.put("currency", o.getCurrency());
            byId.put(id("order_amount_percentiles", w, o.getCurrency()), p);
        }
    }

    private Map<String, Object> base(String metric, long w) {
        Map<String, Object> d = new TreeMap<>();
        d.put("metric", metric);
        d.put("window_start", Instant.ofEpochMilli(w).toString());
        d.put("window_end", Instant.ofEpochMilli(w + windowMs).toString());
        return d;
    }

    private long windowStart(Instant time) {
        long t = time.toEpochMilli();
        return t - Math.floorMod(t, windowMs);
    }

    private String id(String metric, long w, String... dims) {
        return metric + ":" + Instant.ofEpochMilli(w) + (dims.length == 0 ? "" : ":" + String.join(":", dims));
    }
}
