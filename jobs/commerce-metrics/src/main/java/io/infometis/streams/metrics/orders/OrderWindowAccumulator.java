package io.infometis.streams.metrics.orders;

import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.TypeInfoFactory;
import org.apache.flink.api.common.typeinfo.TypeInfo;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What one window of one currency's orders adds up to: a cell per (shipping country, category), a cell per
 * country over all categories ({@link #ALL_CATEGORIES}), and every order amount for the exact percentiles.
 * A Flink POJO; its Map and List fields use Flink's own serializers (not Kryo), checked by a test.
 */
@TypeInfo(OrderWindowAccumulator.TypeFactory.class)
public class OrderWindowAccumulator {

    public static final String ALL_CATEGORIES = "_all";

    public Map<String, OrderCell> cells = new HashMap<>();
    public List<Long> amounts = new ArrayList<>();

    public OrderCell cell(String country, String category) {
        return cells.computeIfAbsent(country + "\u0000" + category, k -> new OrderCell(country, category));
    }

    public OrderWindowAccumulator merge(OrderWindowAccumulator other) {
        for (OrderCell cell : other.cells.values()) {
            OrderCell mine = cell(cell.country, cell.category);
            mine.orders += cell.orders;
            mine.revenue += cell.revenue;
        }
        amounts.addAll(other.amounts);
        return this;
    }

    /** Explicit field types: Flink 1.20 would otherwise fall back to Kryo for the collection fields. */
    public static final class TypeFactory extends TypeInfoFactory<OrderWindowAccumulator> {
        @Override
        public TypeInformation<OrderWindowAccumulator> createTypeInfo(Type t, Map<String, TypeInformation<?>> genericParameters) {
            return Types.POJO(OrderWindowAccumulator.class, Map.of("cells", Types.MAP(Types.STRING, Types.POJO(OrderCell.class)), "amounts", Types.LIST(Types.LONG)));
        }
    }
}
