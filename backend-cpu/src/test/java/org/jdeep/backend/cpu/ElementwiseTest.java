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
import org.jdeep.spi.BinaryOp;
import org.jdeep.spi.UnaryOp;
import org.jdeep.spi.View;
import org.jdeep.types.DType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/** Unary, binary, where, copy and fill through the SPI: values, special floats, INT32 rules and layouts. */
class ElementwiseTest {

    private static final CpuBackend BE = new CpuBackend(new CpuThreads(1));
    private static final CpuBackend PAR = new CpuBackend(new CpuThreads(4));
    private static final float NAN = Float.NaN;
    private static final float INF = Float.POSITIVE_INFINITY;

    @AfterAll
    static void close() {
        BE.close();
        PAR.close();
    }

    private static float[] unaryF(UnaryOp op, float... x) {
        View in = f32(BE, x);
        View out = zeros(BE, DType.FLOAT32, x.length);
        BE.unary(op, in, out);
        return readF(BE, out);
    }

    private static double[] unaryD(UnaryOp op, double... x) {
        View in = f64(BE, x);
        View out = zeros(BE, DType.FLOAT64, x.length);
        BE.unary(op, in, out);
        return read(BE, out);
    }

    private static int[] unaryI(UnaryOp op, int... x) {
        View in = i32(BE, x);
        View out = zeros(BE, DType.INT32, x.length);
        BE.unary(op, in, out);
        return readI(BE, out);
    }

    // ----- unary -----

    @Test
    void unaryFloat32Values() {
        assertArrayEquals(new float[] {-1.5f, 2f, -0f, NAN}, unaryF(UnaryOp.NEG, 1.5f, -2f, 0f, NAN));
        assertArrayEquals(new float[] {1.5f, 2f, 0f, INF}, unaryF(UnaryOp.ABS, -1.5f, 2f, -0f, -INF));
        assertArrayEquals(new float[] {-1f, 1f, 0f, 0f, NAN, 1f}, unaryF(UnaryOp.SIGN, -3f, 0.5f, 0f, -0f, NAN, INF));
        assertEquals(Float.floatToIntBits(0f), Float.floatToIntBits(unaryF(UnaryOp.SIGN, -0f)[0]), "sign(-0) is +0");
        assertArrayEquals(new float[] {9f, 0.25f, INF}, unaryF(UnaryOp.SQUARE, -3f, 0.5f, -INF));
        assertArrayEquals(new float[] {3f, NAN, 0f, INF}, unaryF(UnaryOp.SQRT, 9f, -1f, 0f, INF));
        assertArrayEquals(new float[] {0.5f, INF, -INF, -0f}, unaryF(UnaryOp.RECIPROCAL, 2f, 0f, -0f, -INF));
        assertArrayEquals(new float[] {1f, (float) Math.E, INF, 0f, NAN},
                unaryF(UnaryOp.EXP, 0f, 1f, 1000f, -INF, NAN));
        assertArrayEquals(new float[] {0f, -INF, NAN, (float) Math.log(4)}, unaryF(UnaryOp.LOG, 1f, 0f, -1f, 4f));
        assertArrayEquals(new float[] {1e-10f, -INF}, unaryF(UnaryOp.LOG1P, 1e-10f, -1f));
        assertArrayEquals(new float[] {1e-10f, -1f}, unaryF(UnaryOp.EXPM1, 1e-10f, -INF));
        assertArrayEquals(new float[] {0f, 1f, -1f, (float) Math.tanh(0.5)}, unaryF(UnaryOp.TANH, 0f, INF, -INF, 0.5f));
        assertArrayEquals(new float[] {2f, 0f, 0f, NAN}, unaryF(UnaryOp.RELU, 2f, -3f, -0f, NAN));
        assertEquals(Float.floatToIntBits(0f), Float.floatToIntBits(unaryF(UnaryOp.RELU, -0f)[0]));
    }

