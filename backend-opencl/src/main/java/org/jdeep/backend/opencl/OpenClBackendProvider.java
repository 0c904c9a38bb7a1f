package org.jdeep.backend.opencl;

import org.jdeep.spi.Backend;
import org.jdeep.spi.BackendProvider;
import org.jdeep.spi.Probe;

/**
 * The {@code "opencl"} backend provider. Constructing it loads nothing; {@link #probe()} checks that the JVM
 * can host an OpenCL driver ({@link SignalChaining}) and the backend's arenas ({@link GarbageCollector}), loads
 * Aparapi's native library, lists the OpenCL devices, and checks the chosen one for fp64; {@link #open()}
 * compiles the kernels for that device and proves they run there.
 */
public final class OpenClBackendProvider implements BackendProvider {

    /** Public no-argument constructor for {@link java.util.ServiceLoader}; does no work. */
    public OpenClBackendProvider() {
    }

    @Override
    public String name() {
        return "opencl";
    }

    @Override
    public Probe probe() {
        String unsafe = jvmProblem();
        if (unsafe != null) {
            return Probe.unavailable(unsafe);
        }
        try {
            OpenClDevices.Scan scan = OpenClDevices.scan();
            return scan.chosen() == null ? Probe.unavailable(scan.problem()) : Probe.available(scan.detail());
        } catch (RuntimeException | LinkageError e) {
            // A probe reports, it never throws (for example when Aparapi is missing from the path).
            return Probe.unavailable("opencl: " + e);
        }
    }

    @Override
    public Backend open() {
        String unsafe = jvmProblem();
        if (unsafe != null) {
            throw new IllegalStateException(unsafe);
        }
        OpenClDevices.Scan scan;
        try {
            scan = OpenClDevices.scan();
        } catch (RuntimeException | LinkageError e) {
            throw new IllegalStateException("opencl: " + e, e);
        }
        if (scan.chosen() == null) {
            throw new IllegalStateException(scan.problem());
        }
        return new OpenClBackend(scan.chosen());
    }

    /** Why this JVM must not run the backend, or null; checked before anything of OpenCL is loaded. */
    private static String jvmProblem() {
        String signals = SignalChaining.problem();
        return signals != null ? signals : GarbageCollector.problem();
    }
}
