package io.infometis.streams.ksql.parse;

/** A statement the checks cannot read; the message names the file, line and what was expected. */
public class KsqlSyntaxException extends RuntimeException {
    public KsqlSyntaxException(String message) {
        super(message);
    }
}
