package org.jdeep.backend.cpu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.Random;
import org.jdeep.spi.View;
import org.jdeep.types.DType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * {@link Matmul} against a naive double-precision triple loop: many shapes (tile edges, block edges, the
 * small-product path), both dtypes, transposes by flag and by stride, offsets, broadcast batches, strided
 * outputs, threads, and a guard that the warmed-up kernel allocates nothing (boxed vectors).
 */
class MatmulTest {

    private static final CpuThreads ONE = new CpuThreads(1);
    private static final CpuThreads TWO = new CpuThreads(2);

    @AfterAll
    static void shutdown() {
        ONE.shutdown();
        TWO.shutdown();
    }

    /** How a logical {@code (batch, rows, cols)} operand is laid out in its buffer. */
    enum Layout {
        /** Row-major, offset 0. */
        CONTIGUOUS,
        /** Stored as {@code (batch, cols, rows)}; the view swaps the last two strides. */
        TRANSPOSED,
        /** Row-major with a row stride larger than cols, a batch gap and a non-zero offset. */
        PADDED,
        /** Both axes reversed (negative strides), starting from a non-zero offset. */
        REVERSED,
        /** One stored matrix, broadcast over the batch with batch stride 0. */
        BROADCAST
    }

    private static final Random RNG = new Random(42);

    /** A view of logical shape {@code (batch, rows, cols)} filled with values in [-1, 1). */
    private static View operand(DType dt, int batch, int rows, int cols, Layout layout) {
        int offset = layout == Layout.PADDED || layout == Layout.REVERSED ? 5 : 0;
        int rowPitch = layout == Layout.PADDED ? cols + 3 : cols;
        int matrix = layout == Layout.TRANSPOSED ? cols * rows : rows * rowPitch;
        int batchPitch = layout == Layout.PADDED ? matrix + 7 : matrix;
        int stored = layout == Layout.BROADCAST ? 1 : batch;
        int length = offset + stored * batchPitch + 11;
        CpuBuffer buf = new CpuBuffer(dt, length);
        for (int i = 0; i < length; i++) {
            double v = RNG.nextDouble() * 2 - 1;
            if (dt == DType.FLOAT32) {
                buf.floats()[i] = (float) v;
            } else {
                buf.doubles()[i] = v;
            }
        }
        int bs = layout == Layout.BROADCAST ? 0 : batchPitch;
        return switch (layout) {
            case TRANSPOSED -> new View(buf, offset, new int[] {batch, rows, cols}, new int[] {bs, 1, rows});
            case REVERSED -> new View(buf, offset + (rows - 1) * cols + Math.max(cols - 1, 0),
                    new int[] {batch, rows, cols}, new int[] {bs, -cols, -1});
            default -> new View(buf, offset, new int[] {batch, rows, cols}, new int[] {bs, rowPitch, 1});
        };
    }

    private static double get(View v, int b, int i, int j) {
        int[] s = v.strides();
        int idx = v.offset() + b * s[0] + i * s[1] + j * s[2];
        CpuBuffer buf = CpuBuffer.of(v.buffer());
        return v.dtype() == DType.FLOAT32 ? buf.floats()[idx] : buf.doubles()[idx];
    }

    /** Fills every element of the buffer behind {@code v} (including gaps) with NaN. */
    private static void poison(View v) {
        CpuBuffer buf = CpuBuffer.of(v.buffer());
        if (v.dtype() == DType.FLOAT32) {
            Arrays.fill(buf.floats(), Float.NaN);
        } else {
            Arrays.fill(buf.doubles(), Double.NaN);
        }
    }

