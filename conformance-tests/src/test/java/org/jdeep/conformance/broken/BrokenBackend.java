package org.jdeep.conformance.broken;

import org.jdeep.spi.Backend;
import org.jdeep.spi.BinaryOp;
import org.jdeep.spi.Buffer;
import org.jdeep.spi.FusedSoftmax;
import org.jdeep.spi.ReduceOp;
import org.jdeep.spi.UnaryOp;
import org.jdeep.spi.View;
import org.jdeep.types.DType;
import org.jdeep.types.Shape;
import org.jdeep.types.Window2d;

/**
 * The CPU backend with two realistic bugs: {@link UnaryOp#TANH} returns numbers 1e-4 too large (a sloppy
 * approximation: wrong numbers), and {@link #matmul} reads {@code b} as if it were contiguous whatever its
 * strides (a kernel that mishandles strides). Every other primitive is the CPU backend's.
 */
final class BrokenBackend implements Backend, FusedSoftmax {
    private final Backend cpu;

    BrokenBackend(Backend cpu) {
        this.cpu = cpu;
    }

    @Override
    public String name() {
        return "broken";
    }

    @Override
    public String device() {
        return "broken (wrong tanh, matmul ignores b's strides) over " + cpu.device();
    }

    @Override
    public void unary(UnaryOp op, View x, View out) {
        cpu.unary(op, x, out);
        if (op == UnaryOp.TANH && out.size() > 0) {
            Buffer f = cpu.allocate(out.dtype(), 1);
            try {
                cpu.fill(new View(f, 0, new int[0], new int[0]), 1.0001);
                cpu.binary(BinaryOp.MUL, out, new View(f, 0, out.shape(), new int[out.rank()]), out);
            } finally {
                cpu.release(f);
            }
        }
    }

    @Override
    public void matmul(View a, boolean transposeA, View b, boolean transposeB, View out) {
        View wrong = new View(b.buffer(), b.offset(), b.shape(), Shape.of(b.shape()).contiguousStrides());
        cpu.matmul(a, transposeA, wrong, transposeB, out);
    }

    @Override
    public void softmax(View x, int axis, boolean log, View out) {
        ((FusedSoftmax) cpu).softmax(x, axis, log, out);
    }

    // ----- everything else is the CPU backend's

    @Override
    public Buffer allocate(DType dtype, int length) {
        return cpu.allocate(dtype, length);
    }

    @Override
    public void release(Buffer buffer) {
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
    public void close() {
        // the CPU backend is shared; Backends closes it
    }
}
