package io.infometis.streams.ksql.catalog;

import io.infometis.streams.ksql.parse.KsqlType;
import java.util.Set;

/**
 * A column of a stream or table: its stored name, type and whether it lives in the Kafka record key.
 * {@code symbols} are the allowed values of a STRING column read from an Avro enum (empty when unrestricted),
 * carried through projections so a comparison with a misspelt symbol is caught.
 */
public record Column(String name, KsqlType type, boolean key, Set<String> symbols) {

    public Column {
        symbols = Set.copyOf(symbols);
    }

    public Column(String name, KsqlType type, boolean key) {
        this(name, type, key, Set.of());
    }
}
