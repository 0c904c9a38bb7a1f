package org.jdeep.backend.cuda;

import java.util.Arrays;
import org.jdeep.types.Shape;

/**
 * Host-side geometry, free of native code so that it is unit-tested without a GPU: merging the axes of
 * strided views, the {@code int[]} images of the kernels' parameter structs (the layouts of
 * {@code src/main/cuda/jdeep_cuda.cuh}), and launch shapes.
 */
final class Geometry {

    /** The most axes a kernel's parameter struct holds, after merging. */
    static final int MAX_RANK = 8;
    /** Threads per block of the one-dimensional kernels. */
    static final int THREADS = 256;
    /** Ints in {@code struct ElemMeta}: rank, n, shape[8], offset[4], stride[4][8]. */
    static final int ELEM_INTS = 2 + MAX_RANK + 4 + 4 * MAX_RANK;
    /** Ints in {@code struct AxisMeta}: rank, outer, len, flags, aOff, bOff, aAxis, bAxis, shape, aStride, bStride. */
    static final int AXIS_INTS = 8 + 3 * MAX_RANK;
    /** Ints in {@code struct MatMeta}. */
    static final int MAT_INTS = 16;
    /** Ints in {@code struct ConvMeta}. */
    static final int CONV_INTS = 26;
    /** Output tile edge of the matmul kernel. */
    static final int MATMUL_TILE = 64;
    /** Largest gridDim.y and gridDim.z. */
    static final int MAX_GRID_YZ = 65535;

    private Geometry() {
    }

    /**
     * Axes after merging: {@code strides[operand][axis]}; {@code kept} is the index of the axis that was asked
     * to stay separate, or -1.
     */
    record Merged(int[] shape, int[][] strides, int kept) {
        int rank() {
            return shape.length;
        }
    }

    /**
     * Drops axes of size 1 and merges neighbouring axes that every operand walks as one (outer stride =
     * inner stride * inner size, which includes broadcast axes of stride 0 on both), so that a contiguous
     * view of any rank becomes one axis. Axis {@code keep} (or none for -1) is never dropped nor merged.
     */
    static Merged merge(int[] shape, int[][] strides, int keep) {
        int rank = shape.length;
        int ops = strides.length;
        int[] outShape = new int[rank];
        int[][] outStrides = new int[ops][rank];
        int r = 0;
        int kept = -1;
        boolean lastIsKept = false;
        for (int d = 0; d < rank; d++) {
            boolean isKeep = d == keep;
            if (shape[d] == 1 && !isKeep) {
                continue;
            }
            if (r > 0 && !isKeep && !lastIsKept && mergeable(outShape, outStrides, r - 1, shape[d], strides, d)) {
                outShape[r - 1] = Math.multiplyExact(outShape[r - 1], shape[d]);
                for (int o = 0; o < ops; o++) {
                    outStrides[o][r - 1] = strides[o][d];
                }
                continue;
            }
            outShape[r] = shape[d];
            for (int o = 0; o < ops; o++) {
                outStrides[o][r] = strides[o][d];
            }
            if (isKeep) {
                kept = r;
            }
            lastIsKept = isKeep;
            r++;
        }
        int[][] trimmed = new int[ops][];
        for (int o = 0; o < ops; o++) {
            trimmed[o] = Arrays.copyOf(outStrides[o], r);
        }
        return new Merged(Arrays.copyOf(outShape, r), trimmed, kept);
    }

    private static boolean mergeable(int[] outShape, int[][] outStrides, int last, int size, int[][] strides, int d) {
        for (int o = 0; o < strides.length; o++) {
            if ((long) outStrides[o][last] != (long) strides[o][d] * size) {
                return false;
            }
        }
        return true;
    }

    /** The element count of a shape, as a long. */
    static long size(int[] shape) {
        long n = 1;
        for (int d : shape) {
            n *= d;
        }
        return n;
    }

    /** The shape or strides without one axis. */
    static int[] without(int[] a, int axis) {
        int[] out = new int[a.length - 1];
        System.arraycopy(a, 0, out, 0, axis);
        System.arraycopy(a, axis + 1, out, axis, a.length - axis - 1);
        return out;
    }

    private static void checkRank(Merged m, int[] shape, String what) {
        if (m.rank() > MAX_RANK) {
            throw new IllegalArgumentException("cuda " + what + ": shape " + Shape.toString(shape) + " has "
                    + shape.length + " axes, " + m.rank() + " after merging contiguous ones, but the CUDA kernels "
                    + "take at most " + MAX_RANK + " (make the tensor contiguous or reshape it to fewer axes)");
        }
    }

    /**
     * {@code struct ElemMeta} for one iteration shape and up to four operands (operand 0 the output).
     *
     * @throws IllegalArgumentException when more than {@link #MAX_RANK} axes remain after merging
     */
    static int[] elem(String what, int[] shape, int[] offsets, int[]... strides) {
        if (strides.length > 4 || offsets.length != strides.length) {
            throw new IllegalArgumentException("elem: 1 to 4 operands with one offset each");
        }
        Merged m = merge(shape, strides, -1);
        checkRank(m, shape, what);
        int[] meta = new int[ELEM_INTS];
        meta[0] = m.rank();
        meta[1] = Math.toIntExact(size(shape));
        System.arraycopy(m.shape(), 0, meta, 2, m.rank());
        System.arraycopy(offsets, 0, meta, 2 + MAX_RANK, offsets.length);
        for (int o = 0; o < strides.length; o++) {
            System.arraycopy(m.strides()[o], 0, meta, 2 + MAX_RANK + 4 + o * MAX_RANK, m.rank());
        }
        return meta;
    }

