package org.jdeep.backend.cuda;

import static jcuda.driver.JCudaDriver.cuCtxSetCurrent;
import static jcuda.driver.JCudaDriver.cuCtxSynchronize;
import static jcuda.driver.JCudaDriver.cuDeviceGet;
import static jcuda.driver.JCudaDriver.cuDevicePrimaryCtxRelease;
import static jcuda.driver.JCudaDriver.cuDevicePrimaryCtxRetain;
import static jcuda.driver.JCudaDriver.cuLaunchKernel;
import static jcuda.driver.JCudaDriver.cuMemAlloc;
import static jcuda.driver.JCudaDriver.cuMemFree;
import static jcuda.driver.JCudaDriver.cuMemGetInfo;
import static jcuda.driver.JCudaDriver.cuMemcpyDtoH;
import static jcuda.driver.JCudaDriver.cuMemcpyHtoD;
import static jcuda.driver.JCudaDriver.cuMemsetD32;
import static jcuda.driver.JCudaDriver.cuModuleGetFunction;
import static jcuda.driver.JCudaDriver.cuModuleLoadData;
import static jcuda.driver.JCudaDriver.cuModuleUnload;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import jcuda.NativePointerObject;
import jcuda.Pointer;
import jcuda.driver.CUcontext;
import jcuda.driver.CUdevice;
import jcuda.driver.CUdeviceptr;
import jcuda.driver.CUfunction;
import jcuda.driver.CUmodule;
import jcuda.driver.CUresult;
import org.jdeep.backend.cuda.Geometry.Launch;
import org.jdeep.backend.cuda.Geometry.ReducePlan;
import org.jdeep.backend.cuda.Kernels.Kernel;
import org.jdeep.backend.cuda.Kernels.Param;
import org.jdeep.spi.Backend;
import org.jdeep.spi.BinaryOp;
import org.jdeep.spi.Buffer;
import org.jdeep.spi.FusedSoftmax;
import org.jdeep.spi.ReduceOp;
import org.jdeep.spi.UnaryOp;
import org.jdeep.spi.View;
import org.jdeep.types.DType;
import org.jdeep.types.Window2d;

/**
 * The CUDA backend: buffers are device allocations ({@code cuMemAlloc}) that stay on the GPU between ops, and
 * every primitive is one of jdeep's own kernels (the PTX resources, loaded with {@code cuModuleLoadData} the
 * first time a kernel of that file is used) launched on the device's primary context with
 * {@code cuLaunchKernel}. Kernels run asynchronously in launch order; {@code download} waits for them.
 *
 * <p>All calls take one lock (the GPU runs them in order anyway) and make the context current on the calling
 * thread, so the backend may be used from several threads. System property {@code jdeep.cuda.sync=true}
 * waits for every kernel and checks its status, so that a failing kernel is named in the exception.
 */
final class CudaBackend implements Backend, FusedSoftmax {

    private final Object lock = new Object();
    private final CudaDriver.DeviceInfo info;
    private final CUdevice device;
    private final CUcontext context;
    private final int multiprocessors;
    private final boolean syncEveryLaunch = Boolean.getBoolean("jdeep.cuda.sync");
    private final Map<String, CUmodule> modules = new HashMap<>();
    private final Map<Kernel, CUfunction> functions = new HashMap<>();
    private final Set<CudaBuffer> live = Collections.newSetFromMap(new IdentityHashMap<>());
    private CUdeviceptr scratch;
    private long scratchBytes;
    private boolean closed;

    private CudaBackend(CudaDriver.DeviceInfo info, CUdevice device, CUcontext context) {
        this.info = info;
        this.device = device;
        this.context = context;
        this.multiprocessors = Math.max(1, info.multiprocessors());
    }

    /** Retains the device's primary context (the one the CUDA runtime and libraries share). */
    static CudaBackend open(CudaDriver.DeviceInfo info) {
        CUdevice device = new CUdevice();
        check(cuDeviceGet(device, info.ordinal()), "cuDeviceGet");
        CUcontext context = new CUcontext();
        check(cuDevicePrimaryCtxRetain(context, device), "cuDevicePrimaryCtxRetain");
        check(cuCtxSetCurrent(context), "cuCtxSetCurrent");
        return new CudaBackend(info, device, context);
    }

    @Override
    public String name() {
        return "cuda";
    }

    @Override
    public String device() {
        return info.describe();
    }

