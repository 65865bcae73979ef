package io.infometis.streams.ksql.check;

/**
 * One thing a check found wrong. {@code where} names the file and statement (or record), the message names the
 * column or field and what was expected.
 */
public record Problem(String where, String message) {

    @Override
    public String toString() {
        return where + ": " + message;
    }
}
