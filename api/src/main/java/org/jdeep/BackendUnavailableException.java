package org.jdeep;

/**
 * The backend a user asked for is missing or cannot run here. The message carries the probe's reason,
 * every backend found, and how to choose another: jdeep never falls back silently.
 */
public class BackendUnavailableException extends IllegalStateException {
    private static final long serialVersionUID = 1L;

    /** An exception with a message that says which backend was asked for and why it cannot run. */
    public BackendUnavailableException(String message) {
        super(message);
    }

    /** As {@link #BackendUnavailableException(String)}, with the error that made opening fail. */
    public BackendUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
