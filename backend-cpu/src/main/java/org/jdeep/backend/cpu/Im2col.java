package org.jdeep.backend.cpu;

import org.jdeep.spi.View;
import org.jdeep.types.Window2d;

/**
 * {@code im2col} and its adjoint {@code col2im} for channels-last images {@code (N, H, W, C)} and columns
 * {@code (N, outH, outW, kH, kW, C)}. Both are parallel over image rows: im2col over output rows, col2im
 * over input rows (each input row collects the taps that read it), so no two threads add into one pixel.
 */
final class Im2col {

    private Im2col() {
    }

    /** Geometry shared by both directions, with the strides of both views. */
    private record Geo(int n, int h, int w, int c, int outH, int outW, Window2d win,
                       int xo, int xn, int xh, int xw, int xc,
                       int co, int cn, int coh, int cow, int ckh, int ckw, int cc) {

        static Geo of(View x, Window2d win, View cols) {
            int[] xs = x.shape();
            int[] cs = cols.shape();
            int[] xt = x.strides();
            int[] ct = cols.strides();
            return new Geo(xs[0], xs[1], xs[2], xs[3], cs[1], cs[2], win,
                    x.offset(), xt[0], xt[1], xt[2], xt[3],
                    cols.offset(), ct[0], ct[1], ct[2], ct[3], ct[4], ct[5]);
        }
    }

    static void im2col(View x, Window2d win, double padValue, View cols, CpuThreads threads) {
        if (cols.size() == 0) {
            return;
        }
        Geo g = Geo.of(x, win, cols);
        int perRow = g.outW() * win.kernelH() * win.kernelW() * g.c();
        int rows = g.n() * g.outH();
        int grain = Math.max(1, StridedLoop.GRAIN / Math.max(perRow, 1));
        CpuThreads.RangeBody body = switch (x.dtype()) {
            case FLOAT32 -> {
                float[] xa = CpuBuffer.floats(x);
                float[] ca = CpuBuffer.floats(cols);
                float pad = (float) padValue;
                yield (from, to) -> im2colF(g, xa, ca, pad, from, to);
            }
            case FLOAT64 -> {
                double[] xa = CpuBuffer.doubles(x);
                double[] ca = CpuBuffer.doubles(cols);
                yield (from, to) -> im2colD(g, xa, ca, padValue, from, to);
            }
            case INT32 -> {
                int[] xa = CpuBuffer.ints(x);
                int[] ca = CpuBuffer.ints(cols);
                int pad = (int) padValue;
                yield (from, to) -> im2colI(g, xa, ca, pad, from, to);
            }
        };
        threads.parallelFor(rows, grain, body);
    }

    static void col2im(View cols, Window2d win, View x, CpuThreads threads) {
        if (cols.size() == 0 || x.size() == 0) {
            return;
        }
        Geo g = Geo.of(x, win, cols);
        // Each input row receives at most kH output rows' worth of taps.
        int perRow = g.w() * win.kernelH() * win.kernelW() * g.c();
        int rows = g.n() * g.h();
        int grain = Math.max(1, StridedLoop.GRAIN / Math.max(perRow, 1));
        CpuThreads.RangeBody body = switch (x.dtype()) {
            case FLOAT32 -> {
                float[] xa = CpuBuffer.floats(x);
                float[] ca = CpuBuffer.floats(cols);
                yield (from, to) -> col2imF(g, ca, xa, from, to);
            }
            case FLOAT64 -> {
                double[] xa = CpuBuffer.doubles(x);
                double[] ca = CpuBuffer.doubles(cols);
                yield (from, to) -> col2imD(g, ca, xa, from, to);
            }
            case INT32 -> {
                int[] xa = CpuBuffer.ints(x);
                int[] ca = CpuBuffer.ints(cols);
                yield (from, to) -> col2imI(g, ca, xa, from, to);
            }
        };
        threads.parallelFor(rows, grain, body);
    }

    /** Fills the column rows {@code (n, oh)} for linear {@code n*outH + oh} in {@code [from, to)}. */
    private static void im2colF(Geo g, float[] x, float[] cols, float pad, int from, int to) {
        Window2d win = g.win();
        int kh = win.kernelH();
        int kw = win.kernelW();
        int c = g.c();
        int xc = g.xc();
        int cc = g.cc();
        boolean unit = xc == 1 && cc == 1;
        for (int r = from; r < to; r++) {
            int n = r / g.outH();
            int oh = r - n * g.outH();
            int ih0 = oh * win.strideH() - win.padTop();
            for (int ow = 0; ow < g.outW(); ow++) {
                int iw0 = ow * win.strideW() - win.padLeft();
                int cBase = g.co() + n * g.cn() + oh * g.coh() + ow * g.cow();
                for (int i = 0; i < kh; i++) {
                    int ih = ih0 + i * win.dilationH();
                    boolean rowInside = ih >= 0 && ih < g.h();
                    int xRow = g.xo() + n * g.xn() + ih * g.xh();
                    for (int j = 0; j < kw; j++) {
                        int iw = iw0 + j * win.dilationW();
                        int q = cBase + i * g.ckh() + j * g.ckw();
                        if (rowInside && iw >= 0 && iw < g.w()) {
                            int p = xRow + iw * g.xw();
                            if (unit) {
                                for (int ch = 0; ch < c; ch++) {
                                    cols[q + ch] = x[p + ch];
                                }
                            } else {
                                for (int ch = 0; ch < c; ch++) {
                                    cols[q + ch * cc] = x[p + ch * xc];
                                }
                            }
                        } else {
                            for (int ch = 0; ch < c; ch++) {
                                cols[q + ch * cc] = pad;
                            }
                        }
                    }
                }
            }
        }
    }

