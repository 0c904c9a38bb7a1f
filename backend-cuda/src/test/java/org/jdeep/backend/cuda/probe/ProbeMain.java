package org.jdeep.backend.cuda.probe;

import java.util.ServiceLoader;
import org.jdeep.spi.Backend;
import org.jdeep.spi.BackendProvider;
import org.jdeep.spi.BinaryOp;
import org.jdeep.spi.Buffer;
import org.jdeep.spi.Probe;
import org.jdeep.spi.ReduceOp;
import org.jdeep.spi.UnaryOp;
import org.jdeep.spi.View;
import org.jdeep.types.DType;
import org.jdeep.types.Window2d;

/**
 * What {@code backends} does, in a fresh JVM: find the {@code cuda} provider with {@link ServiceLoader}, probe
 * it and print {@code found=}, {@code available=} and {@code detail=} lines. With the argument {@code exercise}
 * and an available probe it also opens the backend and drives memory and every primitive through the public
 * SPI (against the fake driver of ProbeLaunchModesTest, where kernels launch but do nothing), printing
 * {@code memory=ok}, {@code oom=MESSAGE}, {@code ops=ok} and {@code closed=ok}.
 *
 * <p>It lives outside the backend's package so that it runs beside the backend's named module in the
 * module-path scenarios (a class-path class cannot share a named module's package).
 */
public final class ProbeMain {

    private ProbeMain() {
    }

    public static void main(String[] args) {
        BackendProvider cuda = null;
        for (BackendProvider p : ServiceLoader.load(BackendProvider.class)) {
            if (p.name().equals("cuda")) {
                cuda = p;
            }
        }
        System.out.println("found=" + (cuda != null));
        if (cuda == null) {
            return;
        }
        Probe probe = cuda.probe();
        System.out.println("available=" + probe.available());
        System.out.println("detail=" + probe.detail());
        if (!probe.available()) {
            try {
                cuda.open();
                System.out.println("open=did not throw");
            } catch (IllegalStateException e) {
                System.out.println("open=" + (e.getMessage().equals(probe.detail()) ? "threw the probe's reason" : e));
            }
            return;
        }
        if (args.length > 0 && args[0].equals("exercise")) {
            exercise(cuda);
        }
    }

    private static void exercise(BackendProvider provider) {
        try (Backend be = provider.open()) {
            memory(be);
            try {
                be.allocate(DType.FLOAT64, Integer.MAX_VALUE);
                System.out.println("oom=none");
            } catch (OutOfMemoryError e) {
                System.out.println("oom=" + e.getMessage());
            }
            ops(be);
            System.out.println("ops=ok");
        }
        System.out.println("closed=ok");
    }

    private static void memory(Backend be) {
        for (DType dt : DType.values()) {
            Buffer b = be.allocate(dt, 1000);
            double[] back = read(be, b);
            for (double v : back) {
                if (v != 0) {
                    throw new AssertionError(dt + " buffer not zero-filled: " + v);
                }
            }
            switch (dt) {
                case FLOAT32 -> be.upload(new float[] {1.5f, -2f, 3f}, b);
                case FLOAT64 -> be.upload(new double[] {1.5, -2, 3}, b);
                case INT32 -> be.upload(new int[] {1, -2, 3}, b);
            }
            back = read(be, b);
            if (back[0] != (dt == DType.INT32 ? 1 : 1.5) || back[1] != -2 || back[2] != 3 || back[3] != 0) {
                throw new AssertionError(dt + " round trip gave " + back[0] + ", " + back[1] + ", " + back[2]);
            }
            be.release(b);
            be.release(b);
        }
        be.release(be.allocate(DType.FLOAT32, 0));
        System.out.println("memory=ok");
    }

    private static double[] read(Backend be, Buffer b) {
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

    private static View view(Backend be, DType dt, int... shape) {
        int n = 1;
        for (int d : shape) {
            n *= d;
        }
        int[] strides = new int[shape.length];
        int s = 1;
        for (int i = shape.length - 1; i >= 0; i--) {
            strides[i] = s;
            s *= shape[i];
        }
        return new View(be.allocate(dt, n), 0, shape, strides);
    }

    /** Every primitive and dtype once, so that every kernel is looked up and launched. */
    private static void ops(Backend be) {
        for (DType dt : DType.values()) {
            View a = view(be, dt, 4, 5);
            View b = view(be, dt, 4, 5);
            View o = view(be, dt, 4, 5);
            be.fill(a, 2.5);
            be.unary(UnaryOp.NEG, a, o);
            be.binary(BinaryOp.ADD, a, b, o);
            for (DType c : DType.values()) {
                be.where(view(be, c, 4, 5), a, b, o);
                be.copy(view(be, c, 4, 5), o);
            }
            View idx = view(be, DType.INT32, 3);
            be.gather(a, 1, idx, view(be, dt, 4, 3));
            be.scatterAdd(view(be, dt, 4, 3), 1, idx, o);
            for (ReduceOp op : ReduceOp.values()) {
                DType odt = op.isIndex() ? DType.INT32 : dt;
                be.reduce(op, a, 1, view(be, odt, 4, 1));
                be.reduce(op, a, 0, view(be, odt, 1, 5));
                // One long axis: split into chunks, then combined by the second kernel.
                be.reduce(op, view(be, dt, 1, 100_000), 1, view(be, odt, 1, 1));
            }
            Window2d w = Window2d.of(3, 3, 1, 1);
            View x = view(be, dt, 1, 4, 4, 2);
            View cols = view(be, dt, 1, 4, 4, 3, 3, 2);
            be.im2col(x, w, 0.0, cols);
            be.col2im(cols, w, x);
            if (dt.isFloating()) {
                be.matmul(view(be, dt, 2, 3, 4), false, view(be, dt, 2, 4, 5), false, view(be, dt, 2, 3, 5));
                be.matmul(view(be, dt, 2, 4, 3), true, view(be, dt, 2, 5, 4), true, view(be, dt, 2, 3, 5));
                if (be instanceof org.jdeep.spi.FusedSoftmax s) {
                    s.softmax(a, 1, false, o);
                    s.softmax(a, 0, true, o);
                }
            }
        }
    }
}
