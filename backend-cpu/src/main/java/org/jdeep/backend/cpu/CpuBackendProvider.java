package org.jdeep.backend.cpu;

import org.jdeep.spi.Backend;
import org.jdeep.spi.BackendProvider;
import org.jdeep.spi.Probe;

/** The {@code "cpu"} backend provider: pure Java, so it runs wherever the JVM does. */
public final class CpuBackendProvider implements BackendProvider {

    /** Public no-argument constructor for {@link java.util.ServiceLoader}; does no work. */
    public CpuBackendProvider() {
    }

    @Override
    public String name() {
        return "cpu";
    }

    @Override
    public Probe probe() {
        try {
            if (!vectorApiPresent()) {
                return Probe.unavailable(MISSING_VECTOR_API);
            }
            return Probe.available(describe(CpuThreads.configuredThreads()));
        } catch (IllegalArgumentException e) {
            return Probe.unavailable("cpu: " + e.getMessage());
        } catch (RuntimeException | LinkageError e) {
            // A probe reports, it never throws.
            return Probe.unavailable("cpu: " + e);
        }
    }

    @Override
    public Backend open() {
        if (!vectorApiPresent()) {
            throw new IllegalStateException(MISSING_VECTOR_API);
        }
        CpuThreads threads;
        try {
            threads = CpuThreads.fromSystemProperty();
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("cpu: " + e.getMessage(), e);
        }
        return new CpuBackend(threads);
    }

    /** The device line: architecture, threads and the Vector API width the matrix multiply will use. */
    static String describe(int threads) {
        return "cpu: " + System.getProperty("os.arch") + ", " + threads + (threads == 1 ? " thread" : " threads")
                + ", " + vectorApi();
    }

    private static String vectorApi() {
        return "Vector API " + jdk.incubator.vector.FloatVector.SPECIES_PREFERRED.vectorBitSize() + "-bit";
    }

    private static final String MISSING_VECTOR_API = "cpu: the module jdk.incubator.vector is not loaded, and the "
            + "matrix multiply needs it (on the class path, launch java with --add-modules jdk.incubator.vector)";

    /** On the class path without {@code --add-modules jdk.incubator.vector} the Vector API classes are missing. */
    private static boolean vectorApiPresent() {
        return ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent()
                || CpuBackendProvider.class.getModule().getLayer() != null;
    }
}
