package org.jdeep.backend.cpu;

import org.jdeep.spi.Backend;
import org.jdeep.spi.BinaryOp;
import org.jdeep.spi.Buffer;
import org.jdeep.spi.FusedSoftmax;
import org.jdeep.spi.ReduceOp;
import org.jdeep.spi.UnaryOp;
import org.jdeep.spi.View;
import org.jdeep.types.Window2d;
import org.jdeep.types.DType;

/**
 * The pure-Java backend: buffers are Java arrays and every primitive is a strided loop on them, parallel
 * over {@link CpuThreads} when the work is big enough. This class only routes; the kernels live in
 * {@link Elementwise}, {@link Reductions}, {@link GatherScatter}, {@link Im2col} and {@code Matmul}.
 */
final class CpuBackend implements Backend, FusedSoftmax {

    private final CpuThreads threads;
    private final String device;
    private final BufferPool pool = new BufferPool(BufferPool.defaultCapacity());

    CpuBackend(CpuThreads threads) {
        this.threads = threads;
        this.device = CpuBackendProvider.describe(threads.threads());
    }

    @Override
    public String name() {
        return "cpu";
    }

    @Override
    public String device() {
        return device;
    }

    // ----- memory -----

    @Override
    public Buffer allocate(DType dtype, int length) {
        return allocate(dtype, length, true);
    }

    /** A pooled array is handed out as it was left: the operation about to run overwrites all of it. */
    @Override
    public Buffer allocateForOverwrite(DType dtype, int length) {
        return allocate(dtype, length, false);
    }

    private Buffer allocate(DType dtype, int length, boolean zeroed) {
        if (length < 0) {
            throw new IllegalArgumentException("cpu: cannot allocate a buffer of negative length " + length);
        }
        Object reused = pool.take(dtype, length, zeroed);
        if (reused != null) {
            return new CpuBuffer(dtype, length, reused);
        }
        try {
            return new CpuBuffer(dtype, length);
        } catch (OutOfMemoryError first) {
            // The pool's arrays are heap the collector cannot reclaim: give them back and try once more.
            pool.clear();
        }
        try {
            return new CpuBuffer(dtype, length);
        } catch (OutOfMemoryError e) {
            OutOfMemoryError named = new OutOfMemoryError("cpu: cannot allocate " + length + " " + dtype
                    + " elements (" + ((long) length * dtype.byteSize() >> 20) + " MiB) on the Java heap; raise -Xmx");
            named.initCause(e);
            throw named;
        }
    }

    @Override
    public void release(Buffer buffer) {
        CpuBuffer b = CpuBuffer.of(buffer);
        Object array = b.release();
        if (array != null) {
            pool.give(b.dtype(), b.length(), array);
        }
    }

    @Override
    public void upload(float[] src, Buffer dst) {
        System.arraycopy(src, 0, checked(dst, DType.FLOAT32, src.length, "upload").floats(), 0, src.length);
    }

    @Override
    public void upload(double[] src, Buffer dst) {
        System.arraycopy(src, 0, checked(dst, DType.FLOAT64, src.length, "upload").doubles(), 0, src.length);
    }

    @Override
    public void upload(int[] src, Buffer dst) {
        System.arraycopy(src, 0, checked(dst, DType.INT32, src.length, "upload").ints(), 0, src.length);
    }

    @Override
    public void download(Buffer src, float[] dst) {
        System.arraycopy(checked(src, DType.FLOAT32, dst.length, "download").floats(), 0, dst, 0, dst.length);
    }

    @Override
    public void download(Buffer src, double[] dst) {
        System.arraycopy(checked(src, DType.FLOAT64, dst.length, "download").doubles(), 0, dst, 0, dst.length);
    }

    @Override
    public void download(Buffer src, int[] dst) {
        System.arraycopy(checked(src, DType.INT32, dst.length, "download").ints(), 0, dst, 0, dst.length);
    }

    /** The buffer, once its dtype matches the host array's and it holds at least {@code hostLength} elements. */
    private static CpuBuffer checked(Buffer buffer, DType dtype, int hostLength, String what) {
        CpuBuffer b = CpuBuffer.of(buffer);
        if (b.dtype() != dtype) {
            throw new IllegalArgumentException("cpu " + what + ": a " + dtype + " host array does not fit a "
                    + b.dtype() + " buffer");
        }
        if (hostLength > b.length()) {
            throw new IllegalArgumentException("cpu " + what + ": host array of length " + hostLength
                    + " is longer than the buffer of length " + b.length());
        }
        return b;
    }

    // ----- data movement -----

    @Override
    public void copy(View src, View dst) {
        Elementwise.copy(src, dst, threads);
    }

    @Override
    public void fill(View dst, double value) {
        Elementwise.fill(dst, value, threads);
    }

    @Override
    public void gather(View x, int axis, View indices, View out) {
        GatherScatter.gather(x, axis(axis, x), indices, out, threads);
    }

    @Override
    public void scatterAdd(View src, int axis, View indices, View dst) {
        GatherScatter.scatterAdd(src, axis(axis, dst), indices, dst, threads);
    }

    @Override
    public void im2col(View x, Window2d window, double padValue, View cols) {
        Im2col.im2col(x, window, padValue, cols, threads);
    }

    @Override
    public void col2im(View cols, Window2d window, View x) {
        Im2col.col2im(cols, window, x, threads);
    }

    // ----- compute -----

    @Override
    public void unary(UnaryOp op, View x, View out) {
        Elementwise.unary(op, x, out, threads);
    }

    @Override
    public void binary(BinaryOp op, View a, View b, View out) {
        Elementwise.binary(op, a, b, out, threads);
    }

    @Override
    public void mulAdd(View a, View b, View c, View out) {
        Elementwise.mulAdd(a, b, c, out, threads);
    }

    @Override
    public void where(View cond, View a, View b, View out) {
        Elementwise.where(cond, a, b, out, threads);
    }

    @Override
    public void reduce(ReduceOp op, View x, int axis, View out) {
        Reductions.reduce(op, x, axis(axis, x), out, threads);
    }

    @Override
    public void matmul(View a, boolean transposeA, View b, boolean transposeB, View out) {
        Matmul.matmul(a, transposeA, b, transposeB, out, threads);
    }

    @Override
    public void softmax(View x, int axis, boolean log, View out) {
        Reductions.softmax(x, axis(axis, x), log, out, threads);
    }

    @Override
    public void close() {
        threads.shutdown();
        pool.clear();
    }

    /** Accepts a negative axis counted from the end, as the API does, and rejects one out of range. */
    private static int axis(int axis, View v) {
        int a = axis < 0 ? axis + v.rank() : axis;
        if (a < 0 || a >= v.rank()) {
            throw new IndexOutOfBoundsException("axis " + axis + " is out of range for " + v);
        }
        return a;
    }
}
