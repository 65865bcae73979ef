package io.infometis.streams.stack;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** Readiness checks shared by the components. */
public final class Readiness {

    private static final Duration TIMEOUT = Duration.ofSeconds(3);
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();

    private Readiness() {}

    /** Ready when a GET on the URL answers 200. */
    public static ReadinessCheck httpOk(String url) {
        URI uri = URI.create(url);
        return () -> get(uri) == 200;
    }

    /** Ready when something accepts TCP connections on the port. */
    public static ReadinessCheck portOpen(String host, int port) {
        return () -> isOpen(host, port);
    }

    public static boolean isOpen(String host, int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, port), (int) TIMEOUT.toMillis());
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** HTTP status of a GET, or -1 when nothing answers. */
    public static int get(URI uri) {
        try {
            HttpRequest request = HttpRequest.newBuilder(uri).timeout(TIMEOUT).GET().build();
            return HTTP.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }
}
