package io.infometis.streams.ksql.catalog;

import io.infometis.streams.ksql.parse.Expression;
import io.infometis.streams.ksql.parse.KsqlType;
import io.infometis.streams.ksql.parse.ParsedStatement;
import io.infometis.streams.ksql.parse.Query;
import io.infometis.streams.ksql.parse.WindowSpec;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Resolves a SELECT against the catalogue: every source and column it names must exist, and for a persistent query
 * it derives the output stream or table (key and value columns with types, window, topic, formats) following
 * ksqlDB's rules for keys: GROUP BY expressions become the key, a join's left join expression becomes the key.
 * Only the functions the scripts use have known result types; any other is reported, never guessed.
 */
final class QueryAnalyzer {

    private static final Set<String> AGGREGATES = Set.of("COUNT", "COUNT_DISTINCT", "SUM", "MIN", "MAX", "AVG",
            "LATEST_BY_OFFSET", "EARLIEST_BY_OFFSET", "COLLECT_SET", "COLLECT_LIST");

    private final Catalog catalog;
    private final ParsedStatement statement;
    private final Query query;
    private final String where;
    private final List<Relation> relations = new ArrayList<>();
    private boolean resolvable = true;

    private record Relation(String qualifier, Source source) {}

    QueryAnalyzer(Catalog catalog, ParsedStatement.CreateAsSelect create) {
        this(catalog, create, create.query());
    }

    QueryAnalyzer(Catalog catalog, ParsedStatement.TransientQuery transientQuery) {
        this(catalog, transientQuery, transientQuery.query());
    }

    private QueryAnalyzer(Catalog catalog, ParsedStatement statement, Query query) {
        this.catalog = catalog;
        this.statement = statement;
        this.query = query;
        this.where = statement.statement().where() + " (" + statement.kind() + ")";
        for (Query.AliasedRelation relation : query.relations()) {
            Optional<Source> source = catalog.source(relation.source().name());
            if (source.isEmpty()) {
                problem("reads " + relation.source() + ", which no earlier statement defines");
                resolvable = false;
            } else {
                relations.add(new Relation(relation.qualifier(), source.get()));
            }
        }
    }

    /** Checks a transient query: sources, columns, and for pull queries that the source can answer them. */
    void check() {
        if (!resolvable) {
            return;
        }
        resolveAll();
        if (!query.isPush()) {
            Source source = relations.get(0).source();
            if (!source.pullable()) {
                problem("pull query on " + source.name() + ": only CREATE TABLE AS SELECT tables and SOURCE tables "
                        + "are materialized for pull queries; add EMIT CHANGES or query a materialized table");
            }
            if (!query.joins().isEmpty() || !query.groupBy().isEmpty() || query.window() != null) {
                problem("pull queries take no JOIN, GROUP BY or WINDOW");
            }
            Set<String> constrained = new HashSet<>();
            keyEqualities(query.where(), constrained);
            for (Column key : source.keyColumns()) {
                if (!constrained.contains(key.name())) {
                    problem("pull query on " + source.name() + " does not look up key column " + key.name()
                            + " with '= literal': ksqlDB would need a table scan (ksql.query.pull.table.scan.enabled)");
                }
            }
        }
        outputColumns();
    }

    /** Key columns compared with '=' to a literal in the top-level AND chain of a WHERE clause. */
    private static void keyEqualities(Expression where, Set<String> columns) {
        if (where instanceof Expression.Binary b && b.operator().equals("AND")) {
            keyEqualities(b.left(), columns);
            keyEqualities(b.right(), columns);
        } else if (where instanceof Expression.Binary b && b.operator().equals("=")) {
            if (b.left() instanceof Expression.ColumnRef ref && b.right() instanceof Expression.Literal) {
                columns.add(ref.name());
            } else if (b.right() instanceof Expression.ColumnRef ref && b.left() instanceof Expression.Literal) {
                columns.add(ref.name());
            }
        }
    }

