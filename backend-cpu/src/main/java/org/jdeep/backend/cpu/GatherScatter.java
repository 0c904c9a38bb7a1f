package org.jdeep.backend.cpu;

import org.jdeep.spi.View;
import org.jdeep.types.DType;

/**
 * {@code gather} and {@code scatterAdd} along one axis with a 1-D INT32 index view. Both iterate the
 * other axes with a {@link StridedLoop} and, per row of it, walk the indices; scatterAdd splits work over
 * the other axes only, so that two threads never add into the same element.
 */
final class GatherScatter {

    /** Runs of this many elements or more are copied with {@link System#arraycopy}. */
    private static final int ARRAYCOPY_MIN = 64;

    private GatherScatter() {
    }

    static void gather(View x, int axis, View indices, View out, CpuThreads threads) {
        int k = checkIndices(indices, axis, x.shape()[axis]);
        if (out.size() == 0) {
            return;
        }
        new IndexLoop(false, x, axis, indices, out).run(threads, Math.max(1, StridedLoop.GRAIN / k));
    }

    static void scatterAdd(View src, int axis, View indices, View dst, CpuThreads threads) {
        int k = checkIndices(indices, axis, dst.shape()[axis]);
        if (src.size() == 0) {
            return;
        }
        new IndexLoop(true, src, axis, indices, dst).run(threads, Math.max(1, StridedLoop.GRAIN / k));
    }

    /** Checks every index before anything is written, so a bad index leaves the output untouched. */
    private static int checkIndices(View indices, int axis, int axisSize) {
        if (indices.rank() != 1) {
            throw new IllegalArgumentException("indices must be a 1-D INT32 view, got " + indices);
        }
        int[] idx = CpuBuffer.ints(indices);
        int k = indices.shape()[0];
        int p = indices.offset();
        int s = indices.strides()[0];
        for (int j = 0; j < k; j++) {
            int i = idx[p + j * s];
            if (i < 0 || i >= axisSize) {
                throw new IndexOutOfBoundsException("index " + i + " (position " + j + " of the indices) is out "
                        + "of range for axis " + axis + " of size " + axisSize);
            }
        }
        return k;
    }

    /**
     * Iterates the axes other than the indexed one; operand 0 is the written view ({@code out} of gather,
     * {@code dst} of scatterAdd), operand 1 the read one. Axis strides and the indices are fields.
     */
    private static final class IndexLoop extends StridedLoop {
        private final boolean scatter;
        private final DType dtype;
        private final Object r;
        private final Object w;
        private final int readAxisStride;
        private final int writeAxisStride;
        private final int[] idx;
        private final int idxOffset;
        private final int idxStride;
        private final int k;

        IndexLoop(boolean scatter, View read, int axis, View indices, View write) {
            // The indexed view (x of gather, dst of scatterAdd) has another axis length; skip that axis.
            super((scatter ? read : write).shape(), axis, write, read, null, null);
            this.scatter = scatter;
            this.dtype = write.dtype();
            this.r = CpuBuffer.array(read);
            this.w = CpuBuffer.array(write);
            this.readAxisStride = read.strides()[axis];
            this.writeAxisStride = write.strides()[axis];
            this.idx = CpuBuffer.ints(indices);
            this.idxOffset = indices.offset();
            this.idxStride = indices.strides()[0];
            this.k = indices.shape()[0];
        }

