package org.jdeep.backend.cpu;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * The dot-product order of {@link Matmul} for a left operand of few rows times a transposed right operand whose
 * columns are contiguous, {@code C(i, j) = sum_q A(i, q) B(j, q)} with both operands read along {@code q} with
 * unit stride: the course layout's {@code W . Xᵀ} with the examples in rows of {@code X}. Packing such a B
 * into GEMM panels means a strided gather of the whole (large) B on every call; here B is streamed once, in
 * place, a few rows at a time, against the (small) A held in cache.
 */
final class MatmulDot {

    private MatmulDot() {
    }

    private static final VectorSpecies<Float> FS = FloatVector.SPECIES_PREFERRED;
    private static final VectorSpecies<Double> DS = DoubleVector.SPECIES_PREFERRED;
    private static final int FL = FS.length();
    private static final int DL = DS.length();

    /**
     * Depth of one block: a block of A ({@code rows x KC}, packed) stays in L2 while every row of B streams past
     * it; fewer blocks means fewer horizontal reductions per output element.
     */
    static final int KC = 1024;
    /**
     * Up to this many rows of A the dot-product order is used (above it a packed GEMM reuses each packed B
     * element often enough to repay packing).
     */
    static final int MAX_ROWS = 64;
    /**
     * From this depth on: each register tile ends in 12 horizontal sums, which a shorter product does not repay
     * (measured: the course's {@code dZ . Xᵀ} with {@code k = 209} took 5.2 ms this way, 4.1 ms packed).
     */
    static final int MIN_DEPTH = KC;
    /** Register tile: 4 rows of A by 3 rows of B, 12 vector accumulators and 7 vector loads per step. */
    static final int TR = 4;
    static final int TC = 3;

    /**
     * Rows {@code [m0, m1)}, columns {@code [n0, n1)} of {@code C = A . Bᵀ}: {@code A(i, q) = a[aOff + i*aRs + q]},
     * {@code B(q, j) = b[bOff + q + j*bCs]}, {@code C(i, j) = c[cOff + i*cRs + j*cCs]}; {@code ap} holds at
     * least {@code (m1 - m0) * min(KC, k)} values.
     */
    static void productD(double[] a, int aOff, int aRs, double[] b, int bOff, int bCs, double[] c, int cOff,
            int cRs, int cCs, int m0, int m1, int n0, int n1, int k, double[] ap) {
        int rows = m1 - m0;
        for (int pc = 0; pc < k; pc += KC) {
            int kc = Math.min(KC, k - pc);
            for (int i = 0; i < rows; i++) {
                System.arraycopy(a, aOff + (m0 + i) * aRs + pc, ap, i * kc, kc);
            }
            boolean acc = pc > 0;
            int j = n0;
            for (; j + TC <= n1; j += TC) {
                int b0 = bOff + j * bCs + pc;
                int i = 0;
                for (; i + TR <= rows; i += TR) {
                    tile4x3D(kc, ap, i * kc, b, b0, bCs, c, cOff + (m0 + i) * cRs + j * cCs, cRs, cCs, acc);
                }
                for (; i < rows; i++) {
                    tile1x3D(kc, ap, i * kc, b, b0, bCs, c, cOff + (m0 + i) * cRs + j * cCs, cCs, acc);
                }
            }
            for (; j < n1; j++) {
                int b0 = bOff + j * bCs + pc;
                int i = 0;
                for (; i + TR <= rows; i += TR) {
                    tile4x1D(kc, ap, i * kc, b, b0, c, cOff + (m0 + i) * cRs + j * cCs, cRs, acc);
                }
                for (; i < rows; i++) {
                    put(c, cOff + (m0 + i) * cRs + j * cCs, acc, dotD(kc, ap, i * kc, b, b0));
                }
            }
        }
    }