    /** The output of a persistent query, if it can be derived; problems otherwise. */
    Optional<Source> output() {
        ParsedStatement.CreateAsSelect create = (ParsedStatement.CreateAsSelect) statement;
        if (!resolvable) {
            return Optional.empty();
        }
        resolveAll();
        String topic = create.properties().get("KAFKA_TOPIC");
        if (topic == null) {
            problem("no KAFKA_TOPIC in WITH: name the output topic explicitly (ksqlDB would call it "
                    + create.name() + ")");
        }
        Source first = relations.get(0).source();
        String keyFormat = Optional.ofNullable(Catalog.format(create.properties(), "KEY_FORMAT")).orElse(first.keyFormat());
        String valueFormat = Optional.ofNullable(Catalog.format(create.properties(), "VALUE_FORMAT"))
                .orElse(first.valueFormat());
        List<Column> columns = outputColumns();
        List<String> keyNames = keyColumnNames(columns);
        boolean resultIsTable = resultIsTable();
        if (create.table() != resultIsTable) {
            problem("this SELECT produces a " + (resultIsTable ? "table" : "stream") + ": write CREATE "
                    + (resultIsTable ? "TABLE" : "STREAM") + " ... AS SELECT");
        }
        List<Column> keyed = columns.stream()
                .map(c -> new Column(c.name(), c.type(), keyNames.contains(c.name()), c.symbols()))
                .toList();
        long keyCount = keyed.stream().filter(Column::key).count();
        if (keyCount > 1 && "KAFKA".equals(keyFormat)) {
            problem("KEY_FORMAT 'KAFKA' holds one key column, this query has " + keyCount
                    + ": set KEY_FORMAT = 'JSON' (or 'AVRO')");
        }
        checkWindow();
        return Optional.of(new Source(create.name().name(), create.table(), topic, keyFormat, valueFormat, keyed,
                query.window(), create.table(), create));
    }

    private boolean resultIsTable() {
        if (!query.groupBy().isEmpty()) {
            return true;
        }
        return relations.stream().allMatch(r -> r.source().table());
    }

    private void checkWindow() {
        WindowSpec window = query.window();
        if (window == null) {
            return;
        }
        if (query.groupBy().isEmpty()) {
            problem("WINDOW without GROUP BY: windows only apply to aggregations");
        }
        if (window.advanceMillis() != null && window.advanceMillis() > window.sizeMillis()) {
            problem("hopping window ADVANCE BY is larger than its SIZE: events between windows would be lost");
        }
        if (window.retentionMillis() != null) {
            long needed = window.sizeMillis() + (window.graceMillis() == null ? 0 : window.graceMillis());
            if (window.retentionMillis() < needed) {
                problem("window RETENTION must be at least SIZE + GRACE PERIOD (" + needed + " ms)");
            }
        }
    }

    private void resolveAll() {
        for (Query.Join join : query.joins()) {
            typeOf(join.on());
        }
        if (query.where() != null) {
            requireBoolean(query.where(), "WHERE");
        }
        if (query.having() != null) {
            requireBoolean(query.having(), "HAVING");
        }
        query.groupBy().forEach(this::typeOf);
        query.partitionBy().forEach(this::typeOf);
        if (!query.joins().isEmpty()) {
            checkJoin();
        }
    }

    private void requireBoolean(Expression expression, String clause) {
        KsqlType type = typeOf(expression);
        if (type != null && type != KsqlType.BOOLEAN) {
            problem(clause + " " + expression + " is " + type + ", not BOOLEAN");
        }
    }

    private void checkJoin() {
        for (int i = 0; i < query.joins().size(); i++) {
            Query.Join join = query.joins().get(i);
            Relation right = relations.get(i + 1);
            if (!(join.on() instanceof Expression.Binary on) || !on.operator().equals("=")
                    || !(on.left() instanceof Expression.ColumnRef l) || !(on.right() instanceof Expression.ColumnRef r)) {
                problem("join ON must compare two columns with '=': " + join.on());
                continue;
            }
            Relation leftOwner = owner(l);
            Relation rightOwner = owner(r);
            Expression.ColumnRef tableSide = rightOwner == right ? r : leftOwner == right ? l : null;
            if (tableSide == null) {
                problem("join ON " + join.on() + " does not use a column of " + right.source().name());
                continue;
            }
            if (right.source().table()) {
                List<Column> keys = right.source().keyColumns();
                if (keys.size() != 1 || !keys.get(0).name().equals(tableSide.name())) {
                    problem("joins to table " + right.source().name() + " must use its PRIMARY KEY "
                            + keys.stream().map(Column::name).toList() + ", not " + tableSide.name());
                }
            } else if (join.withinMillis() == null && !relations.get(0).source().table()) {
                problem("stream-stream join with " + right.source().name() + " needs WITHIN");
            }
            if (relations.get(0).source().table() && !right.source().table()) {
                problem("a table cannot be joined to stream " + right.source().name()
                        + ": put the stream on the left");
            }
        }
    }

