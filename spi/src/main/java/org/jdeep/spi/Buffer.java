package org.jdeep.spi;

import org.jdeep.types.DType;

/**
 * A block of device memory owned by one {@link Backend}: {@link #length()} elements of one {@link DType}.
 * Opaque to jdeep's API; a backend implements it however its device needs (a Java array, an OpenCL
 * buffer, a CUDA device pointer) and accepts only buffers it allocated itself.
 */
public interface Buffer {
    /** The element type. */
    DType dtype();

    /** The number of elements. */
    int length();
}
