package io.infometis.streams.ksql.parse;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Reads one statement of the ksqlDB subset the scripts use (SET, CREATE STREAM/TABLE, CREATE ... AS SELECT,
 * transient SELECT) into a {@link ParsedStatement}. Hand-written: ksqlDB's ANTLR parser is not on Maven Central.
 * It follows ksqlDB's grammar (SqlBase.g4) for that subset and rejects anything else with a message naming the
 * statement, so a construct the checks do not understand can never pass unchecked.
 */
public final class StatementParser {

    private static final Set<String> OTHER_VERBS =
            Set.of("SHOW", "LIST", "DESCRIBE", "PRINT", "TERMINATE", "DROP", "EXPLAIN", "UNSET", "DEFINE", "UNDEFINE");

    private final Statement statement;
    private final List<Token> tokens;
    private int pos;

    private StatementParser(Statement statement) {
        this.statement = statement;
        this.tokens = statement.tokens();
    }

    public static ParsedStatement parse(Statement statement) {
        return new StatementParser(statement).statement();
    }

    private ParsedStatement statement() {
        Token first = peek();
        ParsedStatement result;
        if (first.isWord("SET")) {
            next();
            String name = expectString();
            expectSymbol("=");
            String value = expectString();
            result = new ParsedStatement.SetProperty(statement, name, value);
        } else if (first.isWord("CREATE")) {
            result = create();
        } else if (first.isWord("SELECT")) {
            result = new ParsedStatement.TransientQuery(statement, query());
        } else if (first.kind() == Token.Kind.WORD && OTHER_VERBS.contains(first.text().toUpperCase(Locale.ROOT))) {
            pos = tokens.size();
            result = new ParsedStatement.Other(statement, first.text().toUpperCase(Locale.ROOT));
        } else {
            throw error("a statement the checks support (SET, CREATE STREAM/TABLE [AS SELECT], SELECT)", first);
        }
        if (pos < tokens.size()) {
            throw error("the end of the statement", peek());
        }
        return result;
    }

    private ParsedStatement create() {
        expectWord("CREATE");
        if (acceptWord("OR")) {
            expectWord("REPLACE");
        }
        boolean readOnly = acceptWord("SOURCE");
        boolean table;
        if (acceptWord("TABLE")) {
            table = true;
        } else {
            expectWord("STREAM");
            table = false;
        }
        if (acceptWord("IF")) {
            expectWord("NOT");
            expectWord("EXISTS");
        }
        Identifier name = identifier();
        List<ColumnDef> columns = new ArrayList<>();
        if (acceptSymbol("(")) {
            do {
                columns.add(column());
            } while (acceptSymbol(","));
            expectSymbol(")");
        }
        Map<String, String> properties = peek() != null && peek().isWord("WITH") ? properties() : Map.of();
        if (acceptWord("AS")) {
            if (readOnly || !columns.isEmpty()) {
                throw error("no SOURCE keyword and no column list in CREATE ... AS SELECT", peek());
            }
            return new ParsedStatement.CreateAsSelect(statement, table, name, properties, query());
        }
        return new ParsedStatement.CreateSource(statement, table, readOnly, name, columns, properties);
    }

    private ColumnDef column() {
        Identifier name = identifier();
        KsqlType type = type();
        ColumnDef.Role role = ColumnDef.Role.VALUE;
        if (acceptWord("PRIMARY")) {
            expectWord("KEY");
            role = ColumnDef.Role.PRIMARY_KEY;
        } else if (acceptWord("KEY")) {
            role = ColumnDef.Role.KEY;
        } else if (acceptWord("HEADERS")) {
            role = ColumnDef.Role.HEADERS;
        }
        return new ColumnDef(name, type, role);
    }

    private Map<String, String> properties() {
        expectWord("WITH");
        expectSymbol("(");
        Map<String, String> properties = new LinkedHashMap<>();
        do {
            Token nameToken = next();
            String name = nameToken.kind() == Token.Kind.STRING ? nameToken.text() : Identifier.of(nameToken).name();
            expectSymbol("=");
            Token value = next();
            if (value.kind() != Token.Kind.STRING && value.kind() != Token.Kind.NUMBER && value.kind() != Token.Kind.WORD) {
                throw error("a literal value for property " + name, value);
            }
            if (properties.put(name.toUpperCase(Locale.ROOT), value.text()) != null) {
                throw error("property " + name + " only once", value);
            }
        } while (acceptSymbol(","));
        expectSymbol(")");
        return properties;
    }