    private Relation owner(Expression.ColumnRef ref) {
        for (Relation relation : relations) {
            if ((ref.qualifier() == null || ref.qualifier().equals(relation.qualifier()))
                    && relation.source().column(ref.name()).isPresent()) {
                return relation;
            }
        }
        return null;
    }

    private List<Column> outputColumns() {
        List<Column> columns = new ArrayList<>();
        Set<String> names = new HashSet<>();
        boolean aggregating = !query.groupBy().isEmpty();
        Set<String> grouped = new HashSet<>();
        query.groupBy().forEach(g -> grouped.add(g.toString()));
        for (Query.SelectItem item : query.items()) {
            if (item.star()) {
                if (relations.size() > 1 || aggregating) {
                    problem("SELECT * in a join or aggregation: list the columns, so the output names are explicit");
                    continue;
                }
                for (Column column : relations.get(0).source().columns()) {
                    addColumn(columns, names, column.name(), column.type(), column.symbols());
                }
                continue;
            }
            KsqlType type = typeOf(item.expression());
            String name = outputName(item);
            if (aggregating && !isAggregate(item.expression()) && !grouped.contains(item.expression().toString())
                    && !(item.expression() instanceof Expression.Literal)) {
                problem("column " + (name == null ? item.expression() : name) + " is neither aggregated nor in GROUP BY");
            }
            if (name != null && type != null) {
                addColumn(columns, names, name, type, symbolsOf(item.expression()));
            }
        }
        return columns;
    }

    private void addColumn(List<Column> columns, Set<String> names, String name, KsqlType type,
                           Set<String> symbols) {
        if (!names.add(name)) {
            problem("two output columns are named " + name);
            return;
        }
        columns.add(new Column(name, type, false, symbols));
    }

    private String outputName(Query.SelectItem item) {
        if (item.alias() != null) {
            return item.alias().name();
        }
        if (item.expression() instanceof Expression.ColumnRef ref) {
            return ref.qualifier() == null || relations.size() == 1 ? ref.name() : ref.qualifier() + "_" + ref.name();
        }
        problem("give " + item.expression() + " a name with AS (ksqlDB would call it KSQL_COL_n)");
        return null;
    }

    /** Names of the output's key columns; problems when ksqlDB would refuse the projection. */
    private List<String> keyColumnNames(List<Column> columns) {
        List<Expression> keyExpressions = new ArrayList<>();
        if (!query.groupBy().isEmpty()) {
            keyExpressions.addAll(query.groupBy());
        } else if (!query.partitionBy().isEmpty()) {
            keyExpressions.addAll(query.partitionBy());
        } else if (!query.joins().isEmpty() && query.joins().get(0).on() instanceof Expression.Binary on) {
            Relation left = relations.get(0);
            keyExpressions.add(owner((Expression.ColumnRef) on.left()) == left ? on.left() : on.right());
        } else {
            List<String> keys = new ArrayList<>();
            for (Column key : relations.get(0).source().keyColumns()) {
                boolean projected = columns.stream().anyMatch(c -> c.name().equals(key.name()));
                if (projected) {
                    keys.add(key.name());
                } else if (relations.get(0).source().table()) {
                    problem("key column " + key.name() + " must be in the projection of a table query");
                }
            }
            return keys;
        }
        List<String> keys = new ArrayList<>();
        for (Expression keyExpression : keyExpressions) {
            Optional<Query.SelectItem> item = query.items().stream()
                    .filter(i -> !i.star() && i.expression().toString().equals(keyExpression.toString()))
                    .findFirst();
            if (item.isEmpty()) {
                problem("key expression " + keyExpression + " must be in the projection (ksqlDB makes it the key)");
            } else {
                keys.add(outputName(item.get()));
            }
        }
        return keys;
    }

    private static boolean isAggregate(Expression expression) {
        return expression instanceof Expression.FunctionCall f && AGGREGATES.contains(f.name());
    }

    // ---- types