    /**
     * Checks {@code out} against a double-precision reference, with the standard floating-point error bound
     * {@code |err| <= (k + 2) u sum_q |a_iq b_qj|} for unit roundoff {@code u} of the dtype.
     */
    private static void check(View a, boolean ta, View b, boolean tb, View out, String what) {
        int batch = out.shape()[0];
        int m = out.shape()[1];
        int n = out.shape()[2];
        int k = ta ? a.shape()[1] : a.shape()[2];
        double u = out.dtype() == DType.FLOAT32 ? 0x1p-24 : 0x1p-53;
        for (int bi = 0; bi < batch; bi++) {
            int ab = a.shape()[0] == 1 ? 0 : bi;
            int bb = b.shape()[0] == 1 ? 0 : bi;
            for (int i = 0; i < m; i++) {
                for (int j = 0; j < n; j++) {
                    double sum = 0;
                    double abs = 0;
                    for (int q = 0; q < k; q++) {
                        double x = ta ? get(a, ab, q, i) : get(a, ab, i, q);
                        double y = tb ? get(b, bb, j, q) : get(b, bb, q, j);
                        sum += x * y;
                        abs += Math.abs(x * y);
                    }
                    double got = get(out, bi, i, j);
                    double tol = (k + 2) * u * abs + Double.MIN_NORMAL;
                    if (!(Math.abs(got - sum) <= tol)) {
                        fail(what + ": out[" + bi + "," + i + "," + j + "] = " + got + ", expected " + sum
                                + " (tolerance " + tol + ")");
                    }
                }
            }
        }
    }

    /** Runs one product with the given layouts and transposes and checks it. */
    private static void run(DType dt, int batch, int m, int k, int n, boolean ta, boolean tb, Layout la,
            Layout lb, Layout lo, CpuThreads threads) {
        View a = ta ? operand(dt, batch, k, m, la) : operand(dt, batch, m, k, la);
        View b = tb ? operand(dt, batch, n, k, lb) : operand(dt, batch, k, n, lb);
        View out = operand(dt, batch, m, n, lo);
        poison(out);
        Matmul.matmul(a, ta, b, tb, out, threads);
        check(a, ta, b, tb, out, dt + " " + batch + "x" + m + "x" + k + "x" + n + " ta=" + ta + " tb=" + tb + " "
                + la + "/" + lb + "->" + lo + " threads=" + threads.threads());
    }

    private static final int[][] SHAPES = {
        // m, k, n
        {1, 1, 1}, {7, 13, 5}, {6, 4, 32}, {6, 4, 16}, {2, 1000, 3}, {65, 129, 33}, {12, 300, 64}, {31, 257, 47},
        {97, 513, 161}, {13, 7, 1029}, {200, 17, 3}, {1, 600, 1}, {300, 40, 1}, {1, 700, 300}, {20, 700, 209},
    };

    @Test
    void matchesReferenceForManyShapesBothDtypesAndTransposeFlags() {
        for (DType dt : new DType[] {DType.FLOAT32, DType.FLOAT64}) {
            for (int[] s : SHAPES) {
                for (int flags = 0; flags < 4; flags++) {
                    run(dt, 1, s[0], s[1], s[2], (flags & 1) != 0, (flags & 2) != 0, Layout.CONTIGUOUS,
                            Layout.CONTIGUOUS, Layout.CONTIGUOUS, ONE);
                }
            }
        }
    }

    @Test
    void fewRowsTimesABigRowMajorBReadInPlaceAndSweptFirst() {
        // Few rows and a row-major B beyond Matmul.TOUCH_BYTES: B is read in place, each block swept first.
        int[][] shapes = {{2, 4096, 300}, {13, 2100, 1000}};
        for (DType dt : new DType[] {DType.FLOAT32, DType.FLOAT64}) {
            for (int[] s : shapes) {
                int k = dt == DType.FLOAT32 ? 2 * s[1] : s[1];
                assertTrue((long) k * s[2] * dt.byteSize() >= Matmul.TOUCH_BYTES);
                run(dt, 1, s[0], k, s[2], false, false, Layout.CONTIGUOUS, Layout.CONTIGUOUS, Layout.CONTIGUOUS,
                        ONE);
            }
        }
        run(DType.FLOAT64, 1, 20, 4096, 300, false, false, Layout.CONTIGUOUS, Layout.PADDED, Layout.CONTIGUOUS,
                TWO);
    }

