package org.jdeep.backend.cpu;

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

import java.util.Random;
import org.jdeep.spi.View;
import org.jdeep.types.Window2d;
import org.jdeep.types.DType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/** im2col and col2im on hand-checked windows (padding, stride, dilation, channels) and their adjointness. */
class Im2colTest {

    private static final CpuBackend BE = new CpuBackend(new CpuThreads(1));
    private static final CpuBackend PAR = new CpuBackend(new CpuThreads(4));

    @AfterAll
    static void close() {
        BE.close();
        PAR.close();
    }

    /** x = [[1, 2, 3], [4, 5, 6], [7, 8, 9]] as (1, 3, 3, 1). */
    private static View image3x3() {
        return shaped(f32(BE, 1, 2, 3, 4, 5, 6, 7, 8, 9), 1, 3, 3, 1);
    }

    @Test
    void stridedWindowWithTopLeftPadding() {
        // 2x2 window, stride 2, one row of padding on top and one column on the left: a 2x2 output whose
        // windows start at (-1, -1), (-1, 1), (1, -1), (1, 1).
        Window2d w = new Window2d(2, 2, 2, 2, 1, 0, 1, 0, 1, 1);
        assertEquals(2, w.outH(3));
        assertEquals(2, w.outW(3));
        View cols = zeros(BE, DType.FLOAT32, 1, 2, 2, 2, 2, 1);
        BE.im2col(image3x3(), w, -100, cols);
        float p = -100;
        assertArrayEquals(new float[] {p, p, p, 1, p, p, 2, 3, p, 4, p, 7, 5, 6, 8, 9}, readF(BE, cols));
    }

    @Test
    void dilatedWindow() {
        // 2x2 taps two apart span 3x3: one output reading the corners.
        Window2d w = new Window2d(2, 2, 1, 1, 0, 0, 0, 0, 2, 2);
        View cols = zeros(BE, DType.FLOAT32, 1, 1, 1, 2, 2, 1);
        BE.im2col(image3x3(), w, 0, cols);
        assertArrayEquals(new float[] {1, 3, 7, 9}, readF(BE, cols));
        View back = zeros(BE, DType.FLOAT32, 1, 3, 3, 1);
        BE.col2im(cols, w, back);
        assertArrayEquals(new float[] {1, 0, 3, 0, 0, 0, 7, 0, 9}, readF(BE, back));
    }

    @Test
    void channelsWithRightPaddingAndHorizontalDilation() {
        // x (1, 2, 3, 2) with x[h][w][c] = 10*(3h + w) + c; a 1x2 window, dilation 2 across, one column of
        // padding on the right: outW = (3 + 1 - 3) + 1 = 2, taps at columns {ow, ow + 2}.
        double[] v = new double[12];
        for (int h = 0; h < 2; h++) {
            for (int x = 0; x < 3; x++) {
                for (int c = 0; c < 2; c++) {
                    v[(h * 3 + x) * 2 + c] = 10 * (3 * h + x) + c;
                }
            }
        }
        View img = shaped(f64(BE, v), 1, 2, 3, 2);
        Window2d w = new Window2d(1, 2, 1, 1, 0, 0, 0, 1, 1, 2);
        View cols = zeros(BE, DType.FLOAT64, 1, 2, 2, 1, 2, 2);
        BE.im2col(img, w, 0.5, cols);
        assertArrayEquals(new double[] {0, 1, 20, 21, 10, 11, 0.5, 0.5, 30, 31, 50, 51, 40, 41, 0.5, 0.5},
                read(BE, cols));
    }

    @Test
    void col2imCountsOverlappingTaps() {
        // 2x2 window, stride 1, no padding on 3x3: corners are read once, edges twice, the centre 4 times.
        Window2d w = Window2d.of(2, 2, 1, 0);
        View ones = zeros(BE, DType.FLOAT32, 1, 2, 2, 2, 2, 1);
        BE.fill(ones, 1);
        View x = zeros(BE, DType.FLOAT32, 1, 3, 3, 1);
        BE.fill(x, 10); // accumulated into, not overwritten
        BE.col2im(ones, w, x);
        assertArrayEquals(new float[] {11, 12, 11, 12, 14, 12, 11, 12, 11}, readF(BE, x));
        // Padding taps are dropped: 3x3 window, padding 1, on a 1x1 image reads the pixel once.
        View one = zeros(BE, DType.FLOAT32, 1, 1, 1, 3, 3, 1);
        BE.fill(one, 2);
        View px = zeros(BE, DType.FLOAT32, 1, 1, 1, 1);
        BE.col2im(one, Window2d.of(3, 3, 1, 1), px);
        assertArrayEquals(new float[] {2}, readF(BE, px));
    }

