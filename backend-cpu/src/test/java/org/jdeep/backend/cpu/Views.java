package org.jdeep.backend.cpu;

import java.util.Random;
import org.jdeep.spi.Buffer;
import org.jdeep.spi.View;
import org.jdeep.types.DType;

/**
 * Test helpers: building views over uploaded data, reading a view back in row-major order by plain index
 * arithmetic (independent of the backend's loops), and random strided layouts.
 */
final class Views {

    private Views() {
    }

    static View f32(CpuBackend be, float... values) {
        Buffer b = be.allocate(DType.FLOAT32, values.length);
        be.upload(values, b);
        return new View(b, 0, new int[] {values.length}, new int[] {1});
    }

    static View f64(CpuBackend be, double... values) {
        Buffer b = be.allocate(DType.FLOAT64, values.length);
        be.upload(values, b);
        return new View(b, 0, new int[] {values.length}, new int[] {1});
    }

    static View i32(CpuBackend be, int... values) {
        Buffer b = be.allocate(DType.INT32, values.length);
        be.upload(values, b);
        return new View(b, 0, new int[] {values.length}, new int[] {1});
    }

    /** The same buffer seen with another offset, shape and strides. */
    static View as(View v, int offset, int[] shape, int[] strides) {
        return new View(v.buffer(), offset, shape, strides);
    }

    /** A row-major view of the buffer with the given shape. */
    static View shaped(View v, int... shape) {
        return new View(v.buffer(), 0, shape, contiguousStrides(shape));
    }

    /** A fresh zeroed contiguous view. */
    static View zeros(CpuBackend be, DType dt, int... shape) {
        int n = 1;
        for (int d : shape) {
            n *= d;
        }
        return new View(be.allocate(dt, n), 0, shape, contiguousStrides(shape));
    }

    static int[] contiguousStrides(int[] shape) {
        int[] s = new int[shape.length];
        int acc = 1;
        for (int i = shape.length - 1; i >= 0; i--) {
            s[i] = acc;
            acc *= Math.max(shape[i], 1);
        }
        return s;
    }

    static int size(int[] shape) {
        int n = 1;
        for (int d : shape) {
            n *= d;
        }
        return n;
    }

    /** Buffer offset of the element with row-major linear index {@code linear}. */
    static int offsetOf(View v, int linear) {
        int[] shape = v.shape();
        int off = v.offset();
        for (int d = shape.length - 1; d >= 0; d--) {
            int i = linear % shape[d];
            linear /= shape[d];
            off += i * v.strides()[d];
        }
        return off;
    }

    static double[] read(CpuBackend be, View v) {
        int n = v.size();
        double[] out = new double[n];
        switch (v.dtype()) {
            case FLOAT32 -> {
                float[] all = new float[v.buffer().length()];
                be.download(v.buffer(), all);
                for (int i = 0; i < n; i++) {
                    out[i] = all[offsetOf(v, i)];
                }
            }
            case FLOAT64 -> {
                double[] all = new double[v.buffer().length()];
                be.download(v.buffer(), all);
                for (int i = 0; i < n; i++) {
                    out[i] = all[offsetOf(v, i)];
                }
            }
            case INT32 -> {
                int[] all = new int[v.buffer().length()];
                be.download(v.buffer(), all);
                for (int i = 0; i < n; i++) {
                    out[i] = all[offsetOf(v, i)];
                }
            }
            default -> throw new AssertionError();
        }
        return out;
    }

    static float[] readF(CpuBackend be, View v) {
        double[] d = read(be, v);
        float[] f = new float[d.length];
        for (int i = 0; i < d.length; i++) {
            f[i] = (float) d[i];
        }
        return f;
    }

    static int[] readI(CpuBackend be, View v) {
        double[] d = read(be, v);
        int[] r = new int[d.length];
        for (int i = 0; i < d.length; i++) {
            r[i] = (int) d[i];
        }
        return r;
    }

    /**
     * A view of {@code shape} over a fresh random buffer with a random layout: permuted axes, gaps, reversed
     * axes (negative strides), a non-zero offset, and (when allowed, for inputs) broadcast axes of stride 0.
     */
    static View random(CpuBackend be, Random rnd, DType dt, int[] shape, boolean allowBroadcast) {
        int rank = shape.length;
        int[] order = new int[rank];
        for (int i = 0; i < rank; i++) {
            order[i] = i;
        }
        for (int i = rank - 1; i > 0; i--) {
            int j = rnd.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        int[] strides = new int[rank];
        int acc = 1 + (rnd.nextInt(4) == 0 ? 1 : 0);
        for (int k = rank - 1; k >= 0; k--) {
            int d = order[k];
            if (allowBroadcast && rnd.nextInt(4) == 0) {
                strides[d] = 0;
                continue;
            }
            strides[d] = acc;
            acc *= Math.max(shape[d], 1) + (rnd.nextInt(3) == 0 ? 1 : 0);
        }
        int offset = rnd.nextInt(3);
        for (int d = 0; d < rank; d++) {
            if (rnd.nextInt(3) == 0 && shape[d] > 0) {
                offset += strides[d] * (shape[d] - 1);
                strides[d] = -strides[d];
            }
        }
        int length = offset + 1;
        for (int d = 0; d < rank; d++) {
            if (strides[d] > 0 && shape[d] > 0) {
                length += strides[d] * (shape[d] - 1);
            }
        }
        Buffer b = be.allocate(dt, length);
        switch (dt) {
            case FLOAT32 -> {
                float[] v = new float[length];
                for (int i = 0; i < length; i++) {
                    v[i] = (float) (rnd.nextGaussian() * 2);
                }
                be.upload(v, b);
            }
            case FLOAT64 -> {
                double[] v = new double[length];
                for (int i = 0; i < length; i++) {
                    v[i] = rnd.nextGaussian() * 2;
                }
                be.upload(v, b);
            }
            case INT32 -> {
                int[] v = new int[length];
                for (int i = 0; i < length; i++) {
                    v[i] = rnd.nextInt(21) - 10;
                }
                be.upload(v, b);
            }
            default -> throw new AssertionError();
        }
        return new View(b, offset, shape.clone(), strides);
    }

    static int[] randomShape(Random rnd, int maxRank, int maxDim) {
        int[] s = new int[rnd.nextInt(maxRank + 1)];
        for (int i = 0; i < s.length; i++) {
            s[i] = rnd.nextInt(maxDim + 1);
        }
        return s;
    }
}