    KsqlType typeOf(Expression expression) {
        if (expression instanceof Expression.ColumnRef ref) {
            return resolve(ref);
        }
        if (expression instanceof Expression.Literal literal) {
            return literal.type();
        }
        if (expression instanceof Expression.NullLiteral) {
            problem("untyped NULL: write CAST(NULL AS <type>)");
            return null;
        }
        if (expression instanceof Expression.Cast cast) {
            typeOf(cast.operand());
            return cast.target();
        }
        if (expression instanceof Expression.FunctionCall call) {
            return functionType(call);
        }
        if (expression instanceof Expression.Binary binary) {
            return binaryType(binary);
        }
        if (expression instanceof Expression.Predicate predicate) {
            if (predicate.operator().endsWith("IN")) {
                predicate.operands().subList(1, predicate.operands().size())
                        .forEach(o -> checkSymbol(predicate.operands().get(0), o));
            }
            List<KsqlType> types = predicate.operands().stream().map(this::typeOf).toList();
            return predicate.operator().startsWith("UNARY") ? types.get(0) : KsqlType.BOOLEAN;
        }
        if (expression instanceof Expression.Case c) {
            c.conditions().forEach(this::typeOf);
            List<KsqlType> results = c.results().stream().map(this::typeOf).toList();
            if (c.otherwise() != null) {
                typeOf(c.otherwise());
            }
            return results.get(0);
        }
        if (expression instanceof Expression.Dereference d) {
            KsqlType base = typeOf(d.base());
            if (base instanceof KsqlType.Struct struct && struct.fields().containsKey(d.field())) {
                return struct.fields().get(d.field());
            }
            if (base != null) {
                problem(d.base() + " has no field " + d.field() + " (it is " + base + ")");
            }
            return null;
        }
        Expression.Subscript s = (Expression.Subscript) expression;
        KsqlType base = typeOf(s.base());
        typeOf(s.index());
        if (base instanceof KsqlType.Array array) {
            return array.element();
        }
        if (base instanceof KsqlType.MapType map) {
            return map.value();
        }
        if (base != null) {
            problem(s.base() + " is " + base + ", not an ARRAY or MAP");
        }
        return null;
    }

    /** The enum symbols an expression's value is restricted to; empty when unrestricted or unknown. */
    private Set<String> symbolsOf(Expression expression) {
        if (expression instanceof Expression.ColumnRef ref) {
            List<Column> found = relations.stream()
                    .filter(r -> ref.qualifier() == null || ref.qualifier().equals(r.qualifier()))
                    .flatMap(r -> r.source().column(ref.name()).stream()).toList();
            return found.size() == 1 ? found.get(0).symbols() : Set.of();
        }
        if (expression instanceof Expression.FunctionCall call && !call.arguments().isEmpty()
                && Set.of("LATEST_BY_OFFSET", "EARLIEST_BY_OFFSET").contains(call.name())) {
            return symbolsOf(call.arguments().get(0));
        }
        return Set.of();
    }

    /** A string literal compared with an enum-backed column must be one of its symbols. */
    private void checkSymbol(Expression column, Expression literal) {
        Set<String> symbols = symbolsOf(column);
        if (!symbols.isEmpty() && literal instanceof Expression.Literal l && l.type() == KsqlType.STRING
                && !symbols.contains(l.text())) {
            problem(column + " is never '" + l.text() + "': its Avro enum has " + new java.util.TreeSet<>(symbols));
        }
    }

    private KsqlType resolve(Expression.ColumnRef ref) {
        if (ref.qualifier() == null) {
            switch (ref.name()) {
                case "ROWTIME", "ROWOFFSET" -> {
                    return KsqlType.BIGINT;
                }
                case "ROWPARTITION" -> {
                    return KsqlType.INT;
                }
                case "WINDOWSTART", "WINDOWEND" -> {
                    if (query.window() == null && relations.stream().noneMatch(r -> r.source().window() != null)) {
                        problem(ref.name() + " used on a source that is not windowed");
                    }
                    return KsqlType.BIGINT;
                }
                default -> { }
            }
        }
        List<Relation> candidates = relations.stream()
                .filter(r -> ref.qualifier() == null || ref.qualifier().equals(r.qualifier()))
                .toList();
        if (ref.qualifier() != null && candidates.isEmpty()) {
            problem("column " + ref + ": no source is named or aliased " + ref.qualifier());
            return null;
        }
        List<Column> found = candidates.stream().flatMap(r -> r.source().column(ref.name()).stream()).toList();
        if (found.isEmpty()) {
            problem("column " + ref + " (line " + ref.line() + ") does not exist in "
                    + candidates.stream().map(r -> r.source().name()).toList());
            return null;
        }
        if (found.size() > 1) {
            problem("column " + ref + " (line " + ref.line() + ") is ambiguous: qualify it with the source alias");
        }
        return found.get(0).type();
    }

