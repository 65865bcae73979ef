package io.infometis.streams.ksql.parse;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/** A ksqlDB SQL type, as far as the scripts use them. */
public sealed interface KsqlType {

    /** BOOLEAN, INT, BIGINT, DOUBLE, STRING, TIMESTAMP, DATE, TIME, BYTES. */
    record Primitive(Base base) implements KsqlType {
        @Override
        public String toString() {
            return base.name();
        }
    }

    record Decimal(int precision, int scale) implements KsqlType {
        @Override
        public String toString() {
            return "DECIMAL(" + precision + ", " + scale + ")";
        }
    }

    record Array(KsqlType element) implements KsqlType {
        @Override
        public String toString() {
            return "ARRAY<" + element + ">";
        }
    }

    record MapType(KsqlType key, KsqlType value) implements KsqlType {
        @Override
        public String toString() {
            return "MAP<" + key + ", " + value + ">";
        }
    }

    /** Field names as ksqlDB stores them (unquoted names upper-cased). */
    record Struct(Map<String, KsqlType> fields) implements KsqlType {
        public Struct {
            fields = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(fields));
        }

        @Override
        public String toString() {
            return fields.entrySet().stream().map(e -> e.getKey() + " " + e.getValue())
                    .collect(Collectors.joining(", ", "STRUCT<", ">"));
        }
    }

    enum Base { BOOLEAN, INT, BIGINT, DOUBLE, STRING, TIMESTAMP, DATE, TIME, BYTES }

    KsqlType BOOLEAN = new Primitive(Base.BOOLEAN);
    KsqlType INT = new Primitive(Base.INT);
    KsqlType BIGINT = new Primitive(Base.BIGINT);
    KsqlType DOUBLE = new Primitive(Base.DOUBLE);
    KsqlType STRING = new Primitive(Base.STRING);
    KsqlType TIMESTAMP = new Primitive(Base.TIMESTAMP);
    KsqlType DATE = new Primitive(Base.DATE);

    default boolean isNumeric() {
        return this instanceof Decimal || (this instanceof Primitive p
                && (p.base() == Base.INT || p.base() == Base.BIGINT || p.base() == Base.DOUBLE));
    }
}
