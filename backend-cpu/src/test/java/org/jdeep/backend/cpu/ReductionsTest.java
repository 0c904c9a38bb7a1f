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

import java.util.Arrays;
import java.util.Random;
import org.jdeep.spi.ReduceOp;
import org.jdeep.spi.View;
import org.jdeep.types.DType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/** reduce (every op, axis, dtype, layout, NaN rule, empty axis, accuracy, parallel split) and fused softmax. */
class ReductionsTest {

    private static final CpuBackend BE = new CpuBackend(new CpuThreads(1));
    private static final CpuBackend PAR = new CpuBackend(new CpuThreads(4));
    private static final float NAN = Float.NaN;

    @AfterAll
    static void close() {
        BE.close();
        PAR.close();
    }

    private static double[] reduce(CpuBackend be, ReduceOp op, View x, int axis) {
        int[] shape = x.shape().clone();
        shape[axis] = 1;
        View out = zeros(be, op.isIndex() ? DType.INT32 : x.dtype(), shape);
        be.fill(out, 99); // must be overwritten
        be.reduce(op, x, axis, out);
        return read(be, out);
    }

    @Test
    void everyOpAlongEachAxisOfAMatrix() {
        // x = [[1, 5, 3], [4, 2, 6]]: axis 0 runs in column mode, axis 1 in lane mode.
        double[] v = {1, 5, 3, 4, 2, 6};
        for (DType dt : DType.values()) {
            View flat = switch (dt) {
                case FLOAT32 -> f32(BE, 1, 5, 3, 4, 2, 6);
                case FLOAT64 -> f64(BE, v);
                case INT32 -> i32(BE, 1, 5, 3, 4, 2, 6);
            };
            View x = shaped(flat, 2, 3);
            assertArrayEquals(new double[] {5, 7, 9}, reduce(BE, ReduceOp.SUM, x, 0), dt.name());
            assertArrayEquals(new double[] {9, 12}, reduce(BE, ReduceOp.SUM, x, 1), dt.name());
            assertArrayEquals(new double[] {4, 5, 6}, reduce(BE, ReduceOp.MAX, x, 0), dt.name());
            assertArrayEquals(new double[] {5, 6}, reduce(BE, ReduceOp.MAX, x, 1), dt.name());
            assertArrayEquals(new double[] {1, 2, 3}, reduce(BE, ReduceOp.MIN, x, 0), dt.name());
            assertArrayEquals(new double[] {1, 2}, reduce(BE, ReduceOp.MIN, x, 1), dt.name());
            assertArrayEquals(new double[] {1, 0, 1}, reduce(BE, ReduceOp.ARGMAX, x, 0), dt.name());
            assertArrayEquals(new double[] {1, 2}, reduce(BE, ReduceOp.ARGMAX, x, 1), dt.name());
            assertArrayEquals(new double[] {0, 1, 0}, reduce(BE, ReduceOp.ARGMIN, x, 0), dt.name());
            assertArrayEquals(new double[] {0, 1}, reduce(BE, ReduceOp.ARGMIN, x, 1), dt.name());
            // The transpose (3, 2) with strides (1, 3): its axis 0 is x's axis 1, now in column mode.
            View xt = as(flat, 0, new int[] {3, 2}, new int[] {1, 3});
            assertArrayEquals(new double[] {9, 12}, reduce(BE, ReduceOp.SUM, xt, 0), dt.name());
            assertArrayEquals(new double[] {1, 2}, reduce(BE, ReduceOp.ARGMAX, xt, 0), dt.name());
            // Reversed rows, from offset 5: [[6, 2, 4], [3, 5, 1]].
            View rev = as(flat, 5, new int[] {2, 3}, new int[] {-3, -1});
            assertArrayEquals(new double[] {12, 9}, reduce(BE, ReduceOp.SUM, rev, 1), dt.name());
            assertArrayEquals(new double[] {0, 1, 0}, reduce(BE, ReduceOp.ARGMAX, rev, 0), dt.name());
        }
    }

    @Test
    void tiesGiveTheFirstIndex() {
        View x = shaped(f64(BE, 3, 7, 7, 2, 1, 1), 2, 3);
        assertArrayEquals(new double[] {1, 0}, reduce(BE, ReduceOp.ARGMAX, x, 1));
        assertArrayEquals(new double[] {0, 1}, reduce(BE, ReduceOp.ARGMIN, x, 1));
        View y = shaped(i32(BE, 5, 5, 5, 5), 2, 2);
        assertArrayEquals(new double[] {0, 0}, reduce(BE, ReduceOp.ARGMAX, y, 0));
    }

