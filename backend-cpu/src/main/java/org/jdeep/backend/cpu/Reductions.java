package org.jdeep.backend.cpu;

import java.util.Arrays;
import org.jdeep.spi.ReduceOp;
import org.jdeep.spi.View;
import org.jdeep.types.DType;

/**
 * Reductions along one axis and the fused softmax. The axis is walked one of two ways: as "lanes" (one
 * output at a time, the whole axis in the inner loop) when the axis is the dense one, or as "columns"
 * (tiles of neighbouring outputs accumulated together, the axis in the outer loop) when the outputs are
 * denser than the axis, so that a reduction over axis 0 of a row-major matrix still streams memory.
 */
final class Reductions {

    /** Outputs accumulated together in column mode: the scratch stays in L1 next to one input row. */
    private static final int TILE = 256;

    private Reductions() {
    }

    static void reduce(ReduceOp op, View x, int axis, View out, CpuThreads threads) {
        int len = x.shape()[axis];
        if (out.size() == 0) {
            return;
        }
        if (len == 0) {
            if (op != ReduceOp.SUM) {
                throw new IllegalArgumentException("reduce " + op + " over axis " + axis + " of size 0 in " + x
                        + ": only SUM has a value for an empty axis");
            }
            Elementwise.fill(out, 0.0, threads);
            return;
        }
        new ReduceLoop(op, x, axis, out, threads).go();
    }

    static void softmax(View x, int axis, boolean log, View out, CpuThreads threads) {
        int len = x.shape()[axis];
        if (out.size() == 0) {
            return;
        }
        if (len == 0) {
            throw new IllegalArgumentException("softmax over axis " + axis + " of size 0 in " + x);
        }
        SoftmaxLoop loop = new SoftmaxLoop(x, axis, log, out);
        loop.run(threads, Math.max(1, Elementwise.EXPENSIVE_GRAIN / len));
    }

    /** Column mode pays off when neighbouring outputs are closer in memory than neighbouring axis elements. */
    private static boolean useColumns(int lanesPerRow, int laneStep, int axisStride) {
        return lanesPerRow >= 2 && Math.abs(laneStep) < Math.abs(axisStride);
    }

    // ----- loops: operand 0 is the output, operand 1 is x; iterated elements are output positions -----

    private static final class ReduceLoop extends StridedLoop {
        private final ReduceOp op;
        private final DType dtype;
        private final Object x;
        private final Object o;
        private final int len;
        private final int axisStride;
        private final boolean columns;
        private final boolean split;
        private final CpuThreads threads;

        ReduceLoop(ReduceOp op, View x, int axis, View out, CpuThreads threads) {
            super(x.shape(), axis, out, x, null, null);
            this.op = op;
            this.dtype = x.dtype();
            this.x = CpuBuffer.array(x);
            this.o = CpuBuffer.array(out);
            this.len = x.shape()[axis];
            this.axisStride = x.strides()[axis];
            this.threads = threads;
            // Too few outputs to share out, but a long axis: split each axis among the threads instead.
            this.split = threads.threads() > 1 && size < threads.threads() && len >= 2 * GRAIN;
            this.columns = !split && useColumns(rowLength(), is1, axisStride);
        }

        void go() {
            run(threads, split ? Integer.MAX_VALUE / 2 : Math.max(1, GRAIN / len));
        }

        @Override
        void row(int n, int po, int px, int unused2, int unused3) {
            if (split) {
                for (int j = 0; j < n; j++) {
                    splitLane(po + j * is0, px + j * is1);
                }
                return;
            }
            int done;
            if (columns) {
                int tile = Math.min(TILE, n);
                done = switch (dtype) {
                    case FLOAT32 -> columnsF(op, (float[]) x, px, is1, axisStride, len, o, po, is0, n,
                            new double[tile], op.isIndex() ? new int[tile] : null);
                    case FLOAT64 -> columnsD(op, (double[]) x, px, is1, axisStride, len, o, po, is0, n,
                            new double[tile], op.isIndex() ? new int[tile] : null);
                    case INT32 -> columnsI(op, (int[]) x, px, is1, axisStride, len, (int[]) o, po, is0, n,
                            new int[tile], op.isIndex() ? new int[tile] : null);
                };
            } else {
                done = switch (dtype) {
                    case FLOAT32 -> lanesF(op, (float[]) x, px, is1, axisStride, len, o, po, is0, n);
                    case FLOAT64 -> lanesD(op, (double[]) x, px, is1, axisStride, len, o, po, is0, n);
                    case INT32 -> lanesI(op, (int[]) x, px, is1, axisStride, len, (int[]) o, po, is0, n);
                };
            }
            assert done == n;
        }

