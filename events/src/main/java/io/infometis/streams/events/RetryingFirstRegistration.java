package io.infometis.streams.events;

import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.flink.api.common.serialization.SerializationSchema;

/**
 * Retries a serialization whose schema registration lost a race with another writer. Why: Apicurio's
 * Confluent-compatible API answers the losing side of two concurrent first registrations of one subject with
 * "already exists" (409, or error code 0 for the artifact's version) instead of the new schema's id (Confluent's
 * registry returns the id), or, with its embedded H2 storage, with a unique-key violation or a lock timeout;
 * parallel writers starting together (Flink subtasks, a job and a generator) failed once at random. The retry registers again and gets the id of the schema that now exists. Any other failure, and
 * a race refusal that persists, is thrown as it was.
 */
final class RetryingFirstRegistration<T> implements SerializationSchema<T> {

    private static final long serialVersionUID = 1L;
    static final int ATTEMPTS = 8;
    private static final Pattern ERROR_CODE = Pattern.compile("error code: (\\d+)\\s*$");

    private final SerializationSchema<T> delegate;

    RetryingFirstRegistration(SerializationSchema<T> delegate) {
        this.delegate = Objects.requireNonNull(delegate, "delegate");
    }

    @Override
    public void open(InitializationContext context) throws Exception {
        delegate.open(context);
    }

    @Override
    public byte[] serialize(T element) {
        for (int attempt = 1; ; attempt++) {
            try {
                return delegate.serialize(element);
            } catch (RuntimeException e) {
                if (attempt >= ATTEMPTS || !isConcurrentRegistration(e)) {
                    throw e;
                }
                pause(attempt);
            }
        }
    }

    /**
     * A registry client exception in the cause chain (matched by name: the client is shaded) with error code 409
     * (conflict), 0 (Apicurio's storage failures: "already exists", unique-key violations, lock timeouts, all seen
     * in the race) or a 5xx/5xxxx server error; never a client error such as 401, 403 or 422 (invalid schema).
     */
    static boolean isConcurrentRegistration(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t.getClass().getSimpleName().equals("RestClientException") && t.getMessage() != null) {
                Matcher code = ERROR_CODE.matcher(t.getMessage());
                if (code.find()) {
                    String digits = code.group(1);
                    return digits.equals("409") || digits.equals("0") || digits.startsWith("5");
                }
            }
        }
        return false;
    }

    private static void pause(int attempt) {
        try {
            Thread.sleep(25L * attempt);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while retrying a schema registration", e);
        }
    }
}
