package org.jdeep.backend.opencl.kernels;

import com.aparapi.Kernel;

/** A one-line double kernel: compiling it tells whether a device supports fp64 (Aparapi refuses otherwise). */
public final class Fp64Probe extends Kernel {
    private final double[] d = new double[1];

    @Override
    public void run() {
        int i = getGlobalId(0);
        d[i] = d[i] * 2.0 + 1.0;
    }
}