    private KsqlType functionType(Expression.FunctionCall call) {
        List<KsqlType> args = call.arguments().stream().map(this::typeOf).toList();
        if (args.contains(null)) {
            return null;
        }
        KsqlType first = args.isEmpty() ? null : args.get(0);
        return switch (call.name()) {
            case "COUNT", "COUNT_DISTINCT" -> KsqlType.BIGINT;
            case "AVG" -> KsqlType.DOUBLE;
            case "SUM", "MIN", "MAX", "LATEST_BY_OFFSET", "EARLIEST_BY_OFFSET" -> {
                if (first == null) {
                    problem(call.name() + " needs an argument");
                } else if ((call.name().equals("SUM") || call.name().equals("MIN") || call.name().equals("MAX"))
                        && !first.isNumeric() && first != KsqlType.TIMESTAMP && first != KsqlType.DATE) {
                    problem(call + ": " + call.name() + " takes a number, got " + first);
                }
                yield first;
            }
            case "COLLECT_SET", "COLLECT_LIST" -> first == null ? null : new KsqlType.Array(first);
            case "COALESCE", "IFNULL" -> {
                for (KsqlType arg : args) {
                    if (!arg.equals(first)) {
                        problem(call + ": every argument must have the type of the first (" + first + "), got " + arg);
                    }
                }
                yield first;
            }
            case "UCASE", "LCASE", "TRIM", "CONCAT", "SUBSTRING", "TIMESTAMPTOSTRING", "FORMAT_TIMESTAMP",
                 "FORMAT_DATE" -> KsqlType.STRING;
            case "ARRAY_LENGTH", "LEN" -> KsqlType.INT;
            case "UNIX_TIMESTAMP" -> KsqlType.BIGINT;
            default -> {
                problem("the checks do not know the result type of function " + call.name()
                        + "; add it to QueryAnalyzer.functionType");
                yield null;
            }
        };
    }

    private KsqlType binaryType(Expression.Binary binary) {
        KsqlType left = typeOf(binary.left());
        KsqlType right = typeOf(binary.right());
        String op = binary.operator();
        if (op.equals("AND") || op.equals("OR")) {
            return KsqlType.BOOLEAN;
        }
        if (left == null || right == null) {
            return op.equals("||") ? KsqlType.STRING : null;
        }
        if (Set.of("=", "<>", "!=").contains(op)) {
            checkSymbol(binary.left(), binary.right());
            checkSymbol(binary.right(), binary.left());
        }
        if (Set.of("=", "<>", "!=", "<", "<=", ">", ">=").contains(op)) {
            if (!comparable(left, right)) {
                problem(binary.left() + " " + op + " " + binary.right() + " compares " + left + " with " + right);
            }
            return KsqlType.BOOLEAN;
        }
        if (op.equals("||")) {
            return KsqlType.STRING;
        }
        if (!left.isNumeric() || !right.isNumeric()) {
            problem(binary.left() + " " + op + " " + binary.right() + ": arithmetic on " + left + " and " + right);
            return null;
        }
        return wider(left, right);
    }

    private static boolean comparable(KsqlType left, KsqlType right) {
        if (left.isNumeric() && right.isNumeric()) {
            return true;
        }
        Set<KsqlType> temporal = Set.of(KsqlType.TIMESTAMP, KsqlType.DATE, KsqlType.STRING);
        if (temporal.contains(left) && temporal.contains(right) && (left != right || left != KsqlType.DATE)) {
            return left == right || left == KsqlType.STRING || right == KsqlType.STRING;
        }
        return left.equals(right);
    }

    private static final Map<KsqlType, Integer> WIDTH = Map.of(KsqlType.INT, 1, KsqlType.BIGINT, 2, KsqlType.DOUBLE, 4);

    private static KsqlType wider(KsqlType a, KsqlType b) {
        int wa = WIDTH.getOrDefault(a, 3);
        int wb = WIDTH.getOrDefault(b, 3);
        return wa >= wb ? a : b;
    }

    private void problem(String message) {
        catalog.problem(where, message);
    }
}
