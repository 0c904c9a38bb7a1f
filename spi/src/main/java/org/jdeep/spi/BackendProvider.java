package org.jdeep.spi;

/**
 * The service a backend module provides, found with {@link java.util.ServiceLoader}. A provider must be
 * cheap to construct: it loads no native code and touches no device until {@link #probe()} or
 * {@link #open()} is called.
 */
public interface BackendProvider {

    /** The name users select the backend by, lower case ({@code "cpu"}, {@code "opencl"}, {@code "cuda"}). */
    String name();

    /**
     * Whether the backend can run here. Never throws for a missing driver, library or device: that is an
     * unavailable probe with the reason.
     */
    Probe probe();

    /**
     * Opens the backend on its chosen device.
     *
     * @throws IllegalStateException with the probe's reason when it cannot run here
     */
    Backend open();
}
