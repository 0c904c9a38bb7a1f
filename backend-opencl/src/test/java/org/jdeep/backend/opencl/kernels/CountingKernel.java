package org.jdeep.backend.opencl.kernels;

import com.aparapi.Kernel;

/** Writes {@code base + i} to element i of a small output array: an array the garbage collector can move. */
public final class CountingKernel extends Kernel {
    private final int[] out;
    private int base;

    /** A kernel over a fresh output array of {@code length} elements. */
    public CountingKernel(int length) {
        out = new int[length];
    }

    /** The output array (the one the device buffer was made from). */
    public int[] out() {
        return out;
    }

    /** The value the next launch writes to element 0. */
    public void setBase(int base) {
        this.base = base;
    }

    @Override
    public void run() {
        int i = getGlobalId();
        out[i] = base + i;
    }
}
