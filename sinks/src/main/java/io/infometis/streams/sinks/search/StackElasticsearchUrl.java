package io.infometis.streams.sinks.search;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Properties;

/**
 * Where the local stack's Elasticsearch is: {@code elasticsearch.url} in {@code <state dir>/stack.properties},
 * which {@code bin/stack up} writes. Read as a plain properties file so the search command needs nothing of the
 * stack module.
 */
final class StackElasticsearchUrl {

    static final String FALLBACK = "http://127.0.0.1:9200";

    private StackElasticsearchUrl() {}

    /** The state dir of a checkout: {@code -Dinfometis.home} (set by bin/search) or the working directory. */
    static Path defaultStateDir() {
        String home = System.getProperty("infometis.home");
        return Path.of(home == null || home.isBlank() ? "." : home).resolve(".stack");
    }

    static Optional<String> read(Path stateDir) {
        Path file = stateDir.resolve("stack.properties");
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(file)) {
            p.load(r);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
        return Optional.ofNullable(p.getProperty("elasticsearch.url")).map(String::trim).filter(s -> !s.isEmpty());
    }
}