        @Override
        void row(int n, int pw, int pr, int unused2, int unused3) {
            int done;
            if (scatter) {
                done = switch (dtype) {
                    case FLOAT32 -> scatterF((float[]) r, pr, is1, readAxisStride, (float[]) w, pw, is0,
                            writeAxisStride, n, idx, idxOffset, idxStride, k);
                    case FLOAT64 -> scatterD((double[]) r, pr, is1, readAxisStride, (double[]) w, pw, is0,
                            writeAxisStride, n, idx, idxOffset, idxStride, k);
                    case INT32 -> scatterI((int[]) r, pr, is1, readAxisStride, (int[]) w, pw, is0,
                            writeAxisStride, n, idx, idxOffset, idxStride, k);
                };
            } else {
                done = switch (dtype) {
                    case FLOAT32 -> gatherF((float[]) r, pr, is1, readAxisStride, (float[]) w, pw, is0,
                            writeAxisStride, n, idx, idxOffset, idxStride, k);
                    case FLOAT64 -> gatherD((double[]) r, pr, is1, readAxisStride, (double[]) w, pw, is0,
                            writeAxisStride, n, idx, idxOffset, idxStride, k);
                    case INT32 -> gatherI((int[]) r, pr, is1, readAxisStride, (int[]) w, pw, is0,
                            writeAxisStride, n, idx, idxOffset, idxStride, k);
                };
            }
            assert done == n;
        }
    }

    /**
     * {@code o[t, j] = x[t, idx[j]]} for {@code n} positions t of the other axes; the loop over whichever of
     * t and j is denser in {@code o} runs innermost.
     */
    static int gatherF(float[] x, int px, int xs, int xa, float[] o, int po, int os, int oa, int n, int[] idx,
                       int io, int is, int k) {
        if (n == 1 || Math.abs(oa) < Math.abs(os)) {
            for (int t = 0; t < n; t++) {
                int xt = px + t * xs;
                int ot = po + t * os;
                for (int j = 0; j < k; j++) {
                    o[ot + j * oa] = x[xt + idx[io + j * is] * xa];
                }
            }
        } else {
            for (int j = 0; j < k; j++) {
                int src = px + idx[io + j * is] * xa;
                int dst = po + j * oa;
                if (xs == 1 && os == 1) {
                    if (n >= ARRAYCOPY_MIN) {
                        System.arraycopy(x, src, o, dst, n);
                    } else {
                        for (int t = 0; t < n; t++) {
                            o[dst + t] = x[src + t];
                        }
                    }
                } else {
                    for (int t = 0; t < n; t++) {
                        o[dst + t * os] = x[src + t * xs];
                    }
                }
            }
        }
        return n;
    }

    /**
     * {@code d[t, idx[j]] += s[t, j]} for {@code n} positions t of the other axes, in index order, so
     * repeated indices accumulate deterministically.
     */
    static int scatterF(float[] s, int ps, int ss, int sa, float[] d, int pd, int ds, int da, int n, int[] idx,
                        int io, int is, int k) {
        if (n == 1 || Math.abs(sa) < Math.abs(ss)) {
            for (int t = 0; t < n; t++) {
                int st = ps + t * ss;
                int dt = pd + t * ds;
                for (int j = 0; j < k; j++) {
                    d[dt + idx[io + j * is] * da] += s[st + j * sa];
                }
            }
        } else {
            for (int j = 0; j < k; j++) {
                int src = ps + j * sa;
                int dst = pd + idx[io + j * is] * da;
                if (ss == 1 && ds == 1) {
                    for (int t = 0; t < n; t++) {
                        d[dst + t] += s[src + t];
                    }
                } else {
                    for (int t = 0; t < n; t++) {
                        d[dst + t * ds] += s[src + t * ss];
                    }
                }
            }
        }
        return n;
    }

    /**
     * {@code o[t, j] = x[t, idx[j]]} for {@code n} positions t of the other axes; the loop over whichever of
     * t and j is denser in {@code o} runs innermost.
     */
    static int gatherD(double[] x, int px, int xs, int xa, double[] o, int po, int os, int oa, int n, int[] idx,
                       int io, int is, int k) {
        if (n == 1 || Math.abs(oa) < Math.abs(os)) {
            for (int t = 0; t < n; t++) {
                int xt = px + t * xs;
                int ot = po + t * os;
                for (int j = 0; j < k; j++) {
                    o[ot + j * oa] = x[xt + idx[io + j * is] * xa];
                }
            }
        } else {
            for (int j = 0; j < k; j++) {
                int src = px + idx[io + j * is] * xa;
                int dst = po + j * oa;
                if (xs == 1 && os == 1) {
                    if (n >= ARRAYCOPY_MIN) {
                        System.arraycopy(x, src, o, dst, n);
                    } else {
                        for (int t = 0; t < n; t++) {
                            o[dst + t] = x[src + t];
                        }
                    }
                } else {
                    for (int t = 0; t < n; t++) {
                        o[dst + t * os] = x[src + t * xs];
                    }
                }
            }
        }
        return n;
    }

