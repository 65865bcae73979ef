package io.infometis.streams.stack;

import io.infometis.streams.events.Topics;
import java.util.ArrayList;
import java.util.List;

/**
 * The components {@code bin/stack up} starts, in one list. EXTENSION POINT: add the Flink session cluster, the
 * generator and job submission here (with {@link StackComponent#dependsOn()} naming what they need, e.g. the
 * generator depends on "kafka" and "registry"), and their ports as options in {@link StackCommand.Up}.
 */
final class CliComponents {

    private CliComponents() {}

    static List<StackComponent> components(StackCommand.Up options, StackLayout layout) {
        List<StackComponent> components = new ArrayList<>();
        components.add(new KafkaBroker(layout, options.kafkaPort, options.kafkaControllerPort, Topics.all()));
        components.add(new SchemaRegistryServer(layout, options.registryPort));
        components.add(new ElasticsearchServer(layout, options.elasticsearchPort, options.elasticsearchTransportPort));
        return components;
    }
}
