package org.jdeep.conformance;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.jdeep.conformance.Compare.Stats;
import org.jdeep.conformance.Layout.Kind;
import org.jdeep.conformance.Tolerances.Family;
import org.jdeep.conformance.Tolerances.Tolerance;
import org.jdeep.spi.Backend;
import org.jdeep.spi.BinaryOp;
import org.jdeep.spi.Buffer;
import org.jdeep.spi.FusedSoftmax;
import org.jdeep.spi.ReduceOp;
import org.jdeep.spi.UnaryOp;
import org.jdeep.spi.View;
import org.jdeep.types.Window2d;
import org.jdeep.types.DType;
import org.jdeep.types.Shape;

/**
 * Checks of every SPI primitive called directly, against {@link HostMath}, the suite's float64 scalar
 * oracle: each operand is a {@link Layout} (contiguous, padded, permuted, reversed, mixed, broadcast) in a
 * buffer whose other elements hold garbage (inputs) or a sentinel (outputs), so a backend that reads or
 * writes outside a view, or ignores a stride, is caught.
 */
final class SpiChecks {
    private SpiChecks() {
    }

    /** One check: a primitive, a dtype, a case name, and the body that runs it on a backend. */
    record Check(String op, DType dtype, String name, Body body) {
    }

    /** Runs a check on a backend and returns its comparisons. */
    interface Body {
        List<Stats> run(Backend backend);
    }

    static final double SENTINEL = -777.25;
    static final DType[] FLOATS = {DType.FLOAT32, DType.FLOAT64};
    static final DType[] ALL = {DType.FLOAT32, DType.FLOAT64, DType.INT32};

    /** Values an input is drawn from. */
    enum Values {
        /** Uniform in (-3, 3). */
        NORMAL,
        /** NORMAL mixed with NaN, infinities, signed zeros, huge, tiny and subnormal values. */
        SPECIAL,
        /** Uniform in (0.05, 4). */
        POSITIVE,
        /** Small integers in [-4, 4] (ties for max/argmax, exact products). */
        SMALL_INT,
        /** Integer exponents in [-3, 5] and halves. */
        EXPONENT,
        /** Uniform in (-1e4, 1e4): large magnitudes for softmax. */
        LARGE
    }

    private static final double[] FLOAT_SPECIALS = {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY,
        0.0, -0.0, 1e30, -1e30, 88.8, -88.8, 89.5, -104, 710, -745, 1e-30, 1e-8, -1e-8, 1e-40, 4.9e-324, 20, -20,
        1000, -1000, 1, -1, 0.5};
    private static final int[] INT_SPECIALS = {Integer.MIN_VALUE, Integer.MAX_VALUE, 0, -1, 1, 46341, -46341, 7, -7};

