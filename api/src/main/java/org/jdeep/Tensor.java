package org.jdeep;

import java.util.Arrays;
import java.util.List;
import org.jdeep.spi.Backend;
import org.jdeep.spi.BinaryOp;
import org.jdeep.spi.FusedSoftmax;
import org.jdeep.spi.ReduceOp;
import org.jdeep.spi.UnaryOp;
import org.jdeep.spi.View;
import org.jdeep.types.DType;
import org.jdeep.types.Shape;
import org.jdeep.types.Window2d;

/**
 * An n-dimensional array of FLOAT32, FLOAT64 or INT32 values on a backend, with numpy's semantics:
 * row-major order, broadcasting, and the same names where numpy has them. Tensors are immutable values:
 * every operation returns a new tensor, and shape operations ({@link #reshape}, {@link #permute},
 * {@link #slice}, {@link #broadcastTo}...) return views that share memory without copying.
 *
 * <p>A tensor holds backend memory. Close it, or create it inside a {@link MemoryScope}, to free that
 * memory at once; a {@link java.lang.ref.Cleaner} frees what is left unreachable. Using a closed tensor
 * is an error.
 *
 * <p>Operations on two tensors need both on one backend. Mixed FLOAT32 and FLOAT64 operands promote to
 * FLOAT64; INT32 never mixes with a floating type (convert with {@link #to(DType)}).
 */
public final class Tensor implements AutoCloseable {
    private final Storage storage;
    private final int offset;
    private final int[] dims;
    private final int[] strides;
    private final Shape shape;
    private boolean closed;
    /** Whether gradients flow to this tensor: a leaf made by requiresGrad(), or a result of one. */
    private boolean requiresGrad;
    /** Whether this tensor was made by requiresGrad(): gradients accumulate here. */
    private boolean leaf;
    /** How this tensor was computed, while the graph is alive; null for leaves and untracked tensors. */
    private GradNode node;
    /** The accumulated gradient of a leaf; owned by the leaf, outside every MemoryScope. */
    private Tensor gradient;

    private Tensor(Storage storage, int offset, int[] dims, int[] strides) {
        this(storage, offset, dims, strides, true);
    }

    private Tensor(Storage storage, int offset, int[] dims, int[] strides, boolean scoped) {
        this(storage, offset, Shape.of(dims), dims, strides, scoped);
    }

    private Tensor(Storage storage, int offset, Shape shape, int[] dims, int[] strides, boolean scoped) {
        this.storage = storage;
        this.offset = offset;
        this.dims = dims;
        this.strides = strides;
        this.shape = shape;
        storage.retain();
        if (scoped) {
            MemoryScope.register(this);
        }
    }

    // ------------------------------------------------------------------ creation

    /** A FLOAT32 tensor of the given shape holding a copy of {@code data} in row-major order. */
    public static Tensor of(float[] data, int... shape) {
        Tensor t = empty(Backends.current(), DType.FLOAT32, checkLength(data.length, shape));
        t.storage.backend.upload(data, t.storage.buffer);
        return t;
    }

    /** A FLOAT64 tensor of the given shape holding a copy of {@code data} in row-major order. */
    public static Tensor of(double[] data, int... shape) {
        Tensor t = empty(Backends.current(), DType.FLOAT64, checkLength(data.length, shape));
        t.storage.backend.upload(data, t.storage.buffer);
        return t;
    }

    /** An INT32 tensor of the given shape holding a copy of {@code data} in row-major order. */
    public static Tensor of(int[] data, int... shape) {
        Tensor t = empty(Backends.current(), DType.INT32, checkLength(data.length, shape));
        t.storage.backend.upload(data, t.storage.buffer);
        return t;
    }

    /** A rank-0 FLOAT64 tensor. */
    public static Tensor scalar(double value) {
        return full(DType.FLOAT64, value);
    }

    /** A rank-0 tensor of the given dtype ({@code value} converted as {@link #to(DType)} does). */
    public static Tensor scalar(DType dtype, double value) {
        return full(dtype, value);
    }

    /** A tensor of zeros. */
    public static Tensor zeros(DType dtype, int... shape) {
        return empty(Backends.current(), dtype, Shape.of(shape).dims());
    }

    /** A tensor of ones. */
    public static Tensor ones(DType dtype, int... shape) {
        return full(dtype, 1.0, shape);
    }

    /** A tensor with every element {@code value} (converted to the dtype). */
    public static Tensor full(DType dtype, double value, int... shape) {
        return full0(Backends.current(), dtype, value, Shape.of(shape).dims());
    }

    /** INT32 {@code [0, 1, ..., n-1]}, numpy's {@code arange(n)}. */
    public static Tensor arange(int n) {
        if (n < 0) {
            throw new IllegalArgumentException("arange(" + n + "): the length must be >= 0");
        }
        int[] v = new int[n];
        for (int i = 0; i < n; i++) {
            v[i] = i;
        }
        return of(v, n);
    }