    /**
     * Adds into the image rows {@code (n, ih)} for linear {@code n*H + ih} in {@code [from, to)} every
     * column tap that {@link #im2colF} read from them.
     */
    private static void col2imF(Geo g, float[] cols, float[] x, int from, int to) {
        Window2d win = g.win();
        int kh = win.kernelH();
        int kw = win.kernelW();
        int sh = win.strideH();
        int c = g.c();
        int xc = g.xc();
        int cc = g.cc();
        boolean unit = xc == 1 && cc == 1;
        for (int r = from; r < to; r++) {
            int n = r / g.h();
            int ih = r - n * g.h();
            int xRow = g.xo() + n * g.xn() + ih * g.xh();
            for (int i = 0; i < kh; i++) {
                // Output row oh reads input row ih through tap i when oh*sh - padTop + i*dilationH == ih.
                int t = ih + win.padTop() - i * win.dilationH();
                if (t < 0 || t % sh != 0 || t / sh >= g.outH()) {
                    continue;
                }
                int oh = t / sh;
                for (int ow = 0; ow < g.outW(); ow++) {
                    int iw0 = ow * win.strideW() - win.padLeft();
                    int cBase = g.co() + n * g.cn() + oh * g.coh() + ow * g.cow() + i * g.ckh();
                    for (int j = 0; j < kw; j++) {
                        int iw = iw0 + j * win.dilationW();
                        if (iw < 0 || iw >= g.w()) {
                            continue;
                        }
                        int p = xRow + iw * g.xw();
                        int q = cBase + j * g.ckw();
                        if (unit) {
                            for (int ch = 0; ch < c; ch++) {
                                x[p + ch] += cols[q + ch];
                            }
                        } else {
                            for (int ch = 0; ch < c; ch++) {
                                x[p + ch * xc] += cols[q + ch * cc];
                            }
                        }
                    }
                }
            }
        }
    }

    /** Fills the column rows {@code (n, oh)} for linear {@code n*outH + oh} in {@code [from, to)}. */
    private static void im2colD(Geo g, double[] x, double[] cols, double pad, int from, int to) {
        Window2d win = g.win();
        int kh = win.kernelH();
        int kw = win.kernelW();
        int c = g.c();
        int xc = g.xc();
        int cc = g.cc();
        boolean unit = xc == 1 && cc == 1;
        for (int r = from; r < to; r++) {
            int n = r / g.outH();
            int oh = r - n * g.outH();
            int ih0 = oh * win.strideH() - win.padTop();
            for (int ow = 0; ow < g.outW(); ow++) {
                int iw0 = ow * win.strideW() - win.padLeft();
                int cBase = g.co() + n * g.cn() + oh * g.coh() + ow * g.cow();
                for (int i = 0; i < kh; i++) {
                    int ih = ih0 + i * win.dilationH();
                    boolean rowInside = ih >= 0 && ih < g.h();
                    int xRow = g.xo() + n * g.xn() + ih * g.xh();
                    for (int j = 0; j < kw; j++) {
                        int iw = iw0 + j * win.dilationW();
                        int q = cBase + i * g.ckh() + j * g.ckw();
                        if (rowInside && iw >= 0 && iw < g.w()) {
                            int p = xRow + iw * g.xw();
                            if (unit) {
                                for (int ch = 0; ch < c; ch++) {
                                    cols[q + ch] = x[p + ch];
                                }
                            } else {
                                for (int ch = 0; ch < c; ch++) {
                                    cols[q + ch * cc] = x[p + ch * xc];
                                }
                            }
                        } else {
                            for (int ch = 0; ch < c; ch++) {
                                cols[q + ch * cc] = pad;
                            }
                        }
                    }
                }
            }
        }
    }