    @Test
    void fewRowsTimesATransposedBTakeTheDotProductOrder() {
        // A's rows and B's columns contiguous along k, at most MatmulDot.MAX_ROWS rows, k at least
        // MatmulDot.MIN_DEPTH: MatmulDot. The shapes cover depths of one to three MatmulDot.KC blocks with a tail
        // shorter than a vector, and rows and columns that leave 1-3 over after the 4 x 3 register tiles.
        int[][] shapes = {{1, 1024, 2}, {4, 3000, 3}, {5, 2100, 7}, {20, 2053, 11}, {64, 1030, 5}, {7, 1031, 2},
            {20, 1024, 209}};
        for (DType dt : new DType[] {DType.FLOAT32, DType.FLOAT64}) {
            for (int[] s : shapes) {
                assertTrue(s[0] <= MatmulDot.MAX_ROWS && s[1] >= MatmulDot.MIN_DEPTH);
                run(dt, 1, s[0], s[1], s[2], false, true, Layout.CONTIGUOUS, Layout.CONTIGUOUS, Layout.CONTIGUOUS,
                        ONE);
                run(dt, 2, s[0], s[1], s[2], false, true, Layout.PADDED, Layout.PADDED, Layout.TRANSPOSED, TWO);
            }
        }
    }

    @Test
    void theDotProductOrderGivesTheSameBitsWhateverTheThreadSplit() {
        // 209 columns split over 1, 2 or 3 threads leave different leftovers after the 4 x 3 tiles; every kernel
        // sums an output in the same order, so the split must not change a single bit.
        CpuThreads three = new CpuThreads(3);
        try {
            for (DType dt : new DType[] {DType.FLOAT32, DType.FLOAT64}) {
                View a = operand(dt, 1, 22, 2053, Layout.CONTIGUOUS);
                View b = operand(dt, 1, 209, 2053, Layout.CONTIGUOUS);
                View[] out = new View[3];
                CpuThreads[] threads = {ONE, TWO, three};
                for (int t = 0; t < 3; t++) {
                    out[t] = operand(dt, 1, 22, 209, Layout.CONTIGUOUS);
                    Matmul.matmul(a, false, b, true, out[t], threads[t]);
                }
                check(a, false, b, true, out[0], dt + " one thread");
                for (int i = 0; i < 22; i++) {
                    for (int j = 0; j < 209; j++) {
                        double x = get(out[0], 0, i, j);
                        assertEquals(x, get(out[1], 0, i, j), 0.0, dt + " two threads at " + i + "," + j);
                        assertEquals(x, get(out[2], 0, i, j), 0.0, dt + " three threads at " + i + "," + j);
                    }
                }
            }
        } finally {
            three.shutdown();
        }
    }

    @Test
    void fewRowsTimesARowMajorBWhoseRowStrideAliasesInTheCache() {
        // B's row stride a multiple of Matmul.ALIASING_STRIDE bytes: packed rather than read in place.
        for (DType dt : new DType[] {DType.FLOAT32, DType.FLOAT64}) {
            int n = (int) (Matmul.ALIASING_STRIDE / dt.byteSize());
            run(dt, 1, 20, 300, n, false, false, Layout.CONTIGUOUS, Layout.CONTIGUOUS, Layout.CONTIGUOUS, ONE);
            run(dt, 1, 20, 209, 3 * n, true, false, Layout.CONTIGUOUS, Layout.CONTIGUOUS, Layout.CONTIGUOUS, TWO);
        }
    }

    @Test
    void anyStridesOffsetsAndOutputLayouts() {
        Layout[] layouts = {Layout.CONTIGUOUS, Layout.TRANSPOSED, Layout.PADDED, Layout.REVERSED};
        int[][] shapes = {{7, 13, 5}, {65, 129, 33}, {19, 300, 70}};
        for (DType dt : new DType[] {DType.FLOAT32, DType.FLOAT64}) {
            for (int[] s : shapes) {
                for (Layout la : layouts) {
                    for (Layout lb : layouts) {
                        for (Layout lo : layouts) {
                            boolean ta = (la.ordinal() + lo.ordinal()) % 2 == 1;
                            boolean tb = (lb.ordinal() + lo.ordinal()) % 2 == 0;
                            run(dt, 2, s[0], s[1], s[2], ta, tb, la, lb, lo, ONE);
                        }
                    }
                }
            }
        }
    }

