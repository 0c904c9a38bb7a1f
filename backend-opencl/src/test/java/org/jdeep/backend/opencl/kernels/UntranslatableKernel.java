package org.jdeep.backend.opencl.kernels;

import com.aparapi.Kernel;

/** Calls System.nanoTime(), which Aparapi cannot translate to OpenCL: Aparapi silently runs it in Java. */
public final class UntranslatableKernel extends Kernel {
    private final int[] out = new int[64];

    @Override
    public void run() {
        out[getGlobalId()] = (int) (System.nanoTime() & 1);
    }
}