    static double[] values(SplittableRandom rng, int n, DType dtype, Values kind) {
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            double x;
            if (dtype == DType.INT32) {
                x = kind == Values.SPECIAL && rng.nextInt(6) == 0 ? INT_SPECIALS[rng.nextInt(INT_SPECIALS.length)]
                        : kind == Values.EXPONENT ? rng.nextInt(-3, 7) : kind == Values.SMALL_INT ? rng.nextInt(-4, 5)
                        : rng.nextInt(-50, 51);
            } else {
                x = switch (kind) {
                    case NORMAL -> rng.nextDouble(-3, 3);
                    case SPECIAL -> rng.nextInt(5) == 0 ? FLOAT_SPECIALS[rng.nextInt(FLOAT_SPECIALS.length)]
                            : rng.nextDouble(-3, 3);
                    case POSITIVE -> rng.nextDouble(0.05, 4);
                    case SMALL_INT -> rng.nextInt(-4, 5);
                    case EXPONENT -> rng.nextInt(-6, 11) / 2.0;
                    case LARGE -> rng.nextDouble(-1e4, 1e4);
                };
            }
            v[i] = HostMath.store(x, dtype);
        }
        return v;
    }

    // ------------------------------------------------------------------ buffers

    static Buffer upload(Backend be, DType dtype, double[] data) {
        Buffer b = be.allocate(dtype, data.length);
        switch (dtype) {
            case FLOAT32 -> {
                float[] f = new float[data.length];
                for (int i = 0; i < f.length; i++) {
                    f[i] = (float) data[i];
                }
                be.upload(f, b);
            }
            case FLOAT64 -> be.upload(data.clone(), b);
            case INT32 -> {
                int[] a = new int[data.length];
                for (int i = 0; i < a.length; i++) {
                    a[i] = (int) data[i];
                }
                be.upload(a, b);
            }
        }
        return b;
    }

    static double[] download(Backend be, Buffer b) {
        int n = b.length();
        double[] out = new double[n];
        switch (b.dtype()) {
            case FLOAT32 -> {
                float[] f = new float[n];
                be.download(b, f);
                for (int i = 0; i < n; i++) {
                    out[i] = f[i];
                }
            }
            case FLOAT64 -> be.download(b, out);
            case INT32 -> {
                int[] a = new int[n];
                be.download(b, a);
                for (int i = 0; i < n; i++) {
                    out[i] = a[i];
                }
            }
        }
        return out;
    }

    /** An input operand: a buffer of garbage with the logical values readable through the layout. */
    static final class In {
        final Layout layout;
        final double[] buffer;
        final double[] logical;

        In(Layout layout, double[] buffer) {
            this.layout = layout;
            this.buffer = buffer;
            int[] pos = layout.positions();
            logical = new double[pos.length];
            for (int i = 0; i < pos.length; i++) {
                logical[i] = buffer[pos[i]];
            }
        }

        static In random(SplittableRandom rng, Layout layout, DType dtype, Values kind) {
            return new In(layout, values(rng, layout.length, dtype, kind));
        }
    }

    /** Buffers of one check, released at the end. */
    static final class Scope implements AutoCloseable {
        final Backend be;
        final List<Buffer> buffers = new ArrayList<>();

        Scope(Backend be) {
            this.be = be;
        }

        View in(In in, DType dtype) {
            Buffer b = upload(be, dtype, in.buffer);
            buffers.add(b);
            return in.layout.view(b);
        }

        /** An output view over a buffer filled with the sentinel (or {@code init}, for accumulating primitives). */
        View out(Layout layout, DType dtype, double[] init) {
            double[] data = init != null ? init : filled(layout.length, HostMath.store(SENTINEL, dtype));
            Buffer b = upload(be, dtype, data);
            buffers.add(b);
            return layout.view(b);
        }

        @Override
        public void close() {
            for (Buffer b : buffers) {
                be.release(b);
            }
        }
    }

    static double[] filled(int n, double v) {
        double[] d = new double[n];
        Arrays.fill(d, v);
        return d;
    }

    /**
     * Compares the output view with the expected logical values, and every buffer element outside the view
     * with what was there before the call ({@code before}).
     */
    static List<Stats> checkOut(Backend be, View out, Layout layout, double[] before, double[] expected,
                                DType dtype, Tolerance tol, double[] magnitude) {
        double[] all = download(be, out.buffer());
        int[] pos = layout.positions();
        double[] actual = new double[pos.length];
        boolean[] inView = new boolean[all.length];
        for (int i = 0; i < pos.length; i++) {
            actual[i] = all[pos[i]];
            inView[pos[i]] = true;
        }
        List<Stats> s = new ArrayList<>();
        s.add(Compare.compare("host", actual, expected, dtype, tol, magnitude));
        for (int i = 0; i < all.length; i++) {
            if (!inView[i] && Double.compare(all[i], before[i]) != 0) {
                s.add(Stats.failure("host", "wrote outside the output view " + out + " at buffer index " + i
                        + ": " + before[i] + " became " + all[i]));
                break;
            }
        }
        return s;
    }

    // ------------------------------------------------------------------ the checks

    static List<Check> all() {
        List<Check> c = new ArrayList<>();
        memory(c);
        copyAndFill(c);
        unary(c);
        binary(c);
        mulAdd(c);
        where(c);
        reduce(c);
        matmul(c);
        gatherScatter(c);
        im2col(c);
        softmax(c);
        return c;
    }

    private static void memory(List<Check> c) {
        for (DType dt : ALL) {
            for (int n : new int[] {0, 1, 100_003}) {
                c.add(new Check("allocate", dt, "length " + n + " zero-filled", be -> {
                    Buffer b = be.allocate(dt, n);
                    try {
                        List<Stats> s = new ArrayList<>();
                        if (b.length() != n || b.dtype() != dt) {
                            s.add(Stats.failure("host", "buffer reports " + b.dtype() + " x " + b.length()));
                        }
                        s.add(Compare.compare("host", download(be, b), new double[n], dt, Tolerances.EXACT, null));
                        return s;
                    } finally {
                        be.release(b);
                        be.release(b);
                    }
                }));
            }
            c.add(new Check("allocateForOverwrite", dt, "length 100003 after a release, overwritten by copy", be -> {
                // Whatever it hands out (a reused buffer keeps its old contents), it must have the asked
                // dtype and length and hold exactly what the next operation writes.
                double[] v = values(new SplittableRandom(2), 100_003, dt, Values.NORMAL);
                Buffer src = upload(be, dt, v);
                be.release(upload(be, dt, filled(100_003, 3)));
                Buffer b = be.allocateForOverwrite(dt, 100_003);
                try {
                    List<Stats> s = new ArrayList<>();
                    if (b.length() != 100_003 || b.dtype() != dt) {
                        s.add(Stats.failure("host", "buffer reports " + b.dtype() + " x " + b.length()));
                    }
                    be.copy(View.contiguous(src, Shape.of(100_003)), View.contiguous(b, Shape.of(100_003)));
                    s.add(Compare.compare("host", download(be, b), v, dt, Tolerances.EXACT, null));
                    return s;
                } finally {
                    be.release(b);
                    be.release(src);
                }
            }));
            c.add(new Check("upload/download", dt, "round trip of specials", be -> {
                double[] v = values(new SplittableRandom(1), 1001, dt, Values.SPECIAL);
                Buffer b = upload(be, dt, v);
                try {
                    return List.of(Compare.compare("host", download(be, b), v, dt, Tolerances.EXACT, null));
                } finally {
                    be.release(b);
                }
            }));
        }
    }

    private static final int[][] SHAPES = {{}, {0}, {1}, {7}, {3, 5}, {4, 1, 6}, {2, 3, 5}, {3, 0, 2}};
    private static final Kind[] KINDS = {Kind.CONTIGUOUS, Kind.PADDED, Kind.PERMUTED, Kind.REVERSED, Kind.MIXED};

    private static void copyAndFill(List<Check> c) {
        for (DType from : ALL) {
            for (DType to : ALL) {
                int k = 0;
                for (int[] shape : new int[][] {{}, {0, 3}, {5}, {3, 4, 5}, {2, 1, 7}, {40_000}}) {
                    Kind kin = KINDS[k % KINDS.length];
                    Kind kout = KINDS[(k + 2) % KINDS.length];
                    k++;
                    c.add(new Check("copy", to, from + "->" + to + " " + Layout.of(shape, kin) + " into "
                            + Layout.of(shape, kout), be -> {
                                SplittableRandom rng = new SplittableRandom(31L * shape.length + k0(shape));
                                In x = In.random(rng, Layout.of(shape, kin), from, Values.SPECIAL);
                                double[] expected = new double[x.logical.length];
                                for (int i = 0; i < expected.length; i++) {
                                    expected[i] = HostMath.convert(x.logical[i], to);
                                }
                                try (Scope s = new Scope(be)) {
                                    View xv = s.in(x, from);
                                    Layout lo = Layout.of(shape, kout);
                                    double[] before = filled(lo.length, HostMath.store(SENTINEL, to));
                                    View out = s.out(lo, to, null);
                                    be.copy(xv, out);
                                    return checkOut(be, out, lo, before, expected, to, Tolerances.EXACT, null);
                                }
                            }));
                }
            }
            // broadcast source (stride 0) into a contiguous destination
            c.add(new Check("copy", from, "broadcast source (stride 0) " + from, be -> {
                In x = In.random(new SplittableRandom(5), Layout.of(new int[] {4, 6}, Kind.BROADCAST, 0), from,
                        Values.NORMAL);
                try (Scope s = new Scope(be)) {
                    View xv = s.in(x, from);
                    Layout lo = Layout.of(new int[] {4, 6}, Kind.PADDED);
                    double[] before = filled(lo.length, HostMath.store(SENTINEL, from));
                    View out = s.out(lo, from, null);
                    be.copy(xv, out);
                    return checkOut(be, out, lo, before, x.logical, from, Tolerances.EXACT, null);
                }
            }));
        }
        double[] fills = {0.0, -0.0, 1.5, -2.75, Double.NaN, Double.POSITIVE_INFINITY, -3e9, 3.7, 1e-40, 16777217};
        for (DType dt : ALL) {
            for (int i = 0; i < fills.length; i++) {
                double value = fills[i];
                int[] shape = SHAPES[i % SHAPES.length];
                Kind kind = KINDS[i % KINDS.length];
                c.add(new Check("fill", dt, value + " into " + Layout.of(shape, kind), be -> {
                    try (Scope s = new Scope(be)) {
                        Layout lo = Layout.of(shape, kind);
                        double[] before = filled(lo.length, HostMath.store(SENTINEL, dt));
                        View out = s.out(lo, dt, null);
                        be.fill(out, value);
                        return checkOut(be, out, lo, before, filled(lo.size(), HostMath.store(value, dt)), dt,
                                Tolerances.EXACT, null);
                    }
                }));
            }
        }
    }

    private static int k0(int[] shape) {
        return Arrays.hashCode(shape);
    }

    private static void unary(List<Check> c) {
        for (UnaryOp op : UnaryOp.values()) {
            for (DType dt : ALL) {
                if (dt == DType.INT32 && !op.definedForIntegers()) {
                    continue;
                }
                int k = 0;
                for (int[] shape : new int[][] {{}, {0}, {1}, {7}, {3, 5}, {4, 1, 6}, {2, 3, 5}, {40_000}, {203, 201}}) {
                    Kind kin = shape.length == 1 && shape[0] == 40_000 ? Kind.CONTIGUOUS : KINDS[k % KINDS.length];
                    Kind kout = shape.length == 1 && shape[0] == 40_000 ? Kind.CONTIGUOUS : KINDS[(k + 3) % KINDS.length];
                    int seed = k++;
                    c.add(new Check("unary." + op, dt, Layout.of(shape, kin) + " -> " + Layout.of(shape, kout), be -> {
                        In x = In.random(new SplittableRandom(seed * 7919L + op.ordinal()), Layout.of(shape, kin), dt,
                                Values.SPECIAL);
                        double[] expected = new double[x.logical.length];
                        for (int i = 0; i < expected.length; i++) {
                            expected[i] = HostMath.unary(op, dt, x.logical[i]);
                        }
                        try (Scope s = new Scope(be)) {
                            View xv = s.in(x, dt);
                            Layout lo = Layout.of(shape, kout);
                            double[] before = filled(lo.length, HostMath.store(SENTINEL, dt));
                            View out = s.out(lo, dt, null);
                            be.unary(op, xv, out);
                            return checkOut(be, out, lo, before, expected, dt, Tolerances.of(HostMath.family(op), dt), null);
                        }
                    }));
                }
                c.add(new Check("unary." + op, dt, "in place (out is the input view)", be -> {
                    Layout lo = Layout.of(new int[] {5, 7}, Kind.MIXED);
                    In x = In.random(new SplittableRandom(op.ordinal()), lo, dt, Values.SPECIAL);
                    double[] expected = new double[x.logical.length];
                    for (int i = 0; i < expected.length; i++) {
                        expected[i] = HostMath.unary(op, dt, x.logical[i]);
                    }
                    try (Scope s = new Scope(be)) {
                        View xv = s.in(x, dt);
                        be.unary(op, xv, xv);
                        return checkOut(be, xv, lo, x.buffer, expected, dt, Tolerances.of(HostMath.family(op), dt), null);
                    }
                }));
            }
        }
    }

    /** Binary operand layouts: broadcasting in every position, strides of every kind. */
    private record Pair(int[] shape, Layout a, Layout b, Layout out, String name) {
    }

    private static List<Pair> pairs() {
        List<Pair> p = new ArrayList<>();
        int[] s2 = {3, 4};
        int[] s3 = {2, 3, 4};
        p.add(new Pair(new int[0], Layout.of(new int[0], Kind.CONTIGUOUS), Layout.of(new int[0], Kind.PADDED),
                Layout.of(new int[0], Kind.REVERSED), "scalars"));
        p.add(new Pair(new int[] {0, 5}, Layout.of(new int[] {0, 5}, Kind.CONTIGUOUS),
                Layout.of(new int[] {0, 5}, Kind.CONTIGUOUS), Layout.of(new int[] {0, 5}, Kind.CONTIGUOUS), "size 0"));
        p.add(new Pair(new int[] {1, 1}, Layout.of(new int[] {1, 1}, Kind.PADDED),
                Layout.of(new int[] {1, 1}, Kind.MIXED), Layout.of(new int[] {1, 1}, Kind.CONTIGUOUS), "size 1"));
        p.add(new Pair(s2, Layout.of(s2, Kind.CONTIGUOUS), Layout.of(s2, Kind.CONTIGUOUS),
                Layout.of(s2, Kind.CONTIGUOUS), "contiguous"));
        p.add(new Pair(s2, Layout.of(s2, Kind.PERMUTED), Layout.of(s2, Kind.REVERSED), Layout.of(s2, Kind.PADDED),
                "permuted/reversed"));
        p.add(new Pair(s2, Layout.of(s2, Kind.BROADCAST, 0), Layout.of(s2, Kind.MIXED),
                Layout.of(s2, Kind.CONTIGUOUS), "a broadcast on axis 0"));
        p.add(new Pair(s2, Layout.of(s2, Kind.PADDED), Layout.of(s2, Kind.BROADCAST, 1),
                Layout.of(s2, Kind.MIXED), "b broadcast on axis 1"));
        p.add(new Pair(s3, Layout.of(s3, Kind.BROADCAST, 1), Layout.of(s3, Kind.BROADCAST, 2),
                Layout.of(s3, Kind.CONTIGUOUS), "a on axis 1, b on axis 2"));
        p.add(new Pair(s3, Layout.of(s3, Kind.BROADCAST, 0), Layout.of(s3, Kind.BROADCAST, 0),
                Layout.of(s3, Kind.PERMUTED), "both on axis 0"));
        p.add(new Pair(s3, Layout.of(s3, Kind.CONTIGUOUS), allZero(s3), Layout.of(s3, Kind.CONTIGUOUS),
                "b a scalar (all strides 0)"));
        p.add(new Pair(s3, allZero(s3), Layout.of(s3, Kind.MIXED), Layout.of(s3, Kind.REVERSED),
                "a a scalar (all strides 0)"));
        int[] big = {150, 271};
        p.add(new Pair(big, Layout.of(big, Kind.CONTIGUOUS), Layout.of(big, Kind.CONTIGUOUS),
                Layout.of(big, Kind.CONTIGUOUS), "large contiguous"));
        p.add(new Pair(big, Layout.of(big, Kind.MIXED), Layout.of(big, Kind.BROADCAST, 0),
                Layout.of(big, Kind.CONTIGUOUS), "large, b a row vector"));
        return p;
    }

    private static Layout allZero(int[] shape) {
        return Layout.zero(shape);
    }

    private static void binary(List<Check> c) {
        List<Pair> pairs = pairs();
        for (BinaryOp op : BinaryOp.values()) {
            for (DType dt : ALL) {
                for (int pi = 0; pi < pairs.size(); pi++) {
                    Pair p = pairs.get(pi);
                    int seed = pi;
                    c.add(new Check("binary." + op, dt, p.name + " " + Shape.toString(p.shape), be -> {
                        SplittableRandom rng = new SplittableRandom(seed * 131L + op.ordinal());
                        Values av = op == BinaryOp.POW ? (dt == DType.INT32 ? Values.SMALL_INT : Values.SPECIAL)
                                : op.ordinal() >= BinaryOp.EQ.ordinal() ? Values.SMALL_INT : Values.SPECIAL;
                        Values bv = op == BinaryOp.POW ? Values.EXPONENT
                                : op.ordinal() >= BinaryOp.EQ.ordinal() ? Values.SMALL_INT : Values.SPECIAL;
                        In a = In.random(rng, p.a, dt, av);
                        In b = In.random(rng, p.b, dt, bv);
                        if (op.ordinal() >= BinaryOp.EQ.ordinal() && dt != DType.INT32) {
                            sprinkleNaN(a, rng);
                        }
                        double[] expected = new double[a.logical.length];
                        for (int i = 0; i < expected.length; i++) {
                            expected[i] = HostMath.binary(op, dt, a.logical[i], b.logical[i]);
                        }
                        try (Scope s = new Scope(be)) {
                            View av2 = s.in(a, dt);
                            View bv2 = s.in(b, dt);
                            double[] before = filled(p.out.length, HostMath.store(SENTINEL, dt));
                            View out = s.out(p.out, dt, null);
                            be.binary(op, av2, bv2, out);
                            return checkOut(be, out, p.out, before, expected, dt,
                                    Tolerances.of(HostMath.family(op), dt), null);
                        }
                    }));
                }
                c.add(new Check("binary." + op, dt, "in place (out is a's view)", be -> {
                    Layout lo = Layout.of(new int[] {6, 5}, Kind.MIXED);
                    SplittableRandom rng = new SplittableRandom(op.ordinal());
                    In a = In.random(rng, lo, dt, op == BinaryOp.POW && dt == DType.INT32 ? Values.SMALL_INT : Values.NORMAL);
                    In b = In.random(rng, Layout.of(new int[] {6, 5}, Kind.BROADCAST, 0), dt,
                            op == BinaryOp.POW ? Values.EXPONENT : Values.NORMAL);
                    double[] expected = new double[a.logical.length];
                    for (int i = 0; i < expected.length; i++) {
                        expected[i] = HostMath.binary(op, dt, a.logical[i], b.logical[i]);
                    }
                    try (Scope s = new Scope(be)) {
                        View av2 = s.in(a, dt);
                        View bv2 = s.in(b, dt);
                        be.binary(op, av2, bv2, av2);
                        return checkOut(be, av2, lo, a.buffer, expected, dt, Tolerances.of(HostMath.family(op), dt), null);
                    }
                }));
            }
        }
    }

    private static void mulAdd(List<Check> c) {
        for (DType dt : ALL) {
            c.add(new Check("mulAdd", dt, "in place into c, b a broadcast scalar (an optimizer's update)", be -> {
                int[] shape = {3, 40_000};
                SplittableRandom rng = new SplittableRandom(17);
                In a = In.random(rng, Layout.of(shape, Kind.CONTIGUOUS), dt, Values.SPECIAL);
                In b = In.random(rng, Layout.of(shape, Kind.BROADCAST, 0), dt, Values.NORMAL);
                In z = In.random(rng, Layout.of(shape, Kind.CONTIGUOUS), dt, Values.SPECIAL);
                try (Scope s = new Scope(be)) {
                    View cv = s.in(z, dt);
                    be.mulAdd(s.in(a, dt), s.in(b, dt), cv, cv);
                    return checkOut(be, cv, z.layout, z.buffer, mulAddOracle(dt, a, b, z), dt, Tolerances.EXACT, null);
                }
            }));
            c.add(new Check("mulAdd", dt, "every operand strided differently", be -> {
                int[] shape = {4, 5, 6};
                SplittableRandom rng = new SplittableRandom(18);
                In a = In.random(rng, Layout.of(shape, Kind.MIXED), dt, Values.SPECIAL);
                In b = In.random(rng, Layout.of(shape, Kind.PERMUTED), dt, Values.NORMAL);
                In z = In.random(rng, Layout.of(shape, Kind.REVERSED), dt, Values.SPECIAL);
                try (Scope s = new Scope(be)) {
                    Layout lo = Layout.of(shape, Kind.PADDED);
                    double[] before = filled(lo.length, HostMath.store(SENTINEL, dt));
                    View out = s.out(lo, dt, null);
                    be.mulAdd(s.in(a, dt), s.in(b, dt), s.in(z, dt), out);
                    return checkOut(be, out, lo, before, mulAddOracle(dt, a, b, z), dt, Tolerances.EXACT, null);
                }
            }));
        }
    }

    /** {@code a * b + c} rounded as MUL then ADD. */
    private static double[] mulAddOracle(DType dt, In a, In b, In z) {
        double[] expected = new double[a.logical.length];
        for (int i = 0; i < expected.length; i++) {
            expected[i] = HostMath.binary(BinaryOp.ADD, dt, HostMath.binary(BinaryOp.MUL, dt, a.logical[i],
                    b.logical[i]), z.logical[i]);
        }
        return expected;
    }

    private static void sprinkleNaN(In a, SplittableRandom rng) {
        int[] pos = a.layout.positions();
        for (int i = 0; i < pos.length; i += 3) {
            if (rng.nextBoolean()) {
                a.buffer[pos[i]] = Double.NaN;
                a.logical[i] = Double.NaN;
            }
        }
        // keep the logical view consistent with the buffer where positions repeat (broadcasts)
        for (int i = 0; i < pos.length; i++) {
            a.logical[i] = a.buffer[pos[i]];
        }
    }

    private static void where(List<Check> c) {
        int k = 0;
        for (DType cdt : ALL) {
            for (DType dt : ALL) {
                for (Pair p : List.of(pairs().get(0), pairs().get(4), pairs().get(6), pairs().get(12))) {
                    int seed = k++;
                    c.add(new Check("where", dt, "cond " + cdt + " " + p.name + " " + Shape.toString(p.shape), be -> {
                        SplittableRandom rng = new SplittableRandom(seed);
                        Layout cl = Layout.of(p.shape, seed % 2 == 0 ? Kind.REVERSED : Kind.BROADCAST, p.shape.length > 1 ? 1 : 0);
                        In cond = In.random(rng, p.shape.length == 0 ? Layout.of(p.shape, Kind.PADDED) : cl, cdt,
                                Values.SMALL_INT);
                        for (int i = 0; i < cond.buffer.length; i += 5) {
                            cond.buffer[i] = cdt == DType.INT32 ? 0 : i % 2 == 0 ? Double.NaN : -0.0;
                        }
                        cond = new In(cond.layout, cond.buffer);
                        In a = In.random(rng, p.a, dt, Values.SPECIAL);
                        In b = In.random(rng, p.b, dt, Values.SPECIAL);
                        double[] expected = new double[a.logical.length];
                        for (int i = 0; i < expected.length; i++) {
                            double cv = cond.logical[i];
                            expected[i] = cv != 0 || Double.isNaN(cv) ? a.logical[i] : b.logical[i];
                        }
                        try (Scope s = new Scope(be)) {
                            View cv = s.in(cond, cdt);
                            View av = s.in(a, dt);
                            View bv = s.in(b, dt);
                            double[] before = filled(p.out.length, HostMath.store(SENTINEL, dt));
                            View out = s.out(p.out, dt, null);
                            be.where(cv, av, bv, out);
                            return checkOut(be, out, p.out, before, expected, dt, Tolerances.EXACT, null);
                        }
                    }));
                }
            }
        }
    }

    private static void reduce(List<Check> c) {
        record R(int[] shape, int axis, Kind in, Kind out, Values values) {
        }
        List<R> cases = new ArrayList<>();
        int[] s3 = {2, 3, 4};
        for (int axis = 0; axis < 3; axis++) {
            cases.add(new R(s3, axis, Kind.CONTIGUOUS, Kind.CONTIGUOUS, Values.NORMAL));
            cases.add(new R(s3, axis, Kind.MIXED, Kind.PADDED, Values.SMALL_INT));
            cases.add(new R(s3, axis, Kind.PERMUTED, Kind.REVERSED, Values.SPECIAL));
        }
        cases.add(new R(new int[] {5}, 0, Kind.REVERSED, Kind.CONTIGUOUS, Values.SMALL_INT));
        cases.add(new R(new int[] {1, 7}, 0, Kind.PADDED, Kind.MIXED, Values.NORMAL));
        cases.add(new R(new int[] {3, 0, 2}, 0, Kind.CONTIGUOUS, Kind.CONTIGUOUS, Values.NORMAL));
        cases.add(new R(new int[] {3, 0, 2}, 1, Kind.CONTIGUOUS, Kind.PADDED, Values.NORMAL));
        cases.add(new R(new int[] {300, 257}, 0, Kind.CONTIGUOUS, Kind.CONTIGUOUS, Values.NORMAL));
        cases.add(new R(new int[] {300, 257}, 1, Kind.MIXED, Kind.CONTIGUOUS, Values.NORMAL));
        cases.add(new R(new int[] {70_001}, 0, Kind.CONTIGUOUS, Kind.CONTIGUOUS, Values.NORMAL));
        cases.add(new R(new int[] {3, 20_000}, 1, Kind.PADDED, Kind.CONTIGUOUS, Values.SPECIAL));
        for (ReduceOp op : ReduceOp.values()) {
            for (DType dt : ALL) {
                for (int ci = 0; ci < cases.size(); ci++) {
                    R r = cases.get(ci);
                    if (op != ReduceOp.SUM && r.shape[r.axis] == 0) {
                        continue; // the API never asks for max/min/arg* of an empty axis
                    }
                    int seed = ci;
                    Layout lin = Layout.of(r.shape, r.in);
                    int[] oshape = r.shape.clone();
                    oshape[r.axis] = 1;
                    Layout lout = Layout.of(oshape, r.out);
                    DType odt = op.isIndex() ? DType.INT32 : dt;
                    c.add(new Check("reduce." + op, dt, lin + " axis " + r.axis + " -> " + lout, be -> {
                        In x = In.random(new SplittableRandom(seed * 17L + op.ordinal()), lin, dt, r.values);
                        double[][] exp = reduceOracle(op, dt, x.logical, r.shape, r.axis);
                        try (Scope s = new Scope(be)) {
                            View xv = s.in(x, dt);
                            double[] before = filled(lout.length, HostMath.store(SENTINEL, odt));
                            View out = s.out(lout, odt, null);
                            be.reduce(op, xv, r.axis, out);
                            Tolerance tol = op == ReduceOp.SUM ? Tolerances.of(Family.REDUCTION, dt) : Tolerances.EXACT;
                            return checkOut(be, out, lout, before, exp[0], odt, tol, exp[1]);
                        }
                    }));
                }
            }
        }
    }

    /** Expected values of a reduction, and the summation bound's magnitude per output element. */
    static double[][] reduceOracle(ReduceOp op, DType dt, double[] x, int[] shape, int axis) {
        int outer = 1;
        for (int i = 0; i < axis; i++) {
            outer *= shape[i];
        }
        int n = shape[axis];
        int inner = 1;
        for (int i = axis + 1; i < shape.length; i++) {
            inner *= shape[i];
        }
        double[] out = new double[outer * inner];
        double[] mag = new double[outer * inner];
        for (int o = 0; o < outer; o++) {
            for (int in = 0; in < inner; in++) {
                double acc = op == ReduceOp.SUM ? 0 : Double.NaN;
                int intAcc = 0;
                int best = 0;
                double sumAbs = 0;
                boolean nan = false;
                for (int j = 0; j < n; j++) {
                    double v = x[(o * n + j) * inner + in];
                    switch (op) {
                        case SUM -> {
                            acc += v;
                            intAcc += (int) v;
                            sumAbs += Math.abs(v);
                        }
                        case MAX, MIN -> {
                            if (j == 0 || Double.isNaN(v)) {
                                acc = v;
                            } else if (!Double.isNaN(acc)) {
                                acc = op == ReduceOp.MAX ? Math.max(acc, v) : Math.min(acc, v);
                            }
                            if (Double.isNaN(v)) {
                                nan = true;
                            }
                            if (nan) {
                                acc = Double.NaN;
                            }
                        }
                        case ARGMAX, ARGMIN -> {
                            if (!nan) {
                                double cur = x[(o * n + best) * inner + in];
                                if (Double.isNaN(v)) {
                                    best = j;
                                    nan = true;
                                } else if (op == ReduceOp.ARGMAX ? v > cur : v < cur) {
                                    best = j;
                                }
                            }
                        }
                    }
                }
                int idx = o * inner + in;
                out[idx] = switch (op) {
                    case SUM -> dt == DType.INT32 ? intAcc : HostMath.store(acc, dt);
                    case MAX, MIN -> acc;
                    case ARGMAX, ARGMIN -> best;
                };
                mag[idx] = n * sumAbs;
            }
        }
        return new double[][] {out, mag};
    }

    private static void matmul(List<Check> c) {
        int[][] dims = {{1, 1, 1, 1}, {1, 3, 0, 4}, {2, 0, 3, 4}, {2, 5, 7, 3}, {1, 33, 17, 65}, {4, 1, 9, 1},
            {3, 4, 5, 6}, {1, 130, 300, 70}};
        Kind[] kinds = {Kind.CONTIGUOUS, Kind.PADDED, Kind.PERMUTED, Kind.REVERSED, Kind.MIXED};
        int k = 0;
        for (DType dt : FLOATS) {
            for (int[] d : dims) {
                boolean large = d[2] == 300;
                for (int flags = 0; flags < 4; flags++) {
                    if (large && flags % 3 != 0) {
                        continue;
                    }
                    boolean ta = (flags & 1) != 0;
                    boolean tb = (flags & 2) != 0;
                    int seed = k++;
                    Kind ka = large ? (flags == 0 ? Kind.CONTIGUOUS : Kind.MIXED) : kinds[seed % kinds.length];
                    Kind kb = large ? (flags == 0 ? Kind.CONTIGUOUS : Kind.PERMUTED) : kinds[(seed + 2) % kinds.length];
                    boolean broadcastA = d[0] == 3; // the (3, 4, 5, 6) case: a's batch broadcast (stride 0)
                    boolean nonFinite = d[0] == 2 && d[1] == 5;
                    int batch = d[0];
                    int m = d[1];
                    int kk = d[2];
                    int n = d[3];
                    String name = "(" + batch + "," + m + "," + kk + "," + n + ")" + (ta ? " aT" : "") + (tb ? " bT" : "")
                            + " a " + ka + " b " + kb + (broadcastA ? " a batch broadcast" : "")
                            + (nonFinite ? " with NaN/Inf" : "");
                    c.add(new Check("matmul", dt, name, be -> {
                        SplittableRandom rng = new SplittableRandom(seed);
                        int[] ashape = ta ? new int[] {batch, kk, m} : new int[] {batch, m, kk};
                        int[] bshape = tb ? new int[] {batch, n, kk} : new int[] {batch, kk, n};
                        Layout la = broadcastA ? Layout.of(ashape, Kind.BROADCAST, 0) : Layout.of(ashape, ka);
                        Layout lb = Layout.of(bshape, kb);
                        In a = In.random(rng, la, dt, Values.NORMAL);
                        In b = In.random(rng, lb, dt, Values.NORMAL);
                        if (nonFinite) {
                            int[] pa = la.positions();
                            a.buffer[pa[3]] = Double.NaN;
                            a.buffer[pa[pa.length - 2]] = Double.POSITIVE_INFINITY;
                            a = new In(la, a.buffer);
                        }
                        double[] expected = new double[batch * m * n];
                        double[] mag = new double[batch * m * n];
                        for (int bi = 0; bi < batch; bi++) {
                            for (int i = 0; i < m; i++) {
                                for (int j = 0; j < n; j++) {
                                    double acc = 0;
                                    double abs = 0;
                                    for (int p = 0; p < kk; p++) {
                                        double av = ta ? a.logical[(bi * kk + p) * m + i] : a.logical[(bi * m + i) * kk + p];
                                        double bv = tb ? b.logical[(bi * n + j) * kk + p] : b.logical[(bi * kk + p) * n + j];
                                        acc += av * bv;
                                        abs += Math.abs(av * bv);
                                    }
                                    expected[(bi * m + i) * n + j] = HostMath.store(acc, dt);
                                    mag[(bi * m + i) * n + j] = kk * abs;
                                }
                            }
                        }
                        try (Scope s = new Scope(be)) {
                            View av = s.in(a, dt);
                            View bv = s.in(b, dt);
                            Layout lo = Layout.of(new int[] {batch, m, n}, large ? Kind.CONTIGUOUS : Kind.PADDED);
                            double[] before = filled(lo.length, HostMath.store(SENTINEL, dt));
                            View out = s.out(lo, dt, null);
                            be.matmul(av, ta, bv, tb, out);
                            return checkOut(be, out, lo, before, expected, dt, Tolerances.of(Family.MATMUL, dt), mag);
                        }
                    }));
                }
            }
        }
    }

    private static void gatherScatter(List<Check> c) {
        int[] xs = {4, 5, 3};
        int[][] indexSets = {{2, 0, 2, 3, 1, 1}, {}, {1}};
        int k = 0;
        for (DType dt : ALL) {
            for (int axis = 0; axis < 3; axis++) {
                for (int[] idxRaw : indexSets) {
                    int ax = axis;
                    int seed = k++;
                    int[] idx = idxRaw.clone();
                    for (int i = 0; i < idx.length; i++) {
                        idx[i] = idx[i] % xs[ax];
                    }
                    Kind kx = KINDS[seed % KINDS.length];
                    c.add(new Check("gather", dt, "x " + Layout.of(xs, kx) + " axis " + ax + " indices "
                            + Arrays.toString(idx), be -> {
                                SplittableRandom rng = new SplittableRandom(seed);
                                In x = In.random(rng, Layout.of(xs, kx), dt, Values.SPECIAL);
                                In ind = new In(Layout.of(new int[] {idx.length}, Kind.PADDED), spread(idx));
                                int[] os = xs.clone();
                                os[ax] = idx.length;
                                Layout lo = Layout.of(os, Kind.MIXED);
                                double[] expected = new double[Shape.of(os).size()];
                                forEach(os, (flat, ix) -> {
                                    int[] src = ix.clone();
                                    src[ax] = idx[ix[ax]];
                                    expected[flat] = x.logical[flatIndex(xs, src)];
                                });
                                try (Scope s = new Scope(be)) {
                                    View xv = s.in(x, dt);
                                    View iv = s.in(ind, DType.INT32);
                                    double[] before = filled(lo.length, HostMath.store(SENTINEL, dt));
                                    View out = s.out(lo, dt, null);
                                    be.gather(xv, ax, iv, out);
                                    return checkOut(be, out, lo, before, expected, dt, Tolerances.EXACT, null);
                                }
                            }));
                    c.add(new Check("scatterAdd", dt, "dst " + Layout.of(xs, kx) + " axis " + ax + " indices "
                            + Arrays.toString(idx), be -> {
                                SplittableRandom rng = new SplittableRandom(seed + 100);
                                int[] ss = xs.clone();
                                ss[ax] = idx.length;
                                In src = In.random(rng, Layout.of(ss, Kind.PERMUTED), dt, Values.NORMAL);
                                In ind = new In(Layout.of(new int[] {idx.length}, Kind.REVERSED), reversedSpread(idx));
                                Layout ld = Layout.of(xs, kx);
                                double[] init = values(rng, ld.length, dt, Values.NORMAL);
                                In dst = new In(ld, init);
                                double[] expected = dst.logical.clone();
                                double[] mag = new double[expected.length];
                                for (int i = 0; i < mag.length; i++) {
                                    mag[i] = Math.abs(expected[i]);
                                }
                                forEach(ss, (flat, ix) -> {
                                    int[] d = ix.clone();
                                    d[ax] = idx[ix[ax]];
                                    int f = flatIndex(xs, d);
                                    expected[f] += src.logical[flat];
                                    mag[f] += Math.abs(src.logical[flat]);
                                });
                                for (int i = 0; i < expected.length; i++) {
                                    expected[i] = dt == DType.INT32 ? expected[i] : HostMath.store(expected[i], dt);
                                    mag[i] *= idx.length + 1;
                                }
                                try (Scope s = new Scope(be)) {
                                    View sv = s.in(src, dt);
                                    View iv = s.in(ind, DType.INT32);
                                    View out = s.out(ld, dt, init);
                                    be.scatterAdd(sv, ax, iv, out);
                                    return checkOut(be, out, ld, init, expected, dt, Tolerances.of(Family.REDUCTION, dt), mag);
                                }
                            }));
                }
            }
            for (int bad : new int[] {-1, 5}) {
                c.add(new Check("gather", dt, "index " + bad + " out of range throws IndexOutOfBoundsException", be ->
                        expectOutOfBounds(be, dt, bad, true)));
                c.add(new Check("scatterAdd", dt, "index " + bad + " out of range throws IndexOutOfBoundsException", be ->
                        expectOutOfBounds(be, dt, bad, false)));
            }
        }
    }

    private static List<Stats> expectOutOfBounds(Backend be, DType dt, int bad, boolean gather) {
        try (Scope s = new Scope(be)) {
            In x = In.random(new SplittableRandom(3), Layout.of(new int[] {5, 2}, Kind.CONTIGUOUS), dt, Values.NORMAL);
            View xv = s.in(x, dt);
            View iv = s.in(new In(Layout.of(new int[] {3}, Kind.CONTIGUOUS), new double[] {1, bad, 0, 0, 0, 0}),
                    DType.INT32);
            View ov = s.out(Layout.of(new int[] {3, 2}, Kind.CONTIGUOUS), dt, null);
            try {
                if (gather) {
                    be.gather(xv, 0, iv, ov);
                } else {
                    be.scatterAdd(ov, 0, iv, xv);
                }
            } catch (IndexOutOfBoundsException expected) {
                return List.of(new Stats("host", 1, 0, 0, 0, null));
            }
            return List.of(Stats.failure("host", "index " + bad + " along an axis of 5 did not throw "
                    + "IndexOutOfBoundsException"));
        }
    }

    private static double[] spread(int[] idx) {
        double[] buf = Layout.of(new int[] {idx.length}, Kind.PADDED).length > 0
                ? new double[Layout.of(new int[] {idx.length}, Kind.PADDED).length] : new double[0];
        Arrays.fill(buf, 1_000_000);
        int[] pos = Layout.of(new int[] {idx.length}, Kind.PADDED).positions();
        for (int i = 0; i < idx.length; i++) {
            buf[pos[i]] = idx[i];
        }
        return buf;
    }

    private static double[] reversedSpread(int[] idx) {
        Layout l = Layout.of(new int[] {idx.length}, Kind.REVERSED);
        double[] buf = new double[l.length];
        Arrays.fill(buf, -1_000_000);
        int[] pos = l.positions();
        for (int i = 0; i < idx.length; i++) {
            buf[pos[i]] = idx[i];
        }
        return buf;
    }

    interface IndexBody {
        void at(int flat, int[] index);
    }

    static void forEach(int[] shape, IndexBody body) {
        int n = Shape.of(shape).size();
        int[] ix = new int[shape.length];
        for (int f = 0; f < n; f++) {
            body.at(f, ix);
            for (int a = shape.length - 1; a >= 0; a--) {
                if (++ix[a] < shape[a]) {
                    break;
                }
                ix[a] = 0;
            }
        }
    }

    static int flatIndex(int[] shape, int[] ix) {
        int f = 0;
        for (int a = 0; a < shape.length; a++) {
            f = f * shape[a] + ix[a];
        }
        return f;
    }

    private static void im2col(List<Check> c) {
        int[] xs = {2, 5, 6, 3};
        Window2d[] windows = {Window2d.of(3, 3, 1, 1), Window2d.of(2, 2, 2, 0),
            new Window2d(3, 2, 2, 1, 1, 2, 0, 1, 2, 1), Window2d.of(7, 7, 1, 3), Window2d.of(1, 1, 1, 0),
            Window2d.of(7, 7, 1, 0)};
        int k = 0;
        for (DType dt : ALL) {
            for (Window2d w : windows) {
                for (double pad : dt == DType.INT32 ? new double[] {0.0, -7.0} : new double[] {0.0, Double.NEGATIVE_INFINITY}) {
                    int seed = k++;
                    Kind kx = seed % 2 == 0 ? Kind.CONTIGUOUS : Kind.MIXED;
                    int oh = w.outH(xs[1]);
                    int ow = w.outW(xs[2]);
                    int[] cs = {xs[0], oh, ow, w.kernelH(), w.kernelW(), xs[3]};
                    c.add(new Check("im2col", dt, describe(w) + " pad " + pad + " x " + Layout.of(xs, kx), be -> {
                        In x = In.random(new SplittableRandom(seed), Layout.of(xs, kx), dt, Values.NORMAL);
                        double[] expected = new double[Shape.of(cs).size()];
                        forEach(cs, (flat, ix) -> {
                            int ih = ix[1] * w.strideH() - w.padTop() + ix[3] * w.dilationH();
                            int iw = ix[2] * w.strideW() - w.padLeft() + ix[4] * w.dilationW();
                            expected[flat] = ih >= 0 && ih < xs[1] && iw >= 0 && iw < xs[2]
                                    ? x.logical[flatIndex(xs, new int[] {ix[0], ih, iw, ix[5]})] : HostMath.store(pad, dt);
                        });
                        try (Scope s = new Scope(be)) {
                            View xv = s.in(x, dt);
                            Layout lo = Layout.of(cs, seed % 4 < 2 ? Kind.CONTIGUOUS : Kind.PADDED);
                            double[] before = filled(lo.length, HostMath.store(SENTINEL, dt));
                            View out = s.out(lo, dt, null);
                            be.im2col(xv, w, pad, out);
                            return checkOut(be, out, lo, before, expected, dt, Tolerances.EXACT, null);
                        }
                    }));
                    if (pad != 0) {
                        continue;
                    }
                    c.add(new Check("col2im", dt, describe(w) + " x " + Layout.of(xs, kx), be -> {
                        SplittableRandom rng = new SplittableRandom(seed + 50);
                        In cols = In.random(rng, Layout.of(cs, seed % 4 < 2 ? Kind.PADDED : Kind.CONTIGUOUS), dt,
                                Values.NORMAL);
                        Layout lx = Layout.of(xs, kx);
                        double[] init = values(rng, lx.length, dt, Values.NORMAL);
                        In x0 = new In(lx, init);
                        double[] expected = x0.logical.clone();
                        double[] mag = new double[expected.length];
                        int[] count = new int[expected.length];
                        for (int i = 0; i < mag.length; i++) {
                            mag[i] = Math.abs(expected[i]);
                        }
                        forEach(cs, (flat, ix) -> {
                            int ih = ix[1] * w.strideH() - w.padTop() + ix[3] * w.dilationH();
                            int iw = ix[2] * w.strideW() - w.padLeft() + ix[4] * w.dilationW();
                            if (ih >= 0 && ih < xs[1] && iw >= 0 && iw < xs[2]) {
                                int f = flatIndex(xs, new int[] {ix[0], ih, iw, ix[5]});
                                expected[f] += cols.logical[flat];
                                mag[f] += Math.abs(cols.logical[flat]);
                                count[f]++;
                            }
                        });
                        for (int i = 0; i < expected.length; i++) {
                            expected[i] = HostMath.store(expected[i], dt);
                            mag[i] *= count[i] + 1;
                        }
                        try (Scope s = new Scope(be)) {
                            View cv = s.in(cols, dt);
                            View out = s.out(lx, dt, init);
                            be.col2im(cv, w, out);
                            return checkOut(be, out, lx, init, expected, dt, Tolerances.of(Family.REDUCTION, dt), mag);
                        }
                    }));
                }
            }
        }
    }

    private static String describe(Window2d w) {
        return "window " + w.kernelH() + "x" + w.kernelW() + " stride " + w.strideH() + "x" + w.strideW() + " pad "
                + w.padTop() + "/" + w.padBottom() + "/" + w.padLeft() + "/" + w.padRight() + " dilation "
                + w.dilationH() + "x" + w.dilationW();
    }

    private static void softmax(List<Check> c) {
        int[] s3 = {3, 4, 5};
        int k = 0;
        for (DType dt : FLOATS) {
            for (boolean log : new boolean[] {false, true}) {
                for (int axis = 0; axis < 3; axis++) {
                    for (Values v : new Values[] {Values.NORMAL, Values.LARGE}) {
                        int seed = k++;
                        int ax = axis;
                        Kind kx = KINDS[seed % KINDS.length];
                        String op = log ? "fusedSoftmax.log" : "fusedSoftmax";
                        c.add(new Check(op, dt, Layout.of(s3, kx) + " axis " + ax + " " + v.name().toLowerCase(java.util.Locale.ROOT),
                                be -> {
                                    if (!(be instanceof FusedSoftmax fused)) {
                                        return null; // optional interface not implemented
                                    }
                                    In x = In.random(new SplittableRandom(seed), Layout.of(s3, kx), dt, v);
                                    if (seed % 3 == 0) {
                                        x.buffer[x.layout.positions()[1]] = Double.NEGATIVE_INFINITY;
                                        x = new In(x.layout, x.buffer);
                                    }
                                    double[][] e = softmaxOracle(x.logical, s3, ax, log, dt);
                                    try (Scope s = new Scope(be)) {
                                        View xv = s.in(x, dt);
                                        Layout lo = Layout.of(s3, KINDS[(seed + 1) % KINDS.length]);
                                        double[] before = filled(lo.length, HostMath.store(SENTINEL, dt));
                                        View out = s.out(lo, dt, null);
                                        fused.softmax(xv, ax, log, out);
                                        return checkOut(be, out, lo, before, e[0], dt, Tolerances.of(Family.COMPOSITE, dt), e[1]);
                                    }
                                }));
                    }
                }
            }
        }
    }

    /** Stable softmax (or log-softmax) along an axis in float64, with a magnitude for the rounding of x - max. */
    static double[][] softmaxOracle(double[] x, int[] shape, int axis, boolean log, DType dt) {
        int outer = 1;
        for (int i = 0; i < axis; i++) {
            outer *= shape[i];
        }
        int n = shape[axis];
        int inner = 1;
        for (int i = axis + 1; i < shape.length; i++) {
            inner *= shape[i];
        }
        double[] out = new double[x.length];
        double[] mag = new double[x.length];
        for (int o = 0; o < outer; o++) {
            for (int in = 0; in < inner; in++) {
                double m = Double.NEGATIVE_INFINITY;
                for (int j = 0; j < n; j++) {
                    m = Math.max(m, x[(o * n + j) * inner + in]);
                }
                double s = 0;
                for (int j = 0; j < n; j++) {
                    s += Math.exp(x[(o * n + j) * inner + in] - m);
                }
                for (int j = 0; j < n; j++) {
                    int i = (o * n + j) * inner + in;
                    double v = x[i] - m;
                    out[i] = HostMath.store(log ? v - Math.log(s) : Math.exp(v) / s, dt);
                    // x - max is rounded once in the dtype: its error moves log-softmax by |x - max| u and
                    // softmax by that relatively
                    mag[i] = 4 * (Math.abs(x[i]) + Math.abs(m)) * (log ? 1 : Math.abs(out[i])) + (log ? n : 0);
                    if (!Double.isFinite(mag[i])) {
                        mag[i] = 0;
                    }
                }
            }
        }
        return new double[][] {out, mag};
    }
}
