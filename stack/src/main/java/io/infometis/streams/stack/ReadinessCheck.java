package io.infometis.streams.stack;

/**
 * Answers whether a started server is ready to serve. Called repeatedly until it returns true; an exception
 * counts as "not yet" (connection refused is the normal answer while a server boots).
 */
@FunctionalInterface
public interface ReadinessCheck {

    boolean isReady() throws Exception;

    /** For processes that are ready as soon as they run (or are checked by other means). */
    static ReadinessCheck immediately() {
        return () -> true;
    }
}
