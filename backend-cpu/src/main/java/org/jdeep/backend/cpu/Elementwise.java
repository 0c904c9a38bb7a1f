package org.jdeep.backend.cpu;

import java.util.Arrays;
import org.jdeep.spi.BinaryOp;
import org.jdeep.spi.UnaryOp;
import org.jdeep.spi.View;
import org.jdeep.types.DType;

/**
 * Elementwise primitives (unary, binary, where, copy, fill): {@link StridedLoop} subclasses that hand each
 * row to a static per-row kernel. Every kernel switches over the op once per row, with one tight loop per
 * case; the switches are expressions so that javac rejects a missing enum constant.
 */
final class Elementwise {

    // Row shapes of a binary op that deserve a vectorizable loop of their own.
    private static final int UNIT = 0;
    private static final int B_SCALAR = 1;
    private static final int A_SCALAR = 2;
    private static final int GENERAL = 3;

    /** Parallel grain of ops that call a {@code Math} function per element. */
    static final int EXPENSIVE_GRAIN = StridedLoop.GRAIN / 8;

    /** Length of the double scratch block of FLOAT32 transcendental ops. */
    static final int SCRATCH = 256;

    private Elementwise() {
    }

    // ----- entry points -----

    static void unary(UnaryOp op, View x, View out, CpuThreads threads) {
        if (out.dtype() == DType.INT32 && !op.definedForIntegers()) {
            throw notForIntegers(op);
        }
        new UnaryLoop(op, x, out).run(threads, grain(op));
    }

    static void binary(BinaryOp op, View a, View b, View out, CpuThreads threads) {
        new BinaryLoop(op, a, b, out).run(threads, op == BinaryOp.POW ? EXPENSIVE_GRAIN : StridedLoop.GRAIN);
    }

    /** Ops that call a {@code Math} function cost ten times a load and store, so they split sooner. */
    private static int grain(UnaryOp op) {
        return switch (op) {
            case NEG, ABS, SIGN, SQUARE, SQRT, RECIPROCAL, RELU -> StridedLoop.GRAIN;
            case EXP, LOG, LOG1P, EXPM1, TANH, SIGMOID, SOFTPLUS -> EXPENSIVE_GRAIN;
        };
    }

    static void mulAdd(View a, View b, View c, View out, CpuThreads threads) {
        new MulAddLoop(a, b, c, out).run(threads);
    }

    static void where(View cond, View a, View b, View out, CpuThreads threads) {
        new WhereLoop(cond, a, b, out).run(threads);
    }

    static void copy(View src, View dst, CpuThreads threads) {
        new CopyLoop(src, dst).run(threads);
    }

    static void fill(View dst, double value, CpuThreads threads) {
        new FillLoop(dst, value).run(threads);
    }

    static IllegalArgumentException notForIntegers(UnaryOp op) {
        return new IllegalArgumentException("unary " + op + " is defined for floating dtypes only, not INT32");
    }

    private static int mode(int sa, int sb, int so) {
        if (so != 1) {
            return GENERAL;
        }
        if (sa == 1) {
            return sb == 1 ? UNIT : sb == 0 ? B_SCALAR : GENERAL;
        }
        return sa == 0 && sb == 1 ? A_SCALAR : GENERAL;
    }

    // ----- loops: operand 0 is always the output -----

    private static final class UnaryLoop extends StridedLoop {
        private final UnaryOp op;
        private final DType dtype;
        private final Object x;
        private final Object o;

        UnaryLoop(UnaryOp op, View x, View out) {
            super(out.shape(), -1, out, x, null, null);
            this.op = op;
            this.dtype = out.dtype();
            this.x = CpuBuffer.array(x);
            this.o = CpuBuffer.array(out);
        }

        @Override
        void row(int n, int po, int px, int unused2, int unused3) {
            int done = switch (dtype) {
                case FLOAT32 -> unaryF(op, (float[]) x, px, is1, (float[]) o, po, is0, n);
                case FLOAT64 -> unaryD(op, (double[]) x, px, is1, (double[]) o, po, is0, n);
                case INT32 -> unaryI(op, (int[]) x, px, is1, (int[]) o, po, is0, n);
            };
            assert done == n;
        }
    }

    private static final class BinaryLoop extends StridedLoop {
        private final BinaryOp op;
        private final DType dtype;
        private final Object a;
        private final Object b;
        private final Object o;

        BinaryLoop(BinaryOp op, View a, View b, View out) {
            super(out.shape(), -1, out, a, b, null);
            this.op = op;
            this.dtype = out.dtype();
            this.a = CpuBuffer.array(a);
            this.b = CpuBuffer.array(b);
            this.o = CpuBuffer.array(out);
        }

        @Override
        void row(int n, int po, int pa, int pb, int unused3) {
            int done = switch (dtype) {
                case FLOAT32 -> binaryF(op, (float[]) a, pa, is1, (float[]) b, pb, is2, (float[]) o, po, is0, n);
                case FLOAT64 -> binaryD(op, (double[]) a, pa, is1, (double[]) b, pb, is2, (double[]) o, po, is0,
                        n);
                case INT32 -> binaryI(op, (int[]) a, pa, is1, (int[]) b, pb, is2, (int[]) o, po, is0, n);
            };
            assert done == n;
        }
    }

    private static final class MulAddLoop extends StridedLoop {
        private final DType dtype;
        private final Object a;
        private final Object b;
        private final Object c;
        private final Object o;

        MulAddLoop(View a, View b, View c, View out) {
            super(out.shape(), -1, out, a, b, c);
            this.dtype = out.dtype();
            this.a = CpuBuffer.array(a);
            this.b = CpuBuffer.array(b);
            this.c = CpuBuffer.array(c);
            this.o = CpuBuffer.array(out);
        }

