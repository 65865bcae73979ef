package io.infometis.streams.ksql.catalog;

import io.infometis.streams.ksql.parse.KsqlType;

/** A column of a stream or table: its stored name, type and whether it lives in the Kafka record key. */
public record Column(String name, KsqlType type, boolean key) {}
