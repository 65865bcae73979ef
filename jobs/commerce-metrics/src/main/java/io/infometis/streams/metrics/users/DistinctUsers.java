package io.infometis.streams.metrics.users;

import java.lang.reflect.Type;
import java.util.HashMap;
import java.util.Map;
import org.apache.flink.api.common.typeinfo.TypeInfo;
import org.apache.flink.api.common.typeinfo.TypeInfoFactory;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;

/**
 * The distinct user ids of one window (exact count). A map used as a set: Flink 1.20 has a Map serializer but
 * no Set one, and a Set field would fall back to Kryo.
 */
@TypeInfo(DistinctUsers.TypeFactory.class)
public class DistinctUsers {

    public Map<String, Boolean> users = new HashMap<>();

    public void add(String userId) {
        users.put(userId, Boolean.TRUE);
    }

    public int count() {
        return users.size();
    }

    public static final class TypeFactory extends TypeInfoFactory<DistinctUsers> {
        @Override
        public TypeInformation<DistinctUsers> createTypeInfo(Type t, Map<String, TypeInformation<?>> genericParameters) {
            return Types.POJO(DistinctUsers.class, Map.of("users", Types.MAP(Types.STRING, Types.BOOLEAN)));
        }
    }
}