        @Override
        void row(int n, int po, int pa, int pb, int pc) {
            boolean unit = is0 == 1 && is1 == 1 && is3 == 1;
            switch (dtype) {
                case FLOAT32 -> {
                    float[] x = (float[]) a;
                    float[] y = (float[]) b;
                    float[] z = (float[]) c;
                    float[] w = (float[]) o;
                    if (unit && is2 == 0) {
                        float v = y[pb];
                        for (int i = 0; i < n; i++) {
                            w[po + i] = x[pa + i] * v + z[pc + i];
                        }
                    } else {
                        for (int i = 0; i < n; i++) {
                            w[po + i * is0] = x[pa + i * is1] * y[pb + i * is2] + z[pc + i * is3];
                        }
                    }
                }
                case FLOAT64 -> {
                    double[] x = (double[]) a;
                    double[] y = (double[]) b;
                    double[] z = (double[]) c;
                    double[] w = (double[]) o;
                    if (unit && is2 == 0) {
                        double v = y[pb];
                        for (int i = 0; i < n; i++) {
                            w[po + i] = x[pa + i] * v + z[pc + i];
                        }
                    } else {
                        for (int i = 0; i < n; i++) {
                            w[po + i * is0] = x[pa + i * is1] * y[pb + i * is2] + z[pc + i * is3];
                        }
                    }
                }
                case INT32 -> {
                    int[] x = (int[]) a;
                    int[] y = (int[]) b;
                    int[] z = (int[]) c;
                    int[] w = (int[]) o;
                    for (int i = 0; i < n; i++) {
                        w[po + i * is0] = x[pa + i * is1] * y[pb + i * is2] + z[pc + i * is3];
                    }
                }
            }
        }
    }

    private static final class WhereLoop extends StridedLoop {
        private final DType dtype;
        private final DType condType;
        private final Object c;
        private final Object a;
        private final Object b;
        private final Object o;

        WhereLoop(View cond, View a, View b, View out) {
            super(out.shape(), -1, out, cond, a, b);
            this.dtype = out.dtype();
            this.condType = cond.dtype();
            this.c = CpuBuffer.array(cond);
            this.a = CpuBuffer.array(a);
            this.b = CpuBuffer.array(b);
            this.o = CpuBuffer.array(out);
        }

        @Override
        void row(int n, int po, int pc, int pa, int pb) {
            int done = switch (dtype) {
                case FLOAT32 -> whereF(condType, c, pc, is1, (float[]) a, pa, is2, (float[]) b, pb, is3,
                        (float[]) o, po, is0, n);
                case FLOAT64 -> whereD(condType, c, pc, is1, (double[]) a, pa, is2, (double[]) b, pb, is3,
                        (double[]) o, po, is0, n);
                case INT32 -> whereI(condType, c, pc, is1, (int[]) a, pa, is2, (int[]) b, pb, is3,
                        (int[]) o, po, is0, n);
            };
            assert done == n;
        }
    }

    private static final class CopyLoop extends StridedLoop {
        private final DType from;
        private final DType to;
        private final Object s;
        private final Object d;

        CopyLoop(View src, View dst) {
            super(dst.shape(), -1, dst, src, null, null);
            this.from = src.dtype();
            this.to = dst.dtype();
            this.s = CpuBuffer.array(src);
            this.d = CpuBuffer.array(dst);
        }

        @Override
        void row(int n, int pd, int ps, int unused2, int unused3) {
            int done = switch (from) {
                case FLOAT32 -> copyFrom((float[]) s, ps, is1, to, d, pd, is0, n);
                case FLOAT64 -> copyFrom((double[]) s, ps, is1, to, d, pd, is0, n);
                case INT32 -> copyFrom((int[]) s, ps, is1, to, d, pd, is0, n);
            };
            assert done == n;
        }
    }

    private static final class FillLoop extends StridedLoop {
        private final DType dtype;
        private final Object d;
        private final double value;

        FillLoop(View dst, double value) {
            super(dst.shape(), -1, dst, null, null, null);
            this.dtype = dst.dtype();
            this.d = CpuBuffer.array(dst);
            this.value = value;
        }

        @Override
        void row(int n, int pd, int unused1, int unused2, int unused3) {
            int done = switch (dtype) {
                case FLOAT32 -> fillF((float[]) d, pd, is0, n, (float) value);
                case FLOAT64 -> fillD((double[]) d, pd, is0, n, value);
                case INT32 -> fillI((int[]) d, pd, is0, n, (int) value);
            };
            assert done == n;
        }
    }

    // ----- unary kernels -----

    /** {@code o = op(x)} over one row of FLOAT32; the cheap ops get a unit-stride loop the JIT vectorizes. */
    static int unaryF(UnaryOp op, float[] x, int px, int sx, float[] o, int po, int so, int n) {
        boolean unit = sx == 1 && so == 1;
        return switch (op) {
            case NEG -> {
                if (unit) {
                    for (int i = 0; i < n; i++) {
                        o[po + i] = -x[px + i];
                    }
                } else {
                    for (int i = 0; i < n; i++) {
                        o[po + i * so] = -x[px + i * sx];
                    }
                }
                yield n;
            }
            case ABS -> {
                if (unit) {
                    for (int i = 0; i < n; i++) {
                        o[po + i] = Math.abs(x[px + i]);
                    }
                } else {
                    for (int i = 0; i < n; i++) {
                        o[po + i * so] = Math.abs(x[px + i * sx]);
                    }
                }
                yield n;
            }
            case SIGN -> {
                for (int i = 0; i < n; i++) {
                    float v = x[px + i * sx];
                    // Integer flags rather than Math.signum or a chain of ternaries: branch-free, and
                    // 0 (not -0.0) for -0.0 as the SPI asks; only the rare NaN takes a branch.
                    int sign = (v > 0f ? 1 : 0) - (v < 0f ? 1 : 0);
                    o[po + i * so] = v == v ? sign : v;
                }
                yield n;
            }
            case SQUARE -> {
                if (unit) {
                    for (int i = 0; i < n; i++) {
                        float v = x[px + i];
                        o[po + i] = v * v;
                    }
                } else {
                    for (int i = 0; i < n; i++) {
                        float v = x[px + i * sx];
                        o[po + i * so] = v * v;
                    }
                }
                yield n;
            }
            case SQRT -> {
                if (unit) {
                    for (int i = 0; i < n; i++) {
                        o[po + i] = (float) Math.sqrt(x[px + i]);
                    }
                } else {
                    for (int i = 0; i < n; i++) {
                        o[po + i * so] = (float) Math.sqrt(x[px + i * sx]);
                    }
                }
                yield n;
            }
            case RECIPROCAL -> {
                if (unit) {
                    for (int i = 0; i < n; i++) {
                        o[po + i] = 1f / x[px + i];
                    }
                } else {
                    for (int i = 0; i < n; i++) {
                        o[po + i * so] = 1f / x[px + i * sx];
                    }
                }
                yield n;
            }
            case EXP, LOG, LOG1P, EXPM1, TANH, SIGMOID, SOFTPLUS -> transcendentalF(op, x, px, sx, o, po, so, n);
            case RELU -> {
                // Math.max keeps NaN and turns -0.0 into 0.0.
                if (unit) {
                    for (int i = 0; i < n; i++) {
                        o[po + i] = Math.max(x[px + i], 0f);
                    }
                } else {
                    for (int i = 0; i < n; i++) {
                        o[po + i * so] = Math.max(x[px + i * sx], 0f);
                    }
                }
                yield n;
            }
        };
    }

