package io.infometis.streams.ksql.parse;

import java.util.List;

/** The expressions of the ksqlDB subset the scripts use; enough to resolve columns and infer result types. */
public sealed interface Expression {

    /** {@code NAME} or {@code ALIAS.NAME}; names as ksqlDB stores them (unquoted upper-cased). */
    record ColumnRef(String qualifier, String name, boolean quoted, int line) implements Expression {
        @Override
        public String toString() {
            return qualifier == null ? name : qualifier + "." + name;
        }
    }

    record Literal(KsqlType type, String text) implements Expression {
        @Override
        public String toString() {
            return type == KsqlType.STRING ? "'" + text + "'" : text;
        }
    }

    record NullLiteral() implements Expression {
        @Override
        public String toString() {
            return "NULL";
        }
    }

    /** {@code F(args)}; {@code star} for {@code COUNT(*)}. Function names upper-cased. */
    record FunctionCall(String name, List<Expression> arguments, boolean star) implements Expression {
        @Override
        public String toString() {
            return name + "(" + (star ? "*" : String.join(", ", arguments.stream().map(Object::toString).toList())) + ")";
        }
    }

    record Cast(Expression operand, KsqlType target) implements Expression {}

    /** Arithmetic, comparison and logical operators, upper-cased (AND, OR, =, +, ...). */
    record Binary(String operator, Expression left, Expression right) implements Expression {}

    /** NOT, unary minus/plus, IS [NOT] NULL, [NOT] IN, [NOT] LIKE, [NOT] BETWEEN: their operands and result kind. */
    record Predicate(String operator, List<Expression> operands) implements Expression {}

    record Case(List<Expression> conditions, List<Expression> results, Expression otherwise) implements Expression {}

    /** {@code base->FIELD}. */
    record Dereference(Expression base, String field) implements Expression {}

    /** {@code base[index]}. */
    record Subscript(Expression base, Expression index) implements Expression {}
}