    @Test
    void transposedViaStridesEqualsTransposedViaFlag() {
        for (DType dt : new DType[] {DType.FLOAT32, DType.FLOAT64}) {
            int m = 37;
            int k = 70;
            int n = 45;
            // Stored (k, m): the flag reads it as A^T; a view with swapped strides is the same (m, k) matrix.
            View stored = operand(dt, 1, k, m, Layout.CONTIGUOUS);
            View viaStrides = new View(stored.buffer(), 0, new int[] {1, m, k}, new int[] {0, 1, m});
            View b = operand(dt, 1, k, n, Layout.CONTIGUOUS);
            View o1 = operand(dt, 1, m, n, Layout.CONTIGUOUS);
            View o2 = operand(dt, 1, m, n, Layout.CONTIGUOUS);
            Matmul.matmul(stored, true, b, false, o1, ONE);
            Matmul.matmul(viaStrides, false, b, false, o2, ONE);
            for (int i = 0; i < m; i++) {
                for (int j = 0; j < n; j++) {
                    assertEquals(get(o1, 0, i, j), get(o2, 0, i, j), 0.0, "element " + i + "," + j);
                }
            }
            check(viaStrides, false, b, false, o2, dt + " transposed via strides");
        }
    }

    @Test
    void batchedWithBroadcastOperands() {
        for (DType dt : new DType[] {DType.FLOAT32, DType.FLOAT64}) {
            for (int batch : new int[] {1, 2, 3, 5}) {
                run(dt, batch, 33, 40, 50, false, false, Layout.BROADCAST, Layout.CONTIGUOUS, Layout.CONTIGUOUS,
                        ONE);
                run(dt, batch, 33, 40, 50, false, true, Layout.CONTIGUOUS, Layout.BROADCAST, Layout.CONTIGUOUS,
                        TWO);
                run(dt, batch, 7, 3, 9, true, false, Layout.BROADCAST, Layout.BROADCAST, Layout.PADDED, TWO);
                run(dt, batch, 70, 90, 130, false, false, Layout.PADDED, Layout.BROADCAST, Layout.CONTIGUOUS,
                        TWO);
            }
        }
    }

    @Test
    void broadcastBatchMayAlsoHaveShapeOne() {
        for (DType dt : new DType[] {DType.FLOAT32, DType.FLOAT64}) {
            View a = operand(dt, 1, 20, 30, Layout.CONTIGUOUS);
            View b = operand(dt, 3, 30, 40, Layout.CONTIGUOUS);
            View out = operand(dt, 3, 20, 40, Layout.CONTIGUOUS);
            Matmul.matmul(a, false, b, false, out, TWO);
            check(a, false, b, false, out, dt + " batch-1 a against batch-3 b");
        }
    }

    @Test
    void kZeroGivesZeros() {
        for (DType dt : new DType[] {DType.FLOAT32, DType.FLOAT64}) {
            for (Layout lo : new Layout[] {Layout.CONTIGUOUS, Layout.PADDED, Layout.TRANSPOSED}) {
                View a = operand(dt, 2, 5, 0, Layout.CONTIGUOUS);
                View b = operand(dt, 2, 0, 7, Layout.CONTIGUOUS);
                View out = operand(dt, 2, 5, 7, lo);
                poison(out);
                Matmul.matmul(a, false, b, false, out, ONE);
                for (int bi = 0; bi < 2; bi++) {
                    for (int i = 0; i < 5; i++) {
                        for (int j = 0; j < 7; j++) {
                            assertEquals(0.0, get(out, bi, i, j), 0.0);
                        }
                    }
                }
            }
        }
    }

