package org.jdeep.backend.opencl;

import org.jdeep.spi.Buffer;
import org.jdeep.types.DType;

/** A block of {@code length} elements at {@code offset} in the backend's arena of its dtype. */
final class OpenClBuffer implements Buffer {
    final OpenClBackend owner;
    private final DType dtype;
    private final int length;
    final int offset;
    /** The arena slot reserved (length rounded up), 0 for an empty buffer. */
    final int reserved;
    boolean released;

    OpenClBuffer(OpenClBackend owner, DType dtype, int length, int offset, int reserved) {
        this.owner = owner;
        this.dtype = dtype;
        this.length = length;
        this.offset = offset;
        this.reserved = reserved;
    }

    @Override
    public DType dtype() {
        return dtype;
    }

    @Override
    public int length() {
        return length;
    }

    @Override
    public String toString() {
        return "OpenClBuffer[" + dtype + " x " + length + (released ? ", released" : "") + "]";
    }
}