    /**
     * The FLOAT32 ops that call a {@code Math} function, a block at a time through a double scratch: in a
     * loop that widens each float right before {@code Math.exp}, every call waits for the previous one
     * ({@code cvtss2sd} merges into the register the last call wrote), which measured about three times
     * slower than widening a block first.
     */
    static int transcendentalF(UnaryOp op, float[] x, int px, int sx, float[] o, int po, int so, int n) {
        double[] t = new double[Math.min(n, SCRATCH)];
        boolean sigmoidOrSoftplus = op == UnaryOp.SIGMOID || op == UnaryOp.SOFTPLUS;
        for (int b = 0; b < n; b += t.length) {
            int m = Math.min(t.length, n - b);
            int xb = px + b * sx;
            int ob = po + b * so;
            if (sigmoidOrSoftplus) {
                // Both need only e^-|x|, which cannot overflow; NaN stays NaN.
                for (int i = 0; i < m; i++) {
                    t[i] = -Math.abs(x[xb + i * sx]);
                }
            } else {
                for (int i = 0; i < m; i++) {
                    t[i] = x[xb + i * sx];
                }
            }
            int done = switch (op) {
                case EXP, SIGMOID -> {
                    for (int i = 0; i < m; i++) {
                        t[i] = Math.exp(t[i]);
                    }
                    yield m;
                }
                case LOG -> {
                    for (int i = 0; i < m; i++) {
                        t[i] = Math.log(t[i]);
                    }
                    yield m;
                }
                case LOG1P -> {
                    for (int i = 0; i < m; i++) {
                        t[i] = Math.log1p(t[i]);
                    }
                    yield m;
                }
                case EXPM1 -> {
                    for (int i = 0; i < m; i++) {
                        t[i] = Math.expm1(t[i]);
                    }
                    yield m;
                }
                case TANH -> {
                    for (int i = 0; i < m; i++) {
                        t[i] = tanhForFloat(t[i]);
                    }
                    yield m;
                }
                case SOFTPLUS -> {
                    for (int i = 0; i < m; i++) {
                        t[i] = Math.log1p(Math.exp(t[i]));
                    }
                    yield m;
                }
                case NEG, ABS, SIGN, SQUARE, SQRT, RECIPROCAL, RELU -> throw new AssertionError(op);
            };
            assert done == m;
            if (op == UnaryOp.SIGMOID) {
                // 1/(1 + e^-x) for x >= 0 and e^x/(1 + e^x) for x < 0, from the one e = e^-|x|.
                for (int i = 0; i < m; i++) {
                    float e = (float) t[i];
                    // The numerator is 1 or e, picked by arithmetic on an int flag (exact either way)
                    // because a branch on the sign of x mispredicts on mixed data.
                    int nonNegative = x[xb + i * sx] >= 0f ? 1 : 0;
                    o[ob + i * so] = (nonNegative + (1 - nonNegative) * e) / (1f + e);
                }
            } else if (op == UnaryOp.SOFTPLUS) {
                for (int i = 0; i < m; i++) {
                    o[ob + i * so] = Math.max(x[xb + i * sx], 0f) + (float) t[i];
                }
            } else {
                for (int i = 0; i < m; i++) {
                    o[ob + i * so] = (float) t[i];
                }
            }
        }
        return n;
    }

