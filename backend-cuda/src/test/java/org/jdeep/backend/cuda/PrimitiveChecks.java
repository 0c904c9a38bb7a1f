package org.jdeep.backend.cuda;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.jdeep.backend.cuda.Twin.Diff;
import org.jdeep.backend.cuda.Twin.Pair;
import org.jdeep.backend.cuda.Twin.Tolerance;
import org.jdeep.spi.Backend;
import org.jdeep.spi.BinaryOp;
import org.jdeep.spi.Buffer;
import org.jdeep.spi.FusedSoftmax;
import org.jdeep.spi.ReduceOp;
import org.jdeep.spi.UnaryOp;
import org.jdeep.spi.View;
import org.jdeep.types.DType;
import org.jdeep.types.Window2d;

/**
 * Every SPI primitive, in every dtype, on the CUDA backend against the CPU backend: strided, reversed, offset
 * and broadcast views, empty and rank-0 shapes, NaN/Inf/-0 and integer extremes, long axes (chunked
 * reductions) and out-of-range indices. Used by {@code CudaVsCpuTest} (JUnit, skipped without a GPU) and by
 * {@code CudaCheck} (a plain main for GPU machines without Maven), so both run the same checks.
 */
final class PrimitiveChecks {

    private PrimitiveChecks() {
    }

    /** What one check body sees: the twin backends and the running comparison. */
    static final class Ctx {
        final Twin t;
        Diff diff = Diff.NONE;
        int cases;

        Ctx(Twin t) {
            this.t = t;
        }

        void compare(Pair p, Tolerance tol, String what) {
            diff = diff.plus(t.compare(p, tol, what));
            cases++;
        }

        /** Runs an op that both backends must reject with the same exception. */
        void expectRejected(Twin.Op op, Class<? extends RuntimeException> type, String what) {
            try {
                t.apply(op);
            } catch (Twin.Expected e) {
                if (!type.isInstance(e.getCause())) {
                    throw new AssertionError(what + ": both threw " + e.getCause() + ", expected " + type.getName());
                }
                cases++;
                return;
            }
            throw new AssertionError(what + ": both backends accepted it, expected " + type.getName());
        }

        CudaBackend gpu() {
            return (CudaBackend) t.gpu;
        }
    }

    /** A named check. */
    record Check(String name, Body body) {
    }

    interface Body {
        void run(Ctx c) throws Exception;
    }

    /** The outcome of one check. */
    record Result(String name, int cases, Diff diff, Throwable error, long millis) {
        boolean passed() {
            return error == null && diff.mismatches() == 0;
        }

        String failure() {
            if (error != null) {
                return error.toString();
            }
            return diff.mismatches() == 0 ? null : diff.mismatches() + " of " + diff.compared() + " elements differ; first "
                    + diff.first();
        }
    }

    static Result run(Check check, Backend cpu, Backend gpu, long seed) {
        long t0 = System.nanoTime();
        Ctx ctx;
        try (Twin t = new Twin(cpu, gpu, seed)) {
            ctx = new Ctx(t);
            try {
                check.body.run(ctx);
            } catch (Throwable e) {
                return new Result(check.name, ctx.cases, ctx.diff, e, (System.nanoTime() - t0) / 1_000_000);
            }
        }
        return new Result(check.name, ctx.cases, ctx.diff, null, (System.nanoTime() - t0) / 1_000_000);
    }

    // ----- tolerances -----

    static Tolerance transcendental(DType dt) {
        return dt == DType.FLOAT32 ? new Tolerance(4e-6, 1e-30) : new Tolerance(1e-14, 1e-300);
    }

    static Tolerance sum(DType dt) {
        return switch (dt) {
            case FLOAT32 -> new Tolerance(1e-6, 1e-5);
            case FLOAT64 -> new Tolerance(1e-12, 1e-9);
            case INT32 -> Tolerance.EXACT;
        };
    }