        /** Reduces one long axis with every thread on a slice of it, then combines the partial results. */
        private void splitLane(int po, int px) {
            int parts = threads.threads();
            double[] value = new double[parts];
            int[] index = new int[parts];
            threads.parallelFor(parts, 1, (from, to) -> {
                for (int c = from; c < to; c++) {
                    int k0 = (int) ((long) len * c / parts);
                    int k1 = (int) ((long) len * (c + 1) / parts);
                    partial(px + k0 * axisStride, k1 - k0, k0, value, index, c);
                }
            });
            double result = switch (op) {
                case SUM -> {
                    if (dtype == DType.INT32) {
                        int s = 0;
                        for (double v : value) {
                            s += (int) v;
                        }
                        yield s;
                    }
                    double s = 0;
                    for (double v : value) {
                        s += v;
                    }
                    yield s;
                }
                case MAX -> {
                    double m = value[0];
                    for (double v : value) {
                        m = Math.max(m, v);
                    }
                    yield m;
                }
                case MIN -> {
                    double m = value[0];
                    for (double v : value) {
                        m = Math.min(m, v);
                    }
                    yield m;
                }
                case ARGMAX, ARGMIN -> {
                    // Slices are in axis order, so the first slice holding a NaN, or else the first holding
                    // the extreme value, has numpy's answer.
                    int best = 0;
                    for (int c = 1; c < parts && value[best] == value[best]; c++) {
                        double v = value[c];
                        if (v != v || (op == ReduceOp.ARGMAX ? v > value[best] : v < value[best])) {
                            best = c;
                        }
                    }
                    yield index[best];
                }
            };
            int done = switch (op.isIndex() ? DType.INT32 : dtype) {
                case FLOAT32 -> {
                    ((float[]) o)[po] = (float) result;
                    yield 1;
                }
                case FLOAT64 -> {
                    ((double[]) o)[po] = result;
                    yield 1;
                }
                case INT32 -> {
                    ((int[]) o)[po] = (int) result;
                    yield 1;
                }
            };
            assert done == 1;
        }

        /** One slice's result, exact in a double for every dtype, and for index ops its index. */
        private void partial(int p, int n, int k0, double[] value, int[] index, int c) {
            int s = axisStride;
            value[c] = switch (dtype) {
                case FLOAT32 -> {
                    float[] a = (float[]) x;
                    yield switch (op) {
                        case SUM -> sumF(a, p, s, n);
                        case MAX -> maxF(a, p, s, n);
                        case MIN -> minF(a, p, s, n);
                        case ARGMAX, ARGMIN -> {
                            int k = op == ReduceOp.ARGMAX ? argmaxF(a, p, s, n) : argminF(a, p, s, n);
                            index[c] = k0 + k;
                            yield a[p + k * s];
                        }
                    };
                }
                case FLOAT64 -> {
                    double[] a = (double[]) x;
                    yield switch (op) {
                        case SUM -> sumD(a, p, s, n);
                        case MAX -> maxD(a, p, s, n);
                        case MIN -> minD(a, p, s, n);
                        case ARGMAX, ARGMIN -> {
                            int k = op == ReduceOp.ARGMAX ? argmaxD(a, p, s, n) : argminD(a, p, s, n);
                            index[c] = k0 + k;
                            yield a[p + k * s];
                        }
                    };
                }
                case INT32 -> {
                    int[] a = (int[]) x;
                    yield switch (op) {
                        case SUM -> sumI(a, p, s, n);
                        case MAX -> maxI(a, p, s, n);
                        case MIN -> minI(a, p, s, n);
                        case ARGMAX, ARGMIN -> {
                            int k = op == ReduceOp.ARGMAX ? argmaxI(a, p, s, n) : argminI(a, p, s, n);
                            index[c] = k0 + k;
                            yield a[p + k * s];
                        }
                    };
                }
            };
        }
    }

    private static final class SoftmaxLoop extends StridedLoop {
        private final DType dtype;
        private final Object x;
        private final Object o;
        private final int len;
        private final int xAxisStride;
        private final int oAxisStride;
        private final boolean log;
        private final boolean columns;

        SoftmaxLoop(View x, int axis, boolean log, View out) {
            super(x.shape(), axis, out, x, null, null);
            this.dtype = x.dtype();
            this.x = CpuBuffer.array(x);
            this.o = CpuBuffer.array(out);
            this.len = x.shape()[axis];
            this.xAxisStride = x.strides()[axis];
            this.oAxisStride = out.strides()[axis];
            this.log = log;
            this.columns = useColumns(rowLength(), is1, xAxisStride);
        }

