package org.jdeep.spi;

import java.util.Arrays;
import org.jdeep.types.DType;
import org.jdeep.types.Shape;

/**
 * A strided view of a {@link Buffer}: element {@code (i0, i1, ...)} lives at
 * {@code offset + i0*strides[0] + i1*strides[1] + ...}. Strides are in elements, may be zero (a broadcast
 * dimension, every index reads the same element) and may be negative (a reversed dimension). Views that
 * are written to never overlap themselves.
 *
 * <p>The arrays are owned by the view and must not be changed after construction; backends read them
 * without copying.
 *
 * @param buffer the memory viewed
 * @param offset the element index of {@code (0, 0, ...)}
 * @param shape dimensions, one per axis
 * @param strides element strides, one per axis
 */
public record View(Buffer buffer, int offset, int[] shape, int[] strides) {

    /** Checks ranks agree; bounds are the caller's contract. */
    public View {
        if (shape.length != strides.length) {
            throw new IllegalArgumentException("view: shape " + Shape.toString(shape) + " and strides "
                    + Arrays.toString(strides) + " differ in rank");
        }
    }

    /** A contiguous row-major view of the whole buffer with the given shape. */
    public static View contiguous(Buffer buffer, Shape shape) {
        return new View(buffer, 0, shape.dims(), shape.contiguousStrides());
    }

    /** The element type of the buffer. */
    public DType dtype() {
        return buffer.dtype();
    }

    /** Number of axes. */
    public int rank() {
        return shape.length;
    }

    /** Number of elements in the view. */
    public int size() {
        long n = 1;
        for (int d : shape) {
            n *= d;
        }
        return (int) n;
    }

    /** Whether the elements lie in row-major order without gaps, starting at {@link #offset()}. */
    public boolean isContiguous() {
        int expected = 1;
        for (int i = shape.length - 1; i >= 0; i--) {
            if (shape[i] != 1 && strides[i] != expected) {
                return false;
            }
            expected *= shape[i];
        }
        return true;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof View v && v.buffer == buffer && v.offset == offset && Arrays.equals(v.shape, shape)
                && Arrays.equals(v.strides, strides);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * System.identityHashCode(buffer) + offset) + Arrays.hashCode(shape);
    }

    @Override
    public String toString() {
        return "View[" + buffer.dtype() + " offset=" + offset + " shape=" + Shape.toString(shape) + " strides="
                + Arrays.toString(strides) + "]";
    }
}
