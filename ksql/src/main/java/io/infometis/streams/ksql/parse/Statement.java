package io.infometis.streams.ksql.parse;

import java.util.List;
import java.util.stream.Collectors;

/**
 * One statement of a script file, as tokens (comments and whitespace gone) plus its source text.
 *
 * @param file    the file name as shown in messages, e.g. {@code 110-orders-with-customer.sql}
 * @param number  1-based position of the statement in its file
 * @param tokens  the statement's tokens, without the closing semicolon
 * @param text    the statement as written, from its first token to its semicolon
 */
public record Statement(String file, int number, List<Token> tokens, String text) {

    public Statement {
        tokens = List.copyOf(tokens);
    }

    public int line() {
        return tokens.isEmpty() ? 0 : tokens.get(0).line();
    }

    /** Whitespace- and comment-insensitive form: two statements are the same statement when these are equal. */
    public String normalized() {
        return tokens.stream().map(Token::canonical).collect(Collectors.joining(" ")) + ";";
    }

    /** Where the statement is, for messages: {@code 110-orders-with-customer.sql statement 1 (line 9)}. */
    public String where() {
        return file + " statement " + number + " (line " + line() + ")";
    }
}
