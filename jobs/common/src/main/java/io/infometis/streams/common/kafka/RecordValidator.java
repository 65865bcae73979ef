package io.infometis.streams.common.kafka;

import java.io.Serializable;
import java.util.Optional;

/**
 * Decides whether a record that decoded is fit for the job. A problem sends the record to the dead-letter topic
 * with that text as the reason, before it can reach any state or move the watermark.
 */
@FunctionalInterface
public interface RecordValidator<T> extends Serializable {

    /** Empty when the record is valid; otherwise why not, e.g. "amount is negative: -5". */
    Optional<String> problem(T record);

    static <T> RecordValidator<T> none() {
        return record -> Optional.empty();
    }

    /** This check, then the other one. */
    default RecordValidator<T> and(RecordValidator<T> other) {
        return record -> {
            Optional<String> first = problem(record);
            return first.isPresent() ? first : other.problem(record);
        };
    }
}