    static Tolerance matmul(DType dt, int k) {
        return dt == DType.FLOAT32 ? new Tolerance(1e-5, 1e-5 * Math.max(1, k)) : new Tolerance(1e-12, 1e-13 * Math.max(1, k));
    }

    static Tolerance softmax(DType dt) {
        return dt == DType.FLOAT32 ? new Tolerance(1e-5, 1e-6) : new Tolerance(1e-12, 1e-14);
    }

    static Tolerance unary(UnaryOp op, DType dt) {
        return switch (op) {
            case NEG, ABS, SIGN, SQUARE, SQRT, RECIPROCAL, RELU -> Tolerance.EXACT;
            case EXP, LOG, LOG1P, EXPM1, TANH, SIGMOID, SOFTPLUS -> transcendental(dt);
        };
    }

    // ----- the checks -----

    static final int[][] SHAPES = {{}, {1}, {7}, {3, 4}, {2, 3, 4}, {2, 1, 3, 1, 5}, {0, 3}, {4, 5, 6, 7}, {1000},
        {33, 65}};

    static List<Check> all() {
        List<Check> all = new ArrayList<>();
        for (DType dt : DType.values()) {
            all.add(new Check("memory " + dt, c -> memory(c, dt)));
        }
        for (DType from : DType.values()) {
            for (DType to : DType.values()) {
                all.add(new Check("copy " + from + " -> " + to, c -> copy(c, from, to)));
            }
        }
        for (DType dt : DType.values()) {
            all.add(new Check("fill " + dt, c -> fill(c, dt)));
        }
        for (UnaryOp op : UnaryOp.values()) {
            for (DType dt : DType.values()) {
                if (dt != DType.INT32 || op.definedForIntegers()) {
                    all.add(new Check("unary " + op + " " + dt, c -> unary(c, op, dt)));
                }
            }
        }
        for (BinaryOp op : BinaryOp.values()) {
            for (DType dt : DType.values()) {
                all.add(new Check("binary " + op + " " + dt, c -> binary(c, op, dt)));
            }
        }
        for (DType dt : DType.values()) {
            all.add(new Check("where " + dt, c -> where(c, dt)));
        }
        for (ReduceOp op : ReduceOp.values()) {
            for (DType dt : DType.values()) {
                all.add(new Check("reduce " + op + " " + dt, c -> reduce(c, op, dt)));
            }
        }
        for (DType dt : new DType[] {DType.FLOAT32, DType.FLOAT64}) {
            all.add(new Check("softmax " + dt, c -> softmax(c, dt, false)));
            all.add(new Check("logSoftmax " + dt, c -> softmax(c, dt, true)));
            all.add(new Check("matmul " + dt, c -> matmul(c, dt)));
        }
        for (DType dt : DType.values()) {
            all.add(new Check("gather " + dt, c -> gather(c, dt)));
            all.add(new Check("scatterAdd " + dt, c -> scatterAdd(c, dt)));
            all.add(new Check("im2col " + dt, c -> im2col(c, dt)));
            all.add(new Check("col2im " + dt, c -> col2im(c, dt)));
        }
        all.add(new Check("threads", PrimitiveChecks::threads));
        all.add(new Check("device memory", PrimitiveChecks::deviceMemory));
        return all;
    }

    static void memory(Ctx c, DType dt) {
        for (int n : new int[] {0, 1, 1000, (1 << 20) + 3}) {
            Pair p = c.t.contiguous(dt, new int[] {n}, true);
            c.compare(p, Tolerance.EXACT, "upload/download " + n);
            // A fresh buffer is zero-filled.
            Buffer fresh = c.t.gpu.allocate(dt, n);
            for (double v : Twin.read(c.t.gpu, fresh)) {
                if (v != 0) {
                    throw new AssertionError("a fresh " + dt + " buffer holds " + v);
                }
            }
            c.t.gpu.release(fresh);
            c.t.gpu.release(fresh);
            c.cases++;
        }
    }

