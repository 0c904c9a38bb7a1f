package org.jdeep.backend.opencl.kernels;

import com.aparapi.Kernel;

/** Writes {@code base + i} to element i of a small output array: an array the garbage collector can move. */
public final class CountingKernel extends Kernel {
    private final int[] out;
    private int base;

    public CountingKernel(int length) {
        out = new int[length];
    }

    public int[] out() {
        return out;
    }

    public void setBase(int base) {
        this.base = base;
    }

    @Override
    public void run() {
        int i = getGlobalId();
        out[i] = base + i;
    }
}