    @Test
    void nanPropagatesAndArgReturnsTheFirstNaN() {
        // [[1, NaN, 3], [5, 2, NaN]]
        View x = shaped(f32(BE, 1, NAN, 3, 5, 2, NAN), 2, 3);
        double nan = Double.NaN;
        assertArrayEquals(new double[] {nan, nan}, reduce(BE, ReduceOp.MAX, x, 1));
        assertArrayEquals(new double[] {nan, nan}, reduce(BE, ReduceOp.MIN, x, 1));
        assertArrayEquals(new double[] {nan, nan}, reduce(BE, ReduceOp.SUM, x, 1));
        assertArrayEquals(new double[] {1, 2}, reduce(BE, ReduceOp.ARGMAX, x, 1));
        assertArrayEquals(new double[] {1, 2}, reduce(BE, ReduceOp.ARGMIN, x, 1));
        assertArrayEquals(new double[] {5, nan, nan}, reduce(BE, ReduceOp.MAX, x, 0));
        assertArrayEquals(new double[] {1, nan, nan}, reduce(BE, ReduceOp.MIN, x, 0));
        assertArrayEquals(new double[] {1, 0, 1}, reduce(BE, ReduceOp.ARGMAX, x, 0));
        assertArrayEquals(new double[] {0, 0, 1}, reduce(BE, ReduceOp.ARGMIN, x, 0));
        // A NaN after the maximum, and one before a larger value.
        View y = f64(BE, 1, 9, Double.NaN, 10, Double.NaN);
        assertArrayEquals(new double[] {2}, reduce(BE, ReduceOp.ARGMAX, y, 0));
        View inf = f64(BE, Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY, 0);
        assertArrayEquals(new double[] {1}, reduce(BE, ReduceOp.ARGMAX, inf, 0));
        assertArrayEquals(new double[] {Double.NaN}, reduce(BE, ReduceOp.SUM, inf, 0));
    }

    @Test
    void emptyAxisSumsToZeroAndEmptyOutputsDoNothing() {
        View x = zeros(BE, DType.FLOAT32, 2, 0);
        assertArrayEquals(new double[] {0, 0}, reduce(BE, ReduceOp.SUM, x, 1));
        View y = zeros(BE, DType.INT32, 0, 3);
        assertArrayEquals(new double[] {0, 0, 0}, reduce(BE, ReduceOp.SUM, y, 0));
        assertArrayEquals(new double[0], reduce(BE, ReduceOp.MAX, y, 1));
        View s = as(f64(BE, 4, 2.5), 1, new int[] {1}, new int[] {1});
        assertArrayEquals(new double[] {2.5}, reduce(BE, ReduceOp.SUM, s, 0));
        assertArrayEquals(new double[] {0}, reduce(BE, ReduceOp.ARGMIN, s, 0));
    }

    @Test
    void int32SumWrapsAround() {
        View x = i32(BE, Integer.MAX_VALUE, 1, 5);
        assertArrayEquals(new double[] {Integer.MIN_VALUE + 5}, reduce(BE, ReduceOp.SUM, x, 0));
    }

    @Test
    void float32SumOfAMillionIsAccurate() {
        int n = 1_000_000;
        float[] v = new float[n];
        Arrays.fill(v, 0.1f);
        float want = (float) (n * (double) 0.1f); // 100000.0f; float accumulation drifts to about 100958
        View x = f32(BE, v);
        assertEquals(want, (float) reduce(BE, ReduceOp.SUM, x, 0)[0]);
        assertEquals(want, (float) reduce(PAR, ReduceOp.SUM, x, 0)[0]);
        // Column mode: (250000, 4) summed over axis 0.
        View cols = shaped(x, n / 4, 4);
        float want4 = (float) (n / 4 * (double) 0.1f);
        for (double got : reduce(BE, ReduceOp.SUM, cols, 0)) {
            assertEquals(want4, (float) got);
        }
    }

    /** Naive reduction of one lane of {@code vals} in double, with numpy's NaN and first-index rules. */
    private static double naive(ReduceOp op, double[] lane, DType dt) {
        return switch (op) {
            case SUM -> {
                if (dt == DType.INT32) {
                    int s = 0;
                    for (double d : lane) {
                        s += (int) d;
                    }
                    yield s;
                }
                double s = 0;
                for (double d : lane) {
                    s += d;
                }
                yield dt == DType.FLOAT32 ? (float) s : s;
            }
            case MAX, MIN -> {
                double m = lane[0];
                for (double d : lane) {
                    m = op == ReduceOp.MAX ? Math.max(m, d) : Math.min(m, d);
                }
                yield m;
            }
            case ARGMAX, ARGMIN -> {
                int best = 0;
                for (int i = 0; i < lane.length; i++) {
                    if (Double.isNaN(lane[i])) {
                        yield i;
                    }
                    if (op == ReduceOp.ARGMAX ? lane[i] > lane[best] : lane[i] < lane[best]) {
                        best = i;
                    }
                }
                yield best;
            }
        };
    }

