package io.infometis.streams.stack;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A set of components started together: each one as soon as the components it {@link StackComponent#dependsOn()
 * depends on} are ready (independent ones start in parallel, which keeps a test JVM's start short), stopped in
 * reverse order. If any component fails to start, the ones already running are stopped and the error names it.
 */
public final class LocalStack implements AutoCloseable {

    private final Map<String, StackComponent> components = new LinkedHashMap<>();
    private final List<StackComponent> started = Collections.synchronizedList(new ArrayList<>());
    private Thread shutdownHook;

    public LocalStack(List<? extends StackComponent> components) {
        for (StackComponent c : components) {
            if (this.components.putIfAbsent(c.name(), c) != null) {
                throw new IllegalArgumentException("Two components are named " + c.name());
            }
        }
        for (StackComponent c : components) {
            for (String dependency : c.dependsOn()) {
                if (!this.components.containsKey(dependency)) {
                    throw new IllegalArgumentException(c.name() + " depends on " + dependency
                            + ", which is not part of this stack " + this.components.keySet());
                }
            }
        }
    }

    /** Stops the stack when the JVM exits (tests); the CLI leaves its servers running on purpose. */
    public LocalStack stopOnJvmExit() {
        shutdownHook = new Thread(this::stopQuietly, "local-stack-shutdown");
        Runtime.getRuntime().addShutdownHook(shutdownHook);
        return this;
    }

    public LocalStack start() {
        // Every port up front: a taken port fails the whole stack before any server is spawned.
        components.values().forEach(StackComponent::checkPorts);
        ExecutorService executor = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "local-stack-start");
            t.setDaemon(true);
            return t;
        });
        try {
            Map<String, CompletableFuture<Void>> ready = new LinkedHashMap<>();
            for (StackComponent c : components.values()) {
                startWhenReady(c, ready, executor);
            }
            CompletableFuture.allOf(ready.values().toArray(CompletableFuture[]::new)).join();
            return this;
        } catch (CompletionException e) {
            // Let every other start finish or fail before stopping, so nothing is left half-started.
            stopQuietly();
            Throwable cause = e.getCause();
            throw cause instanceof StackException se ? se : new StackException(cause.getMessage(), cause);
        } finally {
            executor.shutdown();
        }
    }

    private CompletableFuture<Void> startWhenReady(StackComponent c, Map<String, CompletableFuture<Void>> ready,
                                                   ExecutorService executor) {
        CompletableFuture<Void> existing = ready.get(c.name());
        if (existing != null) {
            return existing;
        }
        CompletableFuture<?>[] dependencies = c.dependsOn().stream()
                .map(name -> startWhenReady(components.get(name), ready, executor))
                .toArray(CompletableFuture[]::new);
        CompletableFuture<Void> future = CompletableFuture.allOf(dependencies).thenRunAsync(() -> {
            started.add(c);
            c.start();
        }, executor);
        ready.put(c.name(), future);
        return future;
    }

    public StackComponent component(String name) {
        StackComponent c = components.get(name);
        if (c == null) {
            throw new IllegalArgumentException("No component " + name + " in this stack " + components.keySet());
        }
        return c;
    }

    public List<StackComponent> components() {
        return List.copyOf(components.values());
    }

    /** Stops every started component, last started first. */
    public void stop() {
        List<StackComponent> toStop;
        synchronized (started) {
            toStop = new ArrayList<>(started);
            started.clear();
        }
        Collections.reverse(toStop);
        StackException first = null;
        for (StackComponent c : toStop) {
            try {
                c.stop();
            } catch (RuntimeException e) {
                if (first == null) {
                    first = new StackException("Cannot stop " + c.name() + ": " + e.getMessage(), e);
                }
            }
        }
        if (first != null) {
            throw first;
        }
    }

    private void stopQuietly() {
        try {
            stop();
        } catch (RuntimeException e) {
            System.err.println("local stack: " + e.getMessage());
        }
    }

    @Override
    public void close() {
        if (shutdownHook != null) {
            try {
                Runtime.getRuntime().removeShutdownHook(shutdownHook);
            } catch (IllegalStateException alreadyShuttingDown) {
                // The hook is running or has run; it stops the stack itself.
            }
        }
        stop();
    }
}
