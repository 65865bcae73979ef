package io.infometis.streams.stack;

import java.util.List;
import java.util.Map;

/**
 * One part of the local stack (Kafka, the registry, Elasticsearch; later the Flink session cluster, the
 * generator, job submission). {@link LocalStack} starts components once the ones they depend on are ready.
 */
public interface StackComponent {

    /** Short lower-case name, used in messages, state files and {@code READY <name> <url>} lines. */
    String name();

    /** Names of components that must be ready before this one starts. */
    default List<String> dependsOn() {
        return List.of();
    }

    /** Fails, naming the component and the port, when any of its ports is taken. Cheap: spawns nothing. */
    default void checkPorts() {
        ports().forEach((role, port) -> Ports.requireFree(name(), role, port));
    }

    /** Starts the component's processes and blocks until it is ready; fails with a message naming it. */
    void start();

    /** Stops every process of the component; idempotent. */
    void stop();

    boolean isRunning();

    /** The address users and clients connect to (bootstrap servers, base URL). */
    String url();

    /** Every port the component listens on, by role (for status output and the CLI state). */
    Map<String, Integer> ports();

    /** The OS processes of the component, in start order. */
    List<ManagedProcess> processes();
}