    /** {@code o = op(x)} over one row of FLOAT64; the cheap ops get a unit-stride loop the JIT vectorizes. */
    static int unaryD(UnaryOp op, double[] x, int px, int sx, double[] o, int po, int so, int n) {
        boolean unit = sx == 1 && so == 1;
        return switch (op) {
            case NEG -> {
                if (unit) {
                    for (int i = 0; i < n; i++) {
                        o[po + i] = -x[px + i];
                    }
                } else {
                    for (int i = 0; i < n; i++) {
                        o[po + i * so] = -x[px + i * sx];
                    }
                }
                yield n;
            }
            case ABS -> {
                if (unit) {
                    for (int i = 0; i < n; i++) {
                        o[po + i] = Math.abs(x[px + i]);
                    }
                } else {
                    for (int i = 0; i < n; i++) {
                        o[po + i * so] = Math.abs(x[px + i * sx]);
                    }
                }
                yield n;
            }
            case SIGN -> {
                for (int i = 0; i < n; i++) {
                    double v = x[px + i * sx];
                    // Integer flags rather than Math.signum or a chain of ternaries: branch-free, and
                    // 0 (not -0.0) for -0.0 as the SPI asks; only the rare NaN takes a branch.
                    int sign = (v > 0.0 ? 1 : 0) - (v < 0.0 ? 1 : 0);
                    o[po + i * so] = v == v ? sign : v;
                }
                yield n;
            }
            case SQUARE -> {
                if (unit) {
                    for (int i = 0; i < n; i++) {
                        double v = x[px + i];
                        o[po + i] = v * v;
                    }
                } else {
                    for (int i = 0; i < n; i++) {
                        double v = x[px + i * sx];
                        o[po + i * so] = v * v;
                    }
                }
                yield n;
            }
            case SQRT -> {
                if (unit) {
                    for (int i = 0; i < n; i++) {
                        o[po + i] = Math.sqrt(x[px + i]);
                    }
                } else {
                    for (int i = 0; i < n; i++) {
                        o[po + i * so] = Math.sqrt(x[px + i * sx]);
                    }
                }
                yield n;
            }
            case RECIPROCAL -> {
                if (unit) {
                    for (int i = 0; i < n; i++) {
                        o[po + i] = 1.0 / x[px + i];
                    }
                } else {
                    for (int i = 0; i < n; i++) {
                        o[po + i * so] = 1.0 / x[px + i * sx];
                    }
                }
                yield n;
            }
            case EXP -> {
                for (int i = 0; i < n; i++) {
                    o[po + i * so] = Math.exp(x[px + i * sx]);
                }
                yield n;
            }
            case LOG -> {
                for (int i = 0; i < n; i++) {
                    o[po + i * so] = Math.log(x[px + i * sx]);
                }
                yield n;
            }
            case LOG1P -> {
                for (int i = 0; i < n; i++) {
                    o[po + i * so] = Math.log1p(x[px + i * sx]);
                }
                yield n;
            }
            case EXPM1 -> {
                for (int i = 0; i < n; i++) {
                    o[po + i * so] = Math.expm1(x[px + i * sx]);
                }
                yield n;
            }
            case TANH -> {
                for (int i = 0; i < n; i++) {
                    o[po + i * so] = Math.tanh(x[px + i * sx]);
                }
                yield n;
            }
            case SIGMOID -> {
                for (int i = 0; i < n; i++) {
                    double v = x[px + i * sx];
                    // 1/(1 + e) for x >= 0 and e/(1 + e) for x < 0 with e = e^-|x|, which cannot overflow
                    // (NaN stays NaN); the numerator is picked by arithmetic, as in transcendentalF.
                    double e = Math.exp(-Math.abs(v));
                    int nonNegative = v >= 0.0 ? 1 : 0;
                    o[po + i * so] = (nonNegative + (1 - nonNegative) * e) / (1.0 + e);
                }
                yield n;
            }
            case SOFTPLUS -> {
                for (int i = 0; i < n; i++) {
                    double v = x[px + i * sx];
                    o[po + i * so] = Math.max(v, 0.0) + Math.log1p(Math.exp(-Math.abs(v)));
                }
                yield n;
            }
            case RELU -> {
                // Math.max keeps NaN and turns -0.0 into 0.0.
                if (unit) {
                    for (int i = 0; i < n; i++) {
                        o[po + i] = Math.max(x[px + i], 0.0);
                    }
                } else {
                    for (int i = 0; i < n; i++) {
                        o[po + i * so] = Math.max(x[px + i * sx], 0.0);
                    }
                }
                yield n;
            }
        };
    }

    /** {@code o = op(x)} over one row of INT32, with Java's wrap-around arithmetic. */
    static int unaryI(UnaryOp op, int[] x, int px, int sx, int[] o, int po, int so, int n) {
        boolean unit = sx == 1 && so == 1;
        return switch (op) {
            case NEG -> {
                if (unit) {
                    for (int i = 0; i < n; i++) {
                        o[po + i] = -x[px + i];
                    }
                } else {
                    for (int i = 0; i < n; i++) {
                        o[po + i * so] = -x[px + i * sx];
                    }
                }
                yield n;
            }
            case ABS -> {
                for (int i = 0; i < n; i++) {
                    o[po + i * so] = Math.abs(x[px + i * sx]);
                }
                yield n;
            }
            case SIGN -> {
                for (int i = 0; i < n; i++) {
                    o[po + i * so] = Integer.signum(x[px + i * sx]);
                }
                yield n;
            }
            case SQUARE -> {
                if (unit) {
                    for (int i = 0; i < n; i++) {
                        int v = x[px + i];
                        o[po + i] = v * v;
                    }
                } else {
                    for (int i = 0; i < n; i++) {
                        int v = x[px + i * sx];
                        o[po + i * so] = v * v;
                    }
                }
                yield n;
            }
            case RELU -> {
                if (unit) {
                    for (int i = 0; i < n; i++) {
                        o[po + i] = Math.max(x[px + i], 0);
                    }
                } else {
                    for (int i = 0; i < n; i++) {
                        o[po + i * so] = Math.max(x[px + i * sx], 0);
                    }
                }
                yield n;
            }
            case SQRT, RECIPROCAL, EXP, LOG, LOG1P, EXPM1, TANH, SIGMOID, SOFTPLUS -> throw notForIntegers(op);
        };
    }

    // ----- binary kernels -----