        @Override
        void row(int n, int po, int px, int unused2, int unused3) {
            int done = switch (dtype) {
                case FLOAT32 -> columns
                        ? softmaxColumnsF((float[]) x, px, is1, xAxisStride, (float[]) o, po, is0, oAxisStride, len,
                                n, log)
                        : softmaxLanesF((float[]) x, px, is1, xAxisStride, (float[]) o, po, is0, oAxisStride, len,
                                n, log);
                case FLOAT64 -> columns
                        ? softmaxColumnsD((double[]) x, px, is1, xAxisStride, (double[]) o, po, is0, oAxisStride,
                                len, n, log)
                        : softmaxLanesD((double[]) x, px, is1, xAxisStride, (double[]) o, po, is0, oAxisStride,
                                len, n, log);
                case INT32 -> throw new IllegalArgumentException("softmax needs a floating dtype, got INT32");
            };
            assert done == n;
        }
    }

    // ----- FLOAT32 kernels -----

    /**
     * Sum of a FLOAT32 lane, accumulated in double so that a million terms stay exact to float rounding;
     * four accumulators hide the add latency.
     */
    static double sumF(float[] x, int p, int st, int n) {
        double s0 = 0;
        double s1 = 0;
        double s2 = 0;
        double s3 = 0;
        int i = 0;
        if (st == 1) {
            for (; i + 3 < n; i += 4) {
                s0 += x[p + i];
                s1 += x[p + i + 1];
                s2 += x[p + i + 2];
                s3 += x[p + i + 3];
            }
            for (; i < n; i++) {
                s0 += x[p + i];
            }
        } else {
            for (; i + 3 < n; i += 4) {
                int q = p + i * st;
                s0 += x[q];
                s1 += x[q + st];
                s2 += x[q + 2 * st];
                s3 += x[q + 3 * st];
            }
            for (; i < n; i++) {
                s0 += x[p + i * st];
            }
        }
        return (s0 + s1) + (s2 + s3);
    }

    /** Largest element of a non-empty lane, or the first NaN. */
    static float maxF(float[] x, int p, int st, int n) {
        float m = x[p];
        if (m != m) {
            return m;
        }
        for (int i = 1; i < n; i++) {
            float v = x[p + i * st];
            if (v > m) {
                m = v;
            } else if (v != v) {
                return v;
            }
        }
        return m;
    }

    /** Smallest element of a non-empty lane, or the first NaN. */
    static float minF(float[] x, int p, int st, int n) {
        float m = x[p];
        if (m != m) {
            return m;
        }
        for (int i = 1; i < n; i++) {
            float v = x[p + i * st];
            if (v < m) {
                m = v;
            } else if (v != v) {
                return v;
            }
        }
        return m;
    }

    /** Index of the first NaN of a non-empty lane, else of its first largest element. */
    static int argmaxF(float[] x, int p, int st, int n) {
        float m = x[p];
        if (m != m) {
            return 0;
        }
        int best = 0;
        for (int i = 1; i < n; i++) {
            float v = x[p + i * st];
            if (v > m) {
                m = v;
                best = i;
            } else if (v != v) {
                return i;
            }
        }
        return best;
    }

    /** Index of the first NaN of a non-empty lane, else of its first smallest element. */
    static int argminF(float[] x, int p, int st, int n) {
        float m = x[p];
        if (m != m) {
            return 0;
        }
        int best = 0;
        for (int i = 1; i < n; i++) {
            float v = x[p + i * st];
            if (v < m) {
                m = v;
                best = i;
            } else if (v != v) {
                return i;
            }
        }
        return best;
    }

    /** Reduces {@code n} lanes, lane {@code j} starting at {@code px + j*xs} and stepping by {@code st}. */
    static int lanesF(ReduceOp op, float[] x, int px, int xs, int st, int len, Object o, int po, int os, int n) {
        return switch (op) {
            case SUM -> {
                float[] out = (float[]) o;
                for (int j = 0; j < n; j++) {
                    out[po + j * os] = (float) sumF(x, px + j * xs, st, len);
                }
                yield n;
            }
            case MAX -> {
                float[] out = (float[]) o;
                for (int j = 0; j < n; j++) {
                    out[po + j * os] = maxF(x, px + j * xs, st, len);
                }
                yield n;
            }
            case MIN -> {
                float[] out = (float[]) o;
                for (int j = 0; j < n; j++) {
                    out[po + j * os] = minF(x, px + j * xs, st, len);
                }
                yield n;
            }
            case ARGMAX -> {
                int[] out = (int[]) o;
                for (int j = 0; j < n; j++) {
                    out[po + j * os] = argmaxF(x, px + j * xs, st, len);
                }
                yield n;
            }
            case ARGMIN -> {
                int[] out = (int[]) o;
                for (int j = 0; j < n; j++) {
                    out[po + j * os] = argminF(x, px + j * xs, st, len);
                }
                yield n;
            }
        };
    }