    static void copy(Ctx c, DType from, DType to) {
        for (int[] shape : SHAPES) {
            for (int rep = 0; rep < 2; rep++) {
                Pair src = c.t.random(from, shape, true, true);
                Pair dst = c.t.random(to, shape, false, false);
                c.t.apply((be, v) -> be.copy(v.apply(src), v.apply(dst)));
                c.compare(dst, Tolerance.EXACT, "copy " + java.util.Arrays.toString(shape));
            }
        }
        // Conversions at the edges: Java's casts (truncate, NaN -> 0, saturate; round to nearest to float).
        double[] edges = {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, 3e9, -3e9, 2.5, -2.5, -0.0,
            2147483647.0, -2147483648.0, 2147483647.5, 0.1, 1.0000000596046448, 16777217.0, 1e-320};
        Pair src = c.t.of(from, new int[] {edges.length}, edges);
        Pair dst = c.t.contiguous(to, new int[] {edges.length}, false);
        c.t.apply((be, v) -> be.copy(v.apply(src), v.apply(dst)));
        c.compare(dst, Tolerance.EXACT, "copy edges");
    }

    static void fill(Ctx c, DType dt) {
        double[] values = {2.5, -2.7, Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, 1e10, -1e10, -0.0,
            1e300, 0.1};
        for (double value : values) {
            for (int[] shape : new int[][] {{}, {5}, {3, 4}, {2, 3, 4}, {0}}) {
                Pair dst = c.t.random(dt, shape, false, false);
                c.t.apply((be, v) -> be.fill(v.apply(dst), value));
                c.compare(dst, Tolerance.EXACT, "fill " + value);
            }
        }
    }

    static void unary(Ctx c, UnaryOp op, DType dt) {
        Tolerance tol = unary(op, dt);
        for (int[] shape : SHAPES) {
            Pair x = c.t.random(dt, shape, true, true);
            Pair out = c.t.random(dt, shape, false, false);
            c.t.apply((be, v) -> be.unary(op, v.apply(x), v.apply(out)));
            c.compare(out, tol, op + " " + java.util.Arrays.toString(shape));
        }
        // In place: the output is the identical view.
        Pair x = c.t.random(dt, new int[] {4, 9}, false, true);
        c.t.apply((be, v) -> be.unary(op, v.apply(x), v.apply(x)));
        c.compare(x, tol, op + " in place");
        // Dense sweep across the range.
        double[] sweep = new double[4001];
        for (int i = 0; i < sweep.length; i++) {
            sweep[i] = dt == DType.INT32 ? i - 2000 : (i - 2000) / 40.0;
        }
        Pair s = c.t.of(dt, new int[] {sweep.length}, sweep);
        Pair so = c.t.contiguous(dt, new int[] {sweep.length}, false);
        c.t.apply((be, v) -> be.unary(op, v.apply(s), v.apply(so)));
        c.compare(so, tol, op + " sweep");
    }

