package io.infometis.streams.ksql.parse;

/** A column declared by CREATE STREAM/TABLE. */
public record ColumnDef(Identifier name, KsqlType type, Role role) {

    public enum Role { VALUE, KEY, PRIMARY_KEY, HEADERS }

    public boolean isKey() {
        return role == Role.KEY || role == Role.PRIMARY_KEY;
    }
}
