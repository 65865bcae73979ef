package io.infometis.streams.metrics.payments;

import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.TypeInfoFactory;
import org.apache.flink.api.common.typeinfo.TypeInfo;
import java.lang.reflect.Type;
import java.util.HashMap;
import java.util.Map;

/** Payment outcomes of one window. A Flink POJO. */
@TypeInfo(PaymentAccumulator.TypeFactory.class)
public class PaymentAccumulator {

    public long authorized;
    public long failed;
    public long refunded;
    public Map<String, Long> failureReasons = new HashMap<>();

    public PaymentAccumulator merge(PaymentAccumulator other) {
        authorized += other.authorized;
        failed += other.failed;
        refunded += other.refunded;
        other.failureReasons.forEach((reason, count) -> failureReasons.merge(reason, count, Long::sum));
        return this;
    }

    /** Explicit field types: Flink 1.20 would otherwise fall back to Kryo for the collection fields. */
    public static final class TypeFactory extends TypeInfoFactory<PaymentAccumulator> {
        @Override
        public TypeInformation<PaymentAccumulator> createTypeInfo(Type t, Map<String, TypeInformation<?>> genericParameters) {
            return Types.POJO(PaymentAccumulator.class, Map.of("authorized", Types.LONG, "failed", Types.LONG, "refunded", Types.LONG,
                    "failureReasons", Types.MAP(Types.STRING, Types.LONG)));
        }
    }
}