    // ----- errors -----

    private static void check(int result, String call) {
        if (result != CUresult.CUDA_SUCCESS) {
            throw failure(call, result);
        }
    }

    static IllegalStateException failure(String call, int result) {
        String hint = "";
        if (result == CUresult.CUDA_ERROR_ILLEGAL_ADDRESS || result == CUresult.CUDA_ERROR_LAUNCH_FAILED
                || result == CUresult.CUDA_ERROR_ILLEGAL_INSTRUCTION || result == CUresult.CUDA_ERROR_MISALIGNED_ADDRESS) {
            hint = " (a kernel failed, possibly an earlier one: run with -Djdeep.cuda.sync=true to check every "
                    + "launch; the CUDA context is unusable now)";
        } else if (result == CUresult.CUDA_ERROR_UNSUPPORTED_PTX_VERSION) {
            hint = " (jdeep's kernels are PTX 9.0 from nvcc 13: the driver must support CUDA 13.0 or newer)";
        }
        return new IllegalStateException("cuda: " + call + " failed: " + CUresult.stringFor(result) + hint);
    }

    /** Free and total device memory in bytes ({@code cuMemGetInfo}), or {-1, -1} if the driver cannot say. */
    long[] memoryInfo() {
        synchronized (lock) {
            ensureOpen();
            return memoryInfoLocked();
        }
    }

    private long[] memoryInfoLocked() {
        long[] free = {-1};
        long[] total = {-1};
        if (cuMemGetInfo(free, total) != CUresult.CUDA_SUCCESS) {
            return new long[] {-1, -1};
        }
        return new long[] {free[0], total[0]};
    }

    private CudaOutOfMemoryError outOfMemory(String what, long bytes) {
        long[] mem = memoryInfoLocked();
        String state = mem[0] < 0 ? "cuMemGetInfo could not say how much is free"
                : CudaDriver.gib(mem[0]) + " (" + mem[0] + " bytes) free of " + CudaDriver.gib(mem[1]) + " (cuMemGetInfo)";
        return new CudaOutOfMemoryError("cuda: out of GPU memory allocating " + what + " = " + bytes + " bytes ("
                + CudaDriver.gib(bytes) + ") on " + info.name() + ": " + state + "; close tensors you no longer need "
                + "(MemoryScope) or use smaller batches", bytes, mem[0], mem[1]);
    }

    private CUdeviceptr deviceAlloc(long bytes, String what) {
        CUdeviceptr p = new CUdeviceptr();
        int r = cuMemAlloc(p, bytes);
        if (r == CUresult.CUDA_ERROR_OUT_OF_MEMORY) {
            throw outOfMemory(what, bytes);
        }
        check(r, "cuMemAlloc(" + bytes + " bytes)");
        return p;
    }

    // ----- memory -----

    @Override
    public Buffer allocate(DType dtype, int length) {
        if (length < 0) {
            throw new IllegalArgumentException("cuda: cannot allocate a buffer of negative length " + length);
        }
        synchronized (lock) {
            current();
            long bytes = (long) length * dtype.byteSize();
            CUdeviceptr p = new CUdeviceptr();
            if (bytes > 0) {
                p = deviceAlloc(bytes, length + " " + dtype + " elements");
                int r = cuMemsetD32(p, 0, bytes / 4);
                if (r != CUresult.CUDA_SUCCESS) {
                    cuMemFree(p);
                    throw failure("cuMemsetD32", r);
                }
            }
            CudaBuffer b = new CudaBuffer(this, dtype, length, p);
            live.add(b);
            return b;
        }
    }

    @Override
    public void release(Buffer buffer) {
        synchronized (lock) {
            CudaBuffer b = owned(buffer);
            if (b.released()) {
                return;
            }
            b.markReleased();
            live.remove(b);
            if (!closed && b.bytes() > 0) {
                current();
                check(cuMemFree(b.ptr), "cuMemFree");
            }
        }
    }

    @Override
    public void upload(float[] src, Buffer dst) {
        copyIn(Pointer.to(src), src.length, dst, DType.FLOAT32);
    }

    @Override
    public void upload(double[] src, Buffer dst) {
        copyIn(Pointer.to(src), src.length, dst, DType.FLOAT64);
    }

    @Override
    public void upload(int[] src, Buffer dst) {
        copyIn(Pointer.to(src), src.length, dst, DType.INT32);
    }