    static void binary(Ctx c, BinaryOp op, DType dt) {
        Tolerance tol = op == BinaryOp.POW && dt != DType.INT32 ? transcendental(dt) : Tolerance.EXACT;
        for (int[] shape : SHAPES) {
            for (int rep = 0; rep < 2; rep++) {
                Pair a = c.t.random(dt, shape, true, true);
                Pair b = c.t.random(dt, shape, true, true);
                Pair out = c.t.random(dt, shape, false, false);
                c.t.apply((be, v) -> be.binary(op, v.apply(a), v.apply(b), v.apply(out)));
                c.compare(out, tol, op + " " + java.util.Arrays.toString(shape));
            }
        }
        // Every pair of edge values.
        double[] edges = dt == DType.INT32 ? Twin.INT_SPECIAL
                : new double[] {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, 0.0, -0.0, 1.0, -1.0,
                    2.0, -2.0, 0.5, -3.0, 1e30};
        int n = edges.length;
        double[] av = new double[n * n];
        double[] bv = new double[n * n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                av[i * n + j] = edges[i];
                bv[i * n + j] = edges[j];
            }
        }
        Pair a = c.t.of(dt, new int[] {n * n}, av);
        Pair b = c.t.of(dt, new int[] {n * n}, bv);
        Pair out = c.t.contiguous(dt, new int[] {n * n}, false);
        c.t.apply((be, v) -> be.binary(op, v.apply(a), v.apply(b), v.apply(out)));
        c.compare(out, tol, op + " edges");
        // A row broadcast against a column.
        Pair row = c.t.contiguous(dt, new int[] {1, 37}, true);
        Pair col = c.t.contiguous(dt, new int[] {29, 1}, true);
        Pair o2 = c.t.contiguous(dt, new int[] {29, 37}, false);
        c.t.apply((be, v) -> be.binary(op, new View(v.apply(row).buffer(), 0, new int[] {29, 37}, new int[] {0, 1}),
                new View(v.apply(col).buffer(), 0, new int[] {29, 37}, new int[] {1, 0}), v.apply(o2)));
        c.compare(o2, tol, op + " broadcast");
    }

    static void where(Ctx c, DType dt) {
        for (DType condType : DType.values()) {
            for (int[] shape : SHAPES) {
                Pair cond = c.t.random(condType, shape, true, true);
                Pair a = c.t.random(dt, shape, true, true);
                Pair b = c.t.random(dt, shape, true, true);
                Pair out = c.t.random(dt, shape, false, false);
                c.t.apply((be, v) -> be.where(v.apply(cond), v.apply(a), v.apply(b), v.apply(out)));
                c.compare(out, Tolerance.EXACT, "where cond " + condType);
            }
        }
    }

    static int[] reduced(int[] shape, int axis) {
        int[] o = shape.clone();
        o[axis] = 1;
        return o;
    }

    static void reduce(Ctx c, ReduceOp op, DType dt) {
        DType odt = op.isIndex() ? DType.INT32 : dt;
        Tolerance tol = op == ReduceOp.SUM ? sum(dt) : Tolerance.EXACT;
        int[][] shapes = {{7}, {3, 4}, {37, 513}, {2, 3, 4, 5}, {1, 100_000}, {100_000, 3}, {3, 70_000}, {1000, 1000},
            {2, 1, 3}};
        for (int[] shape : shapes) {
            for (int axis = 0; axis < shape.length; axis++) {
                for (int variant = 0; variant < 3; variant++) {
                    Pair x = variant == 2 ? ties(c, dt, shape)
                            : variant == 1 && op == ReduceOp.SUM ? sumSafe(c, dt, shape)
                            : c.t.random(dt, shape, true, variant == 1);
                    Pair out = c.t.random(odt, reduced(shape, axis), false, false);
                    int ax = axis;
                    c.t.apply((be, v) -> be.reduce(op, v.apply(x), ax, v.apply(out)));
                    c.compare(out, tol, op + " " + java.util.Arrays.toString(shape) + " axis " + axis + " variant "
                            + variant);
                }
            }
        }
        // Negative axis, as the API may pass it.
        Pair x = c.t.random(dt, new int[] {5, 6}, false, true);
        Pair out = c.t.contiguous(odt, new int[] {5, 1}, false);
        c.t.apply((be, v) -> be.reduce(op, v.apply(x), -1, v.apply(out)));
        c.compare(out, tol, op + " axis -1");
        // Empty axis: SUM writes zeros, the others are refused by both.
        Pair e = c.t.contiguous(dt, new int[] {5, 0, 3}, false);
        Pair eo = c.t.random(odt, new int[] {5, 1, 3}, false, false);
        if (op == ReduceOp.SUM) {
            c.t.apply((be, v) -> be.reduce(op, v.apply(e), 1, v.apply(eo)));
            c.compare(eo, Tolerance.EXACT, "SUM of an empty axis");
        } else {
            c.expectRejected((be, v) -> be.reduce(op, v.apply(e), 1, v.apply(eo)), IllegalArgumentException.class,
                    op + " of an empty axis");
        }
        // Lanes of NaN and of -Inf.
        double[] lanes = {Double.NEGATIVE_INFINITY, Double.NEGATIVE_INFINITY, Double.NEGATIVE_INFINITY, 1, Double.NaN, 2,
            Double.NaN, 3, 5, 5, 5, 1};
        if (dt != DType.INT32) {
            Pair l = c.t.of(dt, new int[] {4, 3}, lanes);
            Pair lo = c.t.contiguous(odt, new int[] {4, 1}, false);
            c.t.apply((be, v) -> be.reduce(op, v.apply(l), 1, v.apply(lo)));
            c.compare(lo, tol, op + " NaN and -Inf lanes");
        }
        if (op == ReduceOp.SUM && dt == DType.FLOAT32) {
            // Four million terms: accumulated in double on both sides.
            Pair big = c.t.random(dt, new int[] {1 << 22}, false, false);
            Pair bo = c.t.contiguous(dt, new int[] {1}, false);
            c.t.apply((be, v) -> be.reduce(op, v.apply(big), 0, v.apply(bo)));
            c.compare(bo, tol, "SUM of 2^22 FLOAT32");
        }
    }

    /**
     * Random values with NaN, infinities and zeros mixed in, but no huge finite ones: a sum over 1e30, 3e9
     * and -1e30 depends on the order of the additions, which legitimately differs between backends.
     */
    private static Pair sumSafe(Ctx c, DType dt, int[] shape) {
        double[] special = {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, 0.0, -0.0, 1e-30};
        int n = (int) Geometry.size(shape);
        double[] v = c.t.values(dt, n, false);
        for (int i = 0; i < n; i++) {
            if (dt != DType.INT32 && c.t.rnd.nextInt(50) == 0) {
                v[i] = special[c.t.rnd.nextInt(special.length)];
            } else if (dt == DType.INT32 && c.t.rnd.nextInt(50) == 0) {
                v[i] = c.t.rnd.nextBoolean() ? Integer.MAX_VALUE : Integer.MIN_VALUE;
            }
        }
        return c.t.of(dt, shape, v);
    }

    /** Small integers with many equal values, so that ARGMAX/ARGMIN must pick the first. */
    private static Pair ties(Ctx c, DType dt, int[] shape) {
        int n = (int) Geometry.size(shape);
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = c.t.rnd.nextInt(5) - 2;
        }
        return c.t.of(dt, shape, v);
    }

    static void softmax(Ctx c, DType dt, boolean log) {
        int[][] shapes = {{5}, {3, 4}, {2, 3, 100}, {1000, 7}, {4, 3000}, {1, 1}};
        for (int[] shape : shapes) {
            for (int axis = 0; axis < shape.length; axis++) {
                for (boolean special : new boolean[] {false, true}) {
                    Pair x = c.t.random(dt, shape, true, special);
                    Pair out = c.t.random(dt, shape, false, false);
                    int ax = axis;
                    c.t.apply((be, v) -> ((FusedSoftmax) be).softmax(v.apply(x), ax, log, v.apply(out)));
                    c.compare(out, softmax(dt), (log ? "logSoftmax " : "softmax ") + java.util.Arrays.toString(shape)
                            + " axis " + axis);
                }
            }
        }
    }

    static void matmul(Ctx c, DType dt) {
        int[][] cases = {{1, 1, 1, 1}, {1, 65, 17, 33}, {3, 64, 64, 64}, {2, 128, 300, 70}, {4, 7, 0, 5},
            {1, 257, 129, 130}, {2, 1, 500, 1}, {5, 3, 2, 200}};
        for (int[] cs : cases) {
            int batch = cs[0];
            int m = cs[1];
            int k = cs[2];
            int n = cs[3];
            for (int variant = 0; variant < 8; variant++) {
                boolean ta = (variant & 1) != 0;
                boolean tb = (variant & 2) != 0;
                boolean broadcast = (variant & 4) != 0;
                Pair a = c.t.random(dt, ta ? new int[] {batch, k, m} : new int[] {batch, m, k}, false, false);
                Pair b = c.t.random(dt, tb ? new int[] {batch, n, k} : new int[] {batch, k, n}, false, false);
                Pair bb = broadcast ? batchBroadcast(b) : b;
                Pair out = c.t.random(dt, new int[] {batch, m, n}, false, false);
                c.t.apply((be, v) -> be.matmul(v.apply(a), ta, v.apply(bb), tb, v.apply(out)));
                c.compare(out, matmul(dt, k), "matmul " + java.util.Arrays.toString(cs) + " ta=" + ta + " tb=" + tb
                        + " broadcast=" + broadcast);
            }
        }
    }

    /** The same operand with its batch axis broadcast (stride 0): every batch reads batch 0. */
    private static Pair batchBroadcast(Pair p) {
        int[] s = p.c().strides().clone();
        s[0] = 0;
        int off = p.c().offset();
        if (p.c().strides()[0] < 0) {
            off += p.c().strides()[0] * (p.c().shape()[0] - 1);
        }
        return new Pair(new View(p.c().buffer(), off, p.c().shape(), s), new View(p.g().buffer(), off, p.g().shape(), s));
    }

    private static Pair indices(Ctx c, int k, int limit, boolean reversed) {
        double[] v = new double[Math.max(k, 1) * 2];
        for (int i = 0; i < v.length; i++) {
            v[i] = limit == 0 ? 0 : c.t.rnd.nextInt(limit);
        }
        int stride = reversed ? -2 : 2;
        int offset = reversed ? 2 * (k - 1) : 0;
        return c.t.place(DType.INT32, v, Math.max(offset, 0), new int[] {k}, new int[] {stride});
    }

    static void gather(Ctx c, DType dt) {
        int[][] shapes = {{5}, {4, 6}, {3, 4, 5}, {1, 7, 1}, {0, 4}};
        for (int[] shape : shapes) {
            for (int axis = 0; axis < shape.length; axis++) {
                for (int k : new int[] {0, 1, 5, 17}) {
                    if (shape[axis] == 0 && k > 0) {
                        continue;
                    }
                    Pair x = c.t.random(dt, shape, true, true);
                    Pair idx = indices(c, k, shape[axis], c.t.rnd.nextBoolean());
                    int[] os = shape.clone();
                    os[axis] = k;
                    Pair out = c.t.random(dt, os, false, false);
                    int ax = axis;
                    c.t.apply((be, v) -> be.gather(v.apply(x), ax, v.apply(idx), v.apply(out)));
                    c.compare(out, Tolerance.EXACT, "gather " + java.util.Arrays.toString(shape) + " axis " + axis
                            + " k " + k);
                }
            }
        }
        // Out of range: both refuse with the same message, and the output is untouched.
        Pair x = c.t.random(dt, new int[] {4, 6}, false, false);
        Pair out = c.t.random(dt, new int[] {4, 3}, false, false);
        for (double bad : new double[] {6, -1}) {
            Pair idx = c.t.of(DType.INT32, new int[] {3}, new double[] {1, bad, 2});
            c.expectRejected((be, v) -> be.gather(v.apply(x), 1, v.apply(idx), v.apply(out)),
                    IndexOutOfBoundsException.class, "gather index " + bad);
            c.compare(out, Tolerance.EXACT, "gather output after a bad index");
        }
    }

    static void scatterAdd(Ctx c, DType dt) {
        int[][] shapes = {{5}, {4, 6}, {3, 4, 5}, {1, 7, 1}};
        for (int[] shape : shapes) {
            for (int axis = 0; axis < shape.length; axis++) {
                for (int k : new int[] {0, 1, 5, 40}) {
                    int[] ss = shape.clone();
                    ss[axis] = k;
                    Pair src = c.t.random(dt, ss, true, false);
                    Pair idx = indices(c, k, shape[axis], c.t.rnd.nextBoolean());
                    Pair dst = c.t.random(dt, shape, false, false);
                    int ax = axis;
                    c.t.apply((be, v) -> be.scatterAdd(v.apply(src), ax, v.apply(idx), v.apply(dst)));
                    c.compare(dst, Tolerance.EXACT, "scatterAdd " + java.util.Arrays.toString(shape) + " axis " + axis
                            + " k " + k);
                }
            }
        }
        // An embedding-gradient shape: many repeated rows.
        Pair src = c.t.random(dt, new int[] {3000, 64}, false, false);
        Pair idx = indices(c, 3000, 50, false);
        Pair dst = c.t.contiguous(dt, new int[] {50, 64}, false);
        c.t.apply((be, v) -> be.scatterAdd(v.apply(src), 0, v.apply(idx), v.apply(dst)));
        c.compare(dst, Tolerance.EXACT, "scatterAdd rows");
        Pair bad = c.t.of(DType.INT32, new int[] {2}, new double[] {0, 50});
        Pair s2 = c.t.random(dt, new int[] {2, 64}, false, false);
        c.expectRejected((be, v) -> be.scatterAdd(v.apply(s2), 0, v.apply(bad), v.apply(dst)),
                IndexOutOfBoundsException.class, "scatterAdd index 50");
        c.compare(dst, Tolerance.EXACT, "scatterAdd destination after a bad index");
    }

    static final Window2d[] WINDOWS = {Window2d.of(3, 3, 1, 1), Window2d.of(2, 2, 2, 0),
        new Window2d(3, 2, 2, 1, 1, 0, 0, 1, 1, 2), Window2d.of(1, 1, 1, 0), Window2d.of(5, 5, 1, 2),
        new Window2d(2, 3, 3, 2, 0, 2, 1, 0, 2, 1), Window2d.of(7, 7, 1, 0)};

    static void im2col(Ctx c, DType dt) {
        for (Window2d w : WINDOWS) {
            for (double pad : new double[] {0.0, Double.NEGATIVE_INFINITY}) {
                int[] xs = {2, 7, 6, 3};
                int outH = w.outH(xs[1]);
                int outW = w.outW(xs[2]);
                Pair x = c.t.random(dt, xs, true, true);
                Pair cols = c.t.random(dt, new int[] {2, outH, outW, w.kernelH(), w.kernelW(), 3}, false, false);
                c.t.apply((be, v) -> be.im2col(v.apply(x), w, pad, v.apply(cols)));
                c.compare(cols, Tolerance.EXACT, "im2col " + w + " pad " + pad);
            }
        }
    }

    static void col2im(Ctx c, DType dt) {
        for (Window2d w : WINDOWS) {
            int[] xs = {2, 7, 6, 3};
            int outH = w.outH(xs[1]);
            int outW = w.outW(xs[2]);
            Pair cols = c.t.random(dt, new int[] {2, outH, outW, w.kernelH(), w.kernelW(), 3}, true, false);
            Pair x = c.t.random(dt, xs, false, false);
            c.t.apply((be, v) -> be.col2im(v.apply(cols), w, v.apply(x)));
            c.compare(x, Tolerance.EXACT, "col2im " + w);
        }
    }

    /** Four threads using the backend at once, each on its own tensors. */
    static void threads(Ctx c) throws Exception {
        int threads = 4;
        List<Pair[]> work = new ArrayList<>();
        for (int i = 0; i < threads; i++) {
            work.add(new Pair[] {c.t.random(DType.FLOAT32, new int[] {300, 200}, false, false),
                c.t.random(DType.FLOAT32, new int[] {300, 200}, false, false),
                c.t.contiguous(DType.FLOAT32, new int[] {300, 200}, false),
                c.t.contiguous(DType.FLOAT32, new int[] {300, 1}, false)});
        }
        for (boolean gpuSide : new boolean[] {false, true}) {
            Backend be = gpuSide ? c.t.gpu : c.t.cpu;
            ExecutorService pool = Executors.newFixedThreadPool(threads);
            try {
                List<Future<?>> done = new ArrayList<>();
                for (Pair[] w : work) {
                    done.add(pool.submit(() -> {
                        for (int r = 0; r < 20; r++) {
                            be.binary(BinaryOp.MUL, w[0].on(gpuSide), w[1].on(gpuSide), w[2].on(gpuSide));
                            be.unary(UnaryOp.TANH, w[2].on(gpuSide), w[2].on(gpuSide));
                            be.reduce(ReduceOp.SUM, w[2].on(gpuSide), 1, w[3].on(gpuSide));
                        }
                        return null;
                    }));
                }
                for (Future<?> f : done) {
                    f.get();
                }
            } finally {
                pool.shutdown();
            }
        }
        for (Pair[] w : work) {
            c.compare(w[2], transcendental(DType.FLOAT32), "threads tanh");
            c.compare(w[3], new Tolerance(1e-5, 1e-5), "threads sum");
        }
    }

    /** Buffers stay on the device; release and close give the memory back; running out names the sizes. */
    static void deviceMemory(Ctx c) {
        CudaBackend gpu = c.gpu();
        long mib256 = 256L << 20;
        long before = gpu.memoryInfo()[0];
        Buffer b = gpu.allocate(DType.FLOAT32, (int) (mib256 / 4));
        long during = gpu.memoryInfo()[0];
        if (before - during < mib256) {
            throw new AssertionError("allocating 256 MiB took only " + (before - during) + " bytes of free memory");
        }
        gpu.release(b);
        long after = gpu.memoryInfo()[0];
        if (before - after > (64L << 20)) {
            throw new AssertionError("release kept " + (before - after) + " bytes");
        }
        c.cases++;
        // Use after release and foreign buffers are errors; a second release is not.
        gpu.release(b);
        View released = new View(b, 0, new int[] {1}, new int[] {1});
        try {
            gpu.fill(released, 1);
            throw new AssertionError("a released buffer was usable");
        } catch (IllegalStateException expected) {
            c.cases++;
        }
        Buffer foreign = c.t.cpu.allocate(DType.FLOAT32, 1);
        try {
            gpu.release(foreign);
            throw new AssertionError("a cpu buffer was accepted");
        } catch (IllegalArgumentException expected) {
            c.cases++;
        }
        c.t.cpu.release(foreign);
        // Out of memory: 16 GiB buffers until the device is full (bounded), then everything is given back.
        List<Buffer> hog = new ArrayList<>();
        CudaOutOfMemoryError oom = null;
        try {
            for (int i = 0; i < 128 && oom == null; i++) {
                try {
                    hog.add(gpu.allocate(DType.FLOAT64, Integer.MAX_VALUE));
                } catch (CudaOutOfMemoryError e) {
                    oom = e;
                }
            }
        } finally {
            for (Buffer h : hog) {
                gpu.release(h);
            }
        }
        if (oom == null) {
            throw new AssertionError("128 allocations of 16 GiB all succeeded");
        }
        if (!oom.getMessage().contains("17179869176 bytes") || !oom.getMessage().contains("free of")
                || oom.requestedBytes() != 17179869176L || oom.totalBytes() <= 0) {
            throw new AssertionError("unhelpful out-of-memory message: " + oom.getMessage());
        }
        c.cases++;
        Buffer again = gpu.allocate(DType.FLOAT32, (int) (mib256 / 4));
        gpu.release(again);
        c.cases++;
    }
}
