package org.jdeep.testproviders;

import org.jdeep.spi.Backend;
import org.jdeep.spi.BackendProvider;
import org.jdeep.spi.Probe;

/** A test backend whose probe crashes, as a native binding with a missing library might. */
public final class ThrowingProvider implements BackendProvider {
    @Override
    public String name() {
        return "crashy";
    }

    @Override
    public Probe probe() {
        throw new UnsatisfiedLinkError("libcrashy.so: cannot open shared object file");
    }

    @Override
    public Backend open() {
        throw new IllegalStateException("open() must not be called after a failed probe");
    }
}