    /**
     * {@code o = op(a, b)} over one row of FLOAT32. Arithmetic gets unit-stride and scalar-operand loops
     * (the JIT vectorizes those), since {@code x * 0.5} style broadcasts of a scalar are common.
     */
    static int binaryF(BinaryOp op, float[] a, int pa, int sa, float[] b, int pb, int sb, float[] o, int po,
                       int so, int n) {
        int mode = mode(sa, sb, so);
        return switch (op) {
            case ADD -> {
                if (mode == UNIT) {
                    for (int i = 0; i < n; i++) {
                        o[po + i] = a[pa + i] + b[pb + i];
                    }
                } else if (mode == B_SCALAR) {
                    float v = b[pb];
                    for (int i = 0; i < n; i++) {
                        o[po + i] = a[pa + i] + v;
                    }
                } else if (mode == A_SCALAR) {
                    float v = a[pa];
                    for (int i = 0; i < n; i++) {
                        o[po + i] = v + b[pb + i];
                    }
                } else {
                    for (int i = 0; i < n; i++) {
                        o[po + i * so] = a[pa + i * sa] + b[pb + i * sb];
                    }
                }
                yield n;
            }
            case SUB -> {
                if (mode == UNIT) {
                    for (int i = 0; i < n; i++) {
                        o[po + i] = a[pa + i] - b[pb + i];
                    }
                } else if (mode == B_SCALAR) {
                    float v = b[pb];
                    for (int i = 0; i < n; i++) {
                        o[po + i] = a[pa + i] - v;
                    }
                } else if (mode == A_SCALAR) {
                    float v = a[pa];
                    for (int i = 0; i < n; i++) {
                        o[po + i] = v - b[pb + i];
                    }
                } else {
                    for (int i = 0; i < n; i++) {
                        o[po + i * so] = a[pa + i * sa] - b[pb + i * sb];
                    }
                }
                yield n;
            }
            case MUL -> {
                if (mode == UNIT) {
                    for (int i = 0; i < n; i++) {
                        o[po + i] = a[pa + i] * b[pb + i];
                    }
                } else if (mode == B_SCALAR) {
                    float v = b[pb];
                    for (int i = 0; i < n; i++) {
                        o[po + i] = a[pa + i] * v;
                    }
                } else if (mode == A_SCALAR) {
                    float v = a[pa];
                    for (int i = 0; i < n; i++) {
                        o[po + i] = v * b[pb + i];
                    }
                } else {
                    for (int i = 0; i < n; i++) {
                        o[po + i * so] = a[pa + i * sa] * b[pb + i * sb];
                    }
                }
                yield n;
            }
            case DIV -> {
                if (mode == UNIT) {
                    for (int i = 0; i < n; i++) {
                        o[po + i] = a[pa + i] / b[pb + i];
                    }
                } else if (mode == B_SCALAR) {
                    float v = b[pb];
                    for (int i = 0; i < n; i++) {
                        o[po + i] = a[pa + i] / v;
                    }
                } else if (mode == A_SCALAR) {
                    float v = a[pa];
                    for (int i = 0; i < n; i++) {
                        o[po + i] = v / b[pb + i];
                    }
                } else {
                    for (int i = 0; i < n; i++) {
                        o[po + i * so] = a[pa + i * sa] / b[pb + i * sb];
                    }
                }
                yield n;
            }
            case POW -> powF(a, pa, sa, b, pb, sb, o, po, so, n);
            case MAXIMUM -> {
                // Math.max returns NaN when either operand is NaN, as numpy's maximum does.
                if (mode == UNIT) {
                    for (int i = 0; i < n; i++) {
                        o[po + i] = Math.max(a[pa + i], b[pb + i]);
                    }
                } else {
                    for (int i = 0; i < n; i++) {
                        o[po + i * so] = Math.max(a[pa + i * sa], b[pb + i * sb]);
                    }
                }
                yield n;
            }
            case MINIMUM -> {
                if (mode == UNIT) {
                    for (int i = 0; i < n; i++) {
                        o[po + i] = Math.min(a[pa + i], b[pb + i]);
                    }
                } else {
                    for (int i = 0; i < n; i++) {
                        o[po + i * so] = Math.min(a[pa + i * sa], b[pb + i * sb]);
                    }
                }
                yield n;
            }
            case EQ -> {
                // Comparisons go through an int: C2 compiles "? 1 : 0" to setcc, but "? 1f : 0f" to a branch
                // that mispredicts on mixed data (measured 0.5 vs 4.7 ns per element).
                for (int i = 0; i < n; i++) {
                    int c = a[pa + i * sa] == b[pb + i * sb] ? 1 : 0;
                    o[po + i * so] = c;
                }
                yield n;
            }
            case NE -> {
                for (int i = 0; i < n; i++) {
                    int c = a[pa + i * sa] != b[pb + i * sb] ? 1 : 0;
                    o[po + i * so] = c;
                }
                yield n;
            }
            case GT -> {
                for (int i = 0; i < n; i++) {
                    int c = a[pa + i * sa] > b[pb + i * sb] ? 1 : 0;
                    o[po + i * so] = c;
                }
                yield n;
            }
            case GE -> {
                for (int i = 0; i < n; i++) {
                    int c = a[pa + i * sa] >= b[pb + i * sb] ? 1 : 0;
                    o[po + i * so] = c;
                }
                yield n;
            }
            case LT -> {
                for (int i = 0; i < n; i++) {
                    int c = a[pa + i * sa] < b[pb + i * sb] ? 1 : 0;
                    o[po + i * so] = c;
                }
                yield n;
            }
            case LE -> {
                for (int i = 0; i < n; i++) {
                    int c = a[pa + i * sa] <= b[pb + i * sb] ? 1 : 0;
                    o[po + i * so] = c;
                }
                yield n;
            }
        };
    }

    /**
     * tanh to well within float rounding, about four times faster than {@code Math.tanh}, which the JIT does
     * not intrinsify: {@code 1 - 2/(e^{2|x|} + 1)} on the intrinsic {@code Math.exp}, and below |x| = 1/16,
     * where that cancels, the series {@code x - x^3/3 + 2x^5/15} (truncation error under 4e-9 relative).
     * Odd, so -0.0 stays -0.0; ±Inf give ±1 and NaN stays NaN.
     */
    static double tanhForFloat(double x) {
        double a = Math.abs(x);
        double a2 = a * a;
        double r = a < 0.0625 ? a * (1 - a2 * (1.0 / 3 - a2 * (2.0 / 15))) : 1 - 2 / (Math.exp(2 * a) + 1);
        return Math.copySign(r, x);
    }

    /** FLOAT32 {@code Math.pow}, widened a block at a time for the reason given at {@link #transcendentalF}. */
    static int powF(float[] a, int pa, int sa, float[] b, int pb, int sb, float[] o, int po, int so, int n) {
        double[] ta = new double[Math.min(n, SCRATCH)];
        double[] tb = new double[ta.length];
        for (int k = 0; k < n; k += ta.length) {
            int m = Math.min(ta.length, n - k);
            for (int i = 0; i < m; i++) {
                ta[i] = a[pa + (k + i) * sa];
                tb[i] = b[pb + (k + i) * sb];
            }
            for (int i = 0; i < m; i++) {
                ta[i] = Math.pow(ta[i], tb[i]);
            }
            for (int i = 0; i < m; i++) {
                o[po + (k + i) * so] = (float) ta[i];
            }
        }
        return n;
    }