    /**
     * Reduces {@code n} neighbouring lanes together, a tile at a time: the axis is the outer loop and the
     * tile of accumulators (sized by the caller) the inner one.
     */
    static int columnsF(ReduceOp op, float[] x, int px, int xs, int st, int len, Object o, int po, int os, int n,
                        double[] acc, int[] idx) {
        int tile = acc.length;
        for (int j0 = 0; j0 < n; j0 += tile) {
            int m = Math.min(tile, n - j0);
            int base = px + j0 * xs;
            int out0 = po + j0 * os;
            int done = switch (op) {
                case SUM -> {
                    Arrays.fill(acc, 0, m, 0.0);
                    for (int k = 0; k < len; k++) {
                        int p = base + k * st;
                        if (xs == 1) {
                            for (int t = 0; t < m; t++) {
                                acc[t] += x[p + t];
                            }
                        } else {
                            for (int t = 0; t < m; t++) {
                                acc[t] += x[p + t * xs];
                            }
                        }
                    }
                    float[] out = (float[]) o;
                    for (int t = 0; t < m; t++) {
                        out[out0 + t * os] = (float) acc[t];
                    }
                    yield m;
                }
                case MAX -> {
                    for (int t = 0; t < m; t++) {
                        acc[t] = x[base + t * xs];
                    }
                    for (int k = 1; k < len; k++) {
                        int p = base + k * st;
                        for (int t = 0; t < m; t++) {
                            acc[t] = Math.max(acc[t], x[p + t * xs]);
                        }
                    }
                    float[] out = (float[]) o;
                    for (int t = 0; t < m; t++) {
                        out[out0 + t * os] = (float) acc[t];
                    }
                    yield m;
                }
                case MIN -> {
                    for (int t = 0; t < m; t++) {
                        acc[t] = x[base + t * xs];
                    }
                    for (int k = 1; k < len; k++) {
                        int p = base + k * st;
                        for (int t = 0; t < m; t++) {
                            acc[t] = Math.min(acc[t], x[p + t * xs]);
                        }
                    }
                    float[] out = (float[]) o;
                    for (int t = 0; t < m; t++) {
                        out[out0 + t * os] = (float) acc[t];
                    }
                    yield m;
                }
                case ARGMAX -> {
                    for (int t = 0; t < m; t++) {
                        acc[t] = x[base + t * xs];
                        idx[t] = 0;
                    }
                    for (int k = 1; k < len; k++) {
                        int p = base + k * st;
                        for (int t = 0; t < m; t++) {
                            double v = x[p + t * xs];
                            double b = acc[t];
                            // A NaN is taken once and then kept: no comparison with it is true.
                            if (v > b || (v != v && b == b)) {
                                acc[t] = v;
                                idx[t] = k;
                            }
                        }
                    }
                    int[] out = (int[]) o;
                    for (int t = 0; t < m; t++) {
                        out[out0 + t * os] = idx[t];
                    }
                    yield m;
                }
                case ARGMIN -> {
                    for (int t = 0; t < m; t++) {
                        acc[t] = x[base + t * xs];
                        idx[t] = 0;
                    }
                    for (int k = 1; k < len; k++) {
                        int p = base + k * st;
                        for (int t = 0; t < m; t++) {
                            double v = x[p + t * xs];
                            double b = acc[t];
                            if (v < b || (v != v && b == b)) {
                                acc[t] = v;
                                idx[t] = k;
                            }
                        }
                    }
                    int[] out = (int[]) o;
                    for (int t = 0; t < m; t++) {
                        out[out0 + t * os] = idx[t];
                    }
                    yield m;
                }
            };
            assert done == m;
        }
        return n;
    }

