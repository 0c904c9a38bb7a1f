package org.jdeep.backend.cuda;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.ServiceLoader;
import java.util.function.Function;
import org.jdeep.spi.Backend;
import org.jdeep.spi.BackendProvider;
import org.jdeep.spi.Buffer;
import org.jdeep.spi.View;
import org.jdeep.types.DType;

/**
 * The CPU backend (the reference) and the CUDA backend side by side: every operand is a {@link Pair} of
 * identical views over identical buffers, one per backend; an op runs on both; {@link #compare} downloads the
 * whole buffers (so writes outside a view are caught too) and compares them element by element.
 */
final class Twin implements AutoCloseable {

    final Backend cpu;
    final Backend gpu;
    final Random rnd;
    private final List<Pair> made = new ArrayList<>();

    Twin(Backend cpu, Backend gpu, long seed) {
        this.cpu = cpu;
        this.gpu = gpu;
        this.rnd = new Random(seed);
    }

    /** The CPU backend from its provider, found with ServiceLoader (the class path holds it in test scope). */
    static Backend openCpu() {
        for (BackendProvider p : ServiceLoader.load(BackendProvider.class)) {
            if (p.name().equals("cpu")) {
                return p.open();
            }
        }
        throw new IllegalStateException("no cpu backend on the class path");
    }

    /** One operand: the same view over the same data on each backend. */
    record Pair(View c, View g) {
        DType dtype() {
            return c.dtype();
        }

        View on(boolean gpuSide) {
            return gpuSide ? g : c;
        }
    }

    /** An op to run on both backends; {@code v} maps a pair to that backend's view. */
    interface Op {
        void run(Backend be, Function<Pair, View> v);
    }

    /** Runs the op on the CPU, then on the GPU; both must succeed, or both throw the same exception. */
    void apply(Op op) {
        RuntimeException onCpu = null;
        try {
            op.run(cpu, p -> p.c);
        } catch (RuntimeException e) {
            onCpu = e;
        }
        RuntimeException onGpu = null;
        try {
            op.run(gpu, p -> p.g);
        } catch (RuntimeException e) {
            onGpu = e;
        }
        if (onCpu == null && onGpu == null) {
            return;
        }
        if (onCpu == null || onGpu == null || onCpu.getClass() != onGpu.getClass()
                || !String.valueOf(onCpu.getMessage()).equals(String.valueOf(onGpu.getMessage()))) {
            AssertionError e = new AssertionError("cpu " + (onCpu == null ? "succeeded" : "threw " + onCpu) + ", cuda "
                    + (onGpu == null ? "succeeded" : "threw " + onGpu));
            if (onGpu != null) {
                e.initCause(onGpu);
            }
            throw e;
        }
        throw new Expected(onCpu);
    }

