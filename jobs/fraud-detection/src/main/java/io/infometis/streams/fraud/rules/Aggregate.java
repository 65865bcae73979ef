package io.infometis.streams.fraud.rules;

import java.io.Serializable;

/** What a rule computes over the events of a window: their count, or the sum/min/max/avg of a numeric field. */
public record Aggregate(Function function, String field, int position) implements Serializable {

    public enum Function { COUNT, SUM, MIN, MAX, AVG }

    public static Aggregate count() {
        return new Aggregate(Function.COUNT, null, -1);
    }

    /** The window's value from its accumulated count, sum, min and max. */
    public double result(long count, double sum, double min, double max) {
        return switch (function) {
            case COUNT -> count;
            case SUM -> sum;
            case MIN -> min;
            case MAX -> max;
            case AVG -> count == 0 ? 0 : sum / count;
        };
    }

    @Override
    public String toString() {
        return function == Function.COUNT ? "count" : function.name().toLowerCase() + "(" + field + ")";
    }
}