    @Test
    void sigmoidAndSoftplusAreStableAtTheExtremes() {
        float[] s = unaryF(UnaryOp.SIGMOID, 0f, 1000f, -1000f, INF, -INF, NAN, 2f);
        assertArrayEquals(new float[] {0.5f, 1f, 0f, 1f, 0f, NAN, (float) (1 / (1 + Math.exp(-2)))}, s, 1e-7f);
        double[] sd = unaryD(UnaryOp.SIGMOID, 1000, -1000, -2);
        assertArrayEquals(new double[] {1, 0, Math.exp(-2) / (1 + Math.exp(-2))}, sd, 1e-16);
        float[] p = unaryF(UnaryOp.SOFTPLUS, 0f, 1000f, -1000f, INF, -INF, NAN);
        assertArrayEquals(new float[] {(float) Math.log(2), 1000f, 0f, INF, 0f, NAN}, p);
        double[] pd = unaryD(UnaryOp.SOFTPLUS, 1000, -1000, 3);
        assertArrayEquals(new double[] {1000, 0, Math.log1p(Math.exp(3))}, pd, 1e-14);
    }

    @Test
    void unaryFloat64Values() {
        assertArrayEquals(new double[] {1, -1, 0, Double.NaN}, unaryD(UnaryOp.SIGN, 7, -0.1, -0.0, Double.NaN));
        assertArrayEquals(new double[] {Math.sqrt(2), 0.25, Math.log1p(1e-300), Math.expm1(1e-20)},
                new double[] {unaryD(UnaryOp.SQRT, 2)[0], unaryD(UnaryOp.RECIPROCAL, 4)[0],
                        unaryD(UnaryOp.LOG1P, 1e-300)[0], unaryD(UnaryOp.EXPM1, 1e-20)[0]});
        assertArrayEquals(new double[] {Math.exp(-1), Math.log(3), Math.tanh(-2), 16, -2.5},
                new double[] {unaryD(UnaryOp.EXP, -1)[0], unaryD(UnaryOp.LOG, 3)[0], unaryD(UnaryOp.TANH, -2)[0],
                        unaryD(UnaryOp.SQUARE, -4)[0], unaryD(UnaryOp.NEG, 2.5)[0]});
    }