    /**
     * Softmax (or log-softmax) of {@code n} lanes, each in three passes: max, sum of exp, write. The
     * exponentials go through a double scratch a block at a time, as in {@link Elementwise#transcendentalF}.
     */
    static int softmaxLanesF(float[] x, int px, int xs, int sx, float[] o, int po, int os, int so, int len,
                             int n, boolean log) {
        double[] t = new double[Math.min(len, Elementwise.SCRATCH)];
        for (int j = 0; j < n; j++) {
            int p = px + j * xs;
            int q = po + j * os;
            float m = maxF(x, p, sx, len);
            double sum = 0;
            for (int b = 0; b < len; b += t.length) {
                int c = Math.min(t.length, len - b);
                int pb = p + b * sx;
                int qb = q + b * so;
                for (int i = 0; i < c; i++) {
                    t[i] = x[pb + i * sx] - m;
                }
                for (int i = 0; i < c; i++) {
                    t[i] = Math.exp(t[i]);
                }
                if (log) {
                    for (int i = 0; i < c; i++) {
                        sum += t[i];
                    }
                } else {
                    for (int i = 0; i < c; i++) {
                        float e = (float) t[i];
                        o[qb + i * so] = e;
                        sum += e;
                    }
                }
            }
            if (log) {
                float logSum = (float) Math.log(sum);
                for (int k = 0; k < len; k++) {
                    o[q + k * so] = (x[p + k * sx] - m) - logSum;
                }
            } else {
                double inv = 1.0 / sum;
                for (int k = 0; k < len; k++) {
                    o[q + k * so] = (float) (o[q + k * so] * inv);
                }
            }
        }
        return n;
    }

    /** Softmax of {@code n} neighbouring lanes together, a tile at a time, in the same three passes. */
    static int softmaxColumnsF(float[] x, int px, int xs, int sx, float[] o, int po, int os, int so, int len,
                               int n, boolean log) {
        int tile = Math.min(TILE, n);
        float[] mx = new float[tile];
        double[] sum = new double[tile];
        double[] e = new double[tile];
        for (int j0 = 0; j0 < n; j0 += tile) {
            int m = Math.min(tile, n - j0);
            int xb = px + j0 * xs;
            int ob = po + j0 * os;
            for (int t = 0; t < m; t++) {
                mx[t] = x[xb + t * xs];
            }
            for (int k = 1; k < len; k++) {
                int p = xb + k * sx;
                for (int t = 0; t < m; t++) {
                    mx[t] = Math.max(mx[t], x[p + t * xs]);
                }
            }
            Arrays.fill(sum, 0, m, 0.0);
            for (int k = 0; k < len; k++) {
                int p = xb + k * sx;
                int q = ob + k * so;
                for (int t = 0; t < m; t++) {
                    e[t] = x[p + t * xs] - mx[t];
                }
                for (int t = 0; t < m; t++) {
                    e[t] = Math.exp(e[t]);
                }
                if (log) {
                    for (int t = 0; t < m; t++) {
                        sum[t] += e[t];
                    }
                } else {
                    for (int t = 0; t < m; t++) {
                        float v = (float) e[t];
                        o[q + t * os] = v;
                        sum[t] += v;
                    }
                }
            }
            if (log) {
                for (int t = 0; t < m; t++) {
                    sum[t] = Math.log(sum[t]);
                }
                for (int k = 0; k < len; k++) {
                    int p = xb + k * sx;
                    int q = ob + k * so;
                    for (int t = 0; t < m; t++) {
                        o[q + t * os] = (x[p + t * xs] - mx[t]) - (float) sum[t];
                    }
                }
            } else {
                for (int t = 0; t < m; t++) {
                    sum[t] = 1.0 / sum[t];
                }
                for (int k = 0; k < len; k++) {
                    int q = ob + k * so;
                    for (int t = 0; t < m; t++) {
                        o[q + t * os] = (float) (o[q + t * os] * sum[t]);
                    }
                }
            }
        }
        return n;
    }

    // ----- FLOAT64 kernels -----

    /** Sum of a FLOAT64 lane; four accumulators hide the add latency. */
    static double sumD(double[] x, int p, int st, int n) {
        double s0 = 0;
        double s1 = 0;
        double s2 = 0;
        double s3 = 0;
        int i = 0;
        if (st == 1) {
            for (; i + 3 < n; i += 4) {
                s0 += x[p + i];
                s1 += x[p + i + 1];
                s2 += x[p + i + 2];
                s3 += x[p + i + 3];
            }
            for (; i < n; i++) {
                s0 += x[p + i];
            }
        } else {
            for (; i + 3 < n; i += 4) {
                int q = p + i * st;
                s0 += x[q];
                s1 += x[q + st];
                s2 += x[q + 2 * st];
                s3 += x[q + 3 * st];
            }
            for (; i < n; i++) {
                s0 += x[p + i * st];
            }
        }
        return (s0 + s1) + (s2 + s3);
    }

    /** Largest element of a non-empty lane, or the first NaN. */
    static double maxD(double[] x, int p, int st, int n) {
        double m = x[p];
        if (m != m) {
            return m;
        }
        for (int i = 1; i < n; i++) {
            double v = x[p + i * st];
            if (v > m) {
                m = v;
            } else if (v != v) {
                return v;
            }
        }
        return m;
    }