    @Test
    void emptyOutputDoesNothing() {
        for (DType dt : new DType[] {DType.FLOAT32, DType.FLOAT64}) {
            int[][] shapes = {{0, 4, 5}, {4, 3, 0}, {0, 0, 0}};
            for (int[] s : shapes) {
                View a = operand(dt, 2, s[0], s[1], Layout.CONTIGUOUS);
                View b = operand(dt, 2, s[1], s[2], Layout.CONTIGUOUS);
                View out = operand(dt, 2, s[0], s[2], Layout.CONTIGUOUS);
                poison(out);
                Matmul.matmul(a, false, b, false, out, TWO);
                CpuBuffer buf = CpuBuffer.of(out.buffer());
                for (int i = 0; i < buf.length(); i++) {
                    double v = dt == DType.FLOAT32 ? buf.floats()[i] : buf.doubles()[i];
                    assertTrue(Double.isNaN(v), "matmul with an empty output wrote element " + i);
                }
            }
            // An empty batch, too.
            View a = operand(dt, 0, 3, 4, Layout.CONTIGUOUS);
            View b = operand(dt, 0, 4, 5, Layout.CONTIGUOUS);
            View out = operand(dt, 0, 3, 5, Layout.CONTIGUOUS);
            Matmul.matmul(a, false, b, false, out, ONE);
        }
    }

    @Test
    void int32IsRejected() {
        View a = new View(new CpuBuffer(DType.INT32, 6), 0, new int[] {1, 2, 3}, new int[] {0, 3, 1});
        View b = new View(new CpuBuffer(DType.INT32, 6), 0, new int[] {1, 3, 2}, new int[] {0, 2, 1});
        View out = new View(new CpuBuffer(DType.INT32, 4), 0, new int[] {1, 2, 2}, new int[] {0, 2, 1});
        assertThrows(IllegalArgumentException.class, () -> Matmul.matmul(a, false, b, false, out, ONE));
    }

    @Test
    void mismatchedShapesAreRejected() {
        View a = operand(DType.FLOAT32, 1, 2, 3, Layout.CONTIGUOUS);
        View b = operand(DType.FLOAT32, 1, 4, 2, Layout.CONTIGUOUS);
        View out = operand(DType.FLOAT32, 1, 2, 2, Layout.CONTIGUOUS);
        assertThrows(IllegalArgumentException.class, () -> Matmul.matmul(a, false, b, false, out, ONE));
    }

    @Test
    void twoThreadsAgreeWithOneThread() {
        // All above Matmul.PARALLEL_MACS, so two threads really split them: by batch item ({4,...}), by rows
        // ({1,300,...}, {1,20,...}), by column slivers ({1,256,...}, {1,7,...}), and batch items cut in parts.
        int[][] shapes = {
            // batch, m, k, n
            {1, 256, 256, 256}, {1, 20, 2100, 209}, {1, 300, 1000, 30}, {3, 100, 300, 100}, {4, 128, 128, 128},
            {1, 7, 2000, 700},
        };
        for (DType dt : new DType[] {DType.FLOAT32, DType.FLOAT64}) {
            for (int[] s : shapes) {
                assertTrue((long) s[0] * s[1] * s[2] * s[3] >= Matmul.PARALLEL_MACS, Arrays.toString(s));
                View a = operand(dt, s[0], s[1], s[2], Layout.CONTIGUOUS);
                View b = operand(dt, s[0], s[2], s[3], Layout.CONTIGUOUS);
                View o1 = operand(dt, s[0], s[1], s[3], Layout.CONTIGUOUS);
                View o2 = operand(dt, s[0], s[1], s[3], Layout.CONTIGUOUS);
                Matmul.matmul(a, false, b, false, o1, ONE);
                Matmul.matmul(a, false, b, false, o2, TWO);
                String what = dt + " " + Arrays.toString(s);
                check(a, false, b, false, o2, what + " two threads");
                double u = dt == DType.FLOAT32 ? 0x1p-24 : 0x1p-53;
                for (int bi = 0; bi < s[0]; bi++) {
                    for (int i = 0; i < s[1]; i++) {
                        for (int j = 0; j < s[3]; j++) {
                            double x = get(o1, bi, i, j);
                            assertEquals(x, get(o2, bi, i, j), 2 * s[2] * u * Math.max(1, Math.abs(x)), what);
                        }
                    }
                }
            }
        }
    }

