package org.jdeep.testproviders;

import java.util.concurrent.atomic.AtomicInteger;
import org.jdeep.spi.Backend;
import org.jdeep.spi.BackendProvider;
import org.jdeep.spi.Probe;

/** A test backend that reports it cannot run, as a GPU backend does on a machine without a GPU. */
public final class UnavailableProvider implements BackendProvider {
    private static final AtomicInteger PROBES = new AtomicInteger();

    /** How many times any instance was probed in this JVM. */
    public static int probes() {
        return PROBES.get();
    }

    @Override
    public String name() {
        return "nodevice";
    }

    @Override
    public Probe probe() {
        PROBES.incrementAndGet();
        return Probe.unavailable("no test device attached (plug one in)");
    }

    @Override
    public Backend open() {
        throw new IllegalStateException("open() must not be called on an unavailable backend");
    }
}