    /** Smallest element of a non-empty lane, or the first NaN. */
    static double minD(double[] x, int p, int st, int n) {
        double m = x[p];
        if (m != m) {
            return m;
        }
        for (int i = 1; i < n; i++) {
            double v = x[p + i * st];
            if (v < m) {
                m = v;
            } else if (v != v) {
                return v;
            }
        }
        return m;
    }

    /** Index of the first NaN of a non-empty lane, else of its first largest element. */
    static int argmaxD(double[] x, int p, int st, int n) {
        double m = x[p];
        if (m != m) {
            return 0;
        }
        int best = 0;
        for (int i = 1; i < n; i++) {
            double v = x[p + i * st];
            if (v > m) {
                m = v;
                best = i;
            } else if (v != v) {
                return i;
            }
        }
        return best;
    }

    /** Index of the first NaN of a non-empty lane, else of its first smallest element. */
    static int argminD(double[] x, int p, int st, int n) {
        double m = x[p];
        if (m != m) {
            return 0;
        }
        int best = 0;
        for (int i = 1; i < n; i++) {
            double v = x[p + i * st];
            if (v < m) {
                m = v;
                best = i;
            } else if (v != v) {
                return i;
            }
        }
        return best;
    }

    /** Reduces {@code n} lanes, lane {@code j} starting at {@code px + j*xs} and stepping by {@code st}. */
    static int lanesD(ReduceOp op, double[] x, int px, int xs, int st, int len, Object o, int po, int os, int n) {
        return switch (op) {
            case SUM -> {
                double[] out = (double[]) o;
                for (int j = 0; j < n; j++) {
                    out[po + j * os] = sumD(x, px + j * xs, st, len);
                }
                yield n;
            }
            case MAX -> {
                double[] out = (double[]) o;
                for (int j = 0; j < n; j++) {
                    out[po + j * os] = maxD(x, px + j * xs, st, len);
                }
                yield n;
            }
            case MIN -> {
                double[] out = (double[]) o;
                for (int j = 0; j < n; j++) {
                    out[po + j * os] = minD(x, px + j * xs, st, len);
                }
                yield n;
            }
            case ARGMAX -> {
                int[] out = (int[]) o;
                for (int j = 0; j < n; j++) {
                    out[po + j * os] = argmaxD(x, px + j * xs, st, len);
                }
                yield n;
            }
            case ARGMIN -> {
                int[] out = (int[]) o;
                for (int j = 0; j < n; j++) {
                    out[po + j * os] = argminD(x, px + j * xs, st, len);
                }
                yield n;
            }
        };
    }

    /**
     * Reduces {@code n} neighbouring lanes together, a tile at a time: the axis is the outer loop and the
     * tile of accumulators (sized by the caller) the inner one.
     */
    static int columnsD(ReduceOp op, double[] x, int px, int xs, int st, int len, Object o, int po, int os, int n,
                        double[] acc, int[] idx) {
        int tile = acc.length;
        for (int j0 = 0; j0 < n; j0 += tile) {
            int m = Math.min(tile, n - j0);
            int base = px + j0 * xs;
            int out0 = po + j0 * os;
            int done = switch (op) {
                case SUM -> {
                    Arrays.fill(acc, 0, m, 0.0);
                    for (int k = 0; k < len; k++) {
                        int p = base + k * st;
                        if (xs == 1) {
                            for (int t = 0; t < m; t++) {
                                acc[t] += x[p + t];
                            }
                        } else {
                            for (int t = 0; t < m; t++) {
                                acc[t] += x[p + t * xs];
                            }
                        }
                    }
                    double[] out = (double[]) o;
                    for (int t = 0; t < m; t++) {
                        out[out0 + t * os] = acc[t];
                    }
                    yield m;
                }
                case MAX -> {
                    for (int t = 0; t < m; t++) {
                        acc[t] = x[base + t * xs];
                    }
                    for (int k = 1; k < len; k++) {
                        int p = base + k * st;
                        for (int t = 0; t < m; t++) {
                            acc[t] = Math.max(acc[t], x[p + t * xs]);
                        }
                    }
                    double[] out = (double[]) o;
                    for (int t = 0; t < m; t++) {
                        out[out0 + t * os] = acc[t];
                    }
                    yield m;
                }
                case MIN -> {
                    for (int t = 0; t < m; t++) {
                        acc[t] = x[base + t * xs];
                    }
                    for (int k = 1; k < len; k++) {
                        int p = base + k * st;
                        for (int t = 0; t < m; t++) {
                            acc[t] = Math.min(acc[t], x[p + t * xs]);
                        }
                    }
                    double[] out = (double[]) o;
                    for (int t = 0; t < m; t++) {
                        out[out0 + t * os] = acc[t];
                    }
                    yield m;
                }
                case ARGMAX -> {
                    for (int t = 0; t < m; t++) {
                        acc[t] = x[base + t * xs];
                        idx[t] = 0;
                    }
                    for (int k = 1; k < len; k++) {
                        int p = base + k * st;
                        for (int t = 0; t < m; t++) {
                            double v = x[p + t * xs];
                            double b = acc[t];
                            // A NaN is taken once and then kept: no comparison with it is true.
                            if (v > b || (v != v && b == b)) {
                                acc[t] = v;
                                idx[t] = k;
                            }
                        }
                    }
                    int[] out = (int[]) o;
                    for (int t = 0; t < m; t++) {
                        out[out0 + t * os] = idx[t];
                    }
                    yield m;
                }
                case ARGMIN -> {
                    for (int t = 0; t < m; t++) {
                        acc[t] = x[base + t * xs];
                        idx[t] = 0;
                    }
                    for (int k = 1; k < len; k++) {
                        int p = base + k * st;
                        for (int t = 0; t < m; t++) {
                            double v = x[p + t * xs];
                            double b = acc[t];
                            if (v < b || (v != v && b == b)) {
                                acc[t] = v;
                                idx[t] = k;
                            }
                        }
                    }
                    int[] out = (int[]) o;
                    for (int t = 0; t < m; t++) {
                        out[out0 + t * os] = idx[t];
                    }
                    yield m;
                }
            };
            assert done == m;
        }
        return n;
    }

