package io.infometis.streams.ksql;

import io.infometis.streams.ksql.parse.ParsedStatement;
import io.infometis.streams.ksql.parse.Statement;
import io.infometis.streams.ksql.parse.StatementParser;
import io.infometis.streams.ksql.parse.StatementSplitter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The ksql/ folder: the numbered scripts in run order, the example queries and the test cases.
 * Layout: {@code NNN-name.sql} scripts, {@code queries/*.sql}, {@code tests/<name>/statements.sql|input.json|output.json},
 * {@code headless/queries.sql}.
 */
public final class KsqlProject {

    /** A numbered script: three digits, a dash, a lower-case name. */
    public static final Pattern SCRIPT_NAME = Pattern.compile("\\d{3}-[a-z0-9-]+\\.sql");

    private final Path root;

    public KsqlProject(Path root) {
        if (!Files.isDirectory(root)) {
            throw new IllegalArgumentException("ksql folder " + root + " does not exist");
        }
        this.root = root;
    }

    /** The ksql/ folder of the checkout the build runs in (the module's base directory). */
    public static KsqlProject fromWorkingDirectory() {
        Path here = Path.of("").toAbsolutePath();
        Path root = Files.exists(here.resolve("010-source-streams.sql")) ? here : here.resolve("ksql");
        return new KsqlProject(root);
    }

    public Path root() {
        return root;
    }

    /** The numbered scripts, in run order. */
    public List<ScriptFile> scripts() {
        return list(root).stream()
                .filter(p -> SCRIPT_NAME.matcher(p.getFileName().toString()).matches())
                .map(p -> ScriptFile.read(p, p.getFileName().toString()))
                .toList();
    }

    /** Every parsed statement of the numbered scripts, in run order. */
    public List<ParsedStatement> scriptStatements() {
        List<ParsedStatement> all = new ArrayList<>();
        scripts().forEach(s -> all.addAll(s.parsed()));
        return all;
    }

    public List<ScriptFile> exampleQueries() {
        Path folder = root.resolve("queries");
        return list(folder).stream().filter(p -> p.toString().endsWith(".sql"))
                .map(p -> ScriptFile.read(p, "queries/" + p.getFileName())).toList();
    }

    public List<Path> testCaseFolders() {
        return list(root.resolve("tests")).stream().filter(Files::isDirectory).toList();
    }

    public Path headlessFile() {
        return root.resolve("headless").resolve("queries.sql");
    }

    private static List<Path> list(Path folder) {
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(folder)) {
            return files.sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** One .sql file: its text, statements and their parsed form. */
    public record ScriptFile(String name, String text, List<Statement> statements, List<ParsedStatement> parsed) {

        public static ScriptFile read(Path path, String name) {
            try {
                return of(name, Files.readString(path));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        public static ScriptFile of(String name, String text) {
            List<Statement> statements = StatementSplitter.split(text, name);
            return new ScriptFile(name, text, statements, statements.stream().map(StatementParser::parse).toList());
        }
    }
}
