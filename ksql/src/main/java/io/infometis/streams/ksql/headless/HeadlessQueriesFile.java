package io.infometis.streams.ksql.headless;

import io.infometis.streams.ksql.KsqlProject;
import io.infometis.streams.ksql.KsqlProject.ScriptFile;
import io.infometis.streams.ksql.parse.ParsedStatement;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Generates the file a headless ksqlDB server runs ({@code ksql.queries.file}): every statement of the numbered
 * scripts in run order (SET, CREATE STREAM/TABLE and the persistent queries). Generated, so it cannot drift from
 * the scripts; the build regenerates it into target/ and a test compares it with the committed copy.
 */
public final class HeadlessQueriesFile {

    private HeadlessQueriesFile() {}

    public static String generate(KsqlProject project) {
        StringBuilder out = new StringBuilder();
        out.append("-- Generated from the numbered scripts in ksql/ by the ksql-checks build; do not edit.\n")
                .append("-- Regenerate: mvn -pl ksql -am verify, then copy ksql/target/headless/queries.sql here.\n")
                .append("-- For a headless ksqlDB server: ksql.queries.file=<path to this file>.\n");
        for (ScriptFile script : project.scripts()) {
            out.append("\n-- ").append(script.name()).append("\n\n");
            for (ParsedStatement statement : script.parsed()) {
                if (statement instanceof ParsedStatement.TransientQuery) {
                    throw new IllegalStateException(statement.statement().where()
                            + ": a transient query cannot run in headless mode; move it to queries/");
                }
                out.append(statement.statement().text()).append("\n\n");
            }
        }
        return out.toString();
    }

    /** Arguments: the ksql folder and the file to write. */
    public static void main(String[] args) throws IOException {
        if (args.length != 2) {
            throw new IllegalArgumentException("usage: HeadlessQueriesFile <ksql folder> <output file>");
        }
        Path output = Path.of(args[1]);
        Files.createDirectories(output.toAbsolutePath().getParent());
        Files.writeString(output, generate(new KsqlProject(Path.of(args[0]))));
    }
}
