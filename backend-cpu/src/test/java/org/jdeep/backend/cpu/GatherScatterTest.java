package org.jdeep.backend.cpu;

import static org.jdeep.backend.cpu.Views.as;
import static org.jdeep.backend.cpu.Views.f32;
import static org.jdeep.backend.cpu.Views.f64;
import static org.jdeep.backend.cpu.Views.i32;
import static org.jdeep.backend.cpu.Views.read;
import static org.jdeep.backend.cpu.Views.readF;
import static org.jdeep.backend.cpu.Views.readI;
import static org.jdeep.backend.cpu.Views.shaped;
import static org.jdeep.backend.cpu.Views.zeros;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.jdeep.spi.View;
import org.jdeep.types.DType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/** gather and scatterAdd: hand examples on each axis, repeated and strided indices, errors, adjointness. */
class GatherScatterTest {

    private static final CpuBackend BE = new CpuBackend(new CpuThreads(1));
    private static final CpuBackend PAR = new CpuBackend(new CpuThreads(4));

    @AfterAll
    static void close() {
        BE.close();
        PAR.close();
    }

    /** x = (4, 3) holding 0..11. */
    private static View x43(DType dt) {
        View flat = switch (dt) {
            case FLOAT32 -> f32(BE, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11);
            case FLOAT64 -> f64(BE, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11);
            case INT32 -> i32(BE, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11);
        };
        return shaped(flat, 4, 3);
    }

    @Test
    void gatherRowsAndColumns() {
        for (DType dt : DType.values()) {
            View x = x43(dt);
            View rows = zeros(BE, dt, 3, 3);
            BE.gather(x, 0, i32(BE, 2, 0, 2), rows);
            assertArrayEquals(new double[] {6, 7, 8, 0, 1, 2, 6, 7, 8}, read(BE, rows), dt.name());
            View cols = zeros(BE, dt, 4, 4);
            BE.gather(x, 1, i32(BE, 1, 1, 0, 2), cols);
            assertArrayEquals(new double[] {1, 1, 0, 2, 4, 4, 3, 5, 7, 7, 6, 8, 10, 10, 9, 11}, read(BE, cols));
        }
    }

    @Test
    void gatherWithStridedIndicesFromATransposedViewIntoANegativeStrideOutput() {
        View x = x43(DType.FLOAT32);
        View xt = as(x, 0, new int[] {3, 4}, new int[] {1, 3}); // xt[i][j] = 3j + i
        View idx = as(i32(BE, 9, 3, 9, 1), 1, new int[] {2}, new int[] {2}); // [3, 1]
        View outBuf = zeros(BE, DType.FLOAT32, 6);
        View out = as(outBuf, 5, new int[] {3, 2}, new int[] {-2, -1});
        BE.gather(xt, 1, idx, out);
        // Logical out = [[9, 3], [10, 4], [11, 5]], stored back to front.
        assertArrayEquals(new float[] {5, 11, 4, 10, 3, 9}, readF(BE, outBuf));
    }

    @Test
    void gatherAlongTheMiddleAxisOfARank3Tensor() {
        // x (2, 3, 2) = 0..11; take axis-1 positions [2, 2, 0].
        double[] v = new double[12];
        for (int i = 0; i < 12; i++) {
            v[i] = i;
        }
        View x = shaped(f64(BE, v), 2, 3, 2);
        View out = zeros(BE, DType.FLOAT64, 2, 3, 2);
        BE.gather(x, 1, i32(BE, 2, 2, 0), out);
        assertArrayEquals(new double[] {4, 5, 4, 5, 0, 1, 10, 11, 10, 11, 6, 7}, read(BE, out));
        // An empty index list gives an empty output; a rank-0-like x of one element works too.
        BE.gather(x, 1, i32(BE), zeros(BE, DType.FLOAT64, 2, 0, 2));
    }

    @Test
    void outOfRangeIndicesThrowNamingIndexAndAxisSize() {
        View x = x43(DType.FLOAT32);
        View out = zeros(BE, DType.FLOAT32, 2, 3);
        IndexOutOfBoundsException e = assertThrows(IndexOutOfBoundsException.class,
                () -> BE.gather(x, 0, i32(BE, 1, 4), out));
        assertTrue(e.getMessage().contains("index 4") && e.getMessage().contains("size 4"), e.getMessage());
        e = assertThrows(IndexOutOfBoundsException.class, () -> BE.gather(x, 0, i32(BE, -1, 0), out));
        assertTrue(e.getMessage().contains("index -1"), e.getMessage());
        View dst = zeros(BE, DType.FLOAT32, 2, 3);
        View src = zeros(BE, DType.FLOAT32, 2, 3);
        BE.fill(src, 1);
        e = assertThrows(IndexOutOfBoundsException.class, () -> BE.scatterAdd(src, 0, i32(BE, 0, 2), dst));
        assertTrue(e.getMessage().contains("index 2") && e.getMessage().contains("size 2"), e.getMessage());
        assertArrayEquals(new float[6], readF(BE, dst), "nothing is written before the check");
    }

