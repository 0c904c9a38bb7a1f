package org.jdeep.backend.opencl;

import com.aparapi.Kernel;
import com.aparapi.Range;
import com.aparapi.device.Device;
import com.aparapi.device.OpenCLDevice;
import com.aparapi.exception.CompileFailedException;
import com.aparapi.internal.kernel.KernelManager;
import java.util.Arrays;
import java.util.List;
import org.jdeep.backend.opencl.kernels.DeviceProgram;
import org.jdeep.backend.opencl.kernels.Meta;
import org.jdeep.backend.opencl.kernels.Program32;
import org.jdeep.backend.opencl.kernels.Program64;
import org.jdeep.spi.Backend;
import org.jdeep.spi.BinaryOp;
import org.jdeep.spi.Buffer;
import org.jdeep.spi.ReduceOp;
import org.jdeep.spi.UnaryOp;
import org.jdeep.spi.View;
import org.jdeep.types.DType;
import org.jdeep.types.Window2d;

/**
 * The OpenCL backend: every primitive is a launch of one {@link DeviceProgram} kernel instance on the
 * chosen device. Buffers are ranges of three arenas (one Java array per dtype, the backing store of one
 * device buffer each) that stay bound to the kernel, so data stays on the device from op to op; uploads and
 * downloads go through staging arrays and a copy kernel. All calls are serialised on this object.
 */
final class OpenClBackend implements Backend {

    /** Arenas start at 16 MiB: large enough that G1 treats them as humongous objects and never moves them. */
    static final int MIN_ARENA_BYTES = 16 << 20;
    /** Staging arrays come in powers of two from this many elements. */
    static final int MIN_STAGE = 4096;

    private final OpenClDevices.Info info;
    private final OpenCLDevice device;
    private final DeviceProgram program;
    private final String deviceLine;
    private final Arena arenaF = new Arena();
    private final Arena arenaI = new Arena();
    private final Arena arenaD = new Arena();
    private final int[] meta;
    /** Arrays bound to the kernel at its last launch: a different array costs Aparapi a full copy to the device. */
    private Object boundF;
    private Object boundI;
    private Object boundD;
    private Object boundStageF;
    private Object boundStageI;
    private Object boundStageD;
    private boolean closed;
    private String broken;

