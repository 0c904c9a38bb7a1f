package org.jdeep.types;

import java.util.Arrays;

/**
 * The dimensions of a tensor, an immutable value. Rank 0 is a scalar. Sizes are limited to
 * {@link Integer#MAX_VALUE} elements, the largest Java array.
 */
public final class Shape {
    private static final Shape SCALAR = new Shape(new int[0], 1);

    private final int[] dims;
    private final int size;

    private Shape(int[] dims, int size) {
        this.dims = dims;
        this.size = size;
    }

    /**
     * A shape of the given dimensions.
     *
     * @throws IllegalArgumentException for a negative dimension or more than 2^31-1 elements
     */
    public static Shape of(int... dims) {
        if (dims.length == 0) {
            return SCALAR;
        }
        long size = 1;
        for (int d : dims) {
            if (d < 0) {
                throw new IllegalArgumentException("shape " + Arrays.toString(dims) + ": negative dimension " + d);
            }
            size *= d;
            if (size > Integer.MAX_VALUE) {
                throw new IllegalArgumentException("shape " + Arrays.toString(dims)
                        + ": more than 2^31-1 elements");
            }
        }
        return new Shape(dims.clone(), (int) size);
    }

    /** The shape of a scalar, {@code ()}. */
    public static Shape scalar() {
        return SCALAR;
    }

    /** A copy of the dimensions. */
    public int[] dims() {
        return dims.clone();
    }

    /** Number of dimensions. */
    public int rank() {
        return dims.length;
    }

    /** Number of elements: the product of the dimensions (1 for a scalar). */
    public int size() {
        return size;
    }

    /**
     * The size of one dimension; a negative axis counts from the end ({@code -1} is the last).
     *
     * @throws IndexOutOfBoundsException when the axis is outside {@code [-rank, rank)}
     */
    public int dim(int axis) {
        return dims[normalizeAxis(axis)];
    }

    /**
     * The non-negative form of {@code axis} for this rank.
     *
     * @throws IndexOutOfBoundsException when the axis is outside {@code [-rank, rank)}
     */
    public int normalizeAxis(int axis) {
        return normalizeAxis(axis, dims.length, this);
    }

    /** {@link #normalizeAxis(int)} for a rank that is not a shape's own (for example rank+1 in unsqueeze). */
    public static int normalizeAxis(int axis, int rank, Object where) {
        return normalizeAxis(axis, rank, where, null);
    }

    /**
     * {@link #normalizeAxis(int, int, Object)} naming an operation and its operand in the error, as
     * {@code (op of operand)}: the message is built only when the axis is out of range, not on every call.
     */
    public static int normalizeAxis(int axis, int rank, String op, Object of) {
        return normalizeAxis(axis, rank, (Object) op, of);
    }

    private static int normalizeAxis(int axis, int rank, Object where, Object of) {
        int a = axis < 0 ? axis + rank : axis;
        if (a < 0 || a >= rank) {
            throw new IndexOutOfBoundsException("axis " + axis + " is out of range for rank " + rank
                    + (where == null ? "" : " (" + where + (of == null ? "" : " of " + of) + ")"));
        }
        return a;
    }

    /** Row-major (C order) strides of a contiguous tensor of this shape, in elements. */
    public int[] contiguousStrides() {
        int[] strides = new int[dims.length];
        int s = 1;
        for (int i = dims.length - 1; i >= 0; i--) {
            strides[i] = s;
            s *= Math.max(dims[i], 1);
        }
        return strides;
    }

    /**
     * The numpy broadcast of two shapes: aligned at the trailing end, each pair of dimensions equal or one
     * of them 1.
     *
     * @return the broadcast shape, or {@code null} when the shapes do not broadcast
     */
    public static Shape broadcast(Shape a, Shape b) {
        if (a.equals(b)) {
            return a;
        }
        int rank = Math.max(a.rank(), b.rank());
        int[] out = new int[rank];
        for (int i = 0; i < rank; i++) {
            int da = i < rank - a.rank() ? 1 : a.dims[i - (rank - a.rank())];
            int db = i < rank - b.rank() ? 1 : b.dims[i - (rank - b.rank())];
            if (da == db || db == 1) {
                out[i] = da;
            } else if (da == 1) {
                out[i] = db;
            } else {
                return null;
            }
        }
        return of(out);
    }

    /** Whether the dimensions equal these. */
    public boolean is(int... dims) {
        return Arrays.equals(this.dims, dims);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Shape s && Arrays.equals(dims, s.dims);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(dims);
    }

    /** numpy's notation: {@code (2, 3)}, {@code (5,)} and {@code ()}. */
    @Override
    public String toString() {
        return toString(dims);
    }

    /** numpy's notation for a dimension array. */
    public static String toString(int[] dims) {
        if (dims.length == 1) {
            return "(" + dims[0] + ",)";
        }
        StringBuilder sb = new StringBuilder("(");
        for (int i = 0; i < dims.length; i++) {
            if (i > 0) {
                sb.append(", ");
            }
            sb.append(dims[i]);
        }
        return sb.append(')').toString();
    }
}