    private static void tile4x3D(int kc, double[] ap, int aOff, double[] b, int bOff, int bCs, double[] c, int cOff,
            int cRs, int cCs, boolean accumulate) {
        DoubleVector c00 = DoubleVector.zero(DS);
        DoubleVector c01 = c00;
        DoubleVector c02 = c00;
        DoubleVector c10 = c00;
        DoubleVector c11 = c00;
        DoubleVector c12 = c00;
        DoubleVector c20 = c00;
        DoubleVector c21 = c00;
        DoubleVector c22 = c00;
        DoubleVector c30 = c00;
        DoubleVector c31 = c00;
        DoubleVector c32 = c00;
        int a1 = aOff + kc;
        int a2 = a1 + kc;
        int a3 = a2 + kc;
        int b1 = bOff + bCs;
        int b2 = b1 + bCs;
        int vec = kc - kc % DL;
        for (int q = 0; q < vec; q += DL) {
            DoubleVector y0 = DoubleVector.fromArray(DS, b, bOff + q);
            DoubleVector y1 = DoubleVector.fromArray(DS, b, b1 + q);
            DoubleVector y2 = DoubleVector.fromArray(DS, b, b2 + q);
            DoubleVector x = DoubleVector.fromArray(DS, ap, aOff + q);
            c00 = x.fma(y0, c00);
            c01 = x.fma(y1, c01);
            c02 = x.fma(y2, c02);
            x = DoubleVector.fromArray(DS, ap, a1 + q);
            c10 = x.fma(y0, c10);
            c11 = x.fma(y1, c11);
            c12 = x.fma(y2, c12);
            x = DoubleVector.fromArray(DS, ap, a2 + q);
            c20 = x.fma(y0, c20);
            c21 = x.fma(y1, c21);
            c22 = x.fma(y2, c22);
            x = DoubleVector.fromArray(DS, ap, a3 + q);
            c30 = x.fma(y0, c30);
            c31 = x.fma(y1, c31);
            c32 = x.fma(y2, c32);
        }
        // Spelled out rather than looped over arrays of vectors: C2 would box them.
        int o1 = cOff + cRs;
        int o2 = o1 + cRs;
        int o3 = o2 + cRs;
        put(c, cOff, accumulate, c00.reduceLanes(VectorOperators.ADD) + tailD(kc, vec, ap, aOff, b, bOff));
        put(c, cOff + cCs, accumulate, c01.reduceLanes(VectorOperators.ADD) + tailD(kc, vec, ap, aOff, b, b1));
        put(c, cOff + 2 * cCs, accumulate, c02.reduceLanes(VectorOperators.ADD) + tailD(kc, vec, ap, aOff, b, b2));
        put(c, o1, accumulate, c10.reduceLanes(VectorOperators.ADD) + tailD(kc, vec, ap, a1, b, bOff));
        put(c, o1 + cCs, accumulate, c11.reduceLanes(VectorOperators.ADD) + tailD(kc, vec, ap, a1, b, b1));
        put(c, o1 + 2 * cCs, accumulate, c12.reduceLanes(VectorOperators.ADD) + tailD(kc, vec, ap, a1, b, b2));
        put(c, o2, accumulate, c20.reduceLanes(VectorOperators.ADD) + tailD(kc, vec, ap, a2, b, bOff));
        put(c, o2 + cCs, accumulate, c21.reduceLanes(VectorOperators.ADD) + tailD(kc, vec, ap, a2, b, b1));
        put(c, o2 + 2 * cCs, accumulate, c22.reduceLanes(VectorOperators.ADD) + tailD(kc, vec, ap, a2, b, b2));
        put(c, o3, accumulate, c30.reduceLanes(VectorOperators.ADD) + tailD(kc, vec, ap, a3, b, bOff));
        put(c, o3 + cCs, accumulate, c31.reduceLanes(VectorOperators.ADD) + tailD(kc, vec, ap, a3, b, b1));
        put(c, o3 + 2 * cCs, accumulate, c32.reduceLanes(VectorOperators.ADD) + tailD(kc, vec, ap, a3, b, b2));
    }

    /** {@link #tile4x3D} for a single leftover row of A. */
    private static void tile1x3D(int kc, double[] ap, int aOff, double[] b, int bOff, int bCs, double[] c, int cOff,
            int cCs, boolean accumulate) {
        DoubleVector c00 = DoubleVector.zero(DS);
        DoubleVector c01 = c00;
        DoubleVector c02 = c00;
        int b1 = bOff + bCs;
        int b2 = b1 + bCs;
        int vec = kc - kc % DL;
        for (int q = 0; q < vec; q += DL) {
            DoubleVector x = DoubleVector.fromArray(DS, ap, aOff + q);
            c00 = x.fma(DoubleVector.fromArray(DS, b, bOff + q), c00);
            c01 = x.fma(DoubleVector.fromArray(DS, b, b1 + q), c01);
            c02 = x.fma(DoubleVector.fromArray(DS, b, b2 + q), c02);
        }
        put(c, cOff, accumulate, c00.reduceLanes(VectorOperators.ADD) + tailD(kc, vec, ap, aOff, b, bOff));
        put(c, cOff + cCs, accumulate, c01.reduceLanes(VectorOperators.ADD) + tailD(kc, vec, ap, aOff, b, b1));
        put(c, cOff + 2 * cCs, accumulate, c02.reduceLanes(VectorOperators.ADD) + tailD(kc, vec, ap, aOff, b, b2));
    }