    OpenClBackend(OpenClDevices.Info info) {
        this.info = info;
        this.device = info.device();
        this.program = info.fp64() ? new Program64() : new Program32();
        this.deviceLine = "opencl: " + info.describe();
        program.setExplicit(true);
        OpenClDevices.onlyOn(program, device);
        AparapiLog.install();
        try {
            program.compile(device);
        } catch (CompileFailedException e) {
            // No dispose: Aparapi 3.0.2 crashes disposing a kernel that never ran.
            throw new IllegalStateException("opencl: kernel " + program.getClass().getSimpleName()
                    + " does not compile for " + info.name() + ": " + e.getMessage(), e);
        }
        this.meta = program.meta();
        boundF = program.f32();
        boundI = program.i32();
        boundD = program.f64();
        boundStageF = program.stageF();
        boundStageI = program.stageI();
        boundStageD = program.stageD();
        // A first launch that does nothing proves the kernel runs on the device, not in Java.
        try {
            synchronized (this) {
                clearMeta(0);
                launch(Meta.WG);
            }
        } catch (RuntimeException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    /** The kernel instance, for tests that look at the host side of the arenas. */
    DeviceProgram program() {
        return program;
    }

    /** Where a buffer starts in its arena, for the same tests. */
    static int arenaOffset(Buffer b) {
        return ((OpenClBuffer) b).offset;
    }

    @Override
    public String name() {
        return "opencl";
    }

    @Override
    public String device() {
        return deviceLine;
    }

    // ----- memory -----

    @Override
    public synchronized Buffer allocate(DType dtype, int length) {
        usable("allocate");
        if (length < 0) {
            throw new IllegalArgumentException("opencl: cannot allocate a buffer of negative length " + length);
        }
        need64(dtype == DType.FLOAT64, "allocate");
        if (length == 0) {
            return new OpenClBuffer(this, dtype, 0, 0, 0);
        }
        int reserved = Arena.roundUp(length);
        Arena arena = arena(dtype);
        int at = arena.allocate(reserved);
        if (at < 0) {
            grow(dtype, reserved);
            at = arena.allocate(reserved);
        }
        OpenClBuffer b = new OpenClBuffer(this, dtype, length, at, reserved);
        // Reused arena space holds old data: zero it on the device.
        fillRange(dtype, at, length, 0.0);
        return b;
    }

    @Override
    public synchronized void release(Buffer buffer) {
        if (!(buffer instanceof OpenClBuffer b) || b.owner != this) {
            throw new IllegalArgumentException("buffer " + buffer + " was not allocated by this opencl backend");
        }
        if (!b.released) {
            b.released = true;
            if (b.reserved > 0 && !closed) {
                arena(b.dtype()).release(b.offset, b.reserved);
            }
        }
    }

    @Override
    public synchronized void upload(float[] src, Buffer dst) {
        OpenClBuffer b = checked(dst, DType.FLOAT32, src.length, "upload");
        if (src.length > 0) {
            float[] s = program.stageF();
            if (!(s.length >= src.length && s.length <= stageLimit(src.length))) {
                s = new float[stageSize(src.length)];
            }
            System.arraycopy(src, 0, s, 0, src.length);
            stageIn(b, s, s.length * 4L);
        }
    }

    @Override
    public synchronized void upload(double[] src, Buffer dst) {
        OpenClBuffer b = checked(dst, DType.FLOAT64, src.length, "upload");
        if (src.length > 0) {
            double[] s = program.stageD();
            if (!(s.length >= src.length && s.length <= stageLimit(src.length))) {
                s = new double[stageSize(src.length)];
            }
            System.arraycopy(src, 0, s, 0, src.length);
            stageIn(b, s, s.length * 8L);
        }
    }

    @Override
    public synchronized void upload(int[] src, Buffer dst) {
        OpenClBuffer b = checked(dst, DType.INT32, src.length, "upload");
        if (src.length > 0) {
            int[] s = program.stageI();
            if (!(s.length >= src.length && s.length <= stageLimit(src.length))) {
                s = new int[stageSize(src.length)];
            }
            System.arraycopy(src, 0, s, 0, src.length);
            stageIn(b, s, s.length * 4L);
        }
    }

    @Override
    public synchronized void download(Buffer src, float[] dst) {
        OpenClBuffer b = checked(src, DType.FLOAT32, dst.length, "download");
        if (dst.length > 0) {
            float[] s = program.stageF();
            if (!(s.length >= dst.length && s.length <= stageLimit(dst.length))) {
                s = new float[stageSize(dst.length)];
            }
            stageOut(b, dst.length, s, s.length * 4L);
            program.get(s);
            System.arraycopy(s, 0, dst, 0, dst.length);
        }
    }

    @Override
    public synchronized void download(Buffer src, double[] dst) {
        OpenClBuffer b = checked(src, DType.FLOAT64, dst.length, "download");
        if (dst.length > 0) {
            double[] s = program.stageD();
            if (!(s.length >= dst.length && s.length <= stageLimit(dst.length))) {
                s = new double[stageSize(dst.length)];
            }
            stageOut(b, dst.length, s, s.length * 8L);
            program.get(s);
            System.arraycopy(s, 0, dst, 0, dst.length);
        }
    }

    @Override
    public synchronized void download(Buffer src, int[] dst) {
        OpenClBuffer b = checked(src, DType.INT32, dst.length, "download");
        if (dst.length > 0) {
            int[] s = program.stageI();
            if (!(s.length >= dst.length && s.length <= stageLimit(dst.length))) {
                s = new int[stageSize(dst.length)];
            }
            stageOut(b, dst.length, s, s.length * 4L);
            program.get(s);
            System.arraycopy(s, 0, dst, 0, dst.length);
        }
    }

    /** Binds (or rewrites) the staging array and copies its first {@code b.length()} elements into b. */
    private void stageIn(OpenClBuffer b, Object stage, long stageBytes) {
        if (bindStage(b.dtype(), stage)) {
            putArray(stage);
        }
        // Binding a new array makes Aparapi copy it to the device at the launch; an explicit put of an
        // array already bound writes it again. Either way one transfer.
        OpenClDiagnostics.hostToDevice(stageBytes);
        clearMeta(Meta.F_STAGE_IN);
        meta[Meta.DT] = code(b.dtype());
        meta[Meta.USES64] = b.dtype() == DType.FLOAT64 ? 1 : 0;
        meta[Meta.N] = b.length();
        meta[Meta.OFF] = b.offset;
        launch(b.length());
    }

    /** Copies the first n elements of b into the staging array on the device; the caller reads it back. */
    private void stageOut(OpenClBuffer b, int n, Object stage, long stageBytes) {
        if (!bindStage(b.dtype(), stage)) {
            // Aparapi copies a newly bound array to the device before the launch (its contents are unused).
            OpenClDiagnostics.hostToDevice(stageBytes);
        }
        clearMeta(Meta.F_STAGE_OUT);
        meta[Meta.DT] = code(b.dtype());
        meta[Meta.USES64] = b.dtype() == DType.FLOAT64 ? 1 : 0;
        meta[Meta.N] = n;
        meta[Meta.OFF] = b.offset;
        launch(n);
        OpenClDiagnostics.deviceToHost(stageBytes);
    }

    /** Sets the staging field of the dtype to {@code stage}; true when it was already bound there. */
    private boolean bindStage(DType dtype, Object stage) {
        float[] f = program.stageF();
        int[] i = program.stageI();
        double[] d = program.stageD();
        switch (dtype) {
            case FLOAT32 -> f = (float[]) stage;
            case INT32 -> i = (int[]) stage;
            case FLOAT64 -> d = (double[]) stage;
        }
        program.setStages(f, i, d);
        return switch (dtype) {
            case FLOAT32 -> boundStageF == stage;
            case INT32 -> boundStageI == stage;
            case FLOAT64 -> boundStageD == stage;
        };
    }

    private void putArray(Object array) {
        if (array instanceof float[] f) {
            program.put(f);
        } else if (array instanceof int[] i) {
            program.put(i);
        } else {
            program.put((double[]) array);
        }
    }

    private static int stageSize(int n) {
        int s = MIN_STAGE;
        while (s < n && s > 0) {
            s <<= 1;
        }
        return s > 0 ? s : n;
    }

    /** A bound staging array is reused while it is at most 8 times (and 4096 elements) larger than needed. */
    private static long stageLimit(int n) {
        return Math.max(MIN_STAGE, 8L * n);
    }

    /** Grows the arena of a dtype so that {@code need} more elements fit, keeping its contents. */
    private void grow(DType dtype, int need) {
        Arena arena = arena(dtype);
        long minimum = MIN_ARENA_BYTES / dtype.byteSize();
        long wanted = Math.max(minimum, Math.max(2L * arena.capacity(), (long) arena.capacity() + need));
        long limit = Math.min(Integer.MAX_VALUE - 64L, device.getMaxMemAllocSize() / dtype.byteSize());
        if ((long) arena.capacity() + need > limit) {
            throw new OutOfMemoryError("opencl: cannot allocate " + need + " " + dtype + " elements ("
                    + ((long) need * dtype.byteSize() >> 20) + " MiB): the " + dtype + " arena holds "
                    + arena.capacity() + " elements and " + info.name() + " allows at most "
                    + (device.getMaxMemAllocSize() >> 20) + " MiB in one buffer");
        }
        int capacity = (int) Math.min(wanted, limit);
        int old = arena.capacity();
        try {
            switch (dtype) {
                case FLOAT32 -> {
                    float[] now = program.f32();
                    if (old > 0) {
                        program.get(now);
                        OpenClDiagnostics.deviceToHost(4L * now.length);
                    }
                    float[] next = Arrays.copyOf(now, capacity);
                    program.setArenas(next, program.i32(), program.f64());
                }
                case INT32 -> {
                    int[] now = program.i32();
                    if (old > 0) {
                        program.get(now);
                        OpenClDiagnostics.deviceToHost(4L * now.length);
                    }
                    int[] next = Arrays.copyOf(now, capacity);
                    program.setArenas(program.f32(), next, program.f64());
                }
                case FLOAT64 -> {
                    double[] now = program.f64();
                    if (old > 0) {
                        program.get(now);
                        OpenClDiagnostics.deviceToHost(8L * now.length);
                    }
                    double[] next = Arrays.copyOf(now, capacity);
                    program.setArenas(program.f32(), program.i32(), next);
                }
            }
        } catch (OutOfMemoryError e) {
            OutOfMemoryError named = new OutOfMemoryError("opencl: cannot grow the " + dtype + " arena to "
                    + capacity + " elements (" + ((long) capacity * dtype.byteSize() >> 20)
                    + " MiB) on the Java heap, which backs it; raise -Xmx");
            named.initCause(e);
            throw named;
        }
        // The new array is copied to the device when the next launch binds it.
        OpenClDiagnostics.hostToDevice((long) capacity * dtype.byteSize());
        arena.grow(capacity);
    }

    private Arena arena(DType dtype) {
        return switch (dtype) {
            case FLOAT32 -> arenaF;
            case INT32 -> arenaI;
            case FLOAT64 -> arenaD;
        };
    }

    // ----- data movement -----

    @Override
    public synchronized void copy(View src, View dst) {
        usable("copy");
        need64(src.dtype() == DType.FLOAT64 || dst.dtype() == DType.FLOAT64, "copy");
        int n = layout(Meta.F_COPY, "copy", dst.shape(), dst, src, null, null);
        meta[Meta.DT] = code(dst.dtype());
        meta[Meta.DT2] = code(src.dtype());
        launch(n);
    }

    @Override
    public synchronized void fill(View dst, double value) {
        usable("fill");
        need64(dst.dtype() == DType.FLOAT64, "fill");
        int n = layout(Meta.F_FILL, "fill", dst.shape(), dst, null, null, null);
        meta[Meta.DT] = code(dst.dtype());
        program.setScalars((float) value, value, (int) value);
        launch(n);
    }

    private void fillRange(DType dtype, int at, int length, double value) {
        fill(new View(new OpenClBuffer(this, dtype, length, at, 0), 0, new int[] {length}, new int[] {1}), value);
    }

    @Override
    public synchronized void gather(View x, int axis, View indices, View out) {
        usable("gather");
        int a = axis(axis, x);
        need64(x.dtype() == DType.FLOAT64, "gather");
        checkIndices("gather", indices, x.shape()[a]);
        int[] xs = x.strides().clone();
        xs[a] = 0;
        View x0 = new View(x.buffer(), x.offset(), x.shape(), xs);
        int n = layout(Meta.F_GATHER, "gather", out.shape(), out, x0, null, null);
        if (n == 0) {
            return;
        }
        indexMeta(indices);
        meta[Meta.DT] = code(out.dtype());
        meta[Meta.X_INNER] = product(out.shape(), a + 1);
        meta[Meta.X_IDX_LEN] = out.shape()[a];
        meta[Meta.X_SRC_AXLEN] = x.shape()[a];
        meta[Meta.X_SRC_AXSTR] = x.strides()[a];
        launch(n);
    }

    @Override
    public synchronized void scatterAdd(View src, int axis, View indices, View dst) {
        usable("scatterAdd");
        int a = axis(axis, dst);
        need64(dst.dtype() == DType.FLOAT64, "scatterAdd");
        checkIndices("scatterAdd", indices, dst.shape()[a]);
        int[] columns = src.shape().clone();
        columns[a] = 1;
        int n = layout(Meta.F_SCATTER_ADD, "scatterAdd", columns, dst, src, null, null);
        if (n == 0 || src.shape()[a] == 0) {
            return;
        }
        indexMeta(indices);
        meta[Meta.DT] = code(dst.dtype());
        meta[Meta.X_IDX_LEN] = src.shape()[a];
        meta[Meta.X_DST_AXLEN] = dst.shape()[a];
        meta[Meta.X_DST_AXSTR] = dst.strides()[a];
        meta[Meta.X_SRC_AXSTR] = src.strides()[a];
        launch(n);
    }

    private void indexMeta(View indices) {
        meta[Meta.X_IDX_OFF] = indices.offset() + own(indices.buffer()).offset;
        meta[Meta.X_IDX_STR] = indices.strides()[0];
    }

    /** Checks every index on the device and reads back one flag; throws before anything is written. */
    private void checkIndices(String what, View indices, int bound) {
        int count = indices.shape()[0];
        if (count == 0) {
            return;
        }
        own(indices.buffer());
        clearMeta(Meta.F_CHECK_INDEX);
        meta[Meta.N] = count;
        indexMeta(indices);
        meta[Meta.X_DST_AXLEN] = bound;
        int[] flags = program.flags();
        Arrays.fill(flags, 0);
        program.put(flags);
        OpenClDiagnostics.argumentWrite();
        launch(count);
        program.get(flags);
        OpenClDiagnostics.deviceToHost(4L * flags.length);
        if (flags[0] != 0) {
            throw new IndexOutOfBoundsException("opencl " + what + ": an index is outside [0, " + bound
                    + ") for the axis of length " + bound);
        }
    }

    @Override
    public synchronized void im2col(View x, Window2d window, double padValue, View cols) {
        usable("im2col");
        need64(x.dtype() == DType.FLOAT64, "im2col");
        int n = cols.size();
        if (n == 0) {
            return;
        }
        rawLayout(Meta.F_IM2COL, cols);
        int[] cs = cols.shape();
        windowMeta(window, x.shape(), cs);
        meta[Meta.OFF + 1] = x.offset() + own(x.buffer()).offset;
        for (int d = 0; d < 4; d++) {
            meta[Meta.X_STR2 + d] = x.strides()[d];
        }
        meta[Meta.DT] = code(x.dtype());
        program.setScalars((float) padValue, padValue, (int) padValue);
        launch(n);
    }

    @Override
    public synchronized void col2im(View cols, Window2d window, View x) {
        usable("col2im");
        need64(x.dtype() == DType.FLOAT64, "col2im");
        int n = x.size();
        if (n == 0) {
            return;
        }
        rawLayout(Meta.F_COL2IM, x);
        windowMeta(window, x.shape(), cols.shape());
        meta[Meta.OFF + 1] = cols.offset() + own(cols.buffer()).offset;
        for (int d = 0; d < 6; d++) {
            meta[Meta.X_STR2 + d] = cols.strides()[d];
        }
        meta[Meta.DT] = code(x.dtype());
        launch(n);
    }

    private void windowMeta(Window2d w, int[] xShape, int[] colsShape) {
        meta[Meta.X_H] = xShape[1];
        meta[Meta.X_W] = xShape[2];
        meta[Meta.X_C] = xShape[3];
        meta[Meta.X_OH] = colsShape[1];
        meta[Meta.X_OW] = colsShape[2];
        meta[Meta.X_KH] = w.kernelH();
        meta[Meta.X_KW] = w.kernelW();
        meta[Meta.X_SH] = w.strideH();
        meta[Meta.X_SW] = w.strideW();
        meta[Meta.X_PT] = w.padTop();
        meta[Meta.X_PL] = w.padLeft();
        meta[Meta.X_DH] = w.dilationH();
        meta[Meta.X_DW] = w.dilationW();
    }

    // ----- compute -----

    @Override
    public synchronized void unary(UnaryOp op, View x, View out) {
        usable("unary " + op);
        if (out.dtype() == DType.INT32 && !op.definedForIntegers()) {
            throw new IllegalArgumentException("unary " + op + " is defined for floating dtypes only, not INT32");
        }
        need64(out.dtype() == DType.FLOAT64, "unary " + op);
        int n = layout(Meta.F_UNARY, "unary " + op, out.shape(), out, x, null, null);
        meta[Meta.OP] = code(op);
        meta[Meta.DT] = code(out.dtype());
        launch(n);
    }

    @Override
    public synchronized void binary(BinaryOp op, View a, View b, View out) {
        usable("binary " + op);
        need64(out.dtype() == DType.FLOAT64, "binary " + op);
        int n = layout(Meta.F_BINARY, "binary " + op, out.shape(), out, a, b, null);
        meta[Meta.OP] = code(op);
        meta[Meta.DT] = code(out.dtype());
        launch(n);
    }

    @Override
    public synchronized void where(View cond, View a, View b, View out) {
        usable("where");
        need64(cond.dtype() == DType.FLOAT64 || out.dtype() == DType.FLOAT64, "where");
        int n = layout(Meta.F_WHERE, "where", out.shape(), out, cond, a, b);
        meta[Meta.DT] = code(out.dtype());
        meta[Meta.DT2] = code(cond.dtype());
        launch(n);
    }

    @Override
    public synchronized void reduce(ReduceOp op, View x, int axis, View out) {
        usable("reduce " + op);
        int a = axis(axis, x);
        need64(x.dtype() == DType.FLOAT64, "reduce " + op);
        int len = x.shape()[a];
        int[] outShape = x.shape().clone();
        outShape[a] = 1;
        long outputs = 1;
        for (int d : outShape) {
            outputs *= d;
        }
        // One work-group per output for a long axis (while the work items fit an int), one work item otherwise.
        boolean wide = len >= Meta.WG && outputs <= Integer.MAX_VALUE / Meta.WG;
        int n = layout(wide ? Meta.F_REDUCE_WG : Meta.F_REDUCE, "reduce " + op, outShape, out, x, null, null);
        if (n == 0) {
            return;
        }
        if (len == 0 && op != ReduceOp.SUM) {
            throw new IllegalArgumentException("reduce " + op + " of an empty axis has no identity");
        }
        meta[Meta.OP] = switch (op) {
            case SUM -> Meta.R_SUM;
            case MAX, MIN -> Meta.R_MAX;
            case ARGMAX, ARGMIN -> Meta.R_ARGMAX;
        };
        meta[Meta.X_FLIP] = switch (op) {
            case MIN, ARGMIN -> 1;
            case SUM, MAX, ARGMAX -> 0;
        };
        meta[Meta.DT] = code(out.dtype());
        meta[Meta.DT2] = code(x.dtype());
        meta[Meta.X_AXLEN] = len;
        meta[Meta.X_AXSTR] = x.strides()[a];
        launch(wide ? n * Meta.WG : n);
    }

    @Override
    public synchronized void matmul(View a, boolean transposeA, View b, boolean transposeB, View out) {
        usable("matmul");
        if (!out.dtype().isFloating()) {
            throw new IllegalArgumentException("matmul is defined for floating dtypes only, not " + out.dtype());
        }
        need64(out.dtype() == DType.FLOAT64, "matmul");
        int batch = out.shape()[0];
        int m = out.shape()[1];
        int n = out.shape()[2];
        int k = transposeA ? a.shape()[1] : a.shape()[2];
        if (batch == 0 || m == 0 || n == 0) {
            return;
        }
        clearMeta(Meta.F_MATMUL);
        meta[Meta.DT] = code(out.dtype());
        meta[Meta.USES64] = out.dtype() == DType.FLOAT64 ? 1 : 0;
        operand(0, out, out.strides()[0], out.strides()[1], out.strides()[2]);
        operand(1, a, a.shape()[0] == 1 ? 0 : a.strides()[0], a.strides()[transposeA ? 2 : 1],
                a.strides()[transposeA ? 1 : 2]);
        operand(2, b, b.shape()[0] == 1 ? 0 : b.strides()[0], b.strides()[transposeB ? 2 : 1],
                b.strides()[transposeB ? 1 : 2]);
        int tilesM = (m + Meta.TS - 1) / Meta.TS;
        int tilesN = (n + Meta.TS - 1) / Meta.TS;
        meta[Meta.X_M] = m;
        meta[Meta.X_N] = n;
        meta[Meta.X_K] = k;
        meta[Meta.X_TILES_M] = tilesM;
        meta[Meta.X_TILES_N] = tilesN;
        long groups = (long) batch * tilesM * tilesN;
        if (groups * Meta.WG > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("opencl matmul: " + batch + " x " + m + " x " + n
                    + " needs more than 2^31 work items");
        }
        meta[Meta.N] = (int) groups;
        launch((int) groups * Meta.WG);
    }

    private void operand(int k, View v, int s0, int s1, int s2) {
        meta[Meta.OFF + k] = v.offset() + own(v.buffer()).offset;
        meta[Meta.STR + 8 * k] = s0;
        meta[Meta.STR + 8 * k + 1] = s1;
        meta[Meta.STR + 8 * k + 2] = s2;
    }

    @Override
    public synchronized void close() {
        if (!closed) {
            closed = true;
            program.dispose();
        }
    }

    // ----- launching -----

    private void clearMeta(int family) {
        Arrays.fill(meta, 0);
        meta[Meta.FAMILY] = family;
    }

    /**
     * Writes the shape and the offsets and strides of up to four operands over {@code shape}, after dropping
     * size-1 axes and merging axes along which every operand is contiguous; returns the element count.
     */
    private int layout(int family, String what, int[] shape, View v0, View v1, View v2, View v3) {
        clearMeta(family);
        View[] ops = {v0, v1, v2, v3};
        long total = 1;
        for (int d : shape) {
            total *= d;
        }
        int n = (int) total;
        boolean uses64 = false;
        for (int k = 0; k < 4; k++) {
            if (ops[k] != null) {
                meta[Meta.OFF + k] = ops[k].offset() + own(ops[k].buffer()).offset;
                uses64 |= ops[k].dtype() == DType.FLOAT64;
            }
        }
        meta[Meta.USES64] = uses64 ? 1 : 0;
        meta[Meta.N] = n;
        if (n == 0) {
            return 0;
        }
        // Merged axes, innermost first.
        int[] len = new int[shape.length];
        int[][] str = new int[4][shape.length];
        int r = 0;
        for (int d = shape.length - 1; d >= 0; d--) {
            if (shape[d] == 1) {
                continue;
            }
            if (r > 0) {
                boolean merge = true;
                for (int k = 0; k < 4; k++) {
                    if (ops[k] != null && ops[k].strides()[d] != str[k][r - 1] * len[r - 1]) {
                        merge = false;
                    }
                }
                if (merge) {
                    len[r - 1] *= shape[d];
                    continue;
                }
            }
            len[r] = shape[d];
            for (int k = 0; k < 4; k++) {
                str[k][r] = ops[k] == null ? 0 : ops[k].strides()[d];
            }
            r++;
        }
        if (r > Meta.MAX_RANK) {
            throw new IllegalArgumentException("opencl " + what + ": views of shape " + Arrays.toString(shape)
                    + " keep " + r + " axes after merging contiguous ones; the kernels handle at most "
                    + Meta.MAX_RANK);
        }
        meta[Meta.RANK] = r;
        for (int j = 0; j < r; j++) {
            int d = r - 1 - j;
            meta[Meta.SHAPE + d] = len[j];
            for (int k = 0; k < 4; k++) {
                meta[Meta.STR + 8 * k + d] = str[k][j];
            }
        }
        return n;
    }

    /** Operand 0's own shape, offset and strides as they are (window kernels decompose the index themselves). */
    private void rawLayout(int family, View v0) {
        clearMeta(family);
        int r = v0.rank();
        meta[Meta.RANK] = r;
        meta[Meta.N] = v0.size();
        meta[Meta.OFF] = v0.offset() + own(v0.buffer()).offset;
        meta[Meta.USES64] = v0.dtype() == DType.FLOAT64 ? 1 : 0;
        for (int d = 0; d < r; d++) {
            meta[Meta.SHAPE + d] = v0.shape()[d];
            meta[Meta.STR + d] = v0.strides()[d];
        }
    }

    /** Runs {@code work} work items (rounded up to whole work-groups) and checks they ran on the device. */
    private void launch(int work) {
        if (work <= 0) {
            return;
        }
        long rounded = ((long) work + Meta.WG - 1) / Meta.WG * Meta.WG;
        if (rounded > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("opencl: " + work + " work items round up to more than 2^31-1");
        }
        int global = (int) rounded;
        program.put(meta);
        OpenClDiagnostics.argumentWrite();
        OpenClDiagnostics.launch();
        try {
            execute(program, device, Range.create(device, global, Meta.WG), "family " + meta[Meta.FAMILY]);
        } catch (IllegalStateException e) {
            broken = e.getMessage();
            throw e;
        }
        boundF = program.f32();
        boundI = program.i32();
        boundD = program.f64();
        boundStageF = program.stageF();
        boundStageI = program.stageI();
        boundStageD = program.stageD();
    }


    /**
     * Executes the kernel and throws unless it really ran on {@code device}. Aparapi falls back to its Java
     * thread pool silently when a kernel cannot run on OpenCL (leaving only changed preferences and a log
     * line with the reason); when the range names the device it throws an AssertionError instead.
     *
     * @throws IllegalStateException naming the kernel, the device and Aparapi's reason
     */
    static void execute(Kernel kernel, Device device, Range range, String what) {
        AparapiLog.install();
        AparapiLog.clear();
        try {
            kernel.execute(range);
        } catch (RuntimeException | AssertionError | LinkageError e) {
            String reason = AparapiLog.lastFailure();
            throw new IllegalStateException("opencl: kernel " + kernel.getClass().getSimpleName() + " (" + what
                    + ") failed on " + describe(device) + ": " + (reason != null ? reason + "; " : "") + e, e);
        }
        String problem = ranOnDevice(kernel, device);
        if (problem != null) {
            throw new IllegalStateException("opencl: kernel " + kernel.getClass().getSimpleName() + " (" + what
                    + ") " + problem);
        }
    }

    /** Null when the kernel ran on the expected OpenCL device, else what happened instead. */
    static String ranOnDevice(Kernel kernel, Device expected) {
        Device target = kernel.getTargetDevice();
        List<Device> failed = KernelManager.instance().getPreferences(kernel).getFailedDevices();
        if (target instanceof OpenCLDevice && target == expected && failed.isEmpty()) {
            return null;
        }
        String reason = AparapiLog.lastFailure();
        return "did not run on OpenCL device " + describe(expected) + ": Aparapi fell back to "
                + (target == null ? "its Java thread pool" : target.getShortDescription())
                + (failed.isEmpty() ? "" : " after marking " + failed.size() + " device(s) failed")
                + (reason == null ? "" : " (" + reason + ")");
    }

    private static String describe(Device d) {
        return d instanceof OpenCLDevice o ? o.getName().trim() : String.valueOf(d);
    }

    // ----- checks and codes -----

    private void usable(String op) {
        if (closed) {
            throw new IllegalStateException("opencl: " + op + " on a closed backend");
        }
        if (broken != null) {
            throw new IllegalStateException("opencl: " + op + " refused, the backend is unusable: " + broken);
        }
    }

    private void need64(boolean uses64, String op) {
        if (uses64 && !program.fp64()) {
            throw new UnsupportedOperationException("opencl: " + op + " on FLOAT64 is not supported by "
                    + info.name() + " (no fp64: the device lacks cl_khr_fp64); use FLOAT32 or another device");
        }
    }

    private OpenClBuffer own(Buffer buffer) {
        if (buffer instanceof OpenClBuffer b && b.owner == this) {
            if (b.released) {
                throw new IllegalStateException("opencl: " + b + " used after release");
            }
            return b;
        }
        throw new IllegalArgumentException("buffer " + buffer + " was not allocated by this opencl backend");
    }

    private OpenClBuffer checked(Buffer buffer, DType dtype, int hostLength, String what) {
        usable(what);
        OpenClBuffer b = own(buffer);
        if (b.dtype() != dtype) {
            throw new IllegalArgumentException("opencl " + what + ": a " + dtype + " host array does not fit a "
                    + b.dtype() + " buffer");
        }
        if (hostLength > b.length()) {
            throw new IllegalArgumentException("opencl " + what + ": host array of length " + hostLength
                    + " is longer than the buffer of length " + b.length());
        }
        return b;
    }

    private static int axis(int axis, View v) {
        int a = axis < 0 ? axis + v.rank() : axis;
        if (a < 0 || a >= v.rank()) {
            throw new IndexOutOfBoundsException("axis " + axis + " is out of range for " + v);
        }
        return a;
    }

    private static int product(int[] shape, int from) {
        int p = 1;
        for (int d = from; d < shape.length; d++) {
            p *= shape[d];
        }
        return p;
    }

    static int code(DType dtype) {
        return switch (dtype) {
            case FLOAT32 -> Meta.T_F32;
            case FLOAT64 -> Meta.T_F64;
            case INT32 -> Meta.T_I32;
        };
    }

    static int code(UnaryOp op) {
        return switch (op) {
            case NEG -> Meta.U_NEG;
            case ABS -> Meta.U_ABS;
            case SIGN -> Meta.U_SIGN;
            case SQUARE -> Meta.U_SQUARE;
            case SQRT -> Meta.U_SQRT;
            case RECIPROCAL -> Meta.U_RECIPROCAL;
            case EXP -> Meta.U_EXP;
            case LOG -> Meta.U_LOG;
            case LOG1P -> Meta.U_LOG1P;
            case EXPM1 -> Meta.U_EXPM1;
            case TANH -> Meta.U_TANH;
            case SIGMOID -> Meta.U_SIGMOID;
            case SOFTPLUS -> Meta.U_SOFTPLUS;
            case RELU -> Meta.U_RELU;
        };
    }

    static int code(BinaryOp op) {
        return switch (op) {
            case ADD -> Meta.B_ADD;
            case SUB -> Meta.B_SUB;
            case MUL -> Meta.B_MUL;
            case DIV -> Meta.B_DIV;
            case POW -> Meta.B_POW;
            case MAXIMUM -> Meta.B_MAXIMUM;
            case MINIMUM -> Meta.B_MINIMUM;
            case EQ -> Meta.B_EQ;
            case NE -> Meta.B_NE;
            case GT -> Meta.B_GT;
            case GE -> Meta.B_GE;
            case LT -> Meta.B_LT;
            case LE -> Meta.B_LE;
        };
    }
}