    /**
     * {@code struct AxisMeta}: the outer axes {@code outerShape} of operand a (read) and b (written), merged,
     * with the axis of length {@code len} given by its strides.
     */
    static int[] axis(String what, int[] outerShape, int aOff, int[] aStrides, int bOff, int[] bStrides, int len,
                      int aAxis, int bAxis, int flags) {
        Merged m = merge(outerShape, new int[][] {aStrides, bStrides}, -1);
        checkRank(m, outerShape, what);
        int[] meta = new int[AXIS_INTS];
        meta[0] = m.rank();
        meta[1] = Math.toIntExact(size(outerShape));
        meta[2] = len;
        meta[3] = flags;
        meta[4] = aOff;
        meta[5] = bOff;
        meta[6] = aAxis;
        meta[7] = bAxis;
        System.arraycopy(m.shape(), 0, meta, 8, m.rank());
        System.arraycopy(m.strides()[0], 0, meta, 8 + MAX_RANK, m.rank());
        System.arraycopy(m.strides()[1], 0, meta, 8 + 2 * MAX_RANK, m.rank());
        return meta;
    }

    /** The merged outer rank recorded in an AxisMeta. */
    static int axisRank(int[] meta) {
        return meta[0];
    }

    /** The innermost merged outer stride of operand a (0) or b (1) in an AxisMeta, or 0 for rank 0. */
    static int innermostOuterStride(int[] meta, int operand) {
        int rank = meta[0];
        return rank == 0 ? 0 : meta[8 + (1 + operand) * MAX_RANK + rank - 1];
    }

    // ----- launch shapes -----

    /** Grid and block dimensions of one launch. */
    record Launch(int gridX, int gridY, int gridZ, int blockX, int blockY, int blockZ) {
        long threads() {
            return (long) gridX * gridY * gridZ * blockX * blockY * blockZ;
        }
    }

    /**
     * A one-dimensional grid-stride launch over {@code n} elements: blocks of {@link #THREADS}, at most 32
     * blocks per multiprocessor (the kernels loop over the rest).
     */
    static Launch linear(long n, int multiprocessors) {
        if (n <= 0) {
            throw new IllegalArgumentException("no launch for " + n + " elements");
        }
        long blocks = Math.min((n + THREADS - 1) / THREADS, 32L * Math.max(1, multiprocessors));
        return new Launch((int) blocks, 1, 1, THREADS, 1, 1);
    }

    /**
     * How a reduction runs: blocks of {@code blockX * blockY = 256} threads, {@code blockX} neighbouring outputs
     * per block ({@code gridX} blocks looping over the tiles), the axis split into {@code chunks} pieces of
     * {@code chunkLen} (more than one only when the tiles alone cannot fill the GPU).
     */
    record ReducePlan(int blockX, int blockY, int gridX, int chunks, int chunkLen) {
        Launch launch() {
            return new Launch(gridX, chunks, 1, blockX, blockY, 1);
        }
    }

    /**
     * The plan for {@code outer} outputs each reducing {@code len} elements. Threads along the axis: enough
     * for about 8 elements each, a power of two up to 256, or up to 8 when {@code columns} (neighbouring
     * outputs denser in memory than the axis, so a warp should span outputs); the rest of the block's 256
     * threads take neighbouring outputs. A short axis thus gets one thread per output, a long one a whole
     * block (tree plus warp shuffles). The axis is split into chunks only when the tiles alone cannot fill
     * the GPU and each thread still gets 32 elements.
     */
    static ReducePlan reduce(int outer, int len, boolean columns, int multiprocessors, boolean allowChunks) {
        int by = Math.min(columns ? 8 : THREADS, nextPowerOfTwo((len + 7) / 8));
        int bx = THREADS / by;
        long tiles = (outer + (long) bx - 1) / bx;
        long target = 8L * Math.max(1, multiprocessors);
        int chunks = 1;
        long perThread = 32;
        if (allowChunks && tiles < target && len > by * perThread) {
            long want = Math.min((target + tiles - 1) / tiles, (len + by * perThread - 1) / (by * perThread));
            chunks = (int) Math.min(want, MAX_GRID_YZ);
        }
        int chunkLen = (int) ((len + (long) chunks - 1) / chunks);
        if (chunkLen > 0) {
            chunks = (int) ((len + (long) chunkLen - 1) / chunkLen);
        } else {
            chunks = 1;
        }
        int gridX = (int) Math.max(1, Math.min(tiles, 32L * Math.max(1, multiprocessors)));
        return new ReducePlan(bx, by, gridX, chunks, chunkLen);
    }

    /** The smallest power of two at least {@code x} (1 for x <= 1). */
    static int nextPowerOfTwo(int x) {
        return x <= 1 ? 1 : Integer.highestOneBit(x - 1) << 1;
    }

    /** One block of (1, 256) per output, for the second pass of a chunked reduction. */
    static Launch reduceFinal(int outer, int multiprocessors) {
        return new Launch((int) Math.max(1, Math.min(outer, 32L * Math.max(1, multiprocessors))), 1, 1, 1, THREADS,
                1);
    }

    /** 16x16 threads per 64x64 output tile; the kernel loops where gridDim.y or gridDim.z would overflow. */
    static Launch matmul(int batch, int m, int n) {
        int gx = (n + MATMUL_TILE - 1) / MATMUL_TILE;
        int gy = Math.min((m + MATMUL_TILE - 1) / MATMUL_TILE, MAX_GRID_YZ);
        int gz = Math.min(batch, MAX_GRID_YZ);
        return new Launch(gx, gy, gz, 16, 16, 1);
    }
}