    @Override
    public void download(Buffer src, float[] dst) {
        copyOut(src, Pointer.to(dst), dst.length, DType.FLOAT32);
    }

    @Override
    public void download(Buffer src, double[] dst) {
        copyOut(src, Pointer.to(dst), dst.length, DType.FLOAT64);
    }

    @Override
    public void download(Buffer src, int[] dst) {
        copyOut(src, Pointer.to(dst), dst.length, DType.INT32);
    }

    private void copyIn(Pointer host, int n, Buffer dst, DType dtype) {
        synchronized (lock) {
            CudaBuffer b = checkedHost(dst, dtype, n, "upload");
            if (n == 0) {
                return;
            }
            current();
            check(cuMemcpyHtoD(b.ptr, host, (long) n * dtype.byteSize()), "cuMemcpyHtoD");
        }
    }

    private void copyOut(Buffer src, Pointer host, int n, DType dtype) {
        synchronized (lock) {
            CudaBuffer b = checkedHost(src, dtype, n, "download");
            if (n == 0) {
                return;
            }
            current();
            check(cuMemcpyDtoH(host, b.ptr, (long) n * dtype.byteSize()), "cuMemcpyDtoH");
        }
    }

    private CudaBuffer checkedHost(Buffer buffer, DType dtype, int hostLength, String what) {
        CudaBuffer b = buf(buffer);
        if (b.dtype() != dtype) {
            throw new IllegalArgumentException("cuda " + what + ": a " + dtype + " host array does not fit a "
                    + b.dtype() + " buffer");
        }
        if (hostLength > b.length()) {
            throw new IllegalArgumentException("cuda " + what + ": host array of length " + hostLength
                    + " is longer than the buffer of length " + b.length());
        }
        return b;
    }

    // ----- data movement -----

    @Override
    public void copy(View src, View dst) {
        synchronized (lock) {
            int n = dst.size();
            if (n == 0) {
                return;
            }
            int[] meta = Geometry.elem("copy", dst.shape(), new int[] {dst.offset(), src.offset()}, dst.strides(),
                    src.strides());
            launch(Kernels.copy(src.dtype(), dst.dtype()), Geometry.linear(n, multiprocessors), meta,
                    buf(dst.buffer()), buf(src.buffer()));
        }
    }

    @Override
    public void fill(View dst, double value) {
        synchronized (lock) {
            int n = dst.size();
            if (n == 0) {
                return;
            }
            int[] meta = Geometry.elem("fill", dst.shape(), new int[] {dst.offset()}, dst.strides());
            Object v = switch (dst.dtype()) {
                case FLOAT32 -> (float) value;
                case FLOAT64 -> value;
                case INT32 -> (int) value;
            };
            launch(Kernels.fill(dst.dtype()), Geometry.linear(n, multiprocessors), meta, buf(dst.buffer()), v);
        }
    }

    @Override
    public void gather(View x, int axis, View indices, View out) {
        synchronized (lock) {
            int a = axis(axis, x);
            int k = checkIndices(indices, a, x.shape()[a]);
            if (out.size() == 0) {
                return;
            }
            int[] outer = Geometry.without(out.shape(), a);
            int[] meta = Geometry.axis("gather", outer, x.offset(), Geometry.without(x.strides(), a), out.offset(),
                    Geometry.without(out.strides(), a), k, x.strides()[a], out.strides()[a], 0);
            int inner = Math.abs(Geometry.innermostOuterStride(meta, 1));
            boolean jFastest = Geometry.axisRank(meta) == 0 || Math.abs(out.strides()[a]) < inner;
            meta[3] = jFastest ? 1 : 0;
            launch(Kernels.gather(x.dtype()), Geometry.linear((long) out.size(), multiprocessors), meta,
                    buf(out.buffer()), buf(x.buffer()), buf(indices.buffer()), indices.offset(),
                    indices.strides()[0]);
        }
    }

    @Override
    public void scatterAdd(View src, int axis, View indices, View dst) {
        synchronized (lock) {
            int a = axis(axis, dst);
            int k = checkIndices(indices, a, dst.shape()[a]);
            if (src.size() == 0) {
                return;
            }
            int[] outer = Geometry.without(src.shape(), a);
            int[] meta = Geometry.axis("scatterAdd", outer, src.offset(), Geometry.without(src.strides(), a),
                    dst.offset(), Geometry.without(dst.strides(), a), k, src.strides()[a], dst.strides()[a], 0);
            launch(Kernels.scatterAdd(dst.dtype()), Geometry.linear(Geometry.size(outer), multiprocessors), meta,
                    buf(dst.buffer()), buf(src.buffer()), buf(indices.buffer()), indices.offset(),
                    indices.strides()[0]);
        }
    }

