package org.jdeep.backend.opencl;

import static org.jdeep.backend.opencl.Both.assertSame;
import static org.jdeep.backend.opencl.Both.cpu;
import static org.jdeep.backend.opencl.Both.make;
import static org.jdeep.backend.opencl.Both.opencl;
import static org.jdeep.backend.opencl.Both.zeros;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Random;
import org.jdeep.backend.opencl.Both.Pair;
import org.jdeep.spi.BinaryOp;
import org.jdeep.spi.ReduceOp;
import org.jdeep.spi.UnaryOp;
import org.jdeep.types.DType;
import org.jdeep.types.Window2d;
import org.junit.jupiter.api.Test;

/**
 * Every SPI primitive on OpenCL against the CPU reference, in FLOAT32, FLOAT64 and INT32, on contiguous,
 * transposed, broadcast, offset, empty, single-element and odd-sized views, with NaN, ±Inf and -0.
 */
class PrimitivesTest {

    private static final DType[] ALL = DType.values();
    private static final double NAN = Double.NaN;
    private static final double INF = Double.POSITIVE_INFINITY;

    /** Values with the awkward ones first; INT32 gets integers including extremes. */
    static double[] values(DType dt, int n, long seed) {
        Random r = new Random(seed);
        double[] special = dt == DType.INT32
                ? new double[] {0, 1, -1, 7, -7, Integer.MAX_VALUE, Integer.MIN_VALUE, 3, -2, 2}
                : new double[] {0, -0.0, 1, -1, NAN, INF, -INF, 0.5, -2.5, 1e-8, 88, -100};
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            if (i < special.length && seed % 2 == 0) {
                v[i] = special[i];
            } else if (dt == DType.INT32) {
                v[i] = r.nextInt(41) - 20;
            } else {
                v[i] = (r.nextDouble() - 0.5) * 8;
            }
        }
        return v;
    }

    /** Views of one logical shape laid out in several ways: (label, pair) over a fresh buffer each. */
    static Pair[] layouts(DType dt, long seed) {
        // 0: contiguous (5, 7); 1: transposed (5, 7) over a (7, 5) buffer; 2: broadcast row (5, 7) stride 0;
        // 3: every other element with an offset; 4: scalar; 5: empty (0, 7); 6: odd 1-D of 37.
        Pair contiguous = make(dt, values(dt, 35, seed)).shaped(5, 7);
        Pair transposed = make(dt, values(dt, 35, seed + 1)).view(0, new int[] {5, 7}, new int[] {1, 5});
        Pair broadcast = make(dt, values(dt, 7, seed + 2)).view(0, new int[] {5, 7}, new int[] {0, 1});
        Pair strided = make(dt, values(dt, 80, seed + 3)).view(3, new int[] {5, 7}, new int[] {15, 2});
        return new Pair[] {contiguous, transposed, broadcast, strided};
    }

    @Test
    void unaryEveryOpDtypeAndLayout() {
        for (DType dt : ALL) {
            Pair[] ins = layouts(dt, 10);
            for (UnaryOp op : UnaryOp.values()) {
                if (dt == DType.INT32 && !op.definedForIntegers()) {
                    continue;
                }
                for (int l = 0; l < ins.length; l++) {
                    Pair out = zeros(dt, 5, 7);
                    cpu().unary(op, ins[l].c(), out.c());
                    opencl().unary(op, ins[l].o(), out.o());
                    assertSame(out, "unary " + op + " " + dt + " layout " + l, tolerance(dt, op));
                }
                Pair odd = make(dt, values(dt, 37, 4));
                Pair out = zeros(dt, 37).view(0, new int[] {37}, new int[] {1});
                cpu().unary(op, odd.c(), out.c());
                opencl().unary(op, odd.o(), out.o());
                assertSame(out, "unary " + op + " " + dt + " odd", tolerance(dt, op));
                Pair scalar = make(dt, 0.75).view(0, new int[0], new int[0]);
                Pair sout = zeros(dt, 1).view(0, new int[0], new int[0]);
                cpu().unary(op, scalar.c(), sout.c());
                opencl().unary(op, scalar.o(), sout.o());
                assertSame(sout, "unary " + op + " " + dt + " scalar", tolerance(dt, op));
                Pair empty = zeros(dt, 0, 7);
                opencl().unary(op, empty.o(), zeros(dt, 0, 7).o());
            }
        }
        assertThrows(IllegalArgumentException.class, () -> {
            Pair p = make(DType.INT32, 1, 2);
            opencl().unary(UnaryOp.EXP, p.o(), p.o());
        });
    }

    private static double tolerance(DType dt, Object op) {
        if (dt == DType.FLOAT32) {
            return op == BinaryOp.POW ? 1e-5 : 4e-6;
        }
        return 1e-12;
    }

    @Test
    void binaryEveryOpDtypeAndLayout() {
        for (DType dt : ALL) {
            Pair[] as = layouts(dt, 20);
            Pair[] bs = layouts(dt, 31);
            for (BinaryOp op : BinaryOp.values()) {
                for (int l = 0; l < as.length; l++) {
                    Pair a = as[l];
                    Pair b = bs[(l + 1) % bs.length];
                    if (op == BinaryOp.POW && dt == DType.INT32) {
                        // Small exponents keep the wrap-around products comparable and fast.
                        b = make(dt, values(dt, 35, 77)).shaped(5, 7);
                    }
                    Pair out = zeros(dt, 5, 7);
                    cpu().binary(op, a.c(), b.c(), out.c());
                    opencl().binary(op, a.o(), b.o(), out.o());
                    assertSame(out, "binary " + op + " " + dt + " layout " + l, tolerance(dt, op));
                }
                Pair sa = make(dt, 3).view(0, new int[0], new int[0]);
                Pair sb = make(dt, -2).view(0, new int[0], new int[0]);
                Pair so = zeros(dt, 1).view(0, new int[0], new int[0]);
                cpu().binary(op, sa.c(), sb.c(), so.c());
                opencl().binary(op, sa.o(), sb.o(), so.o());
                assertSame(so, "binary " + op + " " + dt + " scalar", tolerance(dt, op));
            }
        }
    }

    @Test
    void binarySpecialCases() {
        // Floating: every pair of specials; INT32: floor division signs, x/0, MIN/-1, powers.
        double[] f = {0, -0.0, 1, -1, 2, -2, 0.5, NAN, INF, -INF};
        double[] i = {0, 1, -1, 2, -2, 7, -7, 3, Integer.MIN_VALUE, Integer.MAX_VALUE};
        for (DType dt : ALL) {
            double[] s = dt == DType.INT32 ? i : f;
            int n = s.length;
            double[] av = new double[n * n];
            double[] bv = new double[n * n];
            for (int x = 0; x < n; x++) {
                for (int y = 0; y < n; y++) {
                    av[x * n + y] = s[x];
                    bv[x * n + y] = s[y];
                }
            }
            Pair a = make(dt, av);
            Pair b = make(dt, bv);
            for (BinaryOp op : BinaryOp.values()) {
                Pair out = zeros(dt, n * n);
                cpu().binary(op, a.c(), b.c(), out.c());
                opencl().binary(op, a.o(), b.o(), out.o());
                assertSame(out, "binary " + op + " " + dt + " specials", tolerance(dt, op));
            }
        }
    }

    @Test
    void whereEveryDtypePair() {
        for (DType cond : ALL) {
            Pair c = make(cond, cond == DType.INT32 ? new double[] {0, 1, -3, 0, 5, 0, 2}
                    : new double[] {0, 1, NAN, -0.0, INF, 0, 0.25});
            for (DType dt : ALL) {
                Pair a = make(dt, values(dt, 7, 40));
                Pair b = make(dt, values(dt, 7, 41)).view(6, new int[] {7}, new int[] {-1});
                Pair out = zeros(dt, 7);
                cpu().where(c.c(), a.c(), b.c(), out.c());
                opencl().where(c.o(), a.o(), b.o(), out.o());
                assertSame(out, "where cond " + cond + " " + dt);
                // Broadcast condition over a (3, 7) output.
                Pair cb = c.view(0, new int[] {3, 7}, new int[] {0, 1});
                Pair a2 = make(dt, values(dt, 21, 42)).shaped(3, 7);
                Pair b2 = make(dt, 9).view(0, new int[] {3, 7}, new int[] {0, 0});
                Pair out2 = zeros(dt, 3, 7);
                cpu().where(cb.c(), a2.c(), b2.c(), out2.c());
                opencl().where(cb.o(), a2.o(), b2.o(), out2.o());
                assertSame(out2, "where broadcast cond " + cond + " " + dt);
            }
        }
    }

    @Test
    void copyEveryDtypePairAndFill() {
        double[] src = {0, -0.0, 1.5, -1.5, 2.5e9, -2.5e9, NAN, INF, -INF, 1e-3, 123456.789, -7.99};
        for (DType from : ALL) {
            Pair s = make(from, src).view(0, new int[] {3, 4}, new int[] {4, 1});
            Pair sT = make(from, src).view(0, new int[] {4, 3}, new int[] {1, 4});
            for (DType to : ALL) {
                Pair out = zeros(to, 3, 4);
                cpu().copy(s.c(), out.c());
                opencl().copy(s.o(), out.o());
                assertSame(out, "copy " + from + " -> " + to);
                Pair outT = zeros(to, 4, 3);
                cpu().copy(sT.c(), outT.c());
                opencl().copy(sT.o(), outT.o());
                assertSame(outT, "copy transposed " + from + " -> " + to);
                Pair outB = zeros(to, 2, 3, 4);
                Pair sb = s.view(0, new int[] {2, 3, 4}, new int[] {0, 4, 1});
                cpu().copy(sb.c(), outB.c());
                opencl().copy(sb.o(), outB.o());
                assertSame(outB, "copy broadcast " + from + " -> " + to);
            }
        }
        for (DType dt : ALL) {
            for (double v : new double[] {3.75, -2.5e10, NAN, -INF}) {
                Pair p = zeros(dt, 11);
                Pair every2 = p.view(1, new int[] {5}, new int[] {2});
                cpu().fill(every2.c(), v);
                opencl().fill(every2.o(), v);
                assertSame(p, "fill " + dt + " " + v);
            }
        }
    }

    @Test
    void reduceEveryOpDtypeAxisAndLength() {
        for (DType dt : ALL) {
            for (int len : new int[] {1, 5, 37, 256, 1000}) {
                // (3, len, 2): reduce the middle axis, the last and the first; also a transposed view.
                double[] v = values(dt, 3 * len * 2, len);
                if (len >= 37 && dt != DType.INT32) {
                    v[7] = NAN;
                }
                Pair x = make(dt, v).shaped(3, len, 2);
                Pair xt = make(dt, v).view(0, new int[] {2, len, 3}, new int[] {1, 2, 2 * len});
                for (ReduceOp op : ReduceOp.values()) {
                    DType od = op.isIndex() ? DType.INT32 : dt;
                    for (int axis = 0; axis < 3; axis++) {
                        for (Pair in : new Pair[] {x, xt}) {
                            int[] shape = in.c().shape().clone();
                            shape[axis] = 1;
                            Pair out = zeros(od, shape);
                            cpu().reduce(op, in.c(), axis, out.c());
                            opencl().reduce(op, in.o(), axis, out.o());
                            double tol = dt == DType.FLOAT32 ? 1e-5 : 1e-11;
                            assertSame(out, "reduce " + op + " " + dt + " len " + len + " axis " + axis
                                    + " of " + java.util.Arrays.toString(in.c().shape()), tol);
                        }
                    }
                }
            }
            // Long axis without NaN, ties for ARG*, and an empty axis for SUM.
            double[] ties = new double[700];
            ties[100] = 5;
            ties[600] = 5;
            ties[50] = -3;
            ties[650] = -3;
            Pair t = make(dt, ties).shaped(1, 700);
            for (ReduceOp op : ReduceOp.values()) {
                Pair out = zeros(op.isIndex() ? DType.INT32 : dt, 1, 1);
                cpu().reduce(op, t.c(), 1, out.c());
                opencl().reduce(op, t.o(), 1, out.o());
                assertSame(out, "reduce " + op + " " + dt + " ties");
            }
            Pair empty = zeros(dt, 4, 0);
            Pair out = zeros(dt, 4, 1);
            opencl().fill(out.o(), 9);
            cpu().fill(out.c(), 9);
            cpu().reduce(ReduceOp.SUM, empty.c(), 1, out.c());
            opencl().reduce(ReduceOp.SUM, empty.o(), -1, out.o());
            assertSame(out, "sum of an empty axis " + dt);
        }
    }

    @Test
    void matmulShapesTransposesAndBroadcast() {
        int[][] sizes = {{1, 1, 1, 1}, {1, 3, 5, 7}, {2, 17, 33, 19}, {3, 16, 16, 16}, {1, 40, 1, 9}, {2, 5, 0, 4},
            {1, 0, 3, 3}};
        for (DType dt : new DType[] {DType.FLOAT32, DType.FLOAT64}) {
            for (int[] s : sizes) {
                int batch = s[0];
                int m = s[1];
                int k = s[2];
                int n = s[3];
                for (int t = 0; t < 4; t++) {
                    boolean ta = (t & 1) != 0;
                    boolean tb = (t & 2) != 0;
                    Pair a = make(dt, values(dt, batch * m * k, 50 + t)).shaped(batch, ta ? k : m, ta ? m : k);
                    Pair b = make(dt, values(dt, batch * k * n, 51 + t)).shaped(batch, tb ? n : k, tb ? k : n);
                    Pair out = zeros(dt, batch, m, n);
                    cpu().matmul(a.c(), ta, b.c(), tb, out.c());
                    opencl().matmul(a.o(), ta, b.o(), tb, out.o());
                    assertSame(out, "matmul " + dt + " " + java.util.Arrays.toString(s) + " ta=" + ta + " tb=" + tb,
                            dt == DType.FLOAT32 ? 1e-5 : 1e-12);
                }
            }
            // A broadcast batch (stride 0) times a strided, offset operand.
            Pair a = make(dt, values(dt, 6 * 4, 60)).view(0, new int[] {3, 6, 4}, new int[] {0, 4, 1});
            Pair b = make(dt, values(dt, 200, 61)).view(5, new int[] {3, 4, 5}, new int[] {50, 10, 2});
            Pair out = zeros(dt, 3, 6, 5);
            cpu().matmul(a.c(), false, b.c(), false, out.c());
            opencl().matmul(a.o(), false, b.o(), false, out.o());
            assertSame(out, "matmul broadcast batch " + dt, dt == DType.FLOAT32 ? 1e-5 : 1e-12);
        }
    }

    @Test
    void gatherAndScatterAdd() {
        Pair idx = make(DType.INT32, 2, 0, 2, 3, 1, 2);
        for (DType dt : ALL) {
            Pair x = make(dt, values(dt, 4 * 5, 70)).shaped(4, 5);
            Pair xT = make(dt, values(dt, 4 * 5, 71)).view(0, new int[] {4, 5}, new int[] {1, 4});
            for (Pair in : new Pair[] {x, xT}) {
                Pair out0 = zeros(dt, 6, 5);
                cpu().gather(in.c(), 0, idx.c(), out0.c());
                opencl().gather(in.o(), 0, idx.o(), out0.o());
                assertSame(out0, "gather axis 0 " + dt);
                Pair out1 = zeros(dt, 4, 6);
                cpu().gather(in.c(), 1, idx.c(), out1.c());
                opencl().gather(in.o(), -1, idx.o(), out1.o());
                assertSame(out1, "gather axis 1 " + dt);
            }
            // Repeated indices accumulate.
            Pair src0 = make(dt, values(dt, 6 * 5, 72)).shaped(6, 5);
            Pair dst0 = make(dt, values(dt, 4 * 5, 73)).shaped(4, 5);
            cpu().scatterAdd(src0.c(), 0, idx.c(), dst0.c());
            opencl().scatterAdd(src0.o(), 0, idx.o(), dst0.o());
            assertSame(dst0, "scatterAdd axis 0 " + dt);
            Pair src1 = make(dt, values(dt, 3 * 6, 74)).shaped(3, 6);
            Pair dst1 = zeros(dt, 3, 4);
            cpu().scatterAdd(src1.c(), 1, idx.c(), dst1.c());
            opencl().scatterAdd(src1.o(), 1, idx.o(), dst1.o());
            assertSame(dst1, "scatterAdd axis 1 " + dt);
            Pair bad = make(DType.INT32, 1, 4);
            Pair out = zeros(dt, 2, 5);
            assertThrows(IndexOutOfBoundsException.class, () -> opencl().gather(x.o(), 0, bad.o(), out.o()));
            Pair before = make(dt, values(dt, 20, 75)).shaped(4, 5);
            Pair negative = make(DType.INT32, -1, 0);
            assertThrows(IndexOutOfBoundsException.class,
                    () -> opencl().scatterAdd(zeros(dt, 2, 5).o(), 0, negative.o(), before.o()));
        }
    }

    @Test
    void im2colAndCol2im() {
        Window2d[] windows = {Window2d.of(3, 3, 1, 1), Window2d.of(2, 2, 2, 0), new Window2d(3, 2, 2, 1, 1, 2, 0, 1, 2, 1)};
        for (DType dt : ALL) {
            int n = 2;
            int h = 7;
            int w = 6;
            int c = 3;
            Pair x = make(dt, values(dt, n * h * w * c, 80)).shaped(n, h, w, c);
            for (Window2d win : windows) {
                int oh = win.outH(h);
                int ow = win.outW(w);
                for (double pad : new double[] {0, Double.NEGATIVE_INFINITY}) {
                    Pair cols = zeros(dt, n, oh, ow, win.kernelH(), win.kernelW(), c);
                    cpu().im2col(x.c(), win, pad, cols.c());
                    opencl().im2col(x.o(), win, pad, cols.o());
                    assertSame(cols, "im2col " + dt + " " + win + " pad " + pad);
                }
                Pair cols = make(dt, values(dt, n * oh * ow * win.kernelH() * win.kernelW() * c, 81))
                        .shaped(n, oh, ow, win.kernelH(), win.kernelW(), c);
                Pair back = make(dt, values(dt, n * h * w * c, 82)).shaped(n, h, w, c);
                cpu().col2im(cols.c(), win, back.c());
                opencl().col2im(cols.o(), win, back.o());
                assertSame(back, "col2im " + dt + " " + win, dt == DType.FLOAT32 ? 1e-5 : 1e-12);
            }
        }
    }

    @Test
    void memoryIsZeroedReusedAndPartiallyTransferred() {
        for (DType dt : ALL) {
            var be = opencl();
            var b = be.allocate(dt, 1000);
            be.fill(new org.jdeep.spi.View(b, 0, new int[] {1000}, new int[] {1}), 7);
            be.release(b);
            be.release(b);
            var again = be.allocate(dt, 1000);
            double[] got = Both.read(be, again);
            for (double g : got) {
                org.junit.jupiter.api.Assertions.assertEquals(0.0, g, "fresh buffers are zero");
            }
            var empty = be.allocate(dt, 0);
            org.junit.jupiter.api.Assertions.assertEquals(0, Both.read(be, empty).length);
            // Upload and download shorter than the buffer touch only its start.
            Pair p = zeros(dt, 10);
            switch (dt) {
                case FLOAT32 -> {
                    be.upload(new float[] {1, 2, 3}, p.o().buffer());
                    float[] r = new float[2];
                    be.download(p.o().buffer(), r);
                    org.junit.jupiter.api.Assertions.assertArrayEquals(new float[] {1, 2}, r);
                }
                case FLOAT64 -> {
                    be.upload(new double[] {1, 2, 3}, p.o().buffer());
                    double[] r = new double[2];
                    be.download(p.o().buffer(), r);
                    org.junit.jupiter.api.Assertions.assertArrayEquals(new double[] {1, 2}, r);
                }
                case INT32 -> {
                    be.upload(new int[] {1, 2, 3}, p.o().buffer());
                    int[] r = new int[2];
                    be.download(p.o().buffer(), r);
                    org.junit.jupiter.api.Assertions.assertArrayEquals(new int[] {1, 2}, r);
                }
            }
            be.release(again);
            be.release(empty);
        }
        assertThrows(IllegalArgumentException.class, () -> opencl().upload(new float[3], cpu().allocate(DType.FLOAT32, 3)));
    }

    @Test
    void largeBuffersGrowTheArenaAndKeepEarlierData() {
        var be = opencl();
        Pair early = make(DType.FLOAT32, 1, 2, 3, 4);
        // 5M floats overflow the first 16 MiB arena, forcing growth with a copy of what it holds.
        var big = be.allocate(DType.FLOAT32, 5_000_000);
        float[] data = new float[5_000_000];
        data[4_999_999] = 42;
        be.upload(data, big);
        float[] back = new float[5_000_000];
        be.download(big, back);
        org.junit.jupiter.api.Assertions.assertEquals(42f, back[4_999_999]);
        assertSame(early, "data allocated before the arena grew");
        be.release(big);
    }

    /**
     * The arenas stay bound to the kernel between launches; a garbage collection that moved one would make
     * Aparapi re-create its device buffer from stale host memory. Churn the heap between ops and check.
     */
    @Test
    void dataSurvivesGarbageCollectionsBetweenOps() {
        for (DType dt : ALL) {
            Pair x = make(dt, values(dt, 300, 90));
            Pair y = zeros(dt, 300);
            for (int round = 0; round < 3; round++) {
                churn();
                cpu().binary(BinaryOp.ADD, x.c(), x.c(), y.c());
                opencl().binary(BinaryOp.ADD, x.o(), x.o(), y.o());
                churn();
                cpu().unary(UnaryOp.NEG, y.c(), x.c());
                opencl().unary(UnaryOp.NEG, y.o(), x.o());
            }
            churn();
            assertSame(x, "after garbage collections " + dt);
        }
    }

    private static void churn() {
        byte[][] junk = new byte[2000][];
        for (int i = 0; i < junk.length; i++) {
            junk[i] = new byte[4096];
        }
        System.gc();
    }
}
