package org.jdeep.spi;

import org.jdeep.types.DType;
import org.jdeep.types.Shape;
import org.jdeep.types.Window2d;

/**
 * The primitives a jdeep backend implements; everything else (softmax, convolution, losses, autograd) is
 * composed from them once, in the API. Operands are {@link View}s of buffers this backend allocated.
 *
 * <p>The caller (jdeep's API) has already checked shapes, dtypes and ranks, so a backend may assume:
 * the output view has exactly the documented shape, input views of elementwise ops have the output's
 * shape (broadcast dimensions have stride 0), the dtypes are as documented, outputs do not overlap inputs
 * unless they are the identical view, and every dimension may be 0 or 1. Size-0 views are legal
 * everywhere and do nothing. {@code docs/backend-authors.md} spells out each primitive's edge cases.
 *
 * <p>A backend is used from one thread at a time per tensor but may be called from several threads on
 * different tensors; implementations must be thread-safe in that sense.
 */
public interface Backend extends AutoCloseable {

    /** The provider's name, for example {@code "cpu"}. */
    String name();

    /** One line that describes the device, for diagnostics (for example the CPU and thread count). */
    String device();

    // ----- memory -----

    /**
     * Allocates a buffer of {@code length} elements, filled with zeros.
     *
     * @throws OutOfMemoryError (or a backend-specific subclass) naming the size when the device is full
     */
    Buffer allocate(DType dtype, int length);

    /**
     * Allocates a buffer of {@code length} elements for the output of an operation that writes every element
     * ({@link #copy}, {@link #unary}, {@link #binary}, {@link #where}, {@link #reduce}, {@link #matmul}): its
     * contents are unspecified until then, which spares a backend that reuses memory the pass that zeroes it.
     * The default zero-fills, as {@link #allocate} does.
     *
     * @throws OutOfMemoryError (or a backend-specific subclass) naming the size when the device is full
     */
    default Buffer allocateForOverwrite(DType dtype, int length) {
        return allocate(dtype, length);
    }

    /** Frees a buffer; later use of it is an error. Releasing twice is harmless. */
    void release(Buffer buffer);

    /** Copies {@code src} into the start of a FLOAT32 buffer. */
    void upload(float[] src, Buffer dst);

    /** Copies {@code src} into the start of a FLOAT64 buffer. */
    void upload(double[] src, Buffer dst);

    /** Copies {@code src} into the start of an INT32 buffer. */
    void upload(int[] src, Buffer dst);

    /** Copies the first {@code dst.length} elements of a FLOAT32 buffer to the host. */
    void download(Buffer src, float[] dst);

    /** Copies the first {@code dst.length} elements of a FLOAT64 buffer to the host. */
    void download(Buffer src, double[] dst);

    /** Copies the first {@code dst.length} elements of an INT32 buffer to the host. */
    void download(Buffer src, int[] dst);

    // ----- data movement -----

    /**
     * {@code dst[i] = convert(src[i])} for views of one shape. This is how permutes, slices, broadcasts
     * (stride 0 in {@code src}) and dtype conversions are made contiguous. Floating to INT32 truncates
     * toward zero, NaN gives 0 and out-of-range values saturate (Java's cast); FLOAT64 to FLOAT32 rounds to
     * nearest.
     */
    void copy(View src, View dst);

    /** Sets every element of {@code dst} to {@code value} converted to its dtype as {@link #copy} does. */
    void fill(View dst, double value);

    /**
     * {@code out[..., j, ...] = x[..., indices[j], ...]} along {@code axis}: {@code out} has the shape of
     * {@code x} with that axis replaced by the length of the 1-D INT32 view {@code indices}.
     *
     * @throws IndexOutOfBoundsException for an index outside {@code [0, x.shape[axis])}
     */
    void gather(View x, int axis, View indices, View out);

    /**
     * {@code dst[..., indices[j], ...] += src[..., j, ...]} along {@code axis}, accumulating repeated
     * indices: the adjoint of {@link #gather}.
     *
     * @throws IndexOutOfBoundsException for an index outside {@code [0, dst.shape[axis])}
     */
    void scatterAdd(View src, int axis, View indices, View dst);

    /**
     * Unfolds sliding windows of a channels-last image batch {@code x: (N, H, W, C)} into
     * {@code cols: (N, outH, outW, kernelH, kernelW, C)}, where {@code outH = window.outH(H)} and
     * {@code outW = window.outW(W)}; taps that fall in the padding read {@code padValue} (0 for convolution,
     * -Inf for max pooling).
     */
    void im2col(View x, Window2d window, double padValue, View cols);

    /**
     * The adjoint of {@link #im2col}: adds each element of {@code cols: (N, outH, outW, kernelH, kernelW, C)}
     * into the pixel of {@code x: (N, H, W, C)} it was read from (taps in the padding are dropped).
     * {@code x} is accumulated into, not overwritten.
     */
    void col2im(View cols, Window2d window, View x);

    // ----- compute -----

    /** {@code out[i] = op(x[i])}; {@code x} and {@code out} have one dtype and shape. */
    void unary(UnaryOp op, View x, View out);

    /** {@code out[i] = op(a[i], b[i])}; all three have one dtype and shape (broadcast inputs use stride 0). */
    void binary(BinaryOp op, View a, View b, View out);

    /**
     * {@code out[i] = a[i] * b[i] + c[i]} in one pass, rounded as {@link #binary} MUL followed by ADD (the product
     * is rounded before the sum: this is not a fused multiply-add), so the result is the two operations' to the
     * last bit; all four have one dtype and shape (broadcast inputs use stride 0) and {@code out} may be
     * {@code c}, as in the update {@code θ := θ + (-α) dθ}. The default runs the two through a temporary.
     */
    default void mulAdd(View a, View b, View c, View out) {
        Buffer product = allocateForOverwrite(out.dtype(), out.size());
        try {
            View p = View.contiguous(product, Shape.of(out.shape()));
            binary(BinaryOp.MUL, a, b, p);
            binary(BinaryOp.ADD, p, c, out);
        } finally {
            release(product);
        }
    }

    /**
     * {@code out[i] = cond[i] != 0 ? a[i] : b[i]}; {@code a}, {@code b} and {@code out} share a dtype,
     * {@code cond} may have any dtype (NaN counts as true, as in numpy).
     */
    void where(View cond, View a, View b, View out);

    /**
     * Reduces {@code x} along {@code axis} into {@code out}, which has the shape of {@code x} with that axis
     * set to 1, and the dtype of {@code x} (INT32 for {@link ReduceOp#isIndex() index} reductions).
     */
    void reduce(ReduceOp op, View x, int axis, View out);

    /**
     * Batched matrix product {@code out[b] = op(a[b]) · op(b[b])} of rank-3 views, where {@code op} transposes
     * the last two axes when its flag is set: {@code a} is {@code (batch, m, k)}, or {@code (batch, k, m)}
     * with {@code transposeA}; {@code b} is {@code (batch, k, n)}, or {@code (batch, n, k)} with
     * {@code transposeB}; {@code out} is {@code (batch, m, n)}. A broadcast batch has stride 0. Operands
     * may have any strides. {@code out} is overwritten; for {@code k = 0} it is zero. Floating types only.
     */
    void matmul(View a, boolean transposeA, View b, boolean transposeB, View out);

    /**
     * Frees everything this backend holds. Whoever opened a backend closes it; the backends that
     * {@code org.jdeep.Backends} opens are shared and live until the JVM exits, which frees their memory.
     */
    @Override
    void close();
}