    /**
     * Checks every index on the GPU before anything is written (one kernel and a 4-byte read-back), so a bad
     * index leaves the output untouched, as on the CPU.
     */
    private int checkIndices(View indices, int axis, int axisSize) {
        if (indices.rank() != 1) {
            throw new IllegalArgumentException("indices must be a 1-D INT32 view, got " + indices);
        }
        int k = indices.shape()[0];
        if (k == 0) {
            return 0;
        }
        CudaBuffer ib = buf(indices.buffer());
        CUdeviceptr flag = scratch(4);
        current();
        check(cuMemsetD32(flag, Integer.MAX_VALUE, 1), "cuMemsetD32");
        launch(Kernels.CHECK_INDICES, Geometry.linear(k, multiprocessors), ib, indices.offset(), indices.strides()[0],
                k, axisSize, flag);
        int[] bad = {0};
        check(cuMemcpyDtoH(Pointer.to(bad), flag, 4), "cuMemcpyDtoH");
        if (bad[0] != Integer.MAX_VALUE) {
            int j = bad[0];
            int[] value = {0};
            long at = (long) indices.offset() + (long) j * indices.strides()[0];
            check(cuMemcpyDtoH(Pointer.to(value), ib.ptr.withByteOffset(at * 4), 4), "cuMemcpyDtoH");
            throw new IndexOutOfBoundsException("index " + value[0] + " (position " + j + " of the indices) is out "
                    + "of range for axis " + axis + " of size " + axisSize);
        }
        return k;
    }

    @Override
    public void im2col(View x, Window2d window, double padValue, View cols) {
        synchronized (lock) {
            int n = cols.size();
            if (n == 0) {
                return;
            }
            Object pad = switch (x.dtype()) {
                case FLOAT32 -> (float) padValue;
                case FLOAT64 -> padValue;
                case INT32 -> (int) padValue;
            };
            launch(Kernels.im2col(x.dtype()), Geometry.linear(n, multiprocessors), conv(x, window, cols),
                    buf(x.buffer()), buf(cols.buffer()), pad);
        }
    }

    @Override
    public void col2im(View cols, Window2d window, View x) {
        synchronized (lock) {
            if (cols.size() == 0 || x.size() == 0) {
                return;
            }
            launch(Kernels.col2im(x.dtype()), Geometry.linear(x.size(), multiprocessors), conv(x, window, cols),
                    buf(cols.buffer()), buf(x.buffer()));
        }
    }

    /** {@code struct ConvMeta} for x (N, H, W, C) and cols (N, outH, outW, kH, kW, C). */
    static int[] conv(View x, Window2d w, View cols) {
        int[] xs = x.shape();
        int[] cs = cols.shape();
        int[] xt = x.strides();
        int[] ct = cols.strides();
        return new int[] {xs[0], xs[1], xs[2], xs[3], cs[1], cs[2], w.kernelH(), w.kernelW(),
            w.strideH(), w.strideW(), w.padTop(), w.padLeft(), w.dilationH(), w.dilationW(),
            x.offset(), xt[0], xt[1], xt[2], xt[3],
            cols.offset(), ct[0], ct[1], ct[2], ct[3], ct[4], ct[5]};
    }

    // ----- compute -----

    @Override
    public void unary(UnaryOp op, View x, View out) {
        if (out.dtype() == DType.INT32 && !op.definedForIntegers()) {
            throw new IllegalArgumentException("unary " + op + " is defined for floating dtypes only, not INT32");
        }
        synchronized (lock) {
            int n = out.size();
            if (n == 0) {
                return;
            }
            int[] meta = Geometry.elem("unary", out.shape(), new int[] {out.offset(), x.offset()}, out.strides(),
                    x.strides());
            launch(Kernels.unary(out.dtype()), Geometry.linear(n, multiprocessors), Kernels.code(op), meta,
                    buf(out.buffer()), buf(x.buffer()));
        }
    }

