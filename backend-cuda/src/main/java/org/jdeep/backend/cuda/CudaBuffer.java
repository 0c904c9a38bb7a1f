package org.jdeep.backend.cuda;

import jcuda.driver.CUdeviceptr;
import org.jdeep.spi.Buffer;
import org.jdeep.types.DType;

/** GPU memory: {@code length} elements of one dtype at a device pointer (none for length 0). */
final class CudaBuffer implements Buffer {
    final CudaBackend owner;
    private final DType dtype;
    private final int length;
    final CUdeviceptr ptr;
    private boolean released;

    CudaBuffer(CudaBackend owner, DType dtype, int length, CUdeviceptr ptr) {
        this.owner = owner;
        this.dtype = dtype;
        this.length = length;
        this.ptr = ptr;
    }

    @Override
    public DType dtype() {
        return dtype;
    }

    @Override
    public int length() {
        return length;
    }

    long bytes() {
        return (long) length * dtype.byteSize();
    }

    boolean released() {
        return released;
    }

    void markReleased() {
        released = true;
    }

    @Override
    public String toString() {
        return "CudaBuffer[" + length + " " + dtype + (released ? ", released" : "") + "]";
    }
}