    /** Softmax (or log-softmax) of {@code n} lanes, each in three passes: max, sum of exp, write. */
    static int softmaxLanesD(double[] x, int px, int xs, int sx, double[] o, int po, int os, int so, int len,
                             int n, boolean log) {
        for (int j = 0; j < n; j++) {
            int p = px + j * xs;
            int q = po + j * os;
            double m = maxD(x, p, sx, len);
            double sum = 0;
            if (log) {
                for (int k = 0; k < len; k++) {
                    sum += Math.exp(x[p + k * sx] - m);
                }
                double logSum = Math.log(sum);
                for (int k = 0; k < len; k++) {
                    o[q + k * so] = (x[p + k * sx] - m) - logSum;
                }
            } else {
                for (int k = 0; k < len; k++) {
                    double e = Math.exp(x[p + k * sx] - m);
                    o[q + k * so] = e;
                    sum += e;
                }
                double inv = 1.0 / sum;
                for (int k = 0; k < len; k++) {
                    o[q + k * so] = (o[q + k * so] * inv);
                }
            }
        }
        return n;
    }

    /** Softmax of {@code n} neighbouring lanes together, a tile at a time, in the same three passes. */
    static int softmaxColumnsD(double[] x, int px, int xs, int sx, double[] o, int po, int os, int so, int len,
                               int n, boolean log) {
        int tile = Math.min(TILE, n);
        double[] mx = new double[tile];
        double[] sum = new double[tile];
        for (int j0 = 0; j0 < n; j0 += tile) {
            int m = Math.min(tile, n - j0);
            int xb = px + j0 * xs;
            int ob = po + j0 * os;
            for (int t = 0; t < m; t++) {
                mx[t] = x[xb + t * xs];
            }
            for (int k = 1; k < len; k++) {
                int p = xb + k * sx;
                for (int t = 0; t < m; t++) {
                    mx[t] = Math.max(mx[t], x[p + t * xs]);
                }
            }
            Arrays.fill(sum, 0, m, 0.0);
            if (log) {
                for (int k = 0; k < len; k++) {
                    int p = xb + k * sx;
                    for (int t = 0; t < m; t++) {
                        sum[t] += Math.exp(x[p + t * xs] - mx[t]);
                    }
                }
                for (int t = 0; t < m; t++) {
                    sum[t] = Math.log(sum[t]);
                }
                for (int k = 0; k < len; k++) {
                    int p = xb + k * sx;
                    int q = ob + k * so;
                    for (int t = 0; t < m; t++) {
                        o[q + t * os] = (x[p + t * xs] - mx[t]) - sum[t];
                    }
                }
            } else {
                for (int k = 0; k < len; k++) {
                    int p = xb + k * sx;
                    int q = ob + k * so;
                    for (int t = 0; t < m; t++) {
                        double e = Math.exp(x[p + t * xs] - mx[t]);
                        o[q + t * os] = e;
                        sum[t] += e;
                    }
                }
                for (int t = 0; t < m; t++) {
                    sum[t] = 1.0 / sum[t];
                }
                for (int k = 0; k < len; k++) {
                    int q = ob + k * so;
                    for (int t = 0; t < m; t++) {
                        o[q + t * os] = (o[q + t * os] * sum[t]);
                    }
                }
            }
        }
        return n;
    }

