package io.infometis.streams.ksql.parse;

import java.util.List;

/** A SELECT: of a persistent query (CREATE ... AS SELECT) or a transient push/pull query. */
public record Query(
        List<SelectItem> items,
        AliasedRelation from,
        List<Join> joins,
        WindowSpec window,
        Expression where,
        List<Expression> groupBy,
        List<Expression> partitionBy,
        Expression having,
        String emit,
        Integer limit) {

    public Query {
        items = List.copyOf(items);
        joins = List.copyOf(joins);
        groupBy = List.copyOf(groupBy);
        partitionBy = List.copyOf(partitionBy);
    }

    /** {@code expression [AS alias]}, or {@code *} / {@code alias.*} when {@code star}. */
    public record SelectItem(Expression expression, Identifier alias, boolean star, Identifier starQualifier) {}

    public record AliasedRelation(Identifier source, Identifier alias) {
        /** The name columns of this relation are qualified with: the alias, else the source name. */
        public String qualifier() {
            return alias != null ? alias.name() : source.name();
        }
    }

    /** {@code type} is INNER, LEFT, RIGHT or FULL. {@code withinMillis} only for stream-stream joins. */
    public record Join(String type, AliasedRelation right, Expression on, Long withinMillis) {}

    public List<AliasedRelation> relations() {
        java.util.ArrayList<AliasedRelation> all = new java.util.ArrayList<>();
        all.add(from);
        joins.forEach(j -> all.add(j.right()));
        return all;
    }

    /** A push query (EMIT CHANGES / EMIT FINAL); a transient SELECT without EMIT is a pull query. */
    public boolean isPush() {
        return emit != null;
    }
}
