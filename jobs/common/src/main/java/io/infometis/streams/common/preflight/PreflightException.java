package io.infometis.streams.common.preflight;

/**
 * A service a job needs is unreachable or refuses the job's credentials or certificate trust. Thrown by the start-up
 * checks in {@code main()}, before the job is submitted; the message names the setting to fix and never holds a
 * secret.
 */
public final class PreflightException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public PreflightException(String message, Throwable cause) {
        super(message, cause);
    }
}
