package org.jdeep.testproviders;

import java.util.ServiceLoader;
import org.jdeep.spi.Backend;
import org.jdeep.spi.BackendProvider;
import org.jdeep.spi.BinaryOp;
import org.jdeep.spi.Buffer;
import org.jdeep.spi.Probe;
import org.jdeep.spi.ReduceOp;
import org.jdeep.spi.UnaryOp;
import org.jdeep.spi.View;
import org.jdeep.types.Window2d;
import org.jdeep.types.DType;

/**
 * A test backend that delegates to the CPU backend and counts live buffers, so tests can prove memory is
 * released. It does not implement the optional fused kernels, so the API's composite paths run on it.
 */
public final class CountingProvider implements BackendProvider {
    private static final ThreadLocal<int[]> LIVE = ThreadLocal.withInitial(() -> new int[1]);

    /**
     * Buffers allocated minus buffers released on the calling thread. Releases by the Cleaner (on its own
     * thread) do not count, so a test sees exactly what explicit closes and scopes freed.
     */
    public static int live() {
        return LIVE.get()[0];
    }

    @Override
    public String name() {
        return "counting";
    }

    @Override
    public Probe probe() {
        return Probe.available("cpu, counting live buffers");
    }

    @Override
    public Backend open() {
        // the test services file also lists a provider that does not exist: skip what fails to load
        var it = ServiceLoader.load(BackendProvider.class).iterator();
        while (true) {
            BackendProvider p;
            try {
                if (!it.hasNext()) {
                    break;
                }
                p = it.next();
            } catch (java.util.ServiceConfigurationError e) {
                continue;
            }
            if (p.name().equals("cpu")) {
                return new Counting(p.open());
            }
        }
        throw new IllegalStateException("the cpu backend is not on the test class path");
    }

    private static final class Counting implements Backend {
        private final Backend cpu;

        Counting(Backend cpu) {
            this.cpu = cpu;
        }

        @Override
        public String name() {
            return "counting";
        }

        @Override
        public String device() {
            return "counting over " + cpu.device();
        }

        @Override
        public Buffer allocate(DType dtype, int length) {
            LIVE.get()[0]++;
            return cpu.allocate(dtype, length);
        }

        @Override
        public void release(Buffer buffer) {
            LIVE.get()[0]--;
            cpu.release(buffer);
        }

        @Override
        public void upload(float[] src, Buffer dst) {
            cpu.upload(src, dst);
        }

        @Override
        public void upload(double[] src, Buffer dst) {
            cpu.upload(src, dst);
        }

        @Override
        public void upload(int[] src, Buffer dst) {
            cpu.upload(src, dst);
        }

        @Override
        public void download(Buffer src, float[] dst) {
            cpu.download(src, dst);
        }

        @Override
        public void download(Buffer src, double[] dst) {
            cpu.download(src, dst);
        }

        @Override
        public void download(Buffer src, int[] dst) {
            cpu.download(src, dst);
        }

        @Override
        public void copy(View src, View dst) {
            cpu.copy(src, dst);
        }

        @Override
        public void fill(View dst, double value) {
            cpu.fill(dst, value);
        }

        @Override
        public void gather(View x, int axis, View indices, View out) {
            cpu.gather(x, axis, indices, out);
        }

        @Override
        public void scatterAdd(View src, int axis, View indices, View dst) {
            cpu.scatterAdd(src, axis, indices, dst);
        }

        @Override
        public void im2col(View x, Window2d window, double padValue, View cols) {
            cpu.im2col(x, window, padValue, cols);
        }

        @Override
        public void col2im(View cols, Window2d window, View x) {
            cpu.col2im(cols, window, x);
        }

        @Override
        public void unary(UnaryOp op, View x, View out) {
            cpu.unary(op, x, out);
        }

        @Override
        public void binary(BinaryOp op, View a, View b, View out) {
            cpu.binary(op, a, b, out);
        }

        @Override
        public void where(View cond, View a, View b, View out) {
            cpu.where(cond, a, b, out);
        }

        @Override
        public void reduce(ReduceOp op, View x, int axis, View out) {
            cpu.reduce(op, x, axis, out);
        }

        @Override
        public void matmul(View a, boolean transposeA, View b, boolean transposeB, View out) {
            cpu.matmul(a, transposeA, b, transposeB, out);
        }

        @Override
        public void close() {
            cpu.close();
        }
    }
}
