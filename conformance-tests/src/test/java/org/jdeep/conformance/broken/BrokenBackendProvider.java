package org.jdeep.conformance.broken;

import java.util.ServiceLoader;
import org.jdeep.spi.Backend;
import org.jdeep.spi.BackendProvider;
import org.jdeep.spi.Probe;

/**
 * A deliberately broken backend, {@code "broken"}: the CPU backend with two bugs (see {@link BrokenBackend}).
 * It exists to prove that the conformance suite catches them; it is available only where the system property
 * {@code jdeep.conformance.enableBrokenBackend} is true (the broken-backend Surefire execution), and elsewhere
 * shows up in the report as skipped with that reason.
 */
public final class BrokenBackendProvider implements BackendProvider {
    /** The property that makes this backend available. */
    public static final String ENABLE = "jdeep.conformance.enableBrokenBackend";

    /** For ServiceLoader. */
    public BrokenBackendProvider() {
    }

    @Override
    public String name() {
        return "broken";
    }

    @Override
    public Probe probe() {
        if (!Boolean.getBoolean(ENABLE)) {
            return Probe.unavailable("the conformance suite's deliberately broken test backend; enabled only by -D"
                    + ENABLE + "=true (the broken-backend test execution)");
        }
        return Probe.available("cpu with a wrong tanh and a matmul that ignores the strides of b");
    }

    @Override
    public Backend open() {
        if (!Boolean.getBoolean(ENABLE)) {
            throw new IllegalStateException(probe().detail());
        }
        for (BackendProvider p : ServiceLoader.load(BackendProvider.class)) {
            if (p.name().equals("cpu")) {
                return new BrokenBackend(p.open());
            }
        }
        throw new IllegalStateException("the broken backend wraps cpu, which was not found");
    }
}