    // ---- types

    KsqlType type() {
        Token t = next();
        String word = t.kind() == Token.Kind.WORD ? t.text().toUpperCase(Locale.ROOT) : "";
        return switch (word) {
            case "BOOLEAN" -> KsqlType.BOOLEAN;
            case "INT", "INTEGER" -> KsqlType.INT;
            case "BIGINT" -> KsqlType.BIGINT;
            case "DOUBLE" -> KsqlType.DOUBLE;
            case "STRING", "VARCHAR" -> KsqlType.STRING;
            case "TIMESTAMP" -> KsqlType.TIMESTAMP;
            case "DATE" -> KsqlType.DATE;
            case "TIME" -> new KsqlType.Primitive(KsqlType.Base.TIME);
            case "BYTES" -> new KsqlType.Primitive(KsqlType.Base.BYTES);
            case "DECIMAL" -> {
                expectSymbol("(");
                int precision = Integer.parseInt(expect(Token.Kind.NUMBER).text());
                expectSymbol(",");
                int scale = Integer.parseInt(expect(Token.Kind.NUMBER).text());
                expectSymbol(")");
                yield new KsqlType.Decimal(precision, scale);
            }
            case "ARRAY" -> {
                expectSymbol("<");
                KsqlType element = type();
                expectSymbol(">");
                yield new KsqlType.Array(element);
            }
            case "MAP" -> {
                expectSymbol("<");
                KsqlType key = type();
                expectSymbol(",");
                KsqlType value = type();
                expectSymbol(">");
                yield new KsqlType.MapType(key, value);
            }
            case "STRUCT" -> {
                expectSymbol("<");
                Map<String, KsqlType> fields = new LinkedHashMap<>();
                if (!acceptSymbol(">")) {
                    do {
                        Identifier field = identifier();
                        fields.put(field.name(), type());
                    } while (acceptSymbol(","));
                    expectSymbol(">");
                }
                yield new KsqlType.Struct(fields);
            }
            default -> throw error("a ksqlDB type (BOOLEAN, INT, BIGINT, DOUBLE, STRING, TIMESTAMP, DATE, DECIMAL, "
                    + "ARRAY<>, MAP<>, STRUCT<>)", t);
        };
    }

    // ---- queries

    private Query query() {
        expectWord("SELECT");
        List<Query.SelectItem> items = new ArrayList<>();
        do {
            items.add(selectItem());
        } while (acceptSymbol(","));
        expectWord("FROM");
        Query.AliasedRelation from = relation();
        List<Query.Join> joins = new ArrayList<>();
        while (peekIsJoin()) {
            joins.add(join());
        }
        WindowSpec window = acceptWord("WINDOW") ? window() : null;
        Expression where = acceptWord("WHERE") ? expression() : null;
        List<Expression> groupBy = new ArrayList<>();
        if (acceptWord("GROUP")) {
            expectWord("BY");
            groupBy = expressionList();
        }
        List<Expression> partitionBy = new ArrayList<>();
        if (acceptWord("PARTITION")) {
            expectWord("BY");
            partitionBy = expressionList();
        }
        Expression having = acceptWord("HAVING") ? expression() : null;
        String emit = null;
        if (acceptWord("EMIT")) {
            Token kind = next();
            if (!kind.isWord("CHANGES") && !kind.isWord("FINAL")) {
                throw error("CHANGES or FINAL after EMIT", kind);
            }
            emit = kind.text().toUpperCase(Locale.ROOT);
        }
        Integer limit = acceptWord("LIMIT") ? Integer.valueOf(expect(Token.Kind.NUMBER).text()) : null;
        return new Query(items, from, joins, window, where, groupBy, partitionBy, having, emit, limit);
    }

    private List<Expression> expressionList() {
        List<Expression> list = new ArrayList<>();
        do {
            list.add(expression());
        } while (acceptSymbol(","));
        return list;
    }

