package org.jdeep.backend.opencl.kernels;

import com.aparapi.Kernel;

/** A kernel Aparapi translates, for the positive case of the fallback check. */
public final class DoublingKernel extends Kernel {
    private final int[] out = new int[64];

    @Override
    public void run() {
        out[getGlobalId()] = getGlobalId() * 2;
    }
}
