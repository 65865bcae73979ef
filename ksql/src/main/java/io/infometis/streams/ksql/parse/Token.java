package io.infometis.streams.ksql.parse;

/**
 * One lexical token of a ksqlDB statement.
 *
 * @param kind   what it is
 * @param text   the text as written (for quoted identifiers and strings: the content, unescaped)
 * @param line   1-based line in the file, for messages
 * @param start  offset of the first character in the file
 * @param end    offset after the last character in the file
 */
public record Token(Kind kind, String text, int line, int start, int end) {

    public enum Kind { WORD, QUOTED_IDENTIFIER, STRING, NUMBER, SYMBOL, VARIABLE }

    /** True for an unquoted word equal (case-insensitively) to {@code keyword}. */
    public boolean isWord(String keyword) {
        return kind == Kind.WORD && text.equalsIgnoreCase(keyword);
    }

    public boolean isSymbol(String symbol) {
        return kind == Kind.SYMBOL && text.equals(symbol);
    }

    /** The text as it would be written again: quotes restored, so token sequences compare like the source. */
    public String canonical() {
        return switch (kind) {
            case QUOTED_IDENTIFIER -> "`" + text.replace("`", "``") + "`";
            case STRING -> "'" + text.replace("'", "''") + "'";
            default -> text;
        };
    }
}