    /**
     * {@code d[t, idx[j]] += s[t, j]} for {@code n} positions t of the other axes, in index order, so
     * repeated indices accumulate deterministically.
     */
    static int scatterD(double[] s, int ps, int ss, int sa, double[] d, int pd, int ds, int da, int n, int[] idx,
                        int io, int is, int k) {
        if (n == 1 || Math.abs(sa) < Math.abs(ss)) {
            for (int t = 0; t < n; t++) {
                int st = ps + t * ss;
                int dt = pd + t * ds;
                for (int j = 0; j < k; j++) {
                    d[dt + idx[io + j * is] * da] += s[st + j * sa];
                }
            }
        } else {
            for (int j = 0; j < k; j++) {
                int src = ps + j * sa;
                int dst = pd + idx[io + j * is] * da;
                if (ss == 1 && ds == 1) {
                    for (int t = 0; t < n; t++) {
                        d[dst + t] += s[src + t];
                    }
                } else {
                    for (int t = 0; t < n; t++) {
                        d[dst + t * ds] += s[src + t * ss];
                    }
                }
            }
        }
        return n;
    }

    /**
     * {@code o[t, j] = x[t, idx[j]]} for {@code n} positions t of the other axes; the loop over whichever of
     * t and j is denser in {@code o} runs innermost.
     */
    static int gatherI(int[] x, int px, int xs, int xa, int[] o, int po, int os, int oa, int n, int[] idx,
                       int io, int is, int k) {
        if (n == 1 || Math.abs(oa) < Math.abs(os)) {
            for (int t = 0; t < n; t++) {
                int xt = px + t * xs;
                int ot = po + t * os;
                for (int j = 0; j < k; j++) {
                    o[ot + j * oa] = x[xt + idx[io + j * is] * xa];
                }
            }
        } else {
            for (int j = 0; j < k; j++) {
                int src = px + idx[io + j * is] * xa;
                int dst = po + j * oa;
                if (xs == 1 && os == 1) {
                    if (n >= ARRAYCOPY_MIN) {
                        System.arraycopy(x, src, o, dst, n);
                    } else {
                        for (int t = 0; t < n; t++) {
                            o[dst + t] = x[src + t];
                        }
                    }
                } else {
                    for (int t = 0; t < n; t++) {
                        o[dst + t * os] = x[src + t * xs];
                    }
                }
            }
        }
        return n;
    }

    /**
     * {@code d[t, idx[j]] += s[t, j]} for {@code n} positions t of the other axes, in index order, so
     * repeated indices accumulate deterministically.
     */
    static int scatterI(int[] s, int ps, int ss, int sa, int[] d, int pd, int ds, int da, int n, int[] idx,
                        int io, int is, int k) {
        if (n == 1 || Math.abs(sa) < Math.abs(ss)) {
            for (int t = 0; t < n; t++) {
                int st = ps + t * ss;
                int dt = pd + t * ds;
                for (int j = 0; j < k; j++) {
                    d[dt + idx[io + j * is] * da] += s[st + j * sa];
                }
            }
        } else {
            for (int j = 0; j < k; j++) {
                int src = ps + j * sa;
                int dst = pd + idx[io + j * is] * da;
                if (ss == 1 && ds == 1) {
                    for (int t = 0; t < n; t++) {
                        d[dst + t] += s[src + t];
                    }
                } else {
                    for (int t = 0; t < n; t++) {
                        d[dst + t * ds] += s[src + t * ss];
                    }
                }
            }
        }
        return n;
    }
}