    /** Both backends threw this exception (the test may expect it). */
    static final class Expected extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Expected(RuntimeException cause) {
            super(cause.getMessage(), cause);
        }
    }

    // ----- making operands -----

    /** A contiguous pair holding {@code values} (converted to the dtype with Java's casts). */
    Pair of(DType dt, int[] shape, double[] values) {
        return place(dt, values, 0, shape, contiguous(shape));
    }

    /** A contiguous pair of random values. */
    Pair contiguous(DType dt, int[] shape, boolean special) {
        int n = (int) Geometry.size(shape);
        return place(dt, values(dt, Math.max(n, 1), special), 0, shape, contiguous(shape));
    }

    /**
     * A view of {@code shape} over a fresh buffer of random values with a random layout: permuted axes, gaps,
     * reversed axes (negative strides), an offset, and for inputs ({@code allowBroadcast}) stride-0 axes.
     */
    Pair random(DType dt, int[] shape, boolean allowBroadcast, boolean special) {
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
        return place(dt, values(dt, length, special), offset, shape.clone(), strides);
    }

    /** Uploads the same data to both backends and views it the same way. */
    Pair place(DType dt, double[] data, int offset, int[] shape, int[] strides) {
        Buffer bc = cpu.allocate(dt, data.length);
        Buffer bg = gpu.allocate(dt, data.length);
        upload(cpu, bc, data);
        upload(gpu, bg, data);
        Pair p = new Pair(new View(bc, offset, shape, strides), new View(bg, offset, shape, strides));
        made.add(p);
        return p;
    }

    private static void upload(Backend be, Buffer b, double[] data) {
        switch (b.dtype()) {
            case FLOAT32 -> {
                float[] f = new float[data.length];
                for (int i = 0; i < f.length; i++) {
                    f[i] = (float) data[i];
                }
                be.upload(f, b);
            }
            case FLOAT64 -> be.upload(data, b);
            case INT32 -> {
                int[] v = new int[data.length];
                for (int i = 0; i < v.length; i++) {
                    v[i] = (int) data[i];
                }
                be.upload(v, b);
            }
        }
    }

    /** The whole buffer as doubles. */
    static double[] read(Backend be, Buffer b) {
        double[] out = new double[b.length()];
        switch (b.dtype()) {
            case FLOAT32 -> {
                float[] f = new float[b.length()];
                be.download(b, f);
                for (int i = 0; i < f.length; i++) {
                    out[i] = f[i];
                }
            }
            case FLOAT64 -> be.download(b, out);
            case INT32 -> {
                int[] v = new int[b.length()];
                be.download(b, v);
                for (int i = 0; i < v.length; i++) {
                    out[i] = v[i];
                }
            }
        }
        return out;
    }

    static int[] contiguous(int[] shape) {
        int[] s = new int[shape.length];
        int acc = 1;
        for (int i = shape.length - 1; i >= 0; i--) {
            s[i] = acc;
            acc *= Math.max(shape[i], 1);
        }
        return s;
    }

    /** Random values: Gaussian*2 for floats, -10..10 for INT32; with {@code special}, edge values mixed in. */
    double[] values(DType dt, int n, boolean special) {
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            if (special && rnd.nextInt(6) == 0) {
                v[i] = dt == DType.INT32 ? INT_SPECIAL[rnd.nextInt(INT_SPECIAL.length)]
                        : FLOAT_SPECIAL[rnd.nextInt(FLOAT_SPECIAL.length)];
            } else {
                v[i] = dt == DType.INT32 ? rnd.nextInt(21) - 10 : rnd.nextGaussian() * 2;
            }
        }
        return v;
    }

    static final double[] FLOAT_SPECIAL = {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, 0.0, -0.0,
        1.0, -1.0, 0.5, -2.5, 1e-30, -1e-30, 1e30, -1e30, 3e9, -3e9, 88.8, -104.0, 710.0, 1e-300};
    static final double[] INT_SPECIAL = {0, 1, -1, 2, -2, Integer.MAX_VALUE, Integer.MIN_VALUE, 65536, -65536, 31, 33};

    // ----- comparing -----

    /** Allowed difference: |cpu - gpu| <= atol + rtol * |cpu|; NaN only matches NaN. */
    record Tolerance(double rtol, double atol) {
        static final Tolerance EXACT = new Tolerance(0, 0);
    }

    /** How far apart one comparison was. */
    record Diff(long compared, long mismatches, double maxAbs, double maxRel, String first) {
        static final Diff NONE = new Diff(0, 0, 0, 0, null);

        Diff plus(Diff o) {
            return new Diff(compared + o.compared, mismatches + o.mismatches, Math.max(maxAbs, o.maxAbs),
                    Math.max(maxRel, o.maxRel), first != null ? first : o.first);
        }
    }

    /** Compares the whole buffers of a pair. */
    Diff compare(Pair p, Tolerance tol, String what) {
        double[] c = read(cpu, p.c.buffer());
        double[] g = read(gpu, p.g.buffer());
        long bad = 0;
        double maxAbs = 0;
        double maxRel = 0;
        String first = null;
        for (int i = 0; i < c.length; i++) {
            double a = c[i];
            double b = g[i];
            boolean ok;
            if (Double.isNaN(a) || Double.isNaN(b)) {
                ok = Double.isNaN(a) && Double.isNaN(b);
            } else if (a == b) {
                ok = true;
            } else {
                double d = Math.abs(a - b);
                if (Double.isInfinite(a) || Double.isInfinite(b)) {
                    ok = false;
                } else {
                    maxAbs = Math.max(maxAbs, d);
                    maxRel = Math.max(maxRel, d / Math.max(Math.abs(a), Double.MIN_NORMAL));
                    ok = d <= tol.atol() + tol.rtol() * Math.abs(a);
                }
            }
            if (!ok) {
                bad++;
                if (first == null) {
                    first = what + ": element " + i + " of " + p.c + ": cpu " + a + ", cuda " + b;
                }
            }
        }
        return new Diff(c.length, bad, maxAbs, maxRel, first);
    }

    /** Releases every operand made so far. */
    void releaseAll() {
        for (Pair p : made) {
            cpu.release(p.c.buffer());
            gpu.release(p.g.buffer());
        }
        made.clear();
    }

    @Override
    public void close() {
        releaseAll();
    }
}
