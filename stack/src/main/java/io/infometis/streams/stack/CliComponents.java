package io.infometis.streams.stack;

import io.infometis.streams.events.Topics;
import io.infometis.streams.stack.flink.FlinkPorts;
import io.infometis.streams.stack.flink.FlinkSessionCluster;
import io.infometis.streams.stack.flink.PortRange;
import io.infometis.streams.stack.generator.EventGenerator;
import io.infometis.streams.stack.jobs.FlinkJobSpec;
import io.infometis.streams.stack.jobs.JobSubmission;
import java.util.ArrayList;
import java.util.List;

/**
 * The components {@code bin/stack up} starts, in one list, and the ones it skips (with the reason). To add one:
 * give it a {@link StackComponent#dependsOn()} naming what it needs, and its ports as options in {@link StackCommand.Up}.
 */
final class CliComponents {

    private CliComponents() {}

    /** What up starts, and one {@code SKIPPED <what>: <why>} line per part left out. */
    record Plan(List<StackComponent> components, List<String> skipped) {}

    static Plan plan(StackCommand.Up options, StackLayout layout) {
        List<StackComponent> components = new ArrayList<>();
        List<String> skipped = new ArrayList<>();
        KafkaBroker kafka = new KafkaBroker(layout, options.kafkaPort, options.kafkaControllerPort, Topics.all());
        SchemaRegistryServer registry = new SchemaRegistryServer(layout, options.registryPort);
        ElasticsearchServer elasticsearch = new ElasticsearchServer(layout, options.elasticsearchPort,
                options.elasticsearchTransportPort);
        FlinkSessionCluster flink = new FlinkSessionCluster(layout, flinkPorts(options));
        components.add(kafka);
        components.add(registry);
        components.add(elasticsearch);
        components.add(flink);

        if (options.noGenerator) {
            skipped.add("SKIPPED generator: --no-generator");
        } else {
            EventGenerator.missing(layout.home()).ifPresentOrElse(
                    why -> skipped.add("SKIPPED generator: " + why),
                    () -> components.add(new EventGenerator(layout, options.generatorRate, kafka::bootstrapServers,
                            registry::url)));
        }
        if (options.noJobs) {
            FlinkJobSpec.ALL.forEach(job -> skipped.add("SKIPPED job " + job.name() + ": --no-jobs"));
        } else {
            components.add(new JobSubmission(layout.home(), FlinkJobSpec.ALL, flink,
                    List.of(FlinkSessionCluster.NAME, KafkaBroker.NAME, SchemaRegistryServer.NAME, ElasticsearchServer.NAME),
                    () -> List.of("--kafka.bootstrap.servers", kafka.bootstrapServers(),
                            "--schema.registry.url", registry.url(),
                            "--elasticsearch.hosts", elasticsearch.url())));
        }
        return new Plan(components, skipped);
    }

    static FlinkPorts flinkPorts(StackCommand.Up o) {
        try {
            return new FlinkPorts(o.flinkRestPort, o.flinkRpcPort, o.flinkBlobPort, o.flinkTaskManagerRpcPort,
                    o.flinkDataPort, PortRange.parse(o.flinkPrometheusPorts), PortRange.parse(o.flinkQueryServicePorts));
        } catch (IllegalArgumentException e) {
            throw new StackException("Invalid Flink ports: " + e.getMessage(), e);
        }
    }
}