    /**
     * {@link #tile4x3D} for a single leftover column of B: four rows of A against it, so that the column's row of
     * B is read once per four outputs.
     */
    private static void tile4x1D(int kc, double[] ap, int aOff, double[] b, int bOff, double[] c, int cOff, int cRs,
            boolean accumulate) {
        DoubleVector c0 = DoubleVector.zero(DS);
        DoubleVector c1 = c0;
        DoubleVector c2 = c0;
        DoubleVector c3 = c0;
        int a1 = aOff + kc;
        int a2 = a1 + kc;
        int a3 = a2 + kc;
        int vec = kc - kc % DL;
        for (int q = 0; q < vec; q += DL) {
            DoubleVector y = DoubleVector.fromArray(DS, b, bOff + q);
            c0 = DoubleVector.fromArray(DS, ap, aOff + q).fma(y, c0);
            c1 = DoubleVector.fromArray(DS, ap, a1 + q).fma(y, c1);
            c2 = DoubleVector.fromArray(DS, ap, a2 + q).fma(y, c2);
            c3 = DoubleVector.fromArray(DS, ap, a3 + q).fma(y, c3);
        }
        put(c, cOff, accumulate, c0.reduceLanes(VectorOperators.ADD) + tailD(kc, vec, ap, aOff, b, bOff));
        put(c, cOff + cRs, accumulate, c1.reduceLanes(VectorOperators.ADD) + tailD(kc, vec, ap, a1, b, bOff));
        put(c, cOff + 2 * cRs, accumulate, c2.reduceLanes(VectorOperators.ADD) + tailD(kc, vec, ap, a2, b, bOff));
        put(c, cOff + 3 * cRs, accumulate, c3.reduceLanes(VectorOperators.ADD) + tailD(kc, vec, ap, a3, b, bOff));
    }

    /**
     * One dot product of length {@code kc} with a single vector accumulator: the summation order of every tile, so
     * an output's value does not depend on which kernel (and so which split over threads) computed it.
     */
    private static double dotD(int kc, double[] ap, int aOff, double[] b, int bOff) {
        DoubleVector s0 = DoubleVector.zero(DS);
        int vec = kc - kc % DL;
        for (int q = 0; q < vec; q += DL) {
            s0 = DoubleVector.fromArray(DS, ap, aOff + q).fma(DoubleVector.fromArray(DS, b, bOff + q), s0);
        }
        return s0.reduceLanes(VectorOperators.ADD) + tailD(kc, vec, ap, aOff, b, bOff);
    }

    /** {@code sum_{q in [from, kc)} ap[aOff + q] * b[bOff + q]}: the part of a dot product shorter than a vector. */
    private static double tailD(int kc, int from, double[] ap, int aOff, double[] b, int bOff) {
        double s = 0d;
        for (int q = from; q < kc; q++) {
            s += ap[aOff + q] * b[bOff + q];
        }
        return s;
    }

    /**
     * Rows {@code [m0, m1)}, columns {@code [n0, n1)} of {@code C = A . Bᵀ}: {@code A(i, q) = a[aOff + i*aRs + q]},
     * {@code B(q, j) = b[bOff + q + j*bCs]}, {@code C(i, j) = c[cOff + i*cRs + j*cCs]}; {@code ap} holds at
     * least {@code (m1 - m0) * min(KC, k)} values.
     */
    static void productF(float[] a, int aOff, int aRs, float[] b, int bOff, int bCs, float[] c, int cOff,
            int cRs, int cCs, int m0, int m1, int n0, int n1, int k, float[] ap) {
        int rows = m1 - m0;
        for (int pc = 0; pc < k; pc += KC) {
            int kc = Math.min(KC, k - pc);
            for (int i = 0; i < rows; i++) {
                System.arraycopy(a, aOff + (m0 + i) * aRs + pc, ap, i * kc, kc);
            }
            boolean acc = pc > 0;
            int j = n0;
            for (; j + TC <= n1; j += TC) {
                int b0 = bOff + j * bCs + pc;
                int i = 0;
                for (; i + TR <= rows; i += TR) {
                    tile4x3F(kc, ap, i * kc, b, b0, bCs, c, cOff + (m0 + i) * cRs + j * cCs, cRs, cCs, acc);
                }
                for (; i < rows; i++) {
                    tile1x3F(kc, ap, i * kc, b, b0, bCs, c, cOff + (m0 + i) * cRs + j * cCs, cCs, acc);
                }
            }
            for (; j < n1; j++) {
                int b0 = bOff + j * bCs + pc;
                int i = 0;
                for (; i + TR <= rows; i += TR) {
                    tile4x1F(kc, ap, i * kc, b, b0, c, cOff + (m0 + i) * cRs + j * cCs, cRs, acc);
                }
                for (; i < rows; i++) {
                    put(c, cOff + (m0 + i) * cRs + j * cCs, acc, dotF(kc, ap, i * kc, b, b0));
                }
            }
        }
    }