    /** The lanes of a row-major array of {@code shape} along {@code axis}, in output order. */
    private static double[][] lanes(double[] vals, int[] shape, int axis) {
        int len = shape[axis];
        int inner = 1;
        for (int d = axis + 1; d < shape.length; d++) {
            inner *= shape[d];
        }
        int outer = vals.length / Math.max(1, len * inner);
        if (len == 0) {
            outer = 1;
            for (int d = 0; d < axis; d++) {
                outer *= shape[d];
            }
        }
        double[][] lanes = new double[outer * inner][len];
        for (int o = 0; o < outer; o++) {
            for (int i = 0; i < inner; i++) {
                for (int k = 0; k < len; k++) {
                    lanes[o * inner + i][k] = vals[(o * len + k) * inner + i];
                }
            }
        }
        return lanes;
    }

    @Test
    void randomLayoutsMatchANaiveReduction() {
        Random rnd = new Random(11);
        for (int iter = 0; iter < 300; iter++) {
            int[] shape = Views.randomShape(rnd, 4, 5);
            if (shape.length == 0) {
                continue;
            }
            for (int d = 0; d < shape.length; d++) {
                shape[d] = Math.max(shape[d], 1);
            }
            DType dt = DType.values()[iter % 3];
            View x = Views.random(BE, rnd, dt, shape, true);
            if (dt != DType.INT32 && rnd.nextInt(4) == 0) {
                // Poke a NaN somewhere through a 1-element copy.
                int at = Views.offsetOf(x, rnd.nextInt(x.size()));
                View nanSrc = f64(BE, Double.NaN);
                BE.copy(nanSrc, as(x, at, new int[] {1}, new int[] {1}));
            }
            double[] vals = read(BE, x);
            int axis = rnd.nextInt(shape.length);
            double[][] lanes = lanes(vals, shape, axis);
            for (ReduceOp op : ReduceOp.values()) {
                double[] got = reduce(BE, op, x, axis);
                assertEquals(lanes.length, got.length);
                for (int i = 0; i < got.length; i++) {
                    double want = naive(op, lanes[i], dt);
                    double tol = op == ReduceOp.SUM && dt == DType.FLOAT32 && !Double.isNaN(want)
                            ? 1e-5 * (1 + Math.abs(want)) : 1e-12;
                    assertEquals(want, got[i], tol, op + " " + dt + " " + Arrays.toString(shape) + " axis " + axis
                            + " lane " + i + " " + x);
                }
            }
        }
    }

    @Test
    void parallelEqualsSerial() {
        Random rnd = new Random(5);
        for (DType dt : DType.values()) {
            View x = Views.random(BE, rnd, dt, new int[] {300, 400}, false);
            for (int axis = 0; axis < 2; axis++) {
                for (ReduceOp op : ReduceOp.values()) {
                    assertArrayEquals(reduce(BE, op, x, axis), reduce(PAR, op, x, axis), op + " axis " + axis);
                }
            }
        }
    }

    @Test
    void aLongAxisIsSplitAcrossThreadsWithTheSameAnswer() {
        int n = 200_000;
        double[] v = new double[n];
        Random rnd = new Random(9);
        for (int i = 0; i < n; i++) {
            v[i] = rnd.nextDouble();
        }
        v[123_456] = 5; // the first maximum, in the third of four slices
        v[190_000] = 5; // a tie later on
        v[7] = -3;
        View x = shaped(f64(BE, v), 1, n);
        for (ReduceOp op : ReduceOp.values()) {
            double[] serial = reduce(BE, op, x, 1);
            double[] parallel = reduce(PAR, op, x, 1);
            assertEquals(serial[0], parallel[0], 1e-9 * n, op.name());
        }
        assertArrayEquals(new double[] {123_456}, reduce(PAR, ReduceOp.ARGMAX, x, 1));
        assertArrayEquals(new double[] {7}, reduce(PAR, ReduceOp.ARGMIN, x, 1));
        v[150_000] = Double.NaN;
        v[180_000] = Double.NaN;
        View y = shaped(f64(BE, v), 1, n);
        assertArrayEquals(new double[] {150_000}, reduce(PAR, ReduceOp.ARGMAX, y, 1));
        assertArrayEquals(new double[] {150_000}, reduce(PAR, ReduceOp.ARGMIN, y, 1));
        assertArrayEquals(new double[] {Double.NaN}, reduce(PAR, ReduceOp.MAX, y, 1));
        int[] iv = new int[n];
        Arrays.fill(iv, 3);
        iv[100_001] = 4;
        View z = i32(BE, iv);
        assertArrayEquals(new double[] {3.0 * n + 1}, reduce(PAR, ReduceOp.SUM, z, 0));
        assertArrayEquals(new double[] {100_001}, reduce(PAR, ReduceOp.ARGMAX, z, 0));
    }