    @Test
    void scatterAddAccumulatesRepeatedIndices() {
        for (DType dt : DType.values()) {
            View src = shaped(switch (dt) {
                case FLOAT32 -> f32(BE, 1, 2, 3, 4, 5, 6, 7, 8);
                case FLOAT64 -> f64(BE, 1, 2, 3, 4, 5, 6, 7, 8);
                case INT32 -> i32(BE, 1, 2, 3, 4, 5, 6, 7, 8);
            }, 4, 2);
            View dst = zeros(BE, dt, 3, 2);
            BE.fill(dst, 1);
            BE.scatterAdd(src, 0, i32(BE, 2, 0, 2, 2), dst);
            // row 0 += [3, 4]; row 2 += [1, 2] + [5, 6] + [7, 8]; all on top of the ones already there.
            assertArrayEquals(new double[] {4, 5, 1, 1, 14, 17}, read(BE, dst), dt.name());
            // Along the last axis: src (2, 4) into dst (2, 3) with indices [0, 2, 0, 0].
            View dst2 = zeros(BE, dt, 2, 3);
            BE.scatterAdd(shaped(src, 2, 4), 1, i32(BE, 0, 2, 0, 0), dst2);
            assertArrayEquals(new double[] {8, 0, 2, 20, 0, 6}, read(BE, dst2), dt.name());
        }
    }

    @Test
    void scatterAddIsTheAdjointOfGather() {
        Random rnd = new Random(21);
        for (int iter = 0; iter < 60; iter++) {
            int[] xShape = {1 + rnd.nextInt(4), 1 + rnd.nextInt(5), 1 + rnd.nextInt(3)};
            int axis = rnd.nextInt(3);
            int k = rnd.nextInt(7);
            int[] idx = new int[k];
            for (int j = 0; j < k; j++) {
                idx[j] = rnd.nextInt(xShape[axis]);
            }
            int[] yShape = xShape.clone();
            yShape[axis] = k;
            View x = Views.random(BE, rnd, DType.FLOAT64, xShape, false);
            View y = Views.random(BE, rnd, DType.FLOAT64, yShape, false);
            View gx = zeros(BE, DType.FLOAT64, yShape);
            BE.gather(x, axis, i32(BE, idx), gx);
            View sy = zeros(BE, DType.FLOAT64, xShape);
            BE.scatterAdd(y, axis, i32(BE, idx), sy);
            double lhs = dot(read(BE, gx), read(BE, y));
            double rhs = dot(read(BE, x), read(BE, sy));
            assertEquals(lhs, rhs, 1e-9 * (1 + Math.abs(lhs)));
        }
    }

    private static double dot(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }

    @Test
    void parallelEqualsSerial() {
        Random rnd = new Random(23);
        int k = 5000;
        int[] idx = new int[k];
        for (int j = 0; j < k; j++) {
            idx[j] = rnd.nextInt(50); // many repeats
        }
        for (int axis = 0; axis < 2; axis++) {
            int[] srcShape = axis == 0 ? new int[] {k, 64} : new int[] {64, k};
            int[] dstShape = axis == 0 ? new int[] {50, 64} : new int[] {64, 50};
            View src = Views.random(BE, rnd, DType.FLOAT32, srcShape, false);
            View d1 = zeros(BE, DType.FLOAT32, dstShape);
            View d2 = zeros(BE, DType.FLOAT32, dstShape);
            BE.scatterAdd(src, axis, i32(BE, idx), d1);
            PAR.scatterAdd(src, axis, i32(BE, idx), d2);
            assertArrayEquals(readF(BE, d1), readF(BE, d2), "scatterAdd axis " + axis);
            View g1 = zeros(BE, DType.FLOAT32, srcShape);
            View g2 = zeros(BE, DType.FLOAT32, srcShape);
            BE.gather(d1, axis, i32(BE, idx), g1);
            PAR.gather(d1, axis, i32(BE, idx), g2);
            assertArrayEquals(readF(BE, g1), readF(BE, g2), "gather axis " + axis);
        }
        View ints = zeros(BE, DType.INT32, 10);
        View ones = zeros(BE, DType.INT32, 100_000);
        BE.fill(ones, 1);
        int[] many = new int[100_000];
        for (int j = 0; j < many.length; j++) {
            many[j] = j % 10;
        }
        PAR.scatterAdd(ones, 0, i32(BE, many), ints);
        assertArrayEquals(new int[] {10_000, 10_000, 10_000, 10_000, 10_000, 10_000, 10_000, 10_000, 10_000, 10_000},
                readI(BE, ints));
    }
}
