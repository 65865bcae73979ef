package io.infometis.streams.stack;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;

/** Loopback port helpers: every server of the stack binds 127.0.0.1 only. */
public final class Ports {

    public static final String HOST = "127.0.0.1";

    private Ports() {}

    /** A port that was free a moment ago (the OS picks it); good enough for tests, which start right after. */
    public static int free() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName(HOST))) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new StackException("Cannot find a free port on " + HOST, e);
        }
    }

    /** {@code count} distinct free ports (all held open together while picking, so none repeats). */
    public static int[] free(int count) {
        java.util.List<ServerSocket> held = new java.util.ArrayList<>();
        try {
            for (int i = 0; i < count; i++) {
                held.add(new ServerSocket(0, 1, InetAddress.getByName(HOST)));
            }
            return held.stream().mapToInt(ServerSocket::getLocalPort).toArray();
        } catch (IOException e) {
            throw new StackException("Cannot find " + count + " free ports on " + HOST, e);
        } finally {
            for (ServerSocket s : held) {
                try {
                    s.close();
                } catch (IOException ignored) {
                    // closing a listening socket we own does not fail in practice
                }
            }
        }
    }

    /**
     * {@code size} contiguous ports that were free a moment ago (for servers that take a port range, e.g. Flink's
     * Prometheus reporter): tries OS-picked starting points until the following ports are free too.
     */
    public static io.infometis.streams.stack.flink.PortRange freeRange(int size) {
        if (size < 1) {
            throw new IllegalArgumentException("size must be positive, got " + size);
        }
        for (int attempt = 0; attempt < 100; attempt++) {
            int first = free();
            if (first + size - 1 > 65535) {
                continue;
            }
            boolean allFree = true;
            for (int port = first + 1; port < first + size && allFree; port++) {
                allFree = isFree(port);
            }
            if (allFree) {
                return new io.infometis.streams.stack.flink.PortRange(first, first + size - 1);
            }
        }
        throw new StackException("Cannot find " + size + " contiguous free ports on " + HOST);
    }

    private static boolean isFree(int port) {
        try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getByName(HOST))) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * Fails fast, before a server process is spawned, so the error names the component instead of surfacing as a
     * bind exception deep in that server's log.
     */
    public static void requireFree(String component, String role, int port) {
        if (port < 1 || port > 65535) {
            throw new StackException(component + ": " + role + " port must be within 1..65535, got " + port);
        }
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(InetAddress.getByName(HOST), port));
        } catch (IOException e) {
            throw new StackException("Cannot start " + component + ": " + role + " port " + port + " on " + HOST
                    + " is already in use (another process listens there; stop it or choose another port)", e);
        }
    }
}