    /**
     * {@code o = op(a, b)} over one row of FLOAT64. Arithmetic gets unit-stride and scalar-operand loops
     * (the JIT vectorizes those), since {@code x * 0.5} style broadcasts of a scalar are common.
     */
    static int binaryD(BinaryOp op, double[] a, int pa, int sa, double[] b, int pb, int sb, double[] o, int po,
                       int so, int n) {
        int mode = mode(sa, sb, so);
        return switch (op) {
            case ADD -> {
                if (mode == UNIT) {
                    for (int i = 0; i < n; i++) {
                        o[po + i] = a[pa + i] + b[pb + i];
                    }
                } else if (mode == B_SCALAR) {
                    double v = b[pb];
                    for (int i = 0; i < n; i++) {
                        o[po + i] = a[pa + i] + v;
                    }
                } else if (mode == A_SCALAR) {
                    double v = a[pa];
                    for (int i = 0; i < n; i++) {
                        o[po + i] = v + b[pb + i];
                    }
                } else {
                    for (int i = 0; i < n; i++) {
                        o[po + i * so] = a[pa + i * sa] + b[pb + i * sb];
                    }
                }
                yield n;
            }
            case SUB -> {
                if (mode == UNIT) {
                    for (int i = 0; i < n; i++) {
                        o[po + i] = a[pa + i] - b[pb + i];
                    }
                } else if (mode == B_SCALAR) {
                    double v = b[pb];
                    for (int i = 0; i < n; i++) {
                        o[po + i] = a[pa + i] - v;
                    }
                } else if (mode == A_SCALAR) {
                    double v = a[pa];
                    for (int i = 0; i < n; i++) {
                        o[po + i] = v - b[pb + i];
                    }
                } else {
                    for (int i = 0; i < n; i++) {
                        o[po + i * so] = a[pa + i * sa] - b[pb + i * sb];
                    }
                }
                yield n;
            }
            case MUL -> {
                if (mode == UNIT) {
                    for (int i = 0; i < n; i++) {
                        o[po + i] = a[pa + i] * b[pb + i];
                    }
                } else if (mode == B_SCALAR) {
                    double v = b[pb];
                    for (int i = 0; i < n; i++) {
                        o[po + i] = a[pa + i] * v;
                    }
                } else if (mode == A_SCALAR) {
                    double v = a[pa];
                    for (int i = 0; i < n; i++) {
                        o[po + i] = v * b[pb + i];
                    }
                } else {
                    for (int i = 0; i < n; i++) {
                        o[po + i * so] = a[pa + i * sa] * b[pb + i * sb];
                    }
                }
                yield n;
            }
            case DIV -> {
                if (mode == UNIT) {
                    for (int i = 0; i < n; i++) {
                        o[po + i] = a[pa + i] / b[pb + i];
                    }
                } else if (mode == B_SCALAR) {
                    double v = b[pb];
                    for (int i = 0; i < n; i++) {
                        o[po + i] = a[pa + i] / v;
                    }
                } else if (mode == A_SCALAR) {
                    double v = a[pa];
                    for (int i = 0; i < n; i++) {
                        o[po + i] = v / b[pb + i];
                    }
                } else {
                    for (int i = 0; i < n; i++) {
                        o[po + i * so] = a[pa + i * sa] / b[pb + i * sb];
                    }
                }
                yield n;
            }
            case POW -> {
                for (int i = 0; i < n; i++) {
                    o[po + i * so] = Math.pow(a[pa + i * sa], b[pb + i * sb]);
                }
                yield n;
            }
            case MAXIMUM -> {
                // Math.max returns NaN when either operand is NaN, as numpy's maximum does.
                if (mode == UNIT) {
                    for (int i = 0; i < n; i++) {
                        o[po + i] = Math.max(a[pa + i], b[pb + i]);
                    }
                } else {
                    for (int i = 0; i < n; i++) {
                        o[po + i * so] = Math.max(a[pa + i * sa], b[pb + i * sb]);
                    }
                }
                yield n;
            }
            case MINIMUM -> {
                if (mode == UNIT) {
                    for (int i = 0; i < n; i++) {
                        o[po + i] = Math.min(a[pa + i], b[pb + i]);
                    }
                } else {
                    for (int i = 0; i < n; i++) {
                        o[po + i * so] = Math.min(a[pa + i * sa], b[pb + i * sb]);
                    }
                }
                yield n;
            }
            case EQ -> {
                // Comparisons go through an int: C2 compiles "? 1 : 0" to setcc, but "? 1f : 0f" to a branch
                // that mispredicts on mixed data (measured 0.5 vs 4.7 ns per element).
                for (int i = 0; i < n; i++) {
                    int c = a[pa + i * sa] == b[pb + i * sb] ? 1 : 0;
                    o[po + i * so] = c;
                }
                yield n;
            }
            case NE -> {
                for (int i = 0; i < n; i++) {
                    int c = a[pa + i * sa] != b[pb + i * sb] ? 1 : 0;
                    o[po + i * so] = c;
                }
                yield n;
            }
            case GT -> {
                for (int i = 0; i < n; i++) {
                    int c = a[pa + i * sa] > b[pb + i * sb] ? 1 : 0;
                    o[po + i * so] = c;
                }
                yield n;
            }
            case GE -> {
                for (int i = 0; i < n; i++) {
                    int c = a[pa + i * sa] >= b[pb + i * sb] ? 1 : 0;
                    o[po + i * so] = c;
                }
                yield n;
            }
            case LT -> {
                for (int i = 0; i < n; i++) {
                    int c = a[pa + i * sa] < b[pb + i * sb] ? 1 : 0;
                    o[po + i * so] = c;
                }
                yield n;
            }
            case LE -> {
                for (int i = 0; i < n; i++) {
                    int c = a[pa + i * sa] <= b[pb + i * sb] ? 1 : 0;
                    o[po + i * so] = c;
                }
                yield n;
            }
        };
    }