    /**
     * {@code com.sun.management.ThreadMXBean#getCurrentThreadAllocatedBytes()}, called reflectively: the tests
     * run patched into the named module org.jdeep.backend.cpu, which does not read java.management /
     * jdk.management at compile time (and should not require them just for a test), while core reflection
     * grants readability at run time.
     */
    private static long allocatedBytes() {
        try {
            if (threadBean == null) {
                threadBean = Class.forName("java.lang.management.ManagementFactory").getMethod("getThreadMXBean")
                        .invoke(null);
                allocatedBytes = Class.forName("com.sun.management.ThreadMXBean")
                        .getMethod("getCurrentThreadAllocatedBytes");
            }
            return (Long) allocatedBytes.invoke(threadBean);
        } catch (ReflectiveOperationException e) {
            throw new AssertionError("thread allocation counter unavailable", e);
        }
    }

    private static Object threadBean;
    private static Method allocatedBytes;

    /**
     * The warmed-up single-threaded product must not allocate: if C2 fails to keep the micro-kernel's vectors
     * in registers it boxes every one of them (and runs several times slower), which shows up here as
     * megabytes of garbage per call.
     */
    @Test
    void warmedUpProductDoesNotAllocate() {
        for (DType dt : new DType[] {DType.FLOAT32, DType.FLOAT64}) {
            assertWarmedUpProductDoesNotAllocate(dt, false, 256, 256, 256);
        }
    }

    @Test
    void warmedUpDotProductOrderDoesNotAllocate() {
        for (DType dt : new DType[] {DType.FLOAT32, DType.FLOAT64}) {
            assertWarmedUpProductDoesNotAllocate(dt, true, 20, 4096, 64);
        }
    }

    /** {@code (m x k) . (k x n)} with B read transposed when {@code tb}, after warm-up, five times, on one thread. */
    private static void assertWarmedUpProductDoesNotAllocate(DType dt, boolean tb, int m, int k, int n) {
        View a = operand(dt, 1, m, k, Layout.CONTIGUOUS);
        View b = tb ? operand(dt, 1, n, k, Layout.CONTIGUOUS) : operand(dt, 1, k, n, Layout.CONTIGUOUS);
        View out = operand(dt, 1, m, n, Layout.CONTIGUOUS);
        // Small products first: they reach C2's compile thresholds quickly even while interpreted.
        View sa = operand(dt, 1, 24, 64, Layout.CONTIGUOUS);
        View sb = operand(dt, 1, 64, 64, Layout.CONTIGUOUS);
        View so = operand(dt, 1, 24, 64, Layout.CONTIGUOUS);
        long deadline = System.nanoTime() + 3_000_000_000L;
        long allocated = Long.MAX_VALUE;
        int round = 0;
        // Retry until the JIT has settled (compilation is asynchronous); a real regression allocates in
        // every round, so it still fails.
        while (System.nanoTime() < deadline) {
            for (int i = 0; i < (round == 0 ? 3000 : 200); i++) {
                Matmul.matmul(sa, false, sb, tb, so, ONE);
            }
            for (int i = 0; i < 10; i++) {
                Matmul.matmul(a, false, b, tb, out, ONE);
            }
            long before = allocatedBytes();
            for (int i = 0; i < 5; i++) {
                Matmul.matmul(a, false, b, tb, out, ONE);
            }
            allocated = allocatedBytes() - before;
            round++;
            if (allocated <= 64 * 1024) {
                break;
            }
        }
        assertTrue(allocated <= 64 * 1024, dt + ": five warmed-up " + m + "x" + k + "x" + n
                + (tb ? " (B transposed)" : "") + " products allocated " + allocated + " bytes after " + round
                + " warm-up rounds; the Vector API kernel is boxing vectors");
    }
}