    @Test
    void unaryInt32WrapsAndRejectsFloatingOps() {
        assertArrayEquals(new int[] {-5, 5, Integer.MIN_VALUE}, unaryI(UnaryOp.NEG, 5, -5, Integer.MIN_VALUE));
        assertArrayEquals(new int[] {5, 5, Integer.MIN_VALUE}, unaryI(UnaryOp.ABS, 5, -5, Integer.MIN_VALUE));
        assertArrayEquals(new int[] {-1, 0, 1}, unaryI(UnaryOp.SIGN, -9, 0, 9));
        assertArrayEquals(new int[] {9, 0, 65536 * 65536}, unaryI(UnaryOp.SQUARE, -3, 0, 65536));
        assertArrayEquals(new int[] {4, 0, 0}, unaryI(UnaryOp.RELU, 4, 0, -4));
        for (UnaryOp op : UnaryOp.values()) {
            if (!op.definedForIntegers()) {
                IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> unaryI(op, 1));
                assertTrue(e.getMessage().contains(op.name()), e.getMessage());
            }
        }
    }

    @Test
    void unaryOnStridedReversedAndBroadcastViews() {
        // x = [[1, 2, 3], [4, 5, 6]] read transposed (3, 2), into an output written reversed along axis 0.
        View x = shaped(f32(BE, 1, 2, 3, 4, 5, 6), 2, 3);
        View xt = as(x, 0, new int[] {3, 2}, new int[] {1, 3});
        View outBuf = zeros(BE, DType.FLOAT32, 6);
        View outRev = as(outBuf, 4, new int[] {3, 2}, new int[] {-2, 1});
        BE.unary(UnaryOp.NEG, xt, outRev);
        // Logical result [[-1,-4],[-2,-5],[-3,-6]]; row 0 lands at buffer offset 4.
        assertArrayEquals(new float[] {-3, -6, -2, -5, -1, -4}, readF(BE, outBuf));
        // A scalar broadcast to (2, 2) with stride 0, from offset 2.
        View s = f32(BE, 0, 0, 3);
        View b = as(s, 2, new int[] {2, 2}, new int[] {0, 0});
        View out = zeros(BE, DType.FLOAT32, 2, 2);
        BE.unary(UnaryOp.SQUARE, b, out);
        assertArrayEquals(new float[] {9, 9, 9, 9}, readF(BE, out));
    }

    @Test
    void rankZeroAndSizeZero() {
        View x = f64(BE, 0, -2.5);
        View scalarX = as(x, 1, new int[0], new int[0]);
        View out = zeros(BE, DType.FLOAT64);
        BE.unary(UnaryOp.ABS, scalarX, out);
        assertArrayEquals(new double[] {2.5}, read(BE, out));
        BE.binary(BinaryOp.MUL, scalarX, scalarX, out);
        assertArrayEquals(new double[] {6.25}, read(BE, out));
        View empty = zeros(BE, DType.FLOAT64, 3, 0, 2);
        BE.unary(UnaryOp.EXP, empty, empty);
        BE.binary(BinaryOp.ADD, empty, empty, empty);
        BE.where(empty, empty, empty, empty);
        BE.copy(empty, empty);
        BE.fill(empty, 1);
        // Size-0 views may sit on a zero-length buffer at any offset.
        View nothing = new View(BE.allocate(DType.FLOAT32, 0), 7, new int[] {0}, new int[] {1});
        BE.unary(UnaryOp.NEG, nothing, nothing);
        BE.fill(nothing, 3);
    }

    // ----- binary -----

    private static float[] binF(BinaryOp op, float[] a, float[] b) {
        View out = zeros(BE, DType.FLOAT32, a.length);
        BE.binary(op, f32(BE, a), f32(BE, b), out);
        return readF(BE, out);
    }

    private static int[] binI(BinaryOp op, int[] a, int[] b) {
        View out = zeros(BE, DType.INT32, a.length);
        BE.binary(op, i32(BE, a), i32(BE, b), out);
        return readI(BE, out);
    }

    @Test
    void binaryFloat32Values() {
        float[] a = {1, -2, NAN, INF, 0};
        float[] b = {2, 4, 1, INF, -0f};
        assertArrayEquals(new float[] {3, 2, NAN, INF, 0}, binF(BinaryOp.ADD, a, b));
        assertArrayEquals(new float[] {-1, -6, NAN, NAN, 0}, binF(BinaryOp.SUB, a, b));
        assertArrayEquals(new float[] {2, -8, NAN, INF, -0f}, binF(BinaryOp.MUL, a, b));
        assertArrayEquals(new float[] {0.5f, -0.5f, NAN, NAN, NAN}, binF(BinaryOp.DIV, a, b));
        assertArrayEquals(new float[] {1, 16, NAN, INF, 1}, binF(BinaryOp.POW, a, b));
        assertArrayEquals(new float[] {2, 4, NAN, INF, 0}, binF(BinaryOp.MAXIMUM, a, b));
        assertArrayEquals(new float[] {1, -2, NAN, INF, -0f}, binF(BinaryOp.MINIMUM, a, b));
        assertArrayEquals(new float[] {NAN, NAN}, binF(BinaryOp.MAXIMUM, new float[] {1, NAN}, new float[] {NAN, 1}));
        assertArrayEquals(new float[] {0, 0, 0, 1, 1}, binF(BinaryOp.EQ, a, b));
        assertArrayEquals(new float[] {1, 1, 1, 0, 0}, binF(BinaryOp.NE, a, b));
        assertArrayEquals(new float[] {0, 0, 0, 0, 0}, binF(BinaryOp.GT, a, b));
        assertArrayEquals(new float[] {0, 0, 0, 1, 1}, binF(BinaryOp.GE, a, b));
        assertArrayEquals(new float[] {1, 1, 0, 0, 0}, binF(BinaryOp.LT, a, b));
        assertArrayEquals(new float[] {1, 1, 0, 1, 1}, binF(BinaryOp.LE, a, b));
    }

    @Test
    void binaryFloat64Values() {
        View out = zeros(BE, DType.FLOAT64, 3);
        BE.binary(BinaryOp.POW, f64(BE, 2, -8, 0), f64(BE, 0.5, 1.0 / 3, -1), out);
        assertArrayEquals(new double[] {Math.pow(2, 0.5), Double.NaN, Double.POSITIVE_INFINITY}, read(BE, out));
        BE.binary(BinaryOp.GT, f64(BE, 1, Double.NaN, 3), f64(BE, 0, 0, 3), out);
        assertArrayEquals(new double[] {1, 0, 0}, read(BE, out));
        BE.binary(BinaryOp.DIV, f64(BE, 1, -1, 0), f64(BE, 0, 0, 0), out);
        assertArrayEquals(new double[] {Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, Double.NaN}, read(BE, out));
    }

    @Test
    void binaryInt32Semantics() {
        int[] a = {7, -7, 7, -7, 5, Integer.MAX_VALUE};
        int[] b = {2, 2, -2, -2, 0, 1};
        assertArrayEquals(new int[] {3, -4, -4, 3, 0, Integer.MAX_VALUE}, binI(BinaryOp.DIV, a, b));
        assertArrayEquals(new int[] {9, -5, 5, -9, 5, Integer.MIN_VALUE}, binI(BinaryOp.ADD, a, b));
        assertArrayEquals(new int[] {14, -14, -14, 14, 0, Integer.MAX_VALUE}, binI(BinaryOp.MUL, a, b));
        assertArrayEquals(new int[] {7, 2, 7, -2, 5, Integer.MAX_VALUE}, binI(BinaryOp.MAXIMUM, a, b));
        assertArrayEquals(new int[] {2, -7, -2, -7, 0, 1}, binI(BinaryOp.MINIMUM, a, b));
        assertArrayEquals(new int[] {0, 0, 0, 0, 0, 0}, binI(BinaryOp.EQ, a, b));
        assertArrayEquals(new int[] {1, 0, 1, 0, 1, 1}, binI(BinaryOp.GT, a, b));
        // POW: exact with wrap-around for b >= 0; 1/a^|b| truncated for b < 0 (only ±1 survive, 0 for a = 0).
        int[] pa = {2, 3, -2, 0, 5, 2, 1, -1, -1, 2, 0, 7};
        int[] pb = {10, 0, 3, 0, 1, 32, -5, -3, -4, -1, -2, 2};
        assertArrayEquals(new int[] {1024, 1, -8, 1, 5, 0, 1, -1, 1, 0, 0, 49}, binI(BinaryOp.POW, pa, pb));
        assertArrayEquals(new int[] {(int) 3486784401L}, binI(BinaryOp.POW, new int[] {3}, new int[] {20}));
    }

    @Test
    void binaryBroadcastsStrideZeroAndScalars() {
        // a: (2, 3) = [[1,2,3],[4,5,6]]; b: a row (3,) broadcast over axis 0; c: a column (2, 1) broadcast.
        View a = shaped(f32(BE, 1, 2, 3, 4, 5, 6), 2, 3);
        View row = as(f32(BE, 10, 20, 30), 0, new int[] {2, 3}, new int[] {0, 1});
        View col = as(f32(BE, 100, 200), 0, new int[] {2, 3}, new int[] {1, 0});
        View scalar = as(f32(BE, 0.5f), 0, new int[] {2, 3}, new int[] {0, 0});
        View out = zeros(BE, DType.FLOAT32, 2, 3);
        BE.binary(BinaryOp.ADD, a, row, out);
        assertArrayEquals(new float[] {11, 22, 33, 14, 25, 36}, readF(BE, out));
        BE.binary(BinaryOp.SUB, col, a, out);
        assertArrayEquals(new float[] {99, 98, 97, 196, 195, 194}, readF(BE, out));
        BE.binary(BinaryOp.MUL, a, scalar, out);
        assertArrayEquals(new float[] {0.5f, 1, 1.5f, 2, 2.5f, 3}, readF(BE, out));
        BE.binary(BinaryOp.DIV, scalar, a, out);
        assertArrayEquals(new float[] {0.5f, 0.25f, 0.5f / 3, 0.125f, 0.1f, 0.5f / 6}, readF(BE, out));
        // In place: out is the identical view as a.
        BE.binary(BinaryOp.SUB, a, scalar, a);
        assertArrayEquals(new float[] {0.5f, 1.5f, 2.5f, 3.5f, 4.5f, 5.5f}, readF(BE, a));
    }

    @Test
    void binaryOnTransposedNegativeAndOffsetViews() {
        // buf holds a (3, 2) matrix m = [[1,2],[3,4],[5,6]] after 2 padding elements.
        View buf = f64(BE, -1, -1, 1, 2, 3, 4, 5, 6);
        View mT = as(buf, 2, new int[] {2, 3}, new int[] {1, 2}); // [[1,3,5],[2,4,6]]
        View rev = as(buf, 7, new int[] {2, 3}, new int[] {-3, -1}); // [[6,5,4],[3,2,1]]
        View out = zeros(BE, DType.FLOAT64, 2, 3);
        BE.binary(BinaryOp.MUL, mT, rev, out);
        assertArrayEquals(new double[] {6, 15, 20, 6, 8, 6}, read(BE, out));
    }

    /** Every layout the random generator makes, against index arithmetic, for each dtype. */
    @Test
    void randomLayoutsMatchIndexArithmetic() {
        Random rnd = new Random(7);
        for (int iter = 0; iter < 400; iter++) {
            int[] shape = Views.randomShape(rnd, 5, 4);
            DType dt = DType.values()[iter % 3];
            View a = Views.random(BE, rnd, dt, shape, true);
            View b = Views.random(BE, rnd, dt, shape, true);
            View out = Views.random(BE, rnd, dt, shape, false);
            View c = Views.random(BE, rnd, DType.values()[rnd.nextInt(3)], shape, true);
            double[] ra = read(BE, a);
            double[] rb = read(BE, b);
            double[] rc = read(BE, c);
            BE.binary(BinaryOp.SUB, a, b, out);
            double[] got = read(BE, out);
            for (int i = 0; i < got.length; i++) {
                double want = dt == DType.FLOAT32 ? (float) ra[i] - (float) rb[i] : ra[i] - rb[i];
                assertEquals(want, got[i], 0.0, "sub element " + i);
            }
            BE.where(c, a, b, out);
            got = read(BE, out);
            for (int i = 0; i < got.length; i++) {
                assertEquals(rc[i] != 0 ? ra[i] : rb[i], got[i], 0.0, "where element " + i);
            }
            BE.copy(a, out);
            assertArrayEquals(ra, read(BE, out));
            BE.unary(UnaryOp.NEG, b, out);
            got = read(BE, out);
            for (int i = 0; i < got.length; i++) {
                assertEquals(-rb[i], got[i], 0.0);
            }
        }
    }

    /** Large transposed operands take the tiled walk; rows of it start and end mid-tile. */
    @Test
    void transposedLayoutsOfLargeTensorsMatchIndexArithmetic() {
        Random rnd = new Random(19);
        for (int iter = 0; iter < 12; iter++) {
            int[] shape = iter % 2 == 0 ? new int[] {30 + rnd.nextInt(200), 30 + rnd.nextInt(300)}
                    : new int[] {1 + rnd.nextInt(3), 20 + rnd.nextInt(60), 20 + rnd.nextInt(150)};
            DType dt = DType.values()[iter % 3];
            CpuBackend be = iter % 4 < 2 ? BE : PAR;
            View a = Views.random(BE, rnd, dt, shape, false);
            View b = Views.random(BE, rnd, dt, shape, true);
            View out = Views.random(BE, rnd, dt, shape, false);
            double[] ra = read(BE, a);
            double[] rb = read(BE, b);
            be.copy(a, out);
            assertArrayEquals(ra, read(BE, out));
            be.binary(BinaryOp.MAXIMUM, a, b, out);
            double[] got = read(BE, out);
            for (int i = 0; i < got.length; i++) {
                assertEquals(Math.max(ra[i], rb[i]), got[i], 0.0);
            }
        }
        // A plain 2-D transpose, big enough to be split among threads.
        int rows = 300;
        int cols = 257;
        float[] v = new float[rows * cols];
        for (int i = 0; i < v.length; i++) {
            v[i] = i;
        }
        View x = f32(BE, v);
        View xt = as(x, 0, new int[] {cols, rows}, new int[] {1, cols});
        View out = zeros(BE, DType.FLOAT32, cols, rows);
        PAR.copy(xt, out);
        float[] got = readF(BE, out);
        for (int i = 0; i < cols; i++) {
            for (int j = 0; j < rows; j++) {
                assertEquals(j * cols + i, got[i * rows + j]);
            }
        }
    }

    /** FLOAT32 transcendental ops run in blocks through a double scratch; check across block edges. */
    @Test
    void float32TranscendentalsAcrossBlocksMatchScalarMath() {
        Random rnd = new Random(29);
        int n = 3 * Elementwise.SCRATCH + 17;
        float[] v = new float[2 * n];
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) (rnd.nextGaussian() * 4);
        }
        v[10] = Float.NaN;
        v[11] = Float.POSITIVE_INFINITY;
        v[12] = Float.NEGATIVE_INFINITY;
        v[13] = -0f;
        View x = as(f32(BE, v), 2 * n - 1, new int[] {n}, new int[] {-2}); // every other, reversed
        View out = zeros(BE, DType.FLOAT32, n);
        float[] xs = readF(BE, x);
        for (UnaryOp op : new UnaryOp[] {UnaryOp.EXP, UnaryOp.LOG, UnaryOp.LOG1P, UnaryOp.EXPM1, UnaryOp.TANH,
                UnaryOp.SIGMOID, UnaryOp.SOFTPLUS}) {
            BE.unary(op, x, out);
            float[] got = readF(BE, out);
            for (int i = 0; i < n; i++) {
                float t = xs[i];
                float want = switch (op) {
                    case EXP -> (float) Math.exp(t);
                    case LOG -> (float) Math.log(t);
                    case LOG1P -> (float) Math.log1p(t);
                    case EXPM1 -> (float) Math.expm1(t);
                    case TANH -> (float) Math.tanh(t);
                    case SIGMOID -> t >= 0 ? 1f / (1f + (float) Math.exp(-t)) : (float) Math.exp(t) / (1f + (float) Math.exp(t));
                    case SOFTPLUS -> Math.max(t, 0f) + (float) Math.log1p(Math.exp(-Math.abs(t)));
                    default -> throw new AssertionError(op);
                };
                // tanh is computed from exp, within an ulp of the float-rounded Math.tanh; the rest exactly.
                float tol = op == UnaryOp.TANH ? Math.ulp(want) : 0f;
                assertEquals(want, got[i], tol, op + " of " + t);
            }
        }
        // tanh near 0 (series), at the switch-over, and far out.
        float[] small = {1e-30f, -1e-7f, 0.01f, -0.0624f, 0.0625f, 0.07f, -0.5f, 3f, 9.01f, -20f, 1e30f, -0f};
        View sx = f32(BE, small);
        View so = zeros(BE, DType.FLOAT32, small.length);
        BE.unary(UnaryOp.TANH, sx, so);
        float[] sgot = readF(BE, so);
        for (int i = 0; i < small.length; i++) {
            float want = (float) Math.tanh(small[i]);
            assertEquals(want, sgot[i], Math.ulp(want), "tanh " + small[i]);
            assertEquals(Math.copySign(1f, want), Math.copySign(1f, sgot[i]), "sign of tanh " + small[i]);
        }
        View y = f32(BE, v);
        View pow = zeros(BE, DType.FLOAT32, 2 * n);
        View two = as(f32(BE, 2), 0, new int[] {2 * n}, new int[] {0});
        BE.binary(BinaryOp.POW, y, two, pow);
        float[] got = readF(BE, pow);
        for (int i = 0; i < 2 * n; i++) {
            assertEquals((float) Math.pow(v[i], 2), got[i], 0f);
        }
    }

    @Test
    void parallelEqualsSerial() {
        int n = 1 << 18;
        int[] shape = {64, n / 64};
        Random rnd = new Random(3);
        for (DType dt : DType.values()) {
            View a = Views.random(BE, rnd, dt, shape, false);
            View b = Views.random(BE, rnd, dt, shape, true);
            View o1 = zeros(BE, dt, shape);
            View o2 = zeros(BE, dt, shape);
            for (BinaryOp op : new BinaryOp[] {BinaryOp.ADD, BinaryOp.MUL, BinaryOp.MAXIMUM, BinaryOp.LT}) {
                BE.binary(op, a, b, o1);
                PAR.binary(op, a, b, o2);
                assertArrayEquals(read(BE, o1), read(BE, o2), op + " " + dt);
            }
            UnaryOp u = dt == DType.INT32 ? UnaryOp.ABS : UnaryOp.TANH;
            BE.unary(u, a, o1);
            PAR.unary(u, a, o2);
            assertArrayEquals(read(BE, o1), read(BE, o2));
            BE.where(b, a, b, o1);
            PAR.where(b, a, b, o2);
            assertArrayEquals(read(BE, o1), read(BE, o2));
            PAR.copy(a, o2);
            assertArrayEquals(read(BE, a), read(BE, o2));
        }
    }

    // ----- where, copy, fill -----

    @Test
    void whereTreatsNonZeroAndNaNAsTrueForEveryCondDtype() {
        View a = f32(BE, 1, 2, 3, 4);
        View b = f32(BE, -1, -2, -3, -4);
        View out = zeros(BE, DType.FLOAT32, 4);
        BE.where(f32(BE, 0, NAN, -0f, 0.5f), a, b, out);
        assertArrayEquals(new float[] {-1, 2, -3, 4}, readF(BE, out));
        BE.where(f64(BE, 1, 0, Double.NaN, 0), a, b, out);
        assertArrayEquals(new float[] {1, -2, 3, -4}, readF(BE, out));
        View ia = i32(BE, 10, 20, 30, 40);
        View ib = i32(BE, 0, 0, 0, 0);
        View iout = zeros(BE, DType.INT32, 4);
        BE.where(i32(BE, 0, -1, 7, 0), ia, ib, iout);
        assertArrayEquals(new int[] {0, 20, 30, 0}, readI(BE, iout));
        // A broadcast condition column over (2, 2) doubles.
        View cond = as(i32(BE, 1, 0), 0, new int[] {2, 2}, new int[] {1, 0});
        View dout = zeros(BE, DType.FLOAT64, 2, 2);
        BE.where(cond, shaped(f64(BE, 1, 2, 3, 4), 2, 2), shaped(f64(BE, 5, 6, 7, 8), 2, 2), dout);
        assertArrayEquals(new double[] {1, 2, 7, 8}, read(BE, dout));
    }

    @Test
    void copyConvertsDtypesWithJavaCasts() {
        View f = f32(BE, 1.9f, -1.9f, NAN, 3e9f, -3e9f, INF, 0.5f);
        View i = zeros(BE, DType.INT32, 7);
        BE.copy(f, i);
        assertArrayEquals(new int[] {1, -1, 0, Integer.MAX_VALUE, Integer.MIN_VALUE, Integer.MAX_VALUE, 0},
                readI(BE, i));
        View d = f64(BE, 0.1, 1e300, -2.5, Double.NaN);
        View f2 = zeros(BE, DType.FLOAT32, 4);
        BE.copy(d, f2);
        assertArrayEquals(new float[] {0.1f, INF, -2.5f, NAN}, readF(BE, f2));
        View d2 = zeros(BE, DType.FLOAT64, 2);
        BE.copy(f32(BE, 0.1f, -7f), d2);
        assertArrayEquals(new double[] {(double) 0.1f, -7}, read(BE, d2));
        View i2 = i32(BE, 16777217, -3);
        View f3 = zeros(BE, DType.FLOAT32, 2);
        BE.copy(i2, f3);
        assertArrayEquals(new float[] {16777216f, -3f}, readF(BE, f3));
        View d3 = zeros(BE, DType.FLOAT64, 2);
        BE.copy(i2, d3);
        assertArrayEquals(new double[] {16777217, -3}, read(BE, d3));
        View i3 = zeros(BE, DType.INT32, 2);
        BE.copy(f64(BE, -0.99, 2147483647.5), i3);
        assertArrayEquals(new int[] {0, Integer.MAX_VALUE}, readI(BE, i3));
    }

    @Test
    void copyMakesPermutedSlicedAndBroadcastViewsContiguous() {
        // (2, 3, 2) contiguous 0..11, permuted to (2, 2, 3) by swapping the last two axes.
        float[] v = new float[12];
        for (int k = 0; k < 12; k++) {
            v[k] = k;
        }
        View x = f32(BE, v);
        View perm = as(x, 0, new int[] {2, 2, 3}, new int[] {6, 1, 2});
        View out = zeros(BE, DType.FLOAT32, 2, 2, 3);
        BE.copy(perm, out);
        assertArrayEquals(new float[] {0, 2, 4, 1, 3, 5, 6, 8, 10, 7, 9, 11}, readF(BE, out));
        // Slice x[1, 1:, ::-1] of the (2, 3, 2) tensor: elements (1,1,1),(1,1,0),(1,2,1),(1,2,0).
        View slice = as(x, 6 + 2 + 1, new int[] {2, 2}, new int[] {2, -1});
        View out2 = zeros(BE, DType.FLOAT64, 2, 2);
        BE.copy(slice, out2);
        assertArrayEquals(new double[] {9, 8, 11, 10}, read(BE, out2));
        View bcast = as(x, 5, new int[] {3, 2}, new int[] {0, 0});
        View out3 = zeros(BE, DType.INT32, 3, 2);
        BE.copy(bcast, out3);
        assertArrayEquals(new int[] {5, 5, 5, 5, 5, 5}, readI(BE, out3));
    }

    @Test
    void fillConvertsTheValue() {
        View f = zeros(BE, DType.FLOAT32, 3);
        BE.fill(f, 0.1);
        assertArrayEquals(new float[] {0.1f, 0.1f, 0.1f}, readF(BE, f));
        View i = zeros(BE, DType.INT32, 2);
        BE.fill(i, -2.7);
        assertArrayEquals(new int[] {-2, -2}, readI(BE, i));
        BE.fill(i, Double.NaN);
        assertArrayEquals(new int[] {0, 0}, readI(BE, i));
        BE.fill(i, 1e20);
        assertArrayEquals(new int[] {Integer.MAX_VALUE, Integer.MAX_VALUE}, readI(BE, i));
        // Every other element of a 6-buffer, from offset 1, reversed.
        View d = zeros(BE, DType.FLOAT64, 6);
        BE.fill(as(d, 5, new int[] {3}, new int[] {-2}), Double.NEGATIVE_INFINITY);
        double ninf = Double.NEGATIVE_INFINITY;
        assertArrayEquals(new double[] {0, ninf, 0, ninf, 0, ninf}, read(BE, d));
    }
}