    /**
     * {@code o = op(a, b)} over one row of INT32: wrap-around arithmetic, floor division with {@code x/0 = 0},
     * and comparisons giving 1 or 0.
     */
    static int binaryI(BinaryOp op, int[] a, int pa, int sa, int[] b, int pb, int sb, int[] o, int po, int so,
                       int n) {
        boolean unit = mode(sa, sb, so) == UNIT;
        return switch (op) {
            case ADD -> {
                if (unit) {
                    for (int i = 0; i < n; i++) {
                        o[po + i] = a[pa + i] + b[pb + i];
                    }
                } else {
                    for (int i = 0; i < n; i++) {
                        o[po + i * so] = a[pa + i * sa] + b[pb + i * sb];
                    }
                }
                yield n;
            }
            case SUB -> {
                if (unit) {
                    for (int i = 0; i < n; i++) {
                        o[po + i] = a[pa + i] - b[pb + i];
                    }
                } else {
                    for (int i = 0; i < n; i++) {
                        o[po + i * so] = a[pa + i * sa] - b[pb + i * sb];
                    }
                }
                yield n;
            }
            case MUL -> {
                if (unit) {
                    for (int i = 0; i < n; i++) {
                        o[po + i] = a[pa + i] * b[pb + i];
                    }
                } else {
                    for (int i = 0; i < n; i++) {
                        o[po + i * so] = a[pa + i * sa] * b[pb + i * sb];
                    }
                }
                yield n;
            }
            case DIV -> {
                for (int i = 0; i < n; i++) {
                    int bv = b[pb + i * sb];
                    o[po + i * so] = bv == 0 ? 0 : Math.floorDiv(a[pa + i * sa], bv);
                }
                yield n;
            }
            case POW -> {
                for (int i = 0; i < n; i++) {
                    o[po + i * so] = intPow(a[pa + i * sa], b[pb + i * sb]);
                }
                yield n;
            }
            case MAXIMUM -> {
                for (int i = 0; i < n; i++) {
                    o[po + i * so] = Math.max(a[pa + i * sa], b[pb + i * sb]);
                }
                yield n;
            }
            case MINIMUM -> {
                for (int i = 0; i < n; i++) {
                    o[po + i * so] = Math.min(a[pa + i * sa], b[pb + i * sb]);
                }
                yield n;
            }
            case EQ -> {
                for (int i = 0; i < n; i++) {
                    o[po + i * so] = a[pa + i * sa] == b[pb + i * sb] ? 1 : 0;
                }
                yield n;
            }
            case NE -> {
                for (int i = 0; i < n; i++) {
                    o[po + i * so] = a[pa + i * sa] != b[pb + i * sb] ? 1 : 0;
                }
                yield n;
            }
            case GT -> {
                for (int i = 0; i < n; i++) {
                    o[po + i * so] = a[pa + i * sa] > b[pb + i * sb] ? 1 : 0;
                }
                yield n;
            }
            case GE -> {
                for (int i = 0; i < n; i++) {
                    o[po + i * so] = a[pa + i * sa] >= b[pb + i * sb] ? 1 : 0;
                }
                yield n;
            }
            case LT -> {
                for (int i = 0; i < n; i++) {
                    o[po + i * so] = a[pa + i * sa] < b[pb + i * sb] ? 1 : 0;
                }
                yield n;
            }
            case LE -> {
                for (int i = 0; i < n; i++) {
                    o[po + i * so] = a[pa + i * sa] <= b[pb + i * sb] ? 1 : 0;
                }
                yield n;
            }
        };
    }

    /**
     * The INT32 power: exact with wrap-around for {@code b >= 0} (square-and-multiply is exact modulo 2^32);
     * for {@code b < 0}, {@code 1/a^|b|} truncated, which is nonzero only for {@code a = ±1}.
     */
    static int intPow(int a, int b) {
        if (b < 0) {
            if (a == 1) {
                return 1;
            }
            return a == -1 ? ((b & 1) == 0 ? 1 : -1) : 0;
        }
        int result = 1;
        int base = a;
        int e = b;
        while (e != 0) {
            if ((e & 1) != 0) {
                result *= base;
            }
            e >>>= 1;
            base *= base;
        }
        return result;
    }

    // ----- where -----

    /** {@code o = c != 0 ? a : b} over one row of FLOAT32, for a condition of any dtype (NaN is true). */
    static int whereF(DType condType, Object c, int pc, int sc, float[] a, int pa, int sa, float[] b, int pb,
                      int sb, float[] o, int po, int so, int n) {
        // A bitwise select on an all-ones or all-zero mask: a branch on the condition mispredicts on mixed
        // masks (measured 0.75 vs 4.75 ns per element), and the bits of a or b pass through unchanged.
        return switch (condType) {
            case FLOAT32 -> {
                float[] cc = (float[]) c;
                for (int i = 0; i < n; i++) {
                    int m = -(cc[pc + i * sc] != 0f ? 1 : 0);
                    o[po + i * so] = Float.intBitsToFloat((Float.floatToRawIntBits(a[pa + i * sa]) & m)
                            | (Float.floatToRawIntBits(b[pb + i * sb]) & ~m));
                }
                yield n;
            }
            case FLOAT64 -> {
                double[] cc = (double[]) c;
                for (int i = 0; i < n; i++) {
                    int m = -(cc[pc + i * sc] != 0.0 ? 1 : 0);
                    o[po + i * so] = Float.intBitsToFloat((Float.floatToRawIntBits(a[pa + i * sa]) & m)
                            | (Float.floatToRawIntBits(b[pb + i * sb]) & ~m));
                }
                yield n;
            }
            case INT32 -> {
                int[] cc = (int[]) c;
                for (int i = 0; i < n; i++) {
                    int m = -(cc[pc + i * sc] != 0 ? 1 : 0);
                    o[po + i * so] = Float.intBitsToFloat((Float.floatToRawIntBits(a[pa + i * sa]) & m)
                            | (Float.floatToRawIntBits(b[pb + i * sb]) & ~m));
                }
                yield n;
            }
        };
    }

    /** {@code o = c != 0 ? a : b} over one row of FLOAT64, for a condition of any dtype (NaN is true). */
    static int whereD(DType condType, Object c, int pc, int sc, double[] a, int pa, int sa, double[] b, int pb,
                      int sb, double[] o, int po, int so, int n) {
        return switch (condType) {
            case FLOAT32 -> {
                float[] cc = (float[]) c;
                for (int i = 0; i < n; i++) {
                    long m = -(long) (cc[pc + i * sc] != 0f ? 1 : 0);
                    o[po + i * so] = Double.longBitsToDouble((Double.doubleToRawLongBits(a[pa + i * sa]) & m)
                            | (Double.doubleToRawLongBits(b[pb + i * sb]) & ~m));
                }
                yield n;
            }
            case FLOAT64 -> {
                double[] cc = (double[]) c;
                for (int i = 0; i < n; i++) {
                    long m = -(long) (cc[pc + i * sc] != 0.0 ? 1 : 0);
                    o[po + i * so] = Double.longBitsToDouble((Double.doubleToRawLongBits(a[pa + i * sa]) & m)
                            | (Double.doubleToRawLongBits(b[pb + i * sb]) & ~m));
                }
                yield n;
            }
            case INT32 -> {
                int[] cc = (int[]) c;
                for (int i = 0; i < n; i++) {
                    long m = -(long) (cc[pc + i * sc] != 0 ? 1 : 0);
                    o[po + i * so] = Double.longBitsToDouble((Double.doubleToRawLongBits(a[pa + i * sa]) & m)
                            | (Double.doubleToRawLongBits(b[pb + i * sb]) & ~m));
                }
                yield n;
            }
        };
    }