    private static void tile4x3F(int kc, float[] ap, int aOff, float[] b, int bOff, int bCs, float[] c, int cOff,
            int cRs, int cCs, boolean accumulate) {
        FloatVector c00 = FloatVector.zero(FS);
        FloatVector c01 = c00;
        FloatVector c02 = c00;
        FloatVector c10 = c00;
        FloatVector c11 = c00;
        FloatVector c12 = c00;
        FloatVector c20 = c00;
        FloatVector c21 = c00;
        FloatVector c22 = c00;
        FloatVector c30 = c00;
        FloatVector c31 = c00;
        FloatVector c32 = c00;
        int a1 = aOff + kc;
        int a2 = a1 + kc;
        int a3 = a2 + kc;
        int b1 = bOff + bCs;
        int b2 = b1 + bCs;
        int vec = kc - kc % FL;
        for (int q = 0; q < vec; q += FL) {
            FloatVector y0 = FloatVector.fromArray(FS, b, bOff + q);
            FloatVector y1 = FloatVector.fromArray(FS, b, b1 + q);
            FloatVector y2 = FloatVector.fromArray(FS, b, b2 + q);
            FloatVector x = FloatVector.fromArray(FS, ap, aOff + q);
            c00 = x.fma(y0, c00);
            c01 = x.fma(y1, c01);
            c02 = x.fma(y2, c02);
            x = FloatVector.fromArray(FS, ap, a1 + q);
            c10 = x.fma(y0, c10);
            c11 = x.fma(y1, c11);
            c12 = x.fma(y2, c12);
            x = FloatVector.fromArray(FS, ap, a2 + q);
            c20 = x.fma(y0, c20);
            c21 = x.fma(y1, c21);
            c22 = x.fma(y2, c22);
            x = FloatVector.fromArray(FS, ap, a3 + q);
            c30 = x.fma(y0, c30);
            c31 = x.fma(y1, c31);
            c32 = x.fma(y2, c32);
        }
        // Spelled out rather than looped over arrays of vectors: C2 would box them.
        int o1 = cOff + cRs;
        int o2 = o1 + cRs;
        int o3 = o2 + cRs;
        put(c, cOff, accumulate, c00.reduceLanes(VectorOperators.ADD) + tailF(kc, vec, ap, aOff, b, bOff));
        put(c, cOff + cCs, accumulate, c01.reduceLanes(VectorOperators.ADD) + tailF(kc, vec, ap, aOff, b, b1));
        put(c, cOff + 2 * cCs, accumulate, c02.reduceLanes(VectorOperators.ADD) + tailF(kc, vec, ap, aOff, b, b2));
        put(c, o1, accumulate, c10.reduceLanes(VectorOperators.ADD) + tailF(kc, vec, ap, a1, b, bOff));
        put(c, o1 + cCs, accumulate, c11.reduceLanes(VectorOperators.ADD) + tailF(kc, vec, ap, a1, b, b1));
        put(c, o1 + 2 * cCs, accumulate, c12.reduceLanes(VectorOperators.ADD) + tailF(kc, vec, ap, a1, b, b2));
        put(c, o2, accumulate, c20.reduceLanes(VectorOperators.ADD) + tailF(kc, vec, ap, a2, b, bOff));
        put(c, o2 + cCs, accumulate, c21.reduceLanes(VectorOperators.ADD) + tailF(kc, vec, ap, a2, b, b1));
        put(c, o2 + 2 * cCs, accumulate, c22.reduceLanes(VectorOperators.ADD) + tailF(kc, vec, ap, a2, b, b2));
        put(c, o3, accumulate, c30.reduceLanes(VectorOperators.ADD) + tailF(kc, vec, ap, a3, b, bOff));
        put(c, o3 + cCs, accumulate, c31.reduceLanes(VectorOperators.ADD) + tailF(kc, vec, ap, a3, b, b1));
        put(c, o3 + 2 * cCs, accumulate, c32.reduceLanes(VectorOperators.ADD) + tailF(kc, vec, ap, a3, b, b2));
    }

