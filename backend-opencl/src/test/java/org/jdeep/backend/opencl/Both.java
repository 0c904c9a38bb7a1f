package org.jdeep.backend.opencl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.ServiceLoader;
import org.jdeep.spi.Backend;
import org.jdeep.spi.BackendProvider;
import org.jdeep.spi.Buffer;
import org.jdeep.spi.Probe;
import org.jdeep.spi.View;
import org.jdeep.types.DType;
import org.junit.jupiter.api.Assumptions;

/**
 * The OpenCL backend (opened once per JVM: PoCL compiles the kernel in seconds) next to the CPU reference,
 * and helpers that make the same tensor on both and compare results element by element.
 */
final class Both {

    private static Backend ocl;
    private static Backend cpu;
    private static String unavailable;

    private Both() {
    }

    /** Skips the calling test when OpenCL is missing, except under CI=true, where that fails the run. */
    static synchronized Backend opencl() {
        if (ocl == null && unavailable == null) {
            Probe p = new OpenClBackendProvider().probe();
            if (p.available()) {
                ocl = new OpenClBackendProvider().open();
            } else {
                unavailable = p.detail();
            }
        }
        if (ocl == null) {
            if ("true".equals(System.getenv("CI"))) {
                fail("OpenCL is required under CI=true but unavailable: " + unavailable);
            }
            Assumptions.abort("OpenCL unavailable: " + unavailable);
        }
        return ocl;
    }

    /** The CPU backend, found through ServiceLoader by name as users find it. */
    static synchronized Backend cpu() {
        if (cpu == null) {
            Both.class.getModule().addUses(BackendProvider.class);
            for (BackendProvider p : ServiceLoader.load(BackendProvider.class)) {
                if (p.name().equals("cpu")) {
                    cpu = p.open();
                }
            }
            assertTrue(cpu != null, "the cpu backend is on the test path");
        }
        return cpu;
    }

    /** A buffer of n elements on both backends holding the same values (FLOAT32 and INT32 from doubles). */
    record Pair(View c, View o) {
        Pair view(int offset, int[] shape, int[] strides) {
            return new Pair(new View(c.buffer(), offset, shape, strides), new View(o.buffer(), offset, shape, strides));
        }

        Pair shaped(int... shape) {
            return view(0, shape, contiguous(shape));
        }

        DType dtype() {
            return c.dtype();
        }
    }

    static Pair make(DType dt, double... values) {
        Backend c = cpu();
        Backend o = opencl();
        Buffer bc = c.allocate(dt, values.length);
        Buffer bo = o.allocate(dt, values.length);
        switch (dt) {
            case FLOAT32 -> {
                float[] f = new float[values.length];
                for (int i = 0; i < f.length; i++) {
                    f[i] = (float) values[i];
                }
                c.upload(f, bc);
                o.upload(f, bo);
            }
            case FLOAT64 -> {
                c.upload(values, bc);
                o.upload(values, bo);
            }
            case INT32 -> {
                int[] f = new int[values.length];
                for (int i = 0; i < f.length; i++) {
                    f[i] = (int) values[i];
                }
                c.upload(f, bc);
                o.upload(f, bo);
            }
        }
        return new Pair(new View(bc, 0, new int[] {values.length}, new int[] {1}),
                new View(bo, 0, new int[] {values.length}, new int[] {1}));
    }

    /** A zero-filled contiguous pair of the shape; the second fill value is written with fill() when not 0. */
    static Pair zeros(DType dt, int... shape) {
        int n = size(shape);
        Pair p = new Pair(new View(cpu().allocate(dt, n), 0, new int[] {n}, new int[] {1}),
                new View(opencl().allocate(dt, n), 0, new int[] {n}, new int[] {1}));
        return p.shaped(shape);
    }

    static double[] read(Backend be, Buffer b) {
        double[] r = new double[b.length()];
        switch (b.dtype()) {
            case FLOAT32 -> {
                float[] f = new float[b.length()];
                be.download(b, f);
                for (int i = 0; i < f.length; i++) {
                    r[i] = f[i];
                }
            }
            case FLOAT64 -> be.download(b, r);
            case INT32 -> {
                int[] f = new int[b.length()];
                be.download(b, f);
                for (int i = 0; i < f.length; i++) {
                    r[i] = f[i];
                }
            }
        }
        return r;
    }

    /** Whole buffers agree: exactly for INT32, within the dtype's tolerance otherwise; NaN matches NaN. */
    static void assertSame(Pair p, String what) {
        assertSame(p, what, p.dtype() == DType.FLOAT32 ? 2e-5 : 1e-12);
    }

    static void assertSame(Pair p, String what, double tol) {
        double[] want = read(cpu(), p.c().buffer());
        double[] got = read(opencl(), p.o().buffer());
        assertEquals(want.length, got.length, what + ": length");
        for (int i = 0; i < want.length; i++) {
            double w = want[i];
            double g = got[i];
            boolean ok;
            if (p.dtype() == DType.INT32) {
                ok = w == g;
            } else if (Double.isNaN(w) || Double.isNaN(g) || Double.isInfinite(w) || Double.isInfinite(g)) {
                ok = Double.compare(w, g) == 0;
            } else {
                ok = Math.abs(w - g) <= tol * Math.max(1.0, Math.abs(w));
            }
            if (!ok) {
                fail(what + ": element " + i + " is " + g + " on opencl but " + w + " on cpu");
            }
        }
    }

    static int size(int[] shape) {
        int n = 1;
        for (int d : shape) {
            n *= d;
        }
        return n;
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
}
