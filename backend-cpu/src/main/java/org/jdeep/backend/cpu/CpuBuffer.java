package org.jdeep.backend.cpu;

import org.jdeep.spi.Buffer;
import org.jdeep.spi.View;
import org.jdeep.types.DType;

/** CPU memory: a plain Java array of the buffer's dtype (exactly one of the three fields is set). */
final class CpuBuffer implements Buffer {
    private final DType dtype;
    private final int length;
    private float[] f;
    private double[] d;
    private int[] i;

    CpuBuffer(DType dtype, int length) {
        this(dtype, length, newArray(dtype, length));
    }

    /** A buffer over {@code array}, a {@code float[]}, {@code double[]} or {@code int[]} of {@code length} elements. */
    CpuBuffer(DType dtype, int length, Object array) {
        this.dtype = dtype;
        this.length = length;
        switch (dtype) {
            case FLOAT32 -> f = (float[]) array;
            case FLOAT64 -> d = (double[]) array;
            case INT32 -> i = (int[]) array;
        }
    }

    private static Object newArray(DType dtype, int length) {
        return switch (dtype) {
            case FLOAT32 -> new float[length];
            case FLOAT64 -> new double[length];
            case INT32 -> new int[length];
        };
    }

    @Override
    public DType dtype() {
        return dtype;
    }

    @Override
    public int length() {
        return length;
    }

    float[] floats() {
        if (f == null) {
            throw misuse(DType.FLOAT32);
        }
        return f;
    }

    double[] doubles() {
        if (d == null) {
            throw misuse(DType.FLOAT64);
        }
        return d;
    }

    int[] ints() {
        if (i == null) {
            throw misuse(DType.INT32);
        }
        return i;
    }

    /**
     * Releases the buffer and hands back its array, or null when it was already released: of two concurrent
     * calls (an explicit close and a Cleaner) exactly one gets the array.
     */
    synchronized Object release() {
        Object array = f != null ? f : d != null ? d : i;
        f = null;
        d = null;
        i = null;
        return array;
    }

    private IllegalStateException misuse(DType wanted) {
        if (f == null && d == null && i == null) {
            return new IllegalStateException("cpu buffer of " + length + " " + dtype + " used after release");
        }
        return new IllegalStateException("cpu buffer holds " + dtype + ", read as " + wanted);
    }

    /** The float array behind a FLOAT32 view. */
    static float[] floats(View v) {
        return of(v.buffer()).floats();
    }

    /** The double array behind a FLOAT64 view. */
    static double[] doubles(View v) {
        return of(v.buffer()).doubles();
    }

    /** The int array behind an INT32 view. */
    static int[] ints(View v) {
        return of(v.buffer()).ints();
    }

    /** The array behind a view of any dtype, for loops that cast it back once per row. */
    static Object array(View v) {
        CpuBuffer b = of(v.buffer());
        return switch (b.dtype) {
            case FLOAT32 -> b.floats();
            case FLOAT64 -> b.doubles();
            case INT32 -> b.ints();
        };
    }

    /** The buffer behind a view, checked to be one of ours. */
    static CpuBuffer of(Buffer b) {
        if (b instanceof CpuBuffer c) {
            return c;
        }
        throw new IllegalArgumentException("buffer " + b + " was not allocated by the cpu backend");
    }
}
