package io.infometis.streams.stack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/** Finds the servers that the platform/* modules fetched into their target/ directories. */
public final class PlatformArtifacts {

    private PlatformArtifacts() {}

    public static Path kafkaLibs(Path home) {
        Path libs = home.resolve("platform/kafka-server/target/kafka/libs");
        try (Stream<Path> jars = Files.isDirectory(libs) ? Files.list(libs) : Stream.empty()) {
            if (jars.noneMatch(p -> p.getFileName().toString().startsWith("kafka_2.13-"))) {
                throw missing("Kafka broker jars", libs, "platform/kafka-server");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return libs;
    }

    public static Path registryJar(Path home) {
        Path target = home.resolve("platform/registry-server/target");
        try (Stream<Path> files = Files.isDirectory(target) ? Files.list(target) : Stream.empty()) {
            return files.filter(p -> p.getFileName().toString().endsWith("-runner.jar")).findFirst()
                    .orElseThrow(() -> missing("Apicurio Registry runner jar", target, "platform/registry-server"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static Path elasticsearchHome(Path home) {
        Path target = home.resolve("platform/elasticsearch-server/target");
        try (Stream<Path> files = Files.isDirectory(target) ? Files.list(target) : Stream.empty()) {
            return files.filter(p -> p.getFileName().toString().startsWith("elasticsearch-"))
                    .filter(p -> Files.isRegularFile(p.resolve("bin/elasticsearch")))
                    .findFirst()
                    .orElseThrow(() -> missing("Elasticsearch distribution", target, "platform/elasticsearch-server"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static StackException missing(String what, Path where, String module) {
        return new StackException(what + " not found in " + where + ". Build it first: mvn -B -q -DskipTests package -pl "
                + module);
    }
}