    @Override
    public void binary(BinaryOp op, View a, View b, View out) {
        synchronized (lock) {
            int n = out.size();
            if (n == 0) {
                return;
            }
            int[] meta = Geometry.elem("binary", out.shape(), new int[] {out.offset(), a.offset(), b.offset()},
                    out.strides(), a.strides(), b.strides());
            launch(Kernels.binary(out.dtype()), Geometry.linear(n, multiprocessors), Kernels.code(op), meta,
                    buf(out.buffer()), buf(a.buffer()), buf(b.buffer()));
        }
    }

    @Override
    public void where(View cond, View a, View b, View out) {
        synchronized (lock) {
            int n = out.size();
            if (n == 0) {
                return;
            }
            int[] meta = Geometry.elem("where", out.shape(),
                    new int[] {out.offset(), cond.offset(), a.offset(), b.offset()}, out.strides(), cond.strides(),
                    a.strides(), b.strides());
            launch(Kernels.where(out.dtype()), Geometry.linear(n, multiprocessors), Kernels.code(cond.dtype()), meta,
                    buf(out.buffer()), buf(cond.buffer()), buf(a.buffer()), buf(b.buffer()));
        }
    }

    @Override
    public void reduce(ReduceOp op, View x, int axis, View out) {
        synchronized (lock) {
            int a = axis(axis, x);
            int len = x.shape()[a];
            if (out.size() == 0) {
                return;
            }
            if (len == 0) {
                if (op != ReduceOp.SUM) {
                    throw new IllegalArgumentException("reduce " + op + " over axis " + a + " of size 0 in " + x
                            + ": only SUM has a value for an empty axis");
                }
                fill(out, 0.0);
                return;
            }
            int[] outer = Geometry.without(x.shape(), a);
            int[] meta = Geometry.axis("reduce", outer, x.offset(), Geometry.without(x.strides(), a), out.offset(),
                    Geometry.without(out.strides(), a), len, x.strides()[a], out.strides()[a], 0);
            int outerCount = meta[1];
            ReducePlan plan = Geometry.reduce(outerCount, len, columns(meta, x.strides()[a]), multiprocessors, true);
            CudaBuffer xb = buf(x.buffer());
            CudaBuffer ob = buf(out.buffer());
            if (plan.chunks() == 1) {
                CUdeviceptr none = new CUdeviceptr();
                launch(Kernels.reduce(x.dtype()), plan.launch(), Kernels.code(op), meta, xb, ob, none, none,
                        plan.chunkLen(), 1);
                return;
            }
            long partials = (long) outerCount * plan.chunks();
            CUdeviceptr values = scratch(partials * 12);
            CUdeviceptr indices = values.withByteOffset(partials * 8);
            launch(Kernels.reduce(x.dtype()), plan.launch(), Kernels.code(op), meta, xb, ob, values, indices,
                    plan.chunkLen(), plan.chunks());
            launch(Kernels.reduceFinal(x.dtype()), Geometry.reduceFinal(outerCount, multiprocessors), Kernels.code(op),
                    meta, ob, values, indices, plan.chunks());
        }
    }

    /** Whether neighbouring outputs are closer in memory than neighbouring elements of the axis. */
    private static boolean columns(int[] axisMeta, int axisStride) {
        if (Geometry.axisRank(axisMeta) == 0 || Math.abs(axisStride) == 1) {
            return false;
        }
        return Math.abs(Geometry.innermostOuterStride(axisMeta, 0)) < Math.abs(axisStride);
    }

    @Override
    public void softmax(View x, int axis, boolean log, View out) {
        if (!x.dtype().isFloating()) {
            throw new IllegalArgumentException("cuda softmax: floating dtypes only, got " + x.dtype());
        }
        synchronized (lock) {
            int a = axis(axis, x);
            int len = x.shape()[a];
            if (out.size() == 0) {
                return;
            }
            if (len == 0) {
                throw new IllegalArgumentException("softmax over axis " + a + " of size 0 in " + x);
            }
            int[] outer = Geometry.without(x.shape(), a);
            int[] meta = Geometry.axis("softmax", outer, x.offset(), Geometry.without(x.strides(), a), out.offset(),
                    Geometry.without(out.strides(), a), len, x.strides()[a], out.strides()[a], 0);
            ReducePlan plan = Geometry.reduce(meta[1], len, columns(meta, x.strides()[a]), multiprocessors, false);
            launch(Kernels.softmax(x.dtype()), plan.launch(), log ? 1 : 0, meta, buf(out.buffer()), buf(x.buffer()));
        }
    }