    private Query.SelectItem selectItem() {
        if (acceptSymbol("*")) {
            return new Query.SelectItem(null, null, true, null);
        }
        if (pos + 2 < tokens.size() && isName(peek()) && tokens.get(pos + 1).isSymbol(".")
                && tokens.get(pos + 2).isSymbol("*")) {
            Identifier qualifier = identifier();
            pos += 2;
            return new Query.SelectItem(null, null, true, qualifier);
        }
        Expression expression = expression();
        Identifier alias = null;
        if (acceptWord("AS")) {
            alias = identifier();
        } else if (peek() != null && isName(peek()) && !peek().isWord("FROM")) {
            alias = identifier();
        }
        return new Query.SelectItem(expression, alias, false, null);
    }

    private Query.AliasedRelation relation() {
        Identifier source = identifier();
        Identifier alias = null;
        if (acceptWord("AS")) {
            alias = identifier();
        } else if (peek() != null && isName(peek()) && !isClauseWord(peek())) {
            alias = identifier();
        }
        return new Query.AliasedRelation(source, alias);
    }

    private static final Set<String> CLAUSE_WORDS = Set.of("WINDOW", "WHERE", "GROUP", "PARTITION", "HAVING", "EMIT",
            "LIMIT", "JOIN", "LEFT", "RIGHT", "FULL", "INNER", "ON", "WITHIN");

    private static boolean isClauseWord(Token token) {
        return token.kind() == Token.Kind.WORD && CLAUSE_WORDS.contains(token.text().toUpperCase(Locale.ROOT));
    }

    private boolean peekIsJoin() {
        Token t = peek();
        return t != null && (t.isWord("JOIN") || t.isWord("LEFT") || t.isWord("RIGHT") || t.isWord("FULL")
                || t.isWord("INNER"));
    }

    private Query.Join join() {
        String type = "INNER";
        if (acceptWord("LEFT")) {
            type = "LEFT";
            acceptWord("OUTER");
        } else if (acceptWord("RIGHT")) {
            type = "RIGHT";
            acceptWord("OUTER");
        } else if (acceptWord("FULL")) {
            type = "FULL";
            acceptWord("OUTER");
        } else {
            acceptWord("INNER");
        }
        expectWord("JOIN");
        Query.AliasedRelation right = relation();
        Long within = null;
        if (acceptWord("WITHIN")) {
            within = duration();
        }
        expectWord("ON");
        return new Query.Join(type, right, expression(), within);
    }