    /** {@code o = c != 0 ? a : b} over one row of INT32, for a condition of any dtype (NaN is true). */
    static int whereI(DType condType, Object c, int pc, int sc, int[] a, int pa, int sa, int[] b, int pb,
                      int sb, int[] o, int po, int so, int n) {
        return switch (condType) {
            case FLOAT32 -> {
                float[] cc = (float[]) c;
                for (int i = 0; i < n; i++) {
                    int m = -(cc[pc + i * sc] != 0f ? 1 : 0);
                    o[po + i * so] = (a[pa + i * sa] & m) | (b[pb + i * sb] & ~m);
                }
                yield n;
            }
            case FLOAT64 -> {
                double[] cc = (double[]) c;
                for (int i = 0; i < n; i++) {
                    int m = -(cc[pc + i * sc] != 0.0 ? 1 : 0);
                    o[po + i * so] = (a[pa + i * sa] & m) | (b[pb + i * sb] & ~m);
                }
                yield n;
            }
            case INT32 -> {
                int[] cc = (int[]) c;
                for (int i = 0; i < n; i++) {
                    int m = -(cc[pc + i * sc] != 0 ? 1 : 0);
                    o[po + i * so] = (a[pa + i * sa] & m) | (b[pb + i * sb] & ~m);
                }
                yield n;
            }
        };
    }

    // ----- copy and fill -----

    /** Copies one row of FLOAT32 into a row of {@code to}, converting with Java's casts. */
    static int copyFrom(float[] s, int ps, int ss, DType to, Object d, int pd, int sd, int n) {
        boolean unit = ss == 1 && sd == 1;
        return switch (to) {
            case FLOAT32 -> {
                float[] o = (float[]) d;
                if (unit) {
                    System.arraycopy(s, ps, o, pd, n);
                } else {
                    for (int i = 0; i < n; i++) {
                        o[pd + i * sd] = s[ps + i * ss];
                    }
                }
                yield n;
            }
            case FLOAT64 -> {
                double[] o = (double[]) d;
                if (unit) {
                    for (int i = 0; i < n; i++) {
                        o[pd + i] = s[ps + i];
                    }
                } else {
                    for (int i = 0; i < n; i++) {
                        o[pd + i * sd] = s[ps + i * ss];
                    }
                }
                yield n;
            }
            case INT32 -> {
                int[] o = (int[]) d;
                for (int i = 0; i < n; i++) {
                    o[pd + i * sd] = (int) s[ps + i * ss];
                }
                yield n;
            }
        };
    }

    /** Copies one row of FLOAT64 into a row of {@code to}; narrowing to float rounds to nearest. */
    static int copyFrom(double[] s, int ps, int ss, DType to, Object d, int pd, int sd, int n) {
        boolean unit = ss == 1 && sd == 1;
        return switch (to) {
            case FLOAT32 -> {
                float[] o = (float[]) d;
                if (unit) {
                    for (int i = 0; i < n; i++) {
                        o[pd + i] = (float) s[ps + i];
                    }
                } else {
                    for (int i = 0; i < n; i++) {
                        o[pd + i * sd] = (float) s[ps + i * ss];
                    }
                }
                yield n;
            }
            case FLOAT64 -> {
                double[] o = (double[]) d;
                if (unit) {
                    System.arraycopy(s, ps, o, pd, n);
                } else {
                    for (int i = 0; i < n; i++) {
                        o[pd + i * sd] = s[ps + i * ss];
                    }
                }
                yield n;
            }
            case INT32 -> {
                int[] o = (int[]) d;
                for (int i = 0; i < n; i++) {
                    o[pd + i * sd] = (int) s[ps + i * ss];
                }
                yield n;
            }
        };
    }

    /** Copies one row of INT32 into a row of {@code to}. */
    static int copyFrom(int[] s, int ps, int ss, DType to, Object d, int pd, int sd, int n) {
        boolean unit = ss == 1 && sd == 1;
        return switch (to) {
            case FLOAT32 -> {
                float[] o = (float[]) d;
                if (unit) {
                    for (int i = 0; i < n; i++) {
                        o[pd + i] = s[ps + i];
                    }
                } else {
                    for (int i = 0; i < n; i++) {
                        o[pd + i * sd] = s[ps + i * ss];
                    }
                }
                yield n;
            }
            case FLOAT64 -> {
                double[] o = (double[]) d;
                if (unit) {
                    for (int i = 0; i < n; i++) {
                        o[pd + i] = s[ps + i];
                    }
                } else {
                    for (int i = 0; i < n; i++) {
                        o[pd + i * sd] = s[ps + i * ss];
                    }
                }
                yield n;
            }
            case INT32 -> {
                int[] o = (int[]) d;
                if (unit) {
                    System.arraycopy(s, ps, o, pd, n);
                } else {
                    for (int i = 0; i < n; i++) {
                        o[pd + i * sd] = s[ps + i * ss];
                    }
                }
                yield n;
            }
        };
    }

    static int fillF(float[] d, int pd, int sd, int n, float v) {
        if (sd == 1) {
            Arrays.fill(d, pd, pd + n, v);
        } else {
            for (int i = 0; i < n; i++) {
                d[pd + i * sd] = v;
            }
        }
        return n;
    }

    static int fillD(double[] d, int pd, int sd, int n, double v) {
        if (sd == 1) {
            Arrays.fill(d, pd, pd + n, v);
        } else {
            for (int i = 0; i < n; i++) {
                d[pd + i * sd] = v;
            }
        }
        return n;
    }

    static int fillI(int[] d, int pd, int sd, int n, int v) {
        if (sd == 1) {
            Arrays.fill(d, pd, pd + n, v);
        } else {
            for (int i = 0; i < n; i++) {
                d[pd + i * sd] = v;
            }
        }
        return n;
    }
}