    @Test
    void int32AndMaxPoolPadding() {
        View x = shaped(i32(BE, 1, 2, 3, 4), 1, 2, 2, 1);
        View cols = zeros(BE, DType.INT32, 1, 1, 1, 3, 3, 1);
        BE.im2col(x, new Window2d(3, 3, 1, 1, 1, 0, 1, 0, 1, 1), Double.NEGATIVE_INFINITY, cols);
        int m = Integer.MIN_VALUE;
        assertArrayEquals(new int[] {m, m, m, m, 1, 2, m, 3, 4}, readI(BE, cols));
        View f = shaped(f32(BE, 5), 1, 1, 1, 1);
        View fc = zeros(BE, DType.FLOAT32, 1, 1, 1, 2, 2, 1);
        BE.im2col(f, new Window2d(2, 2, 1, 1, 1, 0, 0, 1, 1, 1), Double.NEGATIVE_INFINITY, fc);
        float ninf = Float.NEGATIVE_INFINITY;
        assertArrayEquals(new float[] {ninf, ninf, 5, ninf}, readF(BE, fc));
    }

    @Test
    void emptyOutputsDoNothing() {
        // A 3x3 window on a 2x2 image without padding has no positions.
        Window2d w = Window2d.of(3, 3, 1, 0);
        View x = zeros(BE, DType.FLOAT32, 1, 2, 2, 1);
        View cols = zeros(BE, DType.FLOAT32, 1, 0, 0, 3, 3, 1);
        BE.im2col(x, w, 0, cols);
        BE.col2im(cols, w, x);
        BE.im2col(zeros(BE, DType.FLOAT32, 0, 4, 4, 2), w, 0, zeros(BE, DType.FLOAT32, 0, 2, 2, 3, 3, 2));
    }

    /** {@code <im2col(x), c> == <x, col2im(c)>} for random geometry and random strided layouts. */
    @Test
    void col2imIsTheAdjointOfIm2col() {
        Random rnd = new Random(31);
        for (int iter = 0; iter < 80; iter++) {
            Window2d w = new Window2d(1 + rnd.nextInt(3), 1 + rnd.nextInt(3), 1 + rnd.nextInt(2), 1 + rnd.nextInt(3),
                    rnd.nextInt(2), rnd.nextInt(3), rnd.nextInt(2), rnd.nextInt(2), 1 + rnd.nextInt(2),
                    1 + rnd.nextInt(2));
            int n = 1 + rnd.nextInt(2);
            int h = 1 + rnd.nextInt(6);
            int wd = 1 + rnd.nextInt(6);
            int c = 1 + rnd.nextInt(3);
            int[] xShape = {n, h, wd, c};
            int[] cShape = {n, w.outH(h), w.outW(wd), w.kernelH(), w.kernelW(), c};
            View x = Views.random(BE, rnd, DType.FLOAT64, xShape, false);
            View cr = Views.random(BE, rnd, DType.FLOAT64, cShape, false);
            View cx = Views.random(BE, rnd, DType.FLOAT64, cShape, false);
            BE.im2col(x, w, 0, cx);
            View xc = Views.random(BE, rnd, DType.FLOAT64, xShape, false);
            double[] before = read(BE, xc);
            BE.col2im(cr, w, xc);
            double[] after = read(BE, xc);
            double[] added = new double[after.length];
            for (int i = 0; i < added.length; i++) {
                added[i] = after[i] - before[i];
            }
            double lhs = dot(read(BE, cx), read(BE, cr));
            double rhs = dot(read(BE, x), added);
            assertEquals(lhs, rhs, 1e-9 * (1 + Math.abs(lhs)), w + " on " + h + "x" + wd);
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
        Random rnd = new Random(37);
        Window2d w = Window2d.of(3, 3, 1, 1);
        int[] xShape = {4, 24, 24, 8};
        int[] cShape = {4, 24, 24, 3, 3, 8};
        View x = Views.random(BE, rnd, DType.FLOAT32, xShape, false);
        View c1 = zeros(BE, DType.FLOAT32, cShape);
        View c2 = zeros(BE, DType.FLOAT32, cShape);
        BE.im2col(x, w, 0, c1);
        PAR.im2col(x, w, 0, c2);
        assertArrayEquals(readF(BE, c1), readF(BE, c2));
        View x1 = zeros(BE, DType.FLOAT32, xShape);
        View x2 = zeros(BE, DType.FLOAT32, xShape);
        BE.col2im(c1, w, x1);
        PAR.col2im(c1, w, x2);
        assertArrayEquals(readF(BE, x1), readF(BE, x2));
    }
}
