package io.infometis.streams.fraud.rules;

import java.io.Serializable;
import java.util.Arrays;
import java.util.Optional;

/** When a window's aggregate raises an alert: {@code value <comparison> threshold}. */
public record Threshold(Comparison comparison, double value) implements Serializable {

    public enum Comparison {
        GT(">"), GE(">="), LT("<"), LE("<=");

        private final String symbol;

        Comparison(String symbol) {
            this.symbol = symbol;
        }

        public String symbol() {
            return symbol;
        }

        public static Optional<Comparison> bySymbol(String symbol) {
            return Arrays.stream(values()).filter(c -> c.symbol.equals(symbol)).findFirst();
        }
    }

    public boolean breachedBy(double aggregate) {
        return switch (comparison) {
            case GT -> aggregate > value;
            case GE -> aggregate >= value;
            case LT -> aggregate < value;
            case LE -> aggregate <= value;
        };
    }

    @Override
    public String toString() {
        return comparison.symbol + " " + (value == Math.rint(value) ? Long.toString((long) value) : Double.toString(value));
    }
}
