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

    /** The OS processes of the component, in start order (empty for a one-shot step such as job submission). */
    List<ManagedProcess> processes();

    /**
     * What {@code stack up} prints once the component started: {@code READY <name> <url>} by default; a component
     * made of several parts (the Flink jobs) prints one line per part, {@code FAILED ...} for a part that did not
     * start (the command then exits 2).
     */
    default List<String> readyLines() {
        return List.of("READY " + name() + " " + url());
    }
}
