package io.infometis.streams.ksql.parse;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits ksqlDB SQL text into tokens, dropping whitespace and comments. Written by hand because no ksqlDB parser is
 * published on Maven Central (ksqlDB's own artifacts live only in Confluent's repository); it follows the lexical
 * rules of ksqlDB's grammar (SqlBase.g4): '--' and '/* *&#47;' comments, 'strings' with '' escapes, `back-quoted`
 * and "double-quoted" identifiers, ${variables}.
 */
public final class Lexer {

    private static final List<String> MULTI_CHAR_SYMBOLS = List.of("<>", "!=", "<=", ">=", "->", "||", ":=", "=>");

    private final String source;
    private final String fileName;
    private final List<Token> tokens = new ArrayList<>();
    private int pos;
    private int line = 1;

    private Lexer(String source, String fileName) {
        this.source = source;
        this.fileName = fileName;
    }

    public static List<Token> tokenize(String source, String fileName) {
        Lexer lexer = new Lexer(source, fileName);
        lexer.run();
        return lexer.tokens;
    }

    private void run() {
        while (pos < source.length()) {
            char c = source.charAt(pos);
            if (c == '\n') {
                line++;
                pos++;
            } else if (Character.isWhitespace(c)) {
                pos++;
            } else if (source.startsWith("--", pos)) {
                while (pos < source.length() && source.charAt(pos) != '\n') {
                    pos++;
                }
            } else if (source.startsWith("/*", pos)) {
                int close = source.indexOf("*/", pos + 2);
                if (close < 0) {
                    throw error("unterminated /* comment");
                }
                countLines(pos, close + 2);
                pos = close + 2;
            } else if (c == '\'') {
                quoted('\'', Token.Kind.STRING);
            } else if (c == '`' || c == '"') {
                quoted(c, Token.Kind.QUOTED_IDENTIFIER);
            } else if (source.startsWith("${", pos)) {
                int close = source.indexOf('}', pos);
                if (close < 0) {
                    throw error("unterminated ${variable}");
                }
                add(Token.Kind.VARIABLE, source.substring(pos, close + 1), pos, close + 1);
            } else if (Character.isLetter(c) || c == '_') {
                int start = pos;
                while (pos < source.length() && isWordPart(source.charAt(pos))) {
                    pos++;
                }
                add(Token.Kind.WORD, source.substring(start, pos), start, pos);
            } else if (Character.isDigit(c) || (c == '.' && pos + 1 < source.length()
                    && Character.isDigit(source.charAt(pos + 1)))) {
                number();
            } else {
                symbol();
            }
        }
    }

    private static boolean isWordPart(char c) {
        return Character.isLetterOrDigit(c) || c == '_' || c == '@';
    }

    private void number() {
        int start = pos;
        while (pos < source.length() && (Character.isDigit(source.charAt(pos)) || source.charAt(pos) == '.')) {
            pos++;
        }
        if (pos < source.length() && (source.charAt(pos) == 'E' || source.charAt(pos) == 'e')) {
            pos++;
            if (pos < source.length() && (source.charAt(pos) == '+' || source.charAt(pos) == '-')) {
                pos++;
            }
            while (pos < source.length() && Character.isDigit(source.charAt(pos))) {
                pos++;
            }
        }
        add(Token.Kind.NUMBER, source.substring(start, pos), start, pos);
    }

    private void symbol() {
        for (String symbol : MULTI_CHAR_SYMBOLS) {
            if (source.startsWith(symbol, pos)) {
                add(Token.Kind.SYMBOL, symbol, pos, pos + symbol.length());
                return;
            }
        }
        add(Token.Kind.SYMBOL, String.valueOf(source.charAt(pos)), pos, pos + 1);
    }

    private void quoted(char quote, Token.Kind kind) {
        int start = pos;
        int startLine = line;
        StringBuilder content = new StringBuilder();
        pos++;
        while (true) {
            if (pos >= source.length()) {
                line = startLine;
                throw error("unterminated " + quote + "quoted" + quote + " text");
            }
            char c = source.charAt(pos);
            if (c == quote) {
                if (pos + 1 < source.length() && source.charAt(pos + 1) == quote) {
                    content.append(quote);
                    pos += 2;
                    continue;
                }
                pos++;
                break;
            }
            if (c == '\n') {
                line++;
            }
            content.append(c);
            pos++;
        }
        tokens.add(new Token(kind, content.toString(), startLine, start, pos));
    }

    private void add(Token.Kind kind, String text, int start, int end) {
        tokens.add(new Token(kind, text, line, start, end));
        pos = end;
    }

    private void countLines(int from, int to) {
        for (int i = from; i < to; i++) {
            if (source.charAt(i) == '\n') {
                line++;
            }
        }
    }

    private KsqlSyntaxException error(String what) {
        return new KsqlSyntaxException(fileName + ":" + line + ": " + what);
    }
}