    /**
     * Adds into the image rows {@code (n, ih)} for linear {@code n*H + ih} in {@code [from, to)} every
     * column tap that {@link #im2colD} read from them.
     */
    private static void col2imD(Geo g, double[] cols, double[] x, int from, int to) {
        Window2d win = g.win();
        int kh = win.kernelH();
        int kw = win.kernelW();
        int sh = win.strideH();
        int c = g.c();
        int xc = g.xc();
        int cc = g.cc();
        boolean unit = xc == 1 && cc == 1;
        for (int r = from; r < to; r++) {
            int n = r / g.h();
            int ih = r - n * g.h();
            int xRow = g.xo() + n * g.xn() + ih * g.xh();
            for (int i = 0; i < kh; i++) {
                // Output row oh reads input row ih through tap i when oh*sh - padTop + i*dilationH == ih.
                int t = ih + win.padTop() - i * win.dilationH();
                if (t < 0 || t % sh != 0 || t / sh >= g.outH()) {
                    continue;
                }
                int oh = t / sh;
                for (int ow = 0; ow < g.outW(); ow++) {
                    int iw0 = ow * win.strideW() - win.padLeft();
                    int cBase = g.co() + n * g.cn() + oh * g.coh() + ow * g.cow() + i * g.ckh();
                    for (int j = 0; j < kw; j++) {
                        int iw = iw0 + j * win.dilationW();
                        if (iw < 0 || iw >= g.w()) {
                            continue;
                        }
                        int p = xRow + iw * g.xw();
                        int q = cBase + j * g.ckw();
                        if (unit) {
                            for (int ch = 0; ch < c; ch++) {
                                x[p + ch] += cols[q + ch];
                            }
                        } else {
                            for (int ch = 0; ch < c; ch++) {
                                x[p + ch * xc] += cols[q + ch * cc];
                            }
                        }
                    }
                }
            }
        }
    }

    /** Fills the column rows {@code (n, oh)} for linear {@code n*outH + oh} in {@code [from, to)}. */
    private static void im2colI(Geo g, int[] x, int[] cols, int pad, int from, int to) {
        Window2d win = g.win();
        int kh = win.kernelH();
        int kw = win.kernelW();
        int c = g.c();
        int xc = g.xc();
        int cc = g.cc();
        boolean unit = xc == 1 && cc == 1;
        for (int r = from; r < to; r++) {
            int n = r / g.outH();
            int oh = r - n * g.outH();
            int ih0 = oh * win.strideH() - win.padTop();
            for (int ow = 0; ow < g.outW(); ow++) {
                int iw0 = ow * win.strideW() - win.padLeft();
                int cBase = g.co() + n * g.cn() + oh * g.coh() + ow * g.cow();
                for (int i = 0; i < kh; i++) {
                    int ih = ih0 + i * win.dilationH();
                    boolean rowInside = ih >= 0 && ih < g.h();
                    int xRow = g.xo() + n * g.xn() + ih * g.xh();
                    for (int j = 0; j < kw; j++) {
                        int iw = iw0 + j * win.dilationW();
                        int q = cBase + i * g.ckh() + j * g.ckw();
                        if (rowInside && iw >= 0 && iw < g.w()) {
                            int p = xRow + iw * g.xw();
                            if (unit) {
                                for (int ch = 0; ch < c; ch++) {
                                    cols[q + ch] = x[p + ch];
                                }
                            } else {
                                for (int ch = 0; ch < c; ch++) {
                                    cols[q + ch * cc] = x[p + ch * xc];
                                }
                            }
                        } else {
                            for (int ch = 0; ch < c; ch++) {
                                cols[q + ch * cc] = pad;
                            }
                        }
                    }
                }
            }
        }
    }

    /**
     * Adds into the image rows {@code (n, ih)} for linear {@code n*H + ih} in {@code [from, to)} every
     * column tap that {@link #im2colI} read from them.
     */
    private static void col2imI(Geo g, int[] cols, int[] x, int from, int to) {
        Window2d win = g.win();
        int kh = win.kernelH();
        int kw = win.kernelW();
        int sh = win.strideH();
        int c = g.c();
        int xc = g.xc();
        int cc = g.cc();
        boolean unit = xc == 1 && cc == 1;
        for (int r = from; r < to; r++) {
            int n = r / g.h();
            int ih = r - n * g.h();
            int xRow = g.xo() + n * g.xn() + ih * g.xh();
            for (int i = 0; i < kh; i++) {
                // Output row oh reads input row ih through tap i when oh*sh - padTop + i*dilationH == ih.
                int t = ih + win.padTop() - i * win.dilationH();
                if (t < 0 || t % sh != 0 || t / sh >= g.outH()) {
                    continue;
                }
                int oh = t / sh;
                for (int ow = 0; ow < g.outW(); ow++) {
                    int iw0 = ow * win.strideW() - win.padLeft();
                    int cBase = g.co() + n * g.cn() + oh * g.coh() + ow * g.cow() + i * g.ckh();
                    for (int j = 0; j < kw; j++) {
                        int iw = iw0 + j * win.dilationW();
                        if (iw < 0 || iw >= g.w()) {
                            continue;
                        }
                        int p = xRow + iw * g.xw();
                        int q = cBase + j * g.ckw();
                        if (unit) {
                            for (int ch = 0; ch < c; ch++) {
                                x[p + ch] += cols[q + ch];
                            }
                        } else {
                            for (int ch = 0; ch < c; ch++) {
                                x[p + ch * xc] += cols[q + ch * cc];
                            }
                        }
                    }
                }
            }
        }
    }
}
