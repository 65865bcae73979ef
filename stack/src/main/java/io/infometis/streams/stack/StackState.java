package io.infometis.streams.stack;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

/**
 * What {@code bin/stack up} started, in {@code <state dir>/stack.properties}: the components in start order with
 * their URL and ports, and every process in start order. Pids themselves are in {@code <state dir>/pids/}.
 */
public final class StackState {

    private static final String FILE = "stack.properties";

    private final List<ComponentState> components;
    private final List<String> processes;

    public record ComponentState(String name, String url, Map<String, Integer> ports, List<String> processes) {}

    public StackState(List<ComponentState> components) {
        this.components = List.copyOf(components);
        List<String> all = new ArrayList<>();
        components.forEach(c -> all.addAll(c.processes()));
        this.processes = List.copyOf(all);
    }

    public static StackState of(List<StackComponent> started) {
        List<ComponentState> states = new ArrayList<>();
        for (StackComponent c : started) {
            if (c.processes().isEmpty()) {
                continue; // a one-shot step (job submission): nothing to watch or stop
            }
            states.add(new ComponentState(c.name(), c.url(), new LinkedHashMap<>(c.ports()),
                    c.processes().stream().map(ManagedProcess::name).toList()));
        }
        return new StackState(states);
    }

    public List<ComponentState> components() {
        return components;
    }

    /** Every process in start order. */
    public List<String> processes() {
        return processes;
    }

    public void write(Path stateDir) {
        Properties p = new Properties();
        p.setProperty("components", String.join(",", components.stream().map(ComponentState::name).toList()));
        for (ComponentState c : components) {
            p.setProperty(c.name() + ".url", c.url());
            p.setProperty(c.name() + ".processes", String.join(",", c.processes()));
            c.ports().forEach((role, port) -> p.setProperty(c.name() + ".port." + role, Integer.toString(port)));
        }
        try {
            Files.createDirectories(stateDir);
            Path tmp = stateDir.resolve(FILE + ".tmp");
            try (Writer w = Files.newBufferedWriter(tmp)) {
                p.store(w, "Written by bin/stack up; read by status and down");
            }
            Files.move(tmp, stateDir.resolve(FILE), java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                    java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write the stack state into " + stateDir, e);
        }
    }

    public static Optional<StackState> read(Path stateDir) {
        Path file = stateDir.resolve(FILE);
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(file)) {
            p.load(r);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + file, e);
        }
        List<ComponentState> components = new ArrayList<>();
        for (String name : split(p.getProperty("components", ""))) {
            Map<String, Integer> ports = new LinkedHashMap<>();
            String prefix = name + ".port.";
            p.stringPropertyNames().stream().filter(k -> k.startsWith(prefix)).sorted()
                    .forEach(k -> ports.put(k.substring(prefix.length()), Integer.parseInt(p.getProperty(k))));
            components.add(new ComponentState(name, p.getProperty(name + ".url", "?"), ports,
                    split(p.getProperty(name + ".processes", ""))));
        }
        return Optional.of(new StackState(components));
    }

    public static void delete(Path stateDir) {
        try {
            Files.deleteIfExists(stateDir.resolve(FILE));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<String> split(String csv) {
        return Arrays.stream(csv.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    }
}