    // ----- INT32 kernels (wrap-around sums) -----

    static int sumI(int[] x, int p, int st, int n) {
        int s = 0;
        for (int i = 0; i < n; i++) {
            s += x[p + i * st];
        }
        return s;
    }

    static int maxI(int[] x, int p, int st, int n) {
        int m = x[p];
        for (int i = 1; i < n; i++) {
            m = Math.max(m, x[p + i * st]);
        }
        return m;
    }

    static int minI(int[] x, int p, int st, int n) {
        int m = x[p];
        for (int i = 1; i < n; i++) {
            m = Math.min(m, x[p + i * st]);
        }
        return m;
    }

    static int argmaxI(int[] x, int p, int st, int n) {
        int m = x[p];
        int best = 0;
        for (int i = 1; i < n; i++) {
            int v = x[p + i * st];
            if (v > m) {
                m = v;
                best = i;
            }
        }
        return best;
    }

    static int argminI(int[] x, int p, int st, int n) {
        int m = x[p];
        int best = 0;
        for (int i = 1; i < n; i++) {
            int v = x[p + i * st];
            if (v < m) {
                m = v;
                best = i;
            }
        }
        return best;
    }

    static int lanesI(ReduceOp op, int[] x, int px, int xs, int st, int len, int[] o, int po, int os, int n) {
        return switch (op) {
            case SUM -> {
                for (int j = 0; j < n; j++) {
                    o[po + j * os] = sumI(x, px + j * xs, st, len);
                }
                yield n;
            }
            case MAX -> {
                for (int j = 0; j < n; j++) {
                    o[po + j * os] = maxI(x, px + j * xs, st, len);
                }
                yield n;
            }
            case MIN -> {
                for (int j = 0; j < n; j++) {
                    o[po + j * os] = minI(x, px + j * xs, st, len);
                }
                yield n;
            }
            case ARGMAX -> {
                for (int j = 0; j < n; j++) {
                    o[po + j * os] = argmaxI(x, px + j * xs, st, len);
                }
                yield n;
            }
            case ARGMIN -> {
                for (int j = 0; j < n; j++) {
                    o[po + j * os] = argminI(x, px + j * xs, st, len);
                }
                yield n;
            }
        };
    }

    static int columnsI(ReduceOp op, int[] x, int px, int xs, int st, int len, int[] o, int po, int os, int n,
                        int[] acc, int[] idx) {
        int tile = acc.length;
        for (int j0 = 0; j0 < n; j0 += tile) {
            int m = Math.min(tile, n - j0);
            int base = px + j0 * xs;
            int out0 = po + j0 * os;
            for (int t = 0; t < m; t++) {
                acc[t] = x[base + t * xs];
            }
            int done = switch (op) {
                case SUM -> {
                    for (int k = 1; k < len; k++) {
                        int p = base + k * st;
                        for (int t = 0; t < m; t++) {
                            acc[t] += x[p + t * xs];
                        }
                    }
                    yield m;
                }
                case MAX -> {
                    for (int k = 1; k < len; k++) {
                        int p = base + k * st;
                        for (int t = 0; t < m; t++) {
                            acc[t] = Math.max(acc[t], x[p + t * xs]);
                        }
                    }
                    yield m;
                }
                case MIN -> {
                    for (int k = 1; k < len; k++) {
                        int p = base + k * st;
                        for (int t = 0; t < m; t++) {
                            acc[t] = Math.min(acc[t], x[p + t * xs]);
                        }
                    }
                    yield m;
                }
                case ARGMAX -> {
                    Arrays.fill(idx, 0, m, 0);
                    for (int k = 1; k < len; k++) {
                        int p = base + k * st;
                        for (int t = 0; t < m; t++) {
                            int v = x[p + t * xs];
                            if (v > acc[t]) {
                                acc[t] = v;
                                idx[t] = k;
                            }
                        }
                    }
                    System.arraycopy(idx, 0, acc, 0, m);
                    yield m;
                }
                case ARGMIN -> {
                    Arrays.fill(idx, 0, m, 0);
                    for (int k = 1; k < len; k++) {
                        int p = base + k * st;
                        for (int t = 0; t < m; t++) {
                            int v = x[p + t * xs];
                            if (v < acc[t]) {
                                acc[t] = v;
                                idx[t] = k;
                            }
                        }
                    }
                    System.arraycopy(idx, 0, acc, 0, m);
                    yield m;
                }
            };
            for (int t = 0; t < done; t++) {
                o[out0 + t * os] = acc[t];
            }
        }
        return n;
    }
}