    private WindowSpec window() {
        Token kind = next();
        WindowSpec.Type type;
        try {
            type = WindowSpec.Type.valueOf(kind.text().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw error("TUMBLING, HOPPING or SESSION", kind);
        }
        expectSymbol("(");
        long size;
        Long advance = null;
        if (type == WindowSpec.Type.SESSION) {
            size = duration();
        } else {
            expectWord("SIZE");
            size = duration();
            if (type == WindowSpec.Type.HOPPING) {
                expectSymbol(",");
                expectWord("ADVANCE");
                expectWord("BY");
                advance = duration();
            }
        }
        Long retention = null;
        Long grace = null;
        while (acceptSymbol(",")) {
            if (acceptWord("RETENTION")) {
                retention = duration();
            } else {
                expectWord("GRACE");
                expectWord("PERIOD");
                grace = duration();
            }
        }
        expectSymbol(")");
        return new WindowSpec(type, size, advance, retention, grace);
    }

    /** {@code <number> <unit>} in milliseconds. */
    private long duration() {
        long amount = Long.parseLong(expect(Token.Kind.NUMBER).text());
        Token unit = next();
        String u = unit.text().toUpperCase(Locale.ROOT);
        long factor = switch (u) {
            case "MILLISECOND", "MILLISECONDS" -> 1L;
            case "SECOND", "SECONDS" -> 1_000L;
            case "MINUTE", "MINUTES" -> 60_000L;
            case "HOUR", "HOURS" -> 3_600_000L;
            case "DAY", "DAYS" -> 86_400_000L;
            default -> throw error("a time unit (MILLISECONDS, SECONDS, MINUTES, HOURS, DAYS)", unit);
        };
        return amount * factor;
    }

    // ---- expressions, by precedence: OR < AND < NOT < predicate < + - || < * / % < unary < primary

    Expression expression() {
        Expression left = and();
        while (acceptWord("OR")) {
            left = new Expression.Binary("OR", left, and());
        }
        return left;
    }

    private Expression and() {
        Expression left = not();
        while (acceptWord("AND")) {
            left = new Expression.Binary("AND", left, not());
        }
        return left;
    }

    private Expression not() {
        if (acceptWord("NOT")) {
            return new Expression.Predicate("NOT", List.of(not()));
        }
        return predicate();
    }

    private static final Set<String> COMPARISONS = Set.of("=", "<>", "!=", "<", "<=", ">", ">=");

    private Expression predicate() {
        Expression value = additive();
        Token t = peek();
        if (t == null) {
            return value;
        }
        if (t.kind() == Token.Kind.SYMBOL && COMPARISONS.contains(t.text())) {
            next();
            return new Expression.Binary(t.text(), value, additive());
        }
        if (t.isWord("IS")) {
            next();
            boolean negated = acceptWord("NOT");
            expectWord("NULL");
            return new Expression.Predicate(negated ? "IS NOT NULL" : "IS NULL", List.of(value));
        }
        boolean negated = false;
        if (t.isWord("NOT") && pos + 1 < tokens.size()
                && (tokens.get(pos + 1).isWord("IN") || tokens.get(pos + 1).isWord("LIKE")
                || tokens.get(pos + 1).isWord("BETWEEN"))) {
            next();
            negated = true;
            t = peek();
        }
        String prefix = negated ? "NOT " : "";
        if (acceptWord("IN")) {
            expectSymbol("(");
            List<Expression> operands = new ArrayList<>(List.of(value));
            operands.addAll(expressionList());
            expectSymbol(")");
            return new Expression.Predicate(prefix + "IN", operands);
        }
        if (acceptWord("LIKE")) {
            return new Expression.Predicate(prefix + "LIKE", List.of(value, additive()));
        }
        if (acceptWord("BETWEEN")) {
            Expression lower = additive();
            expectWord("AND");
            return new Expression.Predicate(prefix + "BETWEEN", List.of(value, lower, additive()));
        }
        return value;
    }

    private Expression additive() {
        Expression left = multiplicative();
        while (peek() != null && (peek().isSymbol("+") || peek().isSymbol("-") || peek().isSymbol("||"))) {
            String op = next().text();
            left = new Expression.Binary(op, left, multiplicative());
        }
        return left;
    }

    private Expression multiplicative() {
        Expression left = unary();
        while (peek() != null && (peek().isSymbol("*") || peek().isSymbol("/") || peek().isSymbol("%"))) {
            String op = next().text();
            left = new Expression.Binary(op, left, unary());
        }
        return left;
    }

    private Expression unary() {
        if (peek() != null && (peek().isSymbol("-") || peek().isSymbol("+"))) {
            String op = next().text();
            return new Expression.Predicate("UNARY " + op, List.of(unary()));
        }
        return postfix(primary());
    }

    private Expression postfix(Expression base) {
        while (peek() != null) {
            if (acceptSymbol("->")) {
                base = new Expression.Dereference(base, identifier().name());
            } else if (acceptSymbol("[")) {
                Expression index = expression();
                expectSymbol("]");
                base = new Expression.Subscript(base, index);
            } else {
                return base;
            }
        }
        return base;
    }

    private Expression primary() {
        Token t = next();
        switch (t.kind()) {
            case STRING:
                return new Expression.Literal(KsqlType.STRING, t.text());
            case NUMBER:
                return numberLiteral(t);
            case SYMBOL:
                if (t.isSymbol("(")) {
                    Expression inner = expression();
                    expectSymbol(")");
                    return inner;
                }
                throw error("an expression", t);
            case VARIABLE:
                throw error("no ${variables}: the checks need the literal value", t);
            default:
                break;
        }
        if (t.isWord("NULL")) {
            return new Expression.NullLiteral();
        }
        if (t.isWord("TRUE") || t.isWord("FALSE")) {
            return new Expression.Literal(KsqlType.BOOLEAN, t.text().toUpperCase(Locale.ROOT));
        }
        if (t.isWord("CAST")) {
            expectSymbol("(");
            Expression operand = expression();
            expectWord("AS");
            KsqlType target = type();
            expectSymbol(")");
            return new Expression.Cast(operand, target);
        }
        if (t.isWord("CASE")) {
            return caseExpression();
        }
        if (t.kind() == Token.Kind.WORD && peek() != null && peek().isSymbol("(")) {
            next();
            String name = t.text().toUpperCase(Locale.ROOT);
            if (acceptSymbol("*")) {
                expectSymbol(")");
                return new Expression.FunctionCall(name, List.of(), true);
            }
            List<Expression> arguments = acceptSymbol(")") ? List.of() : argumentsThenClose();
            return new Expression.FunctionCall(name, arguments, false);
        }
        Identifier first = Identifier.of(t);
        if (peek() != null && peek().isSymbol(".")) {
            next();
            Identifier column = identifier();
            return new Expression.ColumnRef(first.name(), column.name(), column.quoted(), column.line());
        }
        return new Expression.ColumnRef(null, first.name(), first.quoted(), first.line());
    }

    private List<Expression> argumentsThenClose() {
        List<Expression> arguments = expressionList();
        expectSymbol(")");
        return arguments;
    }

    private Expression caseExpression() {
        List<Expression> conditions = new ArrayList<>();
        List<Expression> results = new ArrayList<>();
        Expression operand = peek().isWord("WHEN") ? null : expression();
        while (acceptWord("WHEN")) {
            Expression condition = expression();
            conditions.add(operand == null ? condition : new Expression.Binary("=", operand, condition));
            expectWord("THEN");
            results.add(expression());
        }
        Expression otherwise = acceptWord("ELSE") ? expression() : null;
        expectWord("END");
        if (conditions.isEmpty()) {
            throw error("WHEN after CASE", peek());
        }
        return new Expression.Case(conditions, results, otherwise);
    }

    private static Expression numberLiteral(Token t) {
        String text = t.text();
        if (text.contains("E") || text.contains("e")) {
            return new Expression.Literal(KsqlType.DOUBLE, text);
        }
        if (text.contains(".")) {
            int scale = text.length() - text.indexOf('.') - 1;
            return new Expression.Literal(new KsqlType.Decimal(text.replace(".", "").length(), scale), text);
        }
        long value = Long.parseLong(text);
        return new Expression.Literal(value > Integer.MAX_VALUE ? KsqlType.BIGINT : KsqlType.INT, text);
    }

    // ---- token helpers

    private static boolean isName(Token t) {
        return t.kind() == Token.Kind.WORD || t.kind() == Token.Kind.QUOTED_IDENTIFIER;
    }

    private Identifier identifier() {
        Token t = next();
        if (!isName(t)) {
            throw error("a name", t);
        }
        return Identifier.of(t);
    }

    private Token peek() {
        return pos < tokens.size() ? tokens.get(pos) : null;
    }

    private Token next() {
        if (pos >= tokens.size()) {
            throw new KsqlSyntaxException(statement.where() + ": statement ends too early");
        }
        return tokens.get(pos++);
    }

    private boolean acceptWord(String word) {
        if (peek() != null && peek().isWord(word)) {
            pos++;
            return true;
        }
        return false;
    }

    private boolean acceptSymbol(String symbol) {
        if (peek() != null && peek().isSymbol(symbol)) {
            pos++;
            return true;
        }
        return false;
    }

    private void expectWord(String word) {
        Token t = next();
        if (!t.isWord(word)) {
            throw error(word, t);
        }
    }

    private void expectSymbol(String symbol) {
        Token t = next();
        if (!t.isSymbol(symbol)) {
            throw error("'" + symbol + "'", t);
        }
    }

    private Token expect(Token.Kind kind) {
        Token t = next();
        if (t.kind() != kind) {
            throw error("a " + kind.name().toLowerCase(Locale.ROOT), t);
        }
        return t;
    }

    private String expectString() {
        return expect(Token.Kind.STRING).text();
    }

    private KsqlSyntaxException error(String expected, Token found) {
        String got = found == null ? "the end of the statement" : "'" + found.canonical() + "' (line " + found.line() + ")";
        return new KsqlSyntaxException(statement.where() + ": expected " + expected + ", got " + got);
    }
}