    @Override
    public void matmul(View a, boolean transposeA, View b, boolean transposeB, View out) {
        if (!out.dtype().isFloating()) {
            throw new IllegalArgumentException("cuda matmul: floating dtypes only, got " + out.dtype());
        }
        synchronized (lock) {
            if (out.size() == 0) {
                return;
            }
            int[] meta = matMeta(a, transposeA, b, transposeB, out);
            launch(Kernels.matmul(out.dtype()), Geometry.matmul(meta[0], meta[1], meta[2]), meta, buf(a.buffer()),
                    buf(b.buffer()), buf(out.buffer()));
        }
    }

    /** {@code struct MatMeta}, with the transposes folded into the strides and broadcast batches at stride 0. */
    static int[] matMeta(View a, boolean transposeA, View b, boolean transposeB, View out) {
        int[] as = a.strides();
        int[] bs = b.strides();
        int[] os = out.strides();
        int batch = out.shape()[0];
        int m = out.shape()[1];
        int n = out.shape()[2];
        int k = transposeA ? a.shape()[1] : a.shape()[2];
        int aBatch = a.shape()[0] == 1 ? 0 : as[0];
        int bBatch = b.shape()[0] == 1 ? 0 : bs[0];
        int aRow = transposeA ? as[2] : as[1];
        int aCol = transposeA ? as[1] : as[2];
        int bRow = transposeB ? bs[2] : bs[1];
        int bCol = transposeB ? bs[1] : bs[2];
        return new int[] {batch, m, n, k, a.offset(), aBatch, aRow, aCol, b.offset(), bBatch, bRow, bCol,
            out.offset(), os[0], os[1], os[2]};
    }

    // ----- kernels -----

    /** Loads every PTX module and looks up every kernel now (otherwise each file loads on first use). */
    void loadAllKernels() {
        synchronized (lock) {
            current();
            for (Kernel k : Kernels.all()) {
                function(k);
            }
        }
    }

    private CUfunction function(Kernel k) {
        CUfunction f = functions.get(k);
        if (f == null) {
            CUmodule m = modules.get(k.module());
            if (m == null) {
                m = loadModule(k.module());
                modules.put(k.module(), m);
            }
            f = new CUfunction();
            check(cuModuleGetFunction(f, m, k.name()), "cuModuleGetFunction(" + k + ")");
            functions.put(k, f);
        }
        return f;
    }

    /** The PTX text of a module, NUL-terminated as {@code cuModuleLoadData} wants it. */
    static byte[] ptx(String module) {
        try (InputStream in = CudaBackend.class.getResourceAsStream(module + ".ptx")) {
            if (in == null) {
                throw new IllegalStateException("cuda: resource org/jdeep/backend/cuda/" + module + ".ptx is missing "
                        + "from the jar (run tools/build_ptx.sh and rebuild)");
            }
            byte[] text = in.readAllBytes();
            return Arrays.copyOf(text, text.length + 1);
        } catch (IOException e) {
            throw new UncheckedIOException("cuda: reading " + module + ".ptx", e);
        }
    }

    private CUmodule loadModule(String name) {
        CUmodule m = new CUmodule();
        check(cuModuleLoadData(m, ptx(name)), "cuModuleLoadData(" + name + ".ptx)");
        return m;
    }

    /**
     * Launches a kernel; {@code args} follow the kernel's declared parameters: {@code Integer}, {@code Float},
     * {@code Double}, {@code int[]} structs, and {@link CudaBuffer} or {@link CUdeviceptr} pointers.
     */
    private void launch(Kernel k, Launch g, Object... args) {
        ensureOpen();
        List<Param> params = k.params();
        if (args.length != params.size()) {
            throw new IllegalStateException("cuda: " + k + " takes " + params.size() + " arguments, got " + args.length);
        }
        NativePointerObject[] ps = new NativePointerObject[args.length];
        for (int i = 0; i < args.length; i++) {
            ps[i] = argument(k, i, params.get(i), args[i]);
        }
        current();
        int r = cuLaunchKernel(function(k), g.gridX(), g.gridY(), g.gridZ(), g.blockX(), g.blockY(), g.blockZ(), 0,
                null, Pointer.to(ps), null);
        check(r, "cuLaunchKernel(" + k.name() + ", grid " + g.gridX() + "x" + g.gridY() + "x" + g.gridZ() + ", block "
                + g.blockX() + "x" + g.blockY() + "x" + g.blockZ() + ")");
        if (syncEveryLaunch) {
            check(cuCtxSynchronize(), "kernel " + k.name());
        }
    }

