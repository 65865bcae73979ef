package io.infometis.streams.ksql.parse;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits a script into statements at the semicolons the lexer sees, so semicolons inside strings, quoted names and
 * comments never split a statement. Hand-written for the same reason as {@link Lexer}.
 */
public final class StatementSplitter {

    private StatementSplitter() {}

    public static List<Statement> split(String source, String fileName) {
        List<Token> tokens = Lexer.tokenize(source, fileName);
        List<Statement> statements = new ArrayList<>();
        List<Token> current = new ArrayList<>();
        for (Token token : tokens) {
            if (token.isSymbol(";")) {
                if (current.isEmpty()) {
                    throw new KsqlSyntaxException(fileName + ":" + token.line() + ": empty statement (a stray ';')");
                }
                String text = source.substring(current.get(0).start(), token.end());
                statements.add(new Statement(fileName, statements.size() + 1, current, text));
                current = new ArrayList<>();
            } else {
                current.add(token);
            }
        }
        if (!current.isEmpty()) {
            throw new KsqlSyntaxException(fileName + ":" + current.get(0).line()
                    + ": statement does not end with ';' (ksqlDB would wait for more input)");
        }
        return statements;
    }
}