    // ----- softmax -----

    private static double[] naiveSoftmax(double[] lane, boolean log) {
        double m = Double.NEGATIVE_INFINITY;
        for (double d : lane) {
            m = Math.max(m, d);
        }
        double s = 0;
        for (double d : lane) {
            s += Math.exp(d - m);
        }
        double[] out = new double[lane.length];
        for (int i = 0; i < lane.length; i++) {
            out[i] = log ? lane[i] - m - Math.log(s) : Math.exp(lane[i] - m) / s;
        }
        return out;
    }

    @Test
    void softmaxOfAHandExample() {
        // softmax([0, ln 2, ln 5]) = [1/8, 2/8, 5/8]; shifting by 1000 changes nothing (stability) but the
        // rounding of 1000 + ln 2.
        double l2 = Math.log(2);
        double l5 = Math.log(5);
        View x = f64(BE, 1000, 1000 + l2, 1000 + l5);
        View out = zeros(BE, DType.FLOAT64, 3);
        BE.softmax(x, 0, false, out);
        assertArrayEquals(new double[] {0.125, 0.25, 0.625}, read(BE, out), 1e-13);
        BE.softmax(x, 0, true, out);
        assertArrayEquals(new double[] {Math.log(0.125), Math.log(0.25), Math.log(0.625)}, read(BE, out), 1e-13);
        View f = f32(BE, -1000, 0, -1000);
        View fo = zeros(BE, DType.FLOAT32, 3);
        BE.softmax(f, 0, false, fo);
        assertArrayEquals(new float[] {0, 1, 0}, readF(BE, fo));
        BE.softmax(f, 0, true, fo);
        assertArrayEquals(new float[] {-1000, 0, -1000}, readF(BE, fo));
        View withNaN = f32(BE, 1, NAN);
        View no = zeros(BE, DType.FLOAT32, 2);
        BE.softmax(withNaN, 0, false, no);
        assertArrayEquals(new float[] {NAN, NAN}, readF(BE, no));
    }

    @Test
    void softmaxMatchesAStraightforwardComputation() {
        Random rnd = new Random(13);
        for (int iter = 0; iter < 120; iter++) {
            int[] shape = Views.randomShape(rnd, 3, 6);
            if (shape.length == 0) {
                shape = new int[] {1};
            }
            for (int d = 0; d < shape.length; d++) {
                shape[d] = Math.max(shape[d], 1);
            }
            DType dt = iter % 2 == 0 ? DType.FLOAT32 : DType.FLOAT64;
            View x = Views.random(BE, rnd, dt, shape, true);
            View out = Views.random(BE, rnd, dt, shape, false);
            int axis = rnd.nextInt(shape.length);
            boolean log = rnd.nextBoolean();
            CpuBackend be = iter % 3 == 0 ? PAR : BE;
            be.softmax(x, axis, log, out);
            double[][] xl = lanes(read(BE, x), shape, axis);
            double[][] ol = lanes(read(BE, out), shape, axis);
            double tol = dt == DType.FLOAT32 ? 2e-6 : 1e-14;
            for (int i = 0; i < xl.length; i++) {
                assertArrayEquals(naiveSoftmax(xl[i], log), ol[i], tol * 10, Arrays.toString(shape) + " " + axis);
            }
        }
    }

    @Test
    void softmaxInPlaceAndParallelOnBothLayouts() {
        Random rnd = new Random(17);
        for (int axis = 0; axis < 2; axis++) {
            View x = Views.random(BE, rnd, DType.FLOAT32, new int[] {200, 300}, false);
            View a = zeros(BE, DType.FLOAT32, 200, 300);
            View b = zeros(BE, DType.FLOAT32, 200, 300);
            BE.softmax(x, axis, false, a);
            PAR.softmax(x, axis, false, b);
            assertArrayEquals(read(BE, a), read(BE, b));
            double[][] xl = lanes(read(BE, x), new int[] {200, 300}, axis);
            double[][] al = lanes(read(BE, a), new int[] {200, 300}, axis);
            for (int i = 0; i < xl.length; i += 37) {
                assertArrayEquals(naiveSoftmax(xl[i], false), al[i], 1e-6);
            }
            BE.softmax(x, axis, true, b);
            double[][] bl = lanes(read(BE, b), new int[] {200, 300}, axis);
            for (int i = 0; i < xl.length; i += 37) {
                assertArrayEquals(naiveSoftmax(xl[i], true), bl[i], 1e-5);
            }
            PAR.softmax(x, axis, false, x); // in place
            assertArrayEquals(read(BE, a), read(BE, x));
        }
    }
}
