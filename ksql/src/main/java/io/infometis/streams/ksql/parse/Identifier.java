package io.infometis.streams.ksql.parse;

/**
 * A name in a statement, as ksqlDB stores it: unquoted names are upper-cased, quoted ones kept as written.
 *
 * @param name    the stored name
 * @param quoted  whether it was written in back-quotes or double quotes
 * @param line    where it is, for messages
 */
public record Identifier(String name, boolean quoted, int line) {

    static Identifier of(Token token) {
        return switch (token.kind()) {
            case WORD -> new Identifier(token.text().toUpperCase(java.util.Locale.ROOT), false, token.line());
            case QUOTED_IDENTIFIER -> new Identifier(token.text(), true, token.line());
            default -> throw new KsqlSyntaxException("line " + token.line() + ": expected a name, got '"
                    + token.canonical() + "'");
        };
    }

    @Override
    public String toString() {
        return name;
    }
}