    /** {@link #tile4x3F} for a single leftover row of A. */
    private static void tile1x3F(int kc, float[] ap, int aOff, float[] b, int bOff, int bCs, float[] c, int cOff,
            int cCs, boolean accumulate) {
        FloatVector c00 = FloatVector.zero(FS);
        FloatVector c01 = c00;
        FloatVector c02 = c00;
        int b1 = bOff + bCs;
        int b2 = b1 + bCs;
        int vec = kc - kc % FL;
        for (int q = 0; q < vec; q += FL) {
            FloatVector x = FloatVector.fromArray(FS, ap, aOff + q);
            c00 = x.fma(FloatVector.fromArray(FS, b, bOff + q), c00);
            c01 = x.fma(FloatVector.fromArray(FS, b, b1 + q), c01);
            c02 = x.fma(FloatVector.fromArray(FS, b, b2 + q), c02);
        }
        put(c, cOff, accumulate, c00.reduceLanes(VectorOperators.ADD) + tailF(kc, vec, ap, aOff, b, bOff));
        put(c, cOff + cCs, accumulate, c01.reduceLanes(VectorOperators.ADD) + tailF(kc, vec, ap, aOff, b, b1));
        put(c, cOff + 2 * cCs, accumulate, c02.reduceLanes(VectorOperators.ADD) + tailF(kc, vec, ap, aOff, b, b2));
    }

    /**
     * {@link #tile4x3F} for a single leftover column of B: four rows of A against it, so that the column's row of
     * B is read once per four outputs.
     */
    private static void tile4x1F(int kc, float[] ap, int aOff, float[] b, int bOff, float[] c, int cOff, int cRs,
            boolean accumulate) {
        FloatVector c0 = FloatVector.zero(FS);
        FloatVector c1 = c0;
        FloatVector c2 = c0;
        FloatVector c3 = c0;
        int a1 = aOff + kc;
        int a2 = a1 + kc;
        int a3 = a2 + kc;
        int vec = kc - kc % FL;
        for (int q = 0; q < vec; q += FL) {
            FloatVector y = FloatVector.fromArray(FS, b, bOff + q);
            c0 = FloatVector.fromArray(FS, ap, aOff + q).fma(y, c0);
            c1 = FloatVector.fromArray(FS, ap, a1 + q).fma(y, c1);
            c2 = FloatVector.fromArray(FS, ap, a2 + q).fma(y, c2);
            c3 = FloatVector.fromArray(FS, ap, a3 + q).fma(y, c3);
        }
        put(c, cOff, accumulate, c0.reduceLanes(VectorOperators.ADD) + tailF(kc, vec, ap, aOff, b, bOff));
        put(c, cOff + cRs, accumulate, c1.reduceLanes(VectorOperators.ADD) + tailF(kc, vec, ap, a1, b, bOff));
        put(c, cOff + 2 * cRs, accumulate, c2.reduceLanes(VectorOperators.ADD) + tailF(kc, vec, ap, a2, b, bOff));
        put(c, cOff + 3 * cRs, accumulate, c3.reduceLanes(VectorOperators.ADD) + tailF(kc, vec, ap, a3, b, bOff));
    }

    /**
     * One dot product of length {@code kc} with a single vector accumulator: the summation order of every tile, so
     * an output's value does not depend on which kernel (and so which split over threads) computed it.
     */
    private static float dotF(int kc, float[] ap, int aOff, float[] b, int bOff) {
        FloatVector s0 = FloatVector.zero(FS);
        int vec = kc - kc % FL;
        for (int q = 0; q < vec; q += FL) {
            s0 = FloatVector.fromArray(FS, ap, aOff + q).fma(FloatVector.fromArray(FS, b, bOff + q), s0);
        }
        return s0.reduceLanes(VectorOperators.ADD) + tailF(kc, vec, ap, aOff, b, bOff);
    }

    /** {@code sum_{q in [from, kc)} ap[aOff + q] * b[bOff + q]}: the part of a dot product shorter than a vector. */
    private static float tailF(int kc, int from, float[] ap, int aOff, float[] b, int bOff) {
        float s = 0f;
        for (int q = from; q < kc; q++) {
            s += ap[aOff + q] * b[bOff + q];
        }
        return s;
    }

    private static void put(float[] c, int o, boolean accumulate, float v) {
        c[o] = accumulate ? c[o] + v : v;
    }

    private static void put(double[] c, int o, boolean accumulate, double v) {
        c[o] = accumulate ? c[o] + v : v;
    }
}