    private static Pointer argument(Kernel k, int i, Param p, Object a) {
        switch (p) {
            case I32:
                if (a instanceof Integer v) {
                    return Pointer.to(new int[] {v});
                }
                break;
            case F32:
                if (a instanceof Float v) {
                    return Pointer.to(new float[] {v});
                }
                break;
            case F64:
                if (a instanceof Double v) {
                    return Pointer.to(new double[] {v});
                }
                break;
            case PTR:
                if (a instanceof CudaBuffer b) {
                    return Pointer.to(b.ptr);
                }
                if (a instanceof CUdeviceptr d) {
                    return Pointer.to(d);
                }
                break;
            default:
                if (a instanceof int[] s && s.length * 4 == p.bytes) {
                    return Pointer.to(s);
                }
                break;
        }
        throw new IllegalStateException("cuda: argument " + i + " of " + k + " must be " + p + ", got "
                + (a == null ? "null" : a.getClass().getSimpleName()));
    }

    /** A device scratch area of at least {@code bytes}, grown on demand and kept until close. */
    private CUdeviceptr scratch(long bytes) {
        if (scratch == null || scratchBytes < bytes) {
            if (scratch != null) {
                cuMemFree(scratch);
                scratch = null;
            }
            long size = Math.max(bytes, Math.max(1024, scratchBytes * 2));
            scratch = deviceAlloc(size, "reduction scratch");
            scratchBytes = size;
        }
        return scratch;
    }

    // ----- plumbing -----

    private void current() {
        ensureOpen();
        check(cuCtxSetCurrent(context), "cuCtxSetCurrent");
    }

    private void ensureOpen() {
        if (closed) {
            throw new IllegalStateException("cuda: the backend on " + info.name() + " is closed");
        }
    }

    /** The buffer behind a view, checked to be one of ours and live. */
    private CudaBuffer buf(Buffer b) {
        CudaBuffer c = owned(b);
        if (c.released()) {
            throw new IllegalStateException("cuda buffer of " + c.length() + " " + c.dtype() + " used after release");
        }
        return c;
    }

    private CudaBuffer owned(Buffer b) {
        if (b instanceof CudaBuffer c && c.owner == this) {
            return c;
        }
        throw new IllegalArgumentException("buffer " + b + " was not allocated by this cuda backend");
    }

    /** Accepts a negative axis counted from the end, as the API does, and rejects one out of range. */
    private static int axis(int axis, View v) {
        int a = axis < 0 ? axis + v.rank() : axis;
        if (a < 0 || a >= v.rank()) {
            throw new IndexOutOfBoundsException("axis " + axis + " is out of range for " + v);
        }
        return a;
    }

    /** Waits for every kernel launched so far and reports a failed one ({@code cuCtxSynchronize}). */
    void synchronize() {
        synchronized (lock) {
            current();
            check(cuCtxSynchronize(), "cuCtxSynchronize");
        }
    }

    @Override
    public void close() {
        synchronized (lock) {
            if (closed) {
                return;
            }
            List<String> problems = new ArrayList<>();
            int r = cuCtxSetCurrent(context);
            if (r != CUresult.CUDA_SUCCESS) {
                problems.add("cuCtxSetCurrent: " + CUresult.stringFor(r));
            }
            for (CudaBuffer b : live) {
                b.markReleased();
                if (b.bytes() > 0) {
                    cuMemFree(b.ptr);
                }
            }
            live.clear();
            if (scratch != null) {
                cuMemFree(scratch);
                scratch = null;
            }
            for (CUmodule m : modules.values()) {
                cuModuleUnload(m);
            }
            modules.clear();
            functions.clear();
            closed = true;
            r = cuDevicePrimaryCtxRelease(device);
            if (r != CUresult.CUDA_SUCCESS) {
                problems.add("cuDevicePrimaryCtxRelease: " + CUresult.stringFor(r));
            }
            if (!problems.isEmpty()) {
                throw new IllegalStateException("cuda: closing the backend: " + String.join(", ", problems));
            }
        }
    }
}
