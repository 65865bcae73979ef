package io.infometis.streams.ksql.check;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * The topics the Strimzi {@code KafkaTopic} manifests under a folder create: {@code spec.topicName}, else
 * {@code metadata.name}. Empty when the folder holds no KafkaTopic manifest (the Kubernetes work checks separately
 * that its manifests cover the whole catalogue).
 */
public final class KafkaTopicManifests {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private KafkaTopicManifests() {}

    public static Optional<Set<String>> topicsUnder(Path folder) {
        if (!Files.isDirectory(folder)) {
            return Optional.empty();
        }
        Set<String> topics = new TreeSet<>();
        List<Path> files;
        try (Stream<Path> walk = Files.walk(folder)) {
            files = walk.filter(p -> p.toString().endsWith(".yaml") || p.toString().endsWith(".yml"))
                    .filter(p -> !p.toString().contains("/target/")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        for (Path file : files) {
            try (MappingIterator<JsonNode> documents = YAML.readerFor(JsonNode.class).readValues(file.toFile())) {
                while (documents.hasNext()) {
                    JsonNode document = documents.next();
                    if (document != null && "KafkaTopic".equals(document.path("kind").asText())) {
                        String name = document.path("spec").path("topicName").asText(
                                document.path("metadata").path("name").asText());
                        topics.add(name);
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + file, e);
            }
        }
        return topics.isEmpty() ? Optional.empty() : Optional.of(topics);
    }
}