    /**
     * {@code start, start+step, ...} below {@code stop} (above it for a negative step), numpy's
     * {@code arange(start, stop, step, dtype)}: {@code ceil((stop-start)/step)} elements, element i being
     * {@code start + i*step}.
     */
    public static Tensor arange(DType dtype, double start, double stop, double step) {
        if (step == 0 || Double.isNaN(step) || !Double.isFinite(start) || !Double.isFinite(stop)) {
            throw new IllegalArgumentException("arange(" + start + ", " + stop + ", " + step
                    + "): start and stop must be finite and step non-zero");
        }
        double count = Math.ceil((stop - start) / step);
        if (count > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("arange(" + start + ", " + stop + ", " + step + "): "
                    + count + " elements is too many");
        }
        int n = (int) Math.max(0, count);
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = start + i * step;
        }
        Tensor d = of(v, n);
        if (dtype == DType.FLOAT64) {
            return d;
        }
        try (d) {
            return d.to(dtype);
        }
    }

    /** The n x n identity matrix. */
    public static Tensor eye(DType dtype, int n) {
        if (n < 0) {
            throw new IllegalArgumentException("eye(" + n + "): the size must be >= 0");
        }
        return eyeOn(Backends.current(), dtype, n);
    }

    private static int[] checkLength(int length, int[] shape) {
        Shape s = Shape.of(shape);
        if (s.size() != length) {
            throw new IllegalArgumentException("Tensor.of: " + length + " values for shape " + s + ", which needs "
                    + s.size());
        }
        return s.dims();
    }

    static Tensor empty(Backend backend, DType dtype, int[] dims) {
        return allocated(backend, dtype, dims, true);
    }

    /** {@link #empty} for the output of a backend operation that writes every element (see allocateForOverwrite). */
    private static Tensor output(Backend backend, DType dtype, int[] dims) {
        return allocated(backend, dtype, dims, false);
    }

    private static Tensor allocated(Backend backend, DType dtype, int[] dims, boolean zeroed) {
        Shape shape = Shape.of(dims);
        int n = shape.size();
        Storage s = new Storage(backend, zeroed ? backend.allocate(dtype, n) : backend.allocateForOverwrite(dtype, n));
        return new Tensor(s, 0, shape, dims, shape.contiguousStrides(), true);
    }

    // ------------------------------------------------------------------ reading

    /** The dimensions. */
    public Shape shape() {
        return shape;
    }

    /** The element type. */
    public DType dtype() {
        return storage.buffer.dtype();
    }

    /** Number of dimensions. */
    public int rank() {
        return dims.length;
    }

    /** Number of elements. */
    public int size() {
        return shape.size();
    }

    /** The backend this tensor's memory lives on. */
    public Backend backend() {
        return storage.backend;
    }

    /** The elements in row-major order as floats (converted from other dtypes as {@link #to} does). */
    public float[] toFloatArray() {
        checkOpen();
        float[] out = new float[size()];
        Tensor c = packed(DType.FLOAT32);
        storage.backend.download(c.storage.buffer, out);
        c.closeIfNot(this);
        return out;
    }

    /** The elements in row-major order as doubles. */
    public double[] toDoubleArray() {
        checkOpen();
        double[] out = new double[size()];
        Tensor c = packed(DType.FLOAT64);
        storage.backend.download(c.storage.buffer, out);
        c.closeIfNot(this);
        return out;
    }

    /** The elements in row-major order as ints (floating values truncated toward zero, NaN as 0). */
    public int[] toIntArray() {
        checkOpen();
        int[] out = new int[size()];
        Tensor c = packed(DType.INT32);
        storage.backend.download(c.storage.buffer, out);
        c.closeIfNot(this);
        return out;
    }

    /**
     * The single element of a one-element tensor, as a double.
     *
     * @throws IllegalStateException when the tensor has more or fewer than one element
     */
    public double item() {
        if (size() != 1) {
            throw new IllegalStateException("item() needs exactly one element, the tensor has shape " + shape
                    + " (" + size() + " elements)");
        }
        return toDoubleArray()[0];
    }

    /** This tensor converted to {@code dtype} (a new tensor even when the dtype is the same). */
    public Tensor to(DType dtype) {
        checkOpen();
        Tensor out = output(storage.backend, dtype, dims);
        storage.backend.copy(view(), out.view());
        if (dtype.isFloating() && recording(this)) {
            out.record((g, needed) -> new Tensor[] {g}, new Tensor[] {this});
        }
        return out;
    }

    /** A contiguous, zero-offset tensor of this dtype holding exactly this tensor's elements. */
    private Tensor packed(DType dtype) {
        if (dtype == dtype() && coversItsBuffer()) {
            return this;
        }
        return to(dtype);
    }

    /** Whether this tensor's elements are its whole buffer, in row-major order from its start. */
    private boolean coversItsBuffer() {
        return offset == 0 && isContiguous() && storage.buffer.length() == size();
    }

    private boolean isContiguous() {
        int expected = 1;
        for (int i = dims.length - 1; i >= 0; i--) {
            if (dims[i] != 1 && strides[i] != expected) {
                return false;
            }
            expected *= dims[i];
        }
        return true;
    }

    /** numpy's {@code str()} of the array, shortened with {@code ...} for more than 1000 elements. */
    @Override
    public String toString() {
        if (closed) {
            return "Tensor(closed, " + shape + ", " + dtype() + ")";
        }
        return TensorFormat.format(this);
    }

    // ------------------------------------------------------------------ memory

    /** Frees this tensor's hold on its memory; the memory goes when no view of it remains. Idempotent. */
    @Override
    public void close() {
        if (!closed) {
            closed = true;
            storage.release();
            if (gradient != null) {
                gradient.close();
                gradient = null;
            }
        }
    }

    /** Whether {@link #close()} has been called. */
    public boolean isClosed() {
        return closed;
    }

    private void closeIfNot(Tensor keep) {
        if (this != keep) {
            close();
        }
    }

    private void checkOpen() {
        if (closed) {
            throw new IllegalStateException("tensor " + shape + " " + dtype() + " is closed");
        }
    }

    View view() {
        return new View(storage.buffer, offset, dims, strides);
    }

    /** A view of this tensor broadcast to {@code target} (already checked compatible): stride 0 where it grows. */
    private View broadcastView(int[] target) {
        if (Arrays.equals(target, dims)) {
            return view();
        }
        int lead = target.length - dims.length;
        int[] st = new int[target.length];
        for (int i = 0; i < dims.length; i++) {
            st[lead + i] = dims[i] == target[lead + i] ? strides[i] : 0;
        }
        return new View(storage.buffer, offset, target, st);
    }

    private Tensor newView(int newOffset, int[] newDims, int[] newStrides) {
        checkOpen();
        return new Tensor(storage, newOffset, newDims, newStrides);
    }

    private void checkSameBackend(String op, Tensor other) {
        other.checkOpen();
        if (other.storage.backend != storage.backend) {
            throw new IllegalArgumentException(op + ": operands live on different backends ("
                    + storage.backend.name() + " and " + other.storage.backend.name() + ")");
        }
    }

    // ------------------------------------------------------------------ autograd

    /**
     * A new leaf tensor over the same memory that tracks gradients: operations on it record how to
     * differentiate themselves, and {@link #backward()} on a result fills its {@link #grad()}. Use it for
     * parameters (Course 1, week 2, 2.9 Logistic regression gradient descent). Floating dtypes only.
     * Like its gradient, the leaf belongs to no {@link MemoryScope}: parameters outlive training steps, so close
     * it (or its module) when done.
     */
    public Tensor requiresGrad() {
        checkOpen();
        if (!dtype().isFloating()) {
            throw new IllegalArgumentException("requiresGrad: only FLOAT32 and FLOAT64 tensors have gradients, got "
                    + dtype() + " " + shape);
        }
        Tensor t = new Tensor(storage, offset, dims, strides, false);
        t.requiresGrad = true;
        t.leaf = true;
        return t;
    }

    /** Whether gradients flow to this tensor (a leaf made by {@link #requiresGrad()} or a result of one). */
    public boolean tracksGrad() {
        return requiresGrad;
    }

    /** A tensor over the same memory that is cut from the autograd graph: no gradient flows through it. */
    public Tensor detach() {
        return newView(offset, dims, strides);
    }

    /**
     * The gradient accumulated in this leaf by {@link #backward()} calls, or null before the first. It has this
     * tensor's shape and dtype, belongs to the leaf (no {@link MemoryScope} frees it) and is reused by later
     * calls: {@link #zeroGrad()} resets it, {@link #clearGrad()} drops it.
     */
    public Tensor grad() {
        return gradient;
    }

    /** Sets the accumulated gradient to zero (keeping its memory for the next step). */
    public void zeroGrad() {
        if (gradient != null) {
            gradient.storage.backend.fill(gradient.view(), 0.0);
        }
    }

    /**
     * Drops the accumulated gradient and frees its memory (the tensor {@link #grad()} returned is closed): grad()
     * is null until the next {@link #backward()}, which then writes the gradient afresh instead of adding it to
     * zeros, PyTorch's {@code zero_grad(set_to_none=True)}. Before a step's backward pass this saves two passes
     * over the gradient that {@link #zeroGrad()} costs (filling it, then reading the zeros back).
     */
    public void clearGrad() {
        if (gradient != null) {
            gradient.close();
            gradient = null;
        }
    }

    /**
     * Back-propagation (Course 1, week 3, 3.9-3.10 Gradient descent and backpropagation intuition): computes
     * d(this)/d(leaf) for every leaf this one-element tensor depends on and adds it to the leaf's
     * {@link #grad()}. The graph is freed as it is walked, so call it once per forward pass.
     *
     * @throws IllegalStateException when this tensor does not track gradients, has more than one element, or
     *     its graph was already used by an earlier backward()
     */
    public void backward() {
        checkOpen();
        if (!requiresGrad) {
            throw new IllegalStateException("backward() on a tensor " + shape + " that does not track gradients: "
                    + "make the parameters with requiresGrad() and compute it outside Autograd.noGrad()");
        }
        if (size() != 1) {
            throw new IllegalStateException("backward() needs a one-element tensor such as a loss, got shape " + shape);
        }
        if (node == null && !leaf) {
            throw new IllegalStateException("backward(): the graph of this tensor was already freed by an earlier "
                    + "backward()");
        }
        List<Tensor> order = topologicalOrder(this);
        java.util.IdentityHashMap<Tensor, Tensor> grads = new java.util.IdentityHashMap<>();
        Autograd.NoGrad off = Autograd.noGrad();
        try {
            grads.put(this, full0(storage.backend, dtype(), 1.0, dims));
            for (int i = order.size() - 1; i >= 0; i--) {
                Tensor t = order.get(i);
                Tensor g = grads.remove(t);
                GradNode n = t.node;
                if (n == null) {
                    if (g != null) {
                        t.accumulate(g);
                        g.close();
                    }
                    continue;
                }
                t.node = null;
                if (g != null) {
                    propagate(n, g, grads);
                    g.close();
                }
                n.release();
            }
        } finally {
            off.close();
        }
    }

    private static void propagate(GradNode n, Tensor g, java.util.IdentityHashMap<Tensor, Tensor> grads) {
        boolean[] needed = new boolean[n.inputs.length];
        for (int j = 0; j < needed.length; j++) {
            needed[j] = n.inputs[j] != null && n.inputs[j].requiresGrad;
        }
        try (MemoryScope scope = MemoryScope.open()) {
            Tensor[] gi = n.rule.apply(g, needed);
            for (int j = 0; j < needed.length; j++) {
                if (!needed[j] || gi[j] == null) {
                    continue;
                }
                Tensor input = n.inputs[j];
                Tensor delivered = gi[j].deliverTo(input);
                Tensor previous = grads.get(input);
                Tensor total = previous == null ? delivered : previous.add(delivered);
                scope.keep(total);
                grads.put(input, total);
                if (previous != null) {
                    previous.close();
                }
            }
        }
    }

    /** This gradient summed over broadcast axes to {@code input}'s shape and converted to its dtype: a new tensor. */
    private Tensor deliverTo(Tensor input) {
        Tensor g = this;
        int lead = g.dims.length - input.dims.length;
        for (int i = 0; i < lead; i++) {
            g = g.sum(0, false);
        }
        for (int i = 0; i < input.dims.length; i++) {
            if (input.dims[i] == 1 && g.dims[i] != 1) {
                g = g.sum(i, true);
            }
        }
        if (g.dtype() != input.dtype()) {
            g = g.to(input.dtype());
        }
        return g == this ? newView(offset, dims, strides) : g;
    }

    private void accumulate(Tensor g) {
        if (!leaf) {
            return;
        }
        if (gradient == null) {
            if (g.storage.soleOwner() && g.coversItsBuffer() && g.storage.backend == storage.backend) {
                // The first gradient is a temporary nothing else holds (the caller closes g next): keep its memory.
                gradient = new Tensor(g.storage, 0, dims, g.strides, false);
                return;
            }
            Storage s = new Storage(storage.backend, storage.backend.allocateForOverwrite(dtype(), size()));
            gradient = new Tensor(s, 0, dims, shape.contiguousStrides(), false);
        } else {
            // g has the leaf's shape and dtype (deliverTo): add in place, without a temporary the size of the leaf.
            View acc = gradient.view();
            storage.backend.binary(BinaryOp.ADD, acc, g.view(), acc);
            return;
        }
        storage.backend.copy(g.broadcastView(dims), gradient.view());
    }

    private static List<Tensor> topologicalOrder(Tensor root) {
        List<Tensor> order = new java.util.ArrayList<>();
        java.util.Set<Tensor> seen = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
        java.util.ArrayDeque<Tensor> stack = new java.util.ArrayDeque<>();
        java.util.ArrayDeque<Integer> next = new java.util.ArrayDeque<>();
        stack.push(root);
        next.push(0);
        seen.add(root);
        while (!stack.isEmpty()) {
            Tensor t = stack.peek();
            int i = next.pop();
            Tensor[] inputs = t.node == null ? new Tensor[0] : t.node.inputs;
            while (i < inputs.length && (inputs[i] == null || !inputs[i].requiresGrad || seen.contains(inputs[i]))) {
                i++;
            }
            if (i < inputs.length) {
                next.push(i + 1);
                seen.add(inputs[i]);
                stack.push(inputs[i]);
                next.push(0);
            } else {
                stack.pop();
                order.add(t);
            }
        }
        return order;
    }

    /**
     * Writes {@code value} (broadcast to this shape, converted to this dtype) into this tensor's memory,
     * visible through every view of it. This is the one in-place operation, for optimizers and running
     * statistics; it is not recorded, and only leaves (tensors not computed by a recorded operation) accept it.
     *
     * @throws IllegalStateException when this tensor is the result of a recorded operation
     */
    public void assign(Tensor value) {
        checkWritableFrom("assign", value);
        if (value.storage == storage) {
            try (Tensor detached = value.detach(); Tensor copy = detached.to(value.dtype())) {
                storage.backend.copy(copy.broadcastView(dims), view());
            }
        } else {
            storage.backend.copy(value.broadcastView(dims), view());
        }
    }

    /**
     * Adds {@code scale * value} (broadcast to this shape, converted to this dtype) to this tensor's memory in
     * place: an optimizer's update {@code θ := θ - α dθ} is {@code theta.assignAdd(grad, -alpha)}, without the
     * temporaries the size of the parameter that {@code theta.assign(theta.sub(grad.mul(alpha)))} makes. The
     * sum is rounded as that expression rounds it ({@code θ + (-α dθ)} equals {@code θ - α dθ} exactly), so
     * results are the same to the last bit. Like {@link #assign}, not recorded, and only leaves accept it.
     *
     * @throws IllegalStateException when this tensor is the result of a recorded operation
     * @throws ShapeMismatchException when {@code value} does not broadcast to this shape
     */
    public void assignAdd(Tensor value, double scale) {
        checkWritableFrom("assignAdd", value);
        if (scale != 1 && value.dtype() == dtype() && dtype().isFloating() && value.storage != storage) {
            // One pass, product rounded before the sum: the same bits as the expression, without its temporary.
            try (Tensor s = full0(storage.backend, dtype(), scale, new int[0])) {
                View target = view();
                storage.backend.mulAdd(value.broadcastView(dims), s.broadcastView(dims), target, target);
            }
            return;
        }
        try (Autograd.NoGrad off = Autograd.noGrad();
                Tensor scaled = scale == 1 && value.storage != storage ? value.detach() : value.mul(scale)) {
            Tensor converted = scaled.dtype() == dtype() ? scaled : scaled.to(dtype());
            try {
                View target = view();
                storage.backend.binary(BinaryOp.ADD, target, converted.broadcastView(dims), target);
            } finally {
                converted.closeIfNot(scaled);
            }
        }
    }

    /** The checks of an in-place write of {@code value} into this tensor by {@code op}. */
    private void checkWritableFrom(String op, Tensor value) {
        checkOpen();
        checkSameBackend(op, value);
        if (node != null) {
            throw new IllegalStateException(op + ": " + shape + " is computed by a recorded operation; only leaves "
                    + "(parameters, buffers) can be written in place");
        }
        Shape b = Shape.broadcast(value.shape, shape);
        if (b == null || !b.equals(shape)) {
            throw new ShapeMismatchException(op + " " + value.shape + " into " + shape
                    + ": the value must broadcast to the target's shape");
        }
    }

    private static boolean recording(Tensor... inputs) {
        boolean any = false;
        for (Tensor t : inputs) {
            any |= t != null && t.requiresGrad;
        }
        return any && Autograd.isEnabled();
    }

    private static boolean recording(Tensor input) {
        return input.requiresGrad && Autograd.isEnabled();
    }

    /** Makes this result a node of the graph over {@code inputs}; {@code saved} are views its rule reads. */
    private void record(GradNode.Rule rule, Tensor[] inputs, Tensor... saved) {
        requiresGrad = true;
        node = new GradNode(inputs, rule, saved);
    }

    /** A view of this tensor's data for a gradient rule: it keeps the memory alive even if this tensor is closed. */
    private Tensor save() {
        // unscoped: a loss kept out of a MemoryScope must still be able to run backward()
        return new Tensor(storage, offset, dims, strides, false);
    }

    // ------------------------------------------------------------------ elementwise

    /** {@code this + other}, broadcasting. */
    public Tensor add(Tensor other) {
        return binary("add", BinaryOp.ADD, other);
    }

    /** {@code this + value}. */
    public Tensor add(double value) {
        return binaryScalar("add", BinaryOp.ADD, value);
    }

    /** {@code this - other}, broadcasting. */
    public Tensor sub(Tensor other) {
        return binary("sub", BinaryOp.SUB, other);
    }

    /** {@code this - value}. */
    public Tensor sub(double value) {
        return binaryScalar("sub", BinaryOp.SUB, value);
    }

    /** {@code this * other}, broadcasting. */
    public Tensor mul(Tensor other) {
        return binary("mul", BinaryOp.MUL, other);
    }

    /** {@code this * value}. */
    public Tensor mul(double value) {
        return binaryScalar("mul", BinaryOp.MUL, value);
    }

    /** {@code this / other}, broadcasting; for INT32, floor division with x/0 = 0 (numpy's {@code //}). */
    public Tensor div(Tensor other) {
        return binary("div", BinaryOp.DIV, other);
    }

    /** {@code this / value}. */
    public Tensor div(double value) {
        return binaryScalar("div", BinaryOp.DIV, value);
    }

    /** {@code this ** other}, broadcasting. */
    public Tensor pow(Tensor other) {
        return binary("pow", BinaryOp.POW, other);
    }

    /** {@code this ** exponent}. */
    public Tensor pow(double exponent) {
        return binaryScalar("pow", BinaryOp.POW, exponent);
    }

    /** Elementwise maximum, NaN if either is NaN (numpy's {@code maximum}). */
    public Tensor maximum(Tensor other) {
        return binary("maximum", BinaryOp.MAXIMUM, other);
    }

    /** Elementwise {@code max(this, value)}. */
    public Tensor maximum(double value) {
        return binaryScalar("maximum", BinaryOp.MAXIMUM, value);
    }

    /** Elementwise minimum, NaN if either is NaN (numpy's {@code minimum}). */
    public Tensor minimum(Tensor other) {
        return binary("minimum", BinaryOp.MINIMUM, other);
    }

    /** Elementwise {@code min(this, value)}. */
    public Tensor minimum(double value) {
        return binaryScalar("minimum", BinaryOp.MINIMUM, value);
    }

    /** 1 where {@code this == other}, else 0, in the operands' dtype. */
    public Tensor eq(Tensor other) {
        return binary("eq", BinaryOp.EQ, other);
    }

    /** 1 where {@code this == value}, else 0. */
    public Tensor eq(double value) {
        return binaryScalar("eq", BinaryOp.EQ, value);
    }

    /** 1 where {@code this != other}, else 0. */
    public Tensor ne(Tensor other) {
        return binary("ne", BinaryOp.NE, other);
    }

    /** 1 where {@code this != value}, else 0. */
    public Tensor ne(double value) {
        return binaryScalar("ne", BinaryOp.NE, value);
    }

    /** 1 where {@code this > other}, else 0. */
    public Tensor gt(Tensor other) {
        return binary("gt", BinaryOp.GT, other);
    }

    /** 1 where {@code this > value}, else 0. */
    public Tensor gt(double value) {
        return binaryScalar("gt", BinaryOp.GT, value);
    }

    /** 1 where {@code this >= other}, else 0. */
    public Tensor ge(Tensor other) {
        return binary("ge", BinaryOp.GE, other);
    }

    /** 1 where {@code this >= value}, else 0. */
    public Tensor ge(double value) {
        return binaryScalar("ge", BinaryOp.GE, value);
    }

    /** 1 where {@code this < other}, else 0. */
    public Tensor lt(Tensor other) {
        return binary("lt", BinaryOp.LT, other);
    }

    /** 1 where {@code this < value}, else 0. */
    public Tensor lt(double value) {
        return binaryScalar("lt", BinaryOp.LT, value);
    }

    /** 1 where {@code this <= other}, else 0. */
    public Tensor le(Tensor other) {
        return binary("le", BinaryOp.LE, other);
    }

    /** 1 where {@code this <= value}, else 0. */
    public Tensor le(double value) {
        return binaryScalar("le", BinaryOp.LE, value);
    }

    /** {@code -this}. */
    public Tensor neg() {
        return unary("neg", UnaryOp.NEG);
    }

    /** {@code e^this}. */
    public Tensor exp() {
        return unary("exp", UnaryOp.EXP);
    }

    /** Natural logarithm. */
    public Tensor log() {
        return unary("log", UnaryOp.LOG);
    }

    /** {@code ln(1 + this)}, accurate near 0. */
    public Tensor log1p() {
        return unary("log1p", UnaryOp.LOG1P);
    }

    /** {@code e^this - 1}, accurate near 0. */
    public Tensor expm1() {
        return unary("expm1", UnaryOp.EXPM1);
    }

    /** Square root. */
    public Tensor sqrt() {
        return unary("sqrt", UnaryOp.SQRT);
    }

    /** Absolute value. */
    public Tensor abs() {
        return unary("abs", UnaryOp.ABS);
    }

    /** -1, 0 or 1 by the sign of each element. */
    public Tensor sign() {
        return unary("sign", UnaryOp.SIGN);
    }

    /** {@code this * this}. */
    public Tensor square() {
        return unary("square", UnaryOp.SQUARE);
    }

    /** {@code 1 / this}. */
    public Tensor reciprocal() {
        return unary("reciprocal", UnaryOp.RECIPROCAL);
    }

    /** Hyperbolic tangent (Course 1, week 3, 3.6 Activation functions). */
    public Tensor tanh() {
        return unary("tanh", UnaryOp.TANH);
    }

    /** The logistic function {@code 1/(1+e^-x)}, stable for any input (Course 1, week 2, 2.2 Logistic regression). */
    public Tensor sigmoid() {
        return unary("sigmoid", UnaryOp.SIGMOID);
    }

    /** {@code ln(1 + e^x)}, finite for every finite input. */
    public Tensor softplus() {
        return unary("softplus", UnaryOp.SOFTPLUS);
    }

    /** {@code ln(sigmoid(x))} computed as {@code -softplus(-x)}: about -1000, not -Inf, for x = -1000. */
    public Tensor logSigmoid() {
        try (Tensor n = neg(); Tensor s = n.softplus()) {
            return s.neg();
        }
    }

    /** {@code max(x, 0)} (Course 1, week 3, 3.6 Activation functions). */
    public Tensor relu() {
        return unary("relu", UnaryOp.RELU);
    }

    /** {@code x} where positive, {@code alpha * x} elsewhere (Course 1, week 3, 3.6 Activation functions). */
    public Tensor leakyRelu(double alpha) {
        try (Tensor positive = gt(0.0); Tensor scaled = mul(alpha)) {
            return where(positive, this, scaled);
        }
    }

    /** Each element limited to {@code [low, high]}; NaN stays NaN. */
    public Tensor clip(double low, double high) {
        if (!(low <= high)) {
            throw new IllegalArgumentException("clip(" + low + ", " + high + "): low must be <= high");
        }
        try (Tensor lower = maximum(low)) {
            return lower.minimum(high);
        }
    }

    /**
     * {@code a} where {@code cond} is non-zero, {@code b} elsewhere, all three broadcast together.
     * {@code cond} may have any dtype; {@code a} and {@code b} combine as in {@link #add}.
     */
    public static Tensor where(Tensor cond, Tensor a, Tensor b) {
        cond.checkOpen();
        a.checkSameBackend("where", cond);
        a.checkSameBackend("where", b);
        DType dt = DType.promote("where", a.dtype(), b.dtype());
        Shape ab = Shape.broadcast(a.shape, b.shape);
        Shape out = ab == null ? null : Shape.broadcast(cond.shape, ab);
        if (out == null) {
            throw new ShapeMismatchException("where: cond " + cond.shape + ", a " + a.shape + " and b " + b.shape
                    + " do not broadcast together");
        }
        int[] o = out.dims();
        Tensor ac = a.promoted(dt);
        Tensor bc = b.promoted(dt);
        Tensor r = output(a.storage.backend, dt, o);
        a.storage.backend.where(cond.broadcastView(o), ac.broadcastView(o), bc.broadcastView(o), r.view());
        if (recording(a, b)) {
            Tensor c = cond.save();
            r.record((g, needed) -> {
                try (Tensor zero = zerosLike(g)) {
                    return new Tensor[] {needed[0] ? where(c, g, zero) : null, needed[1] ? where(c, zero, g) : null};
                }
            }, new Tensor[] {a, b}, c);
        }
        ac.closeIfNot(a);
        bc.closeIfNot(b);
        return r;
    }

    private Tensor promoted(DType dt) {
        return dtype() == dt ? this : to(dt);
    }

    private Tensor unary(String name, UnaryOp op) {
        checkOpen();
        if (!op.definedForIntegers() && dtype() == DType.INT32) {
            throw new IllegalArgumentException(name + " is defined for FLOAT32 and FLOAT64, got INT32 " + shape
                    + "; convert with to(DType.FLOAT64) first");
        }
        Tensor r = output(storage.backend, dtype(), dims);
        storage.backend.unary(op, view(), r.view());
        if (recording(this)) {
            Tensor x = save();
            Tensor y = r.save();
            r.record((g, needed) -> new Tensor[] {Derivatives.unary(op, x, y, g)}, new Tensor[] {this}, x, y);
        }
        return r;
    }

    private Tensor binary(String name, BinaryOp op, Tensor other) {
        checkOpen();
        checkSameBackend(name, other);
        DType dt = DType.promote(name, dtype(), other.dtype());
        Shape out = Shape.broadcast(shape, other.shape);
        if (out == null) {
            throw new ShapeMismatchException(name + " " + shape + " and " + other.shape
                    + ": shapes do not broadcast (trailing dimensions must be equal or 1)");
        }
        int[] o = out.dims();
        Tensor a = promoted(dt);
        Tensor b = other.promoted(dt);
        Tensor r = output(storage.backend, dt, o);
        storage.backend.binary(op, a.broadcastView(o), b.broadcastView(o), r.view());
        if (recording(this, other) && !isComparison(op)) {
            Tensor sa = a.save();
            Tensor sb = b.save();
            Tensor y = r.save();
            r.record((g, needed) -> Derivatives.binary(op, sa, sb, y, g, needed), new Tensor[] {this, other},
                    sa, sb, y);
        }
        a.closeIfNot(this);
        b.closeIfNot(other);
        return r;
    }

    private static boolean isComparison(BinaryOp op) {
        return switch (op) {
            case EQ, NE, GT, GE, LT, LE -> true;
            case ADD, SUB, MUL, DIV, POW, MAXIMUM, MINIMUM -> false;
        };
    }

    private Tensor binaryScalar(String name, BinaryOp op, double value) {
        checkOpen();
        if (dtype() == DType.INT32 && value != Math.rint(value)) {
            throw new IllegalArgumentException(name + ": INT32 tensor with non-integer scalar " + value
                    + "; convert with to(DType.FLOAT64) first");
        }
        try (Tensor s = empty(storage.backend, dtype(), new int[0])) {
            storage.backend.fill(s.view(), value);
            return binary(name, op, s);
        }
    }

    // ------------------------------------------------------------------ reductions

    /** The sum of all elements, rank 0 (0 for an empty tensor). */
    public Tensor sum() {
        return reduceAll("sum", ReduceOp.SUM);
    }

    /** The sum along {@code axis}; {@code keepDims} keeps that axis with size 1. */
    public Tensor sum(int axis, boolean keepDims) {
        return reduce("sum", ReduceOp.SUM, axis, keepDims);
    }

    /** The largest element, rank 0; NaN if any element is NaN. */
    public Tensor max() {
        return reduceAll("max", ReduceOp.MAX);
    }

    /** The largest element along {@code axis}. */
    public Tensor max(int axis, boolean keepDims) {
        return reduce("max", ReduceOp.MAX, axis, keepDims);
    }

    /** The smallest element, rank 0; NaN if any element is NaN. */
    public Tensor min() {
        return reduceAll("min", ReduceOp.MIN);
    }

    /** The smallest element along {@code axis}. */
    public Tensor min(int axis, boolean keepDims) {
        return reduce("min", ReduceOp.MIN, axis, keepDims);
    }

    /** INT32 index of the first largest element along {@code axis} (of the first NaN, if any). */
    public Tensor argmax(int axis) {
        return reduce("argmax", ReduceOp.ARGMAX, axis, false);
    }

    /** INT32 index of the first smallest element along {@code axis} (of the first NaN, if any). */
    public Tensor argmin(int axis) {
        return reduce("argmin", ReduceOp.ARGMIN, axis, false);
    }

    /** The mean of all elements, rank 0 (NaN for an empty tensor); INT32 input gives FLOAT64, as numpy. */
    public Tensor mean() {
        try (Tensor f = floating(); Tensor s = f.sum()) {
            return s.div(size());
        }
    }

    /** The mean along {@code axis}. */
    public Tensor mean(int axis, boolean keepDims) {
        int n = dims[Shape.normalizeAxis(axis, dims.length, "mean", shape)];
        try (Tensor f = floating(); Tensor s = f.sum(axis, keepDims)) {
            return s.div(n);
        }
    }

    /** The population variance ({@code ddof = 0}, numpy's default) of all elements. */
    public Tensor var() {
        try (Tensor f = floating(); Tensor m = f.mean(); Tensor d = f.sub(m); Tensor d2 = d.square()) {
            return d2.mean();
        }
    }

    /** The population variance along {@code axis}. */
    public Tensor var(int axis, boolean keepDims) {
        Shape.normalizeAxis(axis, dims.length, "var", shape);
        try (Tensor f = floating(); Tensor m = f.mean(axis, true); Tensor d = f.sub(m); Tensor d2 = d.square()) {
            return d2.mean(axis, keepDims);
        }
    }

    /** The population standard deviation of all elements. */
    public Tensor std() {
        try (Tensor v = var()) {
            return v.sqrt();
        }
    }

    /** The population standard deviation along {@code axis}. */
    public Tensor std(int axis, boolean keepDims) {
        Shape.normalizeAxis(axis, dims.length, "std", shape);
        try (Tensor v = var(axis, keepDims)) {
            return v.sqrt();
        }
    }

    private Tensor floating() {
        checkOpen();
        return dtype() == DType.INT32 ? to(DType.FLOAT64) : alias();
    }

    /** A new tensor object over the same elements, connected to this one in the autograd graph. */
    private Tensor alias() {
        Tensor t = newView(offset, dims, strides);
        if (recording(this)) {
            t.record((g, needed) -> new Tensor[] {g}, new Tensor[] {this});
        }
        return t;
    }

    private Tensor reduce(String name, ReduceOp op, int axis, boolean keepDims) {
        checkOpen();
        int ax = Shape.normalizeAxis(axis, dims.length, name, shape);
        if (op != ReduceOp.SUM && dims[ax] == 0) {
            throw new IllegalArgumentException(name + " along axis " + axis + " of " + shape
                    + ": the axis is empty and " + name + " has no identity");
        }
        int[] kept = dims.clone();
        kept[ax] = 1;
        Tensor r = output(storage.backend, op.isIndex() ? DType.INT32 : dtype(), kept);
        storage.backend.reduce(op, view(), ax, r.view());
        if (!op.isIndex() && recording(this)) {
            int[] inDims = dims;
            if (op == ReduceOp.SUM) {
                r.record((g, needed) -> new Tensor[] {g.broadcastTo(inDims)}, new Tensor[] {this});
            } else {
                Tensor x = save();
                Tensor y = r.save();
                r.record((g, needed) -> {
                    // the gradient goes to the extreme elements, shared evenly between ties
                    Tensor mask = x.eq(y);
                    return new Tensor[] {g.mul(mask).div(mask.sum(ax, true))};
                }, new Tensor[] {this}, x, y);
            }
        }
        if (keepDims) {
            return r;
        }
        try (r) {
            return r.squeeze(ax);
        }
    }

    private Tensor reduceAll(String name, ReduceOp op) {
        checkOpen();
        if (op != ReduceOp.SUM && size() == 0) {
            throw new IllegalArgumentException(name + " of an empty tensor " + shape + ": " + name
                    + " has no identity");
        }
        try (Tensor flat = reshape(size())) {
            return flat.reduce(name, op, 0, false);
        }
    }

    // ------------------------------------------------------------------ linear algebra

    /**
     * The matrix product with numpy's {@code matmul} semantics: 2-D by 2-D is the matrix product; a 1-D
     * operand is a row (on the left) or column (on the right) vector whose axis is dropped from the result;
     * higher ranks are stacks of matrices whose leading (batch) dimensions broadcast. Floating types only
     * (Course 1, week 2, 2.11 Vectorization).
     *
     * @throws ShapeMismatchException when the inner dimensions differ or the batch dimensions do not broadcast
     */
    public Tensor matmul(Tensor other) {
        checkOpen();
        checkSameBackend("matmul", other);
        DType dt = DType.promote("matmul", dtype(), other.dtype());
        if (!dt.isFloating()) {
            throw new IllegalArgumentException("matmul is defined for FLOAT32 and FLOAT64, got " + dt);
        }
        if (rank() == 0 || other.rank() == 0) {
            throw new ShapeMismatchException("matmul " + shape + "x" + other.shape
                    + ": operands must have at least one dimension (use mul for scalars)");
        }
        int[] ad = rank() == 1 ? new int[] {1, dims[0]} : dims;
        int[] as = rank() == 1 ? new int[] {0, strides[0]} : strides;
        int[] bd = other.rank() == 1 ? new int[] {other.dims[0], 1} : other.dims;
        int[] bs = other.rank() == 1 ? new int[] {other.strides[0], 0} : other.strides;
        int m = ad[ad.length - 2];
        int k = ad[ad.length - 1];
        int n = bd[bd.length - 1];
        if (bd[bd.length - 2] != k) {
            throw new ShapeMismatchException("matmul " + shape + "x" + other.shape + ": inner dimensions " + k
                    + " != " + bd[bd.length - 2]);
        }
        Shape batchA = Shape.of(Arrays.copyOf(ad, ad.length - 2));
        Shape batchB = Shape.of(Arrays.copyOf(bd, bd.length - 2));
        Shape batch = Shape.broadcast(batchA, batchB);
        if (batch == null) {
            throw new ShapeMismatchException("matmul " + shape + "x" + other.shape + ": batch dimensions "
                    + batchA + " and " + batchB + " do not broadcast");
        }
        int[] bdims = batch.dims();
        Tensor a = promoted(dt);
        Tensor b = other.promoted(dt);
        // a promoted copy is contiguous: its strides, not the original view's, address it
        if (a != this) {
            as = rank() == 1 ? new int[] {0, a.strides[0]} : a.strides;
        }
        if (b != other) {
            bs = other.rank() == 1 ? new int[] {b.strides[0], 0} : b.strides;
        }
        Operand a3 = Operand.of(a, ad, as, bdims);
        Operand b3 = Operand.of(b, bd, bs, bdims);
        int[] outDims = Arrays.copyOf(bdims, bdims.length + 2);
        outDims[bdims.length] = m;
        outDims[bdims.length + 1] = n;
        Tensor r = output(storage.backend, dt, outDims);
        View out3 = new View(r.storage.buffer, 0, new int[] {batch.size(), m, n}, new int[] {m * n, n, 1});
        storage.backend.matmul(a3.view, false, b3.view, false, out3);
        if (recording(this, other)) {
            Tensor sa = a.save();
            Tensor sb = b.save();
            r.record((g, needed) -> matmulGrad(sa, sb, g, needed), new Tensor[] {this, other}, sa, sb);
        }
        a3.close();
        b3.close();
        a.closeIfNot(this);
        b.closeIfNot(other);
        if (rank() > 1 && other.rank() > 1) {
            return r;
        }
        int[] finalDims = rank() == 1 && other.rank() == 1 ? new int[0]
                : rank() == 1 ? dropAxis(outDims, outDims.length - 2) : dropAxis(outDims, outDims.length - 1);
        try (r) {
            return r.reshape(finalDims);
        }
    }

    /** dL/da = g·bᵀ and dL/db = aᵀ·g in numpy's matmul layout; batch sums happen in backward's delivery. */
    private static Tensor[] matmulGrad(Tensor a, Tensor b, Tensor g, boolean[] needed) {
        Tensor a2 = a.rank() == 1 ? a.unsqueeze(0) : a;
        Tensor b2 = b.rank() == 1 ? b.unsqueeze(-1) : b;
        Tensor ga = null;
        Tensor gb = null;
        if (needed[0]) {
            ga = g.matmul(b2.swapLastTwo());
            if (a.rank() == 1) {
                ga = ga.squeeze(-2);
            }
        }
        if (needed[1]) {
            gb = a2.swapLastTwo().matmul(g);
            if (b.rank() == 1) {
                gb = gb.squeeze(-1);
            }
        }
        return new Tensor[] {ga, gb};
    }

    private Tensor swapLastTwo() {
        int[] perm = new int[dims.length];
        for (int i = 0; i < perm.length; i++) {
            perm[i] = i;
        }
        perm[perm.length - 2] = perm.length - 1;
        perm[perm.length - 1] = perm.length - 2;
        return permute(perm);
    }

    /** A rank-3 {@code (batch, rows, cols)} view of a matmul operand, copied only when its batch axes cannot merge. */
    private record Operand(View view, Tensor copy) {
        static Operand of(Tensor t, int[] matDims, int[] matStrides, int[] batch) {
            int r = matDims.length;
            int rows = matDims[r - 2];
            int cols = matDims[r - 1];
            int lead = batch.length - (r - 2);
            int[] bStrides = new int[batch.length];
            for (int i = 0; i < r - 2; i++) {
                bStrides[lead + i] = matDims[i] == batch[lead + i] ? matStrides[i] : 0;
            }
            int batchSize = Shape.of(batch).size();
            int merged = mergedStride(batch, bStrides);
            if (merged != Integer.MIN_VALUE) {
                return new Operand(new View(t.storage.buffer, t.offset, new int[] {batchSize, rows, cols},
                        new int[] {merged, matStrides[r - 2], matStrides[r - 1]}), null);
            }
            int[] full = Arrays.copyOf(batch, batch.length + 2);
            full[batch.length] = rows;
            full[batch.length + 1] = cols;
            int[] fullStrides = Arrays.copyOf(bStrides, batch.length + 2);
            fullStrides[batch.length] = matStrides[r - 2];
            fullStrides[batch.length + 1] = matStrides[r - 1];
            Tensor c = empty(t.storage.backend, t.dtype(), full);
            t.storage.backend.copy(new View(t.storage.buffer, t.offset, full, fullStrides), c.view());
            return new Operand(new View(c.storage.buffer, 0, new int[] {batchSize, rows, cols},
                    new int[] {rows * cols, cols, 1}), c);
        }

        /** One stride that walks all batch positions in order, or MIN_VALUE when there is none. */
        private static int mergedStride(int[] batch, int[] strides) {
            int stride = 0;
            boolean seen = false;
            for (int i = batch.length - 1; i >= 0; i--) {
                if (batch[i] == 1) {
                    continue;
                }
                if (!seen) {
                    stride = strides[i];
                    seen = true;
                } else if (strides[i] != stride * inner(batch, i)) {
                    return Integer.MIN_VALUE;
                }
            }
            return stride;
        }

        private static int inner(int[] batch, int i) {
            int n = 1;
            for (int j = i + 1; j < batch.length; j++) {
                n *= batch[j];
            }
            return n;
        }

        void close() {
            if (copy != null) {
                copy.close();
            }
        }
    }

    /** The tensor with its axes reversed (numpy's {@code .T}); a view. */
    public Tensor transpose() {
        int[] perm = new int[dims.length];
        for (int i = 0; i < perm.length; i++) {
            perm[i] = perm.length - 1 - i;
        }
        return permute(perm);
    }

    /** The tensor with axes reordered: axis i of the result is axis {@code axes[i]} of this; a view. */
    public Tensor permute(int... axes) {
        checkOpen();
        if (axes.length != dims.length) {
            throw new IllegalArgumentException("permute" + Arrays.toString(axes) + " of " + shape
                    + ": needs one axis per dimension (" + dims.length + ")");
        }
        int[] nd = new int[axes.length];
        int[] ns = new int[axes.length];
        boolean[] used = new boolean[axes.length];
        for (int i = 0; i < axes.length; i++) {
            int a = Shape.normalizeAxis(axes[i], dims.length, "permute", shape);
            if (used[a]) {
                throw new IllegalArgumentException("permute" + Arrays.toString(axes) + " of " + shape
                        + ": axis " + axes[i] + " repeats");
            }
            used[a] = true;
            nd[i] = dims[a];
            ns[i] = strides[a];
        }
        Tensor r = newView(offset, nd, ns);
        if (recording(this)) {
            int[] inverse = new int[axes.length];
            for (int i = 0; i < axes.length; i++) {
                inverse[Shape.normalizeAxis(axes[i], dims.length, null)] = i;
            }
            r.record((g, needed) -> new Tensor[] {g.permute(inverse)}, new Tensor[] {this});
        }
        return r;
    }

    // ------------------------------------------------------------------ shape

    /**
     * The same elements with a new shape; one dimension may be -1 and is then inferred. A view when the
     * layout allows it, a copy otherwise.
     */
    public Tensor reshape(int... newShape) {
        checkOpen();
        int[] nd = newShape.clone();
        int infer = -1;
        long known = 1;
        for (int i = 0; i < nd.length; i++) {
            if (nd[i] == -1) {
                if (infer >= 0) {
                    throw new IllegalArgumentException("reshape " + shape + " to " + Shape.toString(newShape)
                            + ": only one dimension may be -1");
                }
                infer = i;
            } else if (nd[i] < 0) {
                throw new IllegalArgumentException("reshape " + shape + " to " + Shape.toString(newShape)
                        + ": negative dimension " + nd[i]);
            } else {
                known *= nd[i];
            }
        }
        if (infer >= 0) {
            if (known == 0 || size() % known != 0) {
                throw new ShapeMismatchException("reshape " + shape + " (" + size() + " elements) to "
                        + Shape.toString(newShape) + ": cannot infer the -1 dimension");
            }
            nd[infer] = (int) (size() / known);
            known *= nd[infer];
        }
        if (known != size()) {
            throw new ShapeMismatchException("reshape " + shape + " (" + size() + " elements) to "
                    + Shape.toString(newShape) + " (" + known + " elements)");
        }
        int[] ns = Strides.reshape(dims, strides, nd);
        if (ns != null) {
            return reshapedView(offset, nd, ns);
        }
        try (Tensor c = to(dtype())) {
            return c.reshape(nd);
        }
    }

    /** A view with other dimensions over the same elements in the same order (reshape, squeeze, unsqueeze). */
    private Tensor reshapedView(int newOffset, int[] nd, int[] ns) {
        Tensor r = newView(newOffset, nd, ns);
        if (recording(this)) {
            int[] inDims = dims;
            r.record((g, needed) -> new Tensor[] {g.reshape(inDims)}, new Tensor[] {this});
        }
        return r;
    }

    /** The elements as one dimension. */
    public Tensor flatten() {
        return reshape(size());
    }

    /**
     * The tensor without {@code axis}, which must have size 1.
     *
     * @throws ShapeMismatchException when the axis has another size
     */
    public Tensor squeeze(int axis) {
        checkOpen();
        int a = Shape.normalizeAxis(axis, dims.length, "squeeze", shape);
        if (dims[a] != 1) {
            throw new ShapeMismatchException("squeeze axis " + axis + " of " + shape + ": the axis has size "
                    + dims[a] + ", not 1");
        }
        return reshapedView(offset, dropAxis(dims, a), dropAxis(strides, a));
    }

    /** The tensor with a new axis of size 1 at {@code axis} (in {@code [-rank-1, rank]}). */
    public Tensor unsqueeze(int axis) {
        checkOpen();
        int a = Shape.normalizeAxis(axis, dims.length + 1, "unsqueeze", shape);
        int[] nd = new int[dims.length + 1];
        int[] ns = new int[dims.length + 1];
        for (int i = 0, j = 0; i < nd.length; i++) {
            if (i == a) {
                nd[i] = 1;
                ns[i] = 0;
            } else {
                nd[i] = dims[j];
                ns[i] = strides[j];
                j++;
            }
        }
        return reshapedView(offset, nd, ns);
    }

    /** A view repeated along broadcast dimensions to {@code newShape}, numpy's {@code broadcast_to}. */
    public Tensor broadcastTo(int... newShape) {
        checkOpen();
        Shape target = Shape.of(newShape);
        Shape b = Shape.broadcast(shape, target);
        if (b == null || !b.equals(target)) {
            throw new ShapeMismatchException("broadcastTo " + shape + " to " + target
                    + ": each dimension must equal the target's or be 1");
        }
        View v = broadcastView(target.dims());
        Tensor r = newView(offset, v.shape(), v.strides());
        if (recording(this)) {
            r.record((g, needed) -> new Tensor[] {g}, new Tensor[] {this});
        }
        return r;
    }

    /**
     * Elements {@code start, start+step, ...} before {@code end} along {@code axis}, like Python's
     * {@code a[start:end:step]}: negative start and end count from the end, both are clamped to the axis,
     * and a negative step walks backwards. Use {@link Integer#MAX_VALUE} or {@link Integer#MIN_VALUE} for an
     * open end. A view.
     */
    public Tensor slice(int axis, int start, int end, int step) {
        checkOpen();
        int a = Shape.normalizeAxis(axis, dims.length, "slice", shape);
        if (step == 0) {
            throw new IllegalArgumentException("slice of " + shape + " along axis " + axis + ": step must not be 0");
        }
        long len = dims[a];
        long s = start;
        long e = end;
        if (step > 0) {
            s = s < 0 ? Math.max(s + len, 0) : Math.min(s, len);
            e = e < 0 ? Math.max(e + len, 0) : Math.min(e, len);
        } else {
            s = s < 0 ? Math.max(s + len, -1) : Math.min(s, len - 1);
            e = e < 0 ? Math.max(e + len, -1) : Math.min(e, len - 1);
        }
        long count = step > 0 ? (e > s ? (e - s + step - 1) / step : 0) : (s > e ? (s - e - step - 1) / -step : 0);
        int[] nd = dims.clone();
        int[] ns = strides.clone();
        nd[a] = (int) count;
        ns[a] = strides[a] * step;
        int off = count == 0 ? offset : offset + (int) s * strides[a];
        Tensor r = newView(off, nd, ns);
        if (recording(this)) {
            int[] inDims = dims;
            r.record((g, needed) -> {
                Tensor z = empty(g.storage.backend, g.dtype(), inDims);
                try (Tensor window = z.slice(axis, start, end, step)) {
                    z.storage.backend.copy(g.view(), window.view());
                }
                return new Tensor[] {z};
            }, new Tensor[] {this});
        }
        return r;
    }

    /** The tensors joined along an existing {@code axis}; other dimensions must agree. */
    public static Tensor concat(List<Tensor> tensors, int axis) {
        if (tensors.isEmpty()) {
            throw new IllegalArgumentException("concat needs at least one tensor");
        }
        Tensor first = tensors.get(0);
        first.checkOpen();
        int a = Shape.normalizeAxis(axis, first.rank(), "concat");
        DType dt = first.dtype();
        int total = 0;
        for (Tensor t : tensors) {
            first.checkSameBackend("concat", t);
            dt = DType.promote("concat", dt, t.dtype());
            boolean ok = t.rank() == first.rank();
            for (int i = 0; ok && i < t.rank(); i++) {
                ok = i == a || t.dims[i] == first.dims[i];
            }
            if (!ok) {
                throw new ShapeMismatchException("concat along axis " + axis + ": " + shapes(tensors)
                        + " differ outside that axis");
            }
            total += t.dims[a];
        }
        int[] od = first.dims.clone();
        od[a] = total;
        Tensor r = empty(first.storage.backend, dt, od);
        int at = 0;
        int[] ostr = r.strides;
        int[] starts = new int[tensors.size()];
        for (int i = 0; i < tensors.size(); i++) {
            Tensor t = tensors.get(i);
            starts[i] = at;
            r.storage.backend.copy(t.view(), new View(r.storage.buffer, at * ostr[a], t.dims, ostr));
            at += t.dims[a];
        }
        Tensor[] inputs = tensors.toArray(new Tensor[0]);
        if (recording(inputs)) {
            r.record((g, needed) -> {
                Tensor[] grads = new Tensor[inputs.length];
                for (int i = 0; i < inputs.length; i++) {
                    grads[i] = needed[i] ? g.slice(a, starts[i], starts[i] + inputs[i].dims[a], 1) : null;
                }
                return grads;
            }, inputs);
        }
        return r;
    }

    /** The tensors, all of one shape, stacked along a new {@code axis} (in {@code [-rank-1, rank]}). */
    public static Tensor stack(List<Tensor> tensors, int axis) {
        if (tensors.isEmpty()) {
            throw new IllegalArgumentException("stack needs at least one tensor");
        }
        Shape s = tensors.get(0).shape;
        for (Tensor t : tensors) {
            if (!t.shape.equals(s)) {
                throw new ShapeMismatchException("stack: " + shapes(tensors) + " must all have one shape");
            }
        }
        int a = Shape.normalizeAxis(axis, s.rank() + 1, "stack");
        Tensor[] expanded = new Tensor[tensors.size()];
        try {
            for (int i = 0; i < expanded.length; i++) {
                expanded[i] = tensors.get(i).unsqueeze(a);
            }
            return concat(Arrays.asList(expanded), a);
        } finally {
            for (Tensor t : expanded) {
                if (t != null) {
                    t.close();
                }
            }
        }
    }

    /**
     * The tensor with {@code widths[i][0]} elements of {@code value} added before and {@code widths[i][1]}
     * after along each axis i (numpy's {@code pad} in constant mode; Course 4, week 1, 1.4 Padding).
     */
    public Tensor pad(int[][] widths, double value) {
        checkOpen();
        if (widths.length != dims.length) {
            throw new IllegalArgumentException("pad of " + shape + ": needs " + dims.length
                    + " (before, after) pairs, got " + widths.length);
        }
        int[] od = new int[dims.length];
        int at = 0;
        for (int i = 0; i < dims.length; i++) {
            if (widths[i].length != 2 || widths[i][0] < 0 || widths[i][1] < 0) {
                throw new IllegalArgumentException("pad of " + shape + ": axis " + i
                        + " needs a (before, after) pair of non-negative widths, got " + Arrays.toString(widths[i]));
            }
            od[i] = dims[i] + widths[i][0] + widths[i][1];
        }
        Tensor r = full0(storage.backend, dtype(), value, od);
        for (int i = 0; i < dims.length; i++) {
            at += widths[i][0] * r.strides[i];
        }
        storage.backend.copy(view(), new View(r.storage.buffer, at, dims, r.strides));
        if (recording(this)) {
            int[] inDims = dims;
            r.record((g, needed) -> {
                Tensor inner = g;
                for (int i = 0; i < inDims.length; i++) {
                    inner = inner.slice(i, widths[i][0], widths[i][0] + inDims[i], 1);
                }
                return new Tensor[] {inner};
            }, new Tensor[] {this});
        }
        return r;
    }

    /**
     * numpy's {@code take(indices, axis)}: the slices of this tensor along {@code axis} at the INT32
     * {@code indices}; the result's shape is this shape with that axis replaced by the shape of the indices.
     *
     * @throws IndexOutOfBoundsException for an index outside {@code [0, shape[axis])}
     */
    public Tensor gather(Tensor indices, int axis) {
        checkOpen();
        checkSameBackend("gather", indices);
        if (indices.dtype() != DType.INT32) {
            throw new IllegalArgumentException("gather: indices must be INT32, got " + indices.dtype());
        }
        int a = Shape.normalizeAxis(axis, dims.length, "gather", shape);
        try (Tensor flat = indices.reshape(indices.size())) {
            int[] gd = dims.clone();
            gd[a] = flat.size();
            Tensor g = empty(storage.backend, dtype(), gd);
            try {
                storage.backend.gather(view(), a, flat.view(), g.view());
            } catch (IndexOutOfBoundsException e) {
                g.close();
                throw new IndexOutOfBoundsException("gather from " + shape + " along axis " + axis + " with indices "
                        + indices.shape + ": " + e.getMessage());
            }
            if (recording(this)) {
                Tensor idx = flat.save();
                int[] inDims = dims;
                g.record((gg, needed) -> {
                    Tensor z = empty(gg.storage.backend, gg.dtype(), inDims);
                    gg.storage.backend.scatterAdd(gg.view(), a, idx.view(), z.view());
                    return new Tensor[] {z};
                }, new Tensor[] {this}, idx);
            }
            int[] od = new int[dims.length - 1 + indices.rank()];
            System.arraycopy(dims, 0, od, 0, a);
            System.arraycopy(indices.dims, 0, od, a, indices.rank());
            System.arraycopy(dims, a + 1, od, a + indices.rank(), dims.length - a - 1);
            try (g) {
                return g.reshape(od);
            }
        }
    }

    /**
     * One-hot FLOAT32 encoding of INT32 class labels: shape {@code shape + (depth,)}, 1 at each label's
     * position (Course 2, week 3, 3.8 Softmax regression).
     */
    public Tensor oneHot(int depth) {
        return oneHot(depth, DType.FLOAT32);
    }

    /** {@link #oneHot(int)} in the given dtype. */
    public Tensor oneHot(int depth, DType dtype) {
        checkOpen();
        if (dtype() != DType.INT32) {
            throw new IllegalArgumentException("oneHot: labels must be INT32, got " + dtype());
        }
        if (depth < 1) {
            throw new IllegalArgumentException("oneHot: depth must be >= 1, got " + depth);
        }
        Backend be = storage.backend;
        try (Tensor identity = eyeOn(be, dtype, depth)) {
            return identity.gather(this, 0);
        } catch (IndexOutOfBoundsException e) {
            throw new IndexOutOfBoundsException("oneHot(" + depth + ") of labels " + shape
                    + ": every label must be in [0, " + depth + "); " + e.getMessage());
        }
    }

    /**
     * The sliding windows of a channels-last image batch {@code (N, H, W, C)} unfolded into
     * {@code (N, outH, outW, kernelH, kernelW, C)}, with {@code padValue} where a window reaches into the padding
     * (0 for convolution, -Inf for max pooling). A convolution is then one matmul with weights reshaped to
     * {@code (kernelH*kernelW*C, C_out)}, and pooling a reduction over the two window axes (Course 4, week 1,
     * 1.2-1.9 convolutions, padding, strides, pooling). Differentiable: the gradient folds back with col2im.
     */
    public Tensor im2col(Window2d window, double padValue) {
        checkOpen();
        if (rank() != 4) {
            throw new ShapeMismatchException("im2col of " + shape + ": needs a channels-last image batch (N, H, W, C)");
        }
        int outH = window.outH(dims[1]);
        int outW = window.outW(dims[2]);
        int[] od = {dims[0], outH, outW, window.kernelH(), window.kernelW(), dims[3]};
        Tensor r = empty(storage.backend, dtype(), od);
        storage.backend.im2col(view(), window, padValue, r.view());
        if (recording(this)) {
            int[] inDims = dims;
            r.record((g, needed) -> {
                Tensor z = empty(g.storage.backend, g.dtype(), inDims);
                g.storage.backend.col2im(g.view(), window, z.view());
                return new Tensor[] {z};
            }, new Tensor[] {this});
        }
        return r;
    }

    // ------------------------------------------------------------------ stable forms

    /**
     * {@code exp(x) / sum(exp(x))} along {@code axis}, computed from {@code x - max} so it never overflows
     * (Course 2, week 3, 3.8 Softmax regression).
     */
    public Tensor softmax(int axis) {
        return softmax(axis, false);
    }

    /** {@code x - logSumExp(x)} along {@code axis}: the log of {@link #softmax}, without underflow to -Inf. */
    public Tensor logSoftmax(int axis) {
        return softmax(axis, true);
    }

    private Tensor softmax(int axis, boolean log) {
        checkOpen();
        String name = log ? "logSoftmax" : "softmax";
        if (!dtype().isFloating()) {
            throw new IllegalArgumentException(name + " is defined for FLOAT32 and FLOAT64, got " + dtype());
        }
        int a = Shape.normalizeAxis(axis, dims.length, name, shape);
        if (size() == 0) {
            return empty(storage.backend, dtype(), dims);
        }
        if (storage.backend instanceof FusedSoftmax fused) {
            Tensor r = empty(storage.backend, dtype(), dims);
            fused.softmax(view(), a, log, r.view());
            if (recording(this)) {
                Tensor y = r.save();
                r.record((g, needed) -> {
                    if (log) { // d logSoftmax: g - softmax * sum(g)
                        return new Tensor[] {g.sub(y.exp().mul(g.sum(a, true)))};
                    }
                    return new Tensor[] {y.mul(g.sub(g.mul(y).sum(a, true)))}; // d softmax: y * (g - sum(g*y))
                }, new Tensor[] {this}, y);
            }
            return r;
        }
        try (Tensor m = max(a, true); Tensor shifted = sub(m); Tensor e = shifted.exp();
             Tensor s = e.sum(a, true)) {
            if (!log) {
                return e.div(s);
            }
            try (Tensor ls = s.log()) {
                return shifted.sub(ls);
            }
        }
    }

    /**
     * {@code log(sum(exp(x)))} along {@code axis}, computed as {@code m + log(sum(exp(x - m)))} with
     * {@code m} the maximum (taken as 0 where it is not finite), so large inputs do not overflow.
     */
    public Tensor logSumExp(int axis, boolean keepDims) {
        checkOpen();
        if (!dtype().isFloating()) {
            throw new IllegalArgumentException("logSumExp is defined for FLOAT32 and FLOAT64, got " + dtype());
        }
        int a = Shape.normalizeAxis(axis, dims.length, "logSumExp", shape);
        if (dims[a] == 0) {
            try (Tensor z = sum(a, keepDims)) {
                return z.log();
            }
        }
        try (Tensor m = max(a, true); Tensor mm = m.sub(m); Tensor finite = mm.eq(0.0);
             Tensor zero = zerosLike(m); Tensor shift = where(finite, m, zero); Tensor safe = shift.detach(); Tensor shifted = sub(safe);
             Tensor e = shifted.exp(); Tensor s = e.sum(a, true); Tensor ls = s.log(); Tensor r = ls.add(safe)) {
            return keepDims ? r.alias() : r.squeeze(a);
        }
    }

    // ------------------------------------------------------------------ helpers

    private static Tensor zerosLike(Tensor t) {
        return empty(t.storage.backend, t.dtype(), t.dims);
    }

    private static Tensor eyeOn(Backend be, DType dtype, int n) {
        Tensor t = empty(be, dtype, new int[] {n, n});
        be.fill(new View(t.storage.buffer, 0, new int[] {n}, new int[] {n + 1}), 1.0);
        return t;
    }

    private static Tensor full0(Backend be, DType dtype, double value, int[] dims) {
        Tensor t = empty(be, dtype, dims);
        if (Double.doubleToRawLongBits(value) != 0L) { // buffers start at +0.0; -0.0 must still be written
            be.fill(t.view(), value);
        }
        return t;
    }

    private static int[] dropAxis(int[] a, int axis) {
        int[] r = new int[a.length - 1];
        System.arraycopy(a, 0, r, 0, axis);
        System.arraycopy(a, axis + 1, r, axis, a.length - axis - 1);
        return r;
    }

    private static String shapes(List<Tensor> tensors) {
        StringBuilder sb = new StringBuilder();
        for (Tensor t : tensors) {
            sb.append(sb.length() == 0 ? "" : ", ").append(t.shape);
        }
        return sb.toString();
    }

    double[] valuesForFormat() {
        return toDoubleArray();
    }

    int[] intsForFormat() {
        return toIntArray();
    }

    int[] dimsForFormat() {
        return dims;
    }
}
