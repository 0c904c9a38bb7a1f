package org.jdeep.backend.opencl.kernels;

/**
 * Index checks, gather, scatter-add, im2col and col2im. Every kernel here writes each output element from
 * exactly one work item (scatter-add and col2im gather their contributions instead of scattering them),
 * so there are no races and no atomics, and results do not depend on scheduling.
 */
public abstract class IndexingFamily extends MatmulFamily {

    /** One work item per index: flags[0] = 1 when an index lies outside [0, X_DST_AXLEN). */
    protected void checkIndex(int i) {
        if (i < meta[Meta.N]) {
            int k = i32[meta[Meta.X_IDX_OFF] + i * meta[Meta.X_IDX_STR]];
            if (k < 0) {
                flags[0] = 1;
            }
            if (k >= meta[Meta.X_DST_AXLEN]) {
                flags[0] = 1;
            }
        }
    }

    /** The index for output element i of a gather, or -1 when it is out of range. */
    protected int gatherIndex(int i) {
        int j = (i / meta[Meta.X_INNER]) % meta[Meta.X_IDX_LEN];
        int k = i32[meta[Meta.X_IDX_OFF] + j * meta[Meta.X_IDX_STR]];
        if (k >= meta[Meta.X_SRC_AXLEN]) {
            k = -1;
        }
        return k;
    }

    /** Operand 0 = out (SHAPE), operand 1 = x with its axis stride zeroed. */
    protected void gather32(int i) {
        if (i < meta[Meta.N]) {
            int k = gatherIndex(i);
            if (k >= 0) {
                int po = offset(i, 0);
                int px = offset(i, 1) + k * meta[Meta.X_SRC_AXSTR];
                int dt = meta[Meta.DT];
                if (dt == Meta.T_F32) {
                    f32[po] = f32[px];
                }
                if (dt == Meta.T_I32) {
                    i32[po] = i32[px];
                }
            }
        }
    }

    protected void gather64(int i) {
        if (i < meta[Meta.N]) {
            int k = gatherIndex(i);
            if (k >= 0) {
                f64[offset(i, 0)] = f64[offset(i, 1) + k * meta[Meta.X_SRC_AXSTR]];
            }
        }
    }

    /** One work item per (outer, inner) column: operand 0 = dst, operand 1 = src, SHAPE = src's with axis 1. */
    protected void scatterAdd32(int i) {
        if (i < meta[Meta.N]) {
            int pd = offset(i, 0);
            int ps = offset(i, 1);
            int count = meta[Meta.X_IDX_LEN];
            int bound = meta[Meta.X_DST_AXLEN];
            int dst = meta[Meta.X_DST_AXSTR];
            int sst = meta[Meta.X_SRC_AXSTR];
            int io = meta[Meta.X_IDX_OFF];
            int is = meta[Meta.X_IDX_STR];
            int dt = meta[Meta.DT];
            for (int j = 0; j < count; j++) {
                int k = i32[io + j * is];
                if (k >= 0) {
                    if (k < bound) {
                        if (dt == Meta.T_F32) {
                            f32[pd + k * dst] = f32[pd + k * dst] + f32[ps + j * sst];
                        }
                        if (dt == Meta.T_I32) {
                            i32[pd + k * dst] = i32[pd + k * dst] + i32[ps + j * sst];
                        }
                    }
                }
            }
        }
    }

    protected void scatterAdd64(int i) {
        if (i < meta[Meta.N]) {
            int pd = offset(i, 0);
            int ps = offset(i, 1);
            int count = meta[Meta.X_IDX_LEN];
            int bound = meta[Meta.X_DST_AXLEN];
            int dst = meta[Meta.X_DST_AXSTR];
            int sst = meta[Meta.X_SRC_AXSTR];
            int io = meta[Meta.X_IDX_OFF];
            int is = meta[Meta.X_IDX_STR];
            for (int j = 0; j < count; j++) {
                int k = i32[io + j * is];
                if (k >= 0) {
                    if (k < bound) {
                        f64[pd + k * dst] = f64[pd + k * dst] + f64[ps + j * sst];
                    }
                }
            }
        }
    }

    /**
     * The x offset read by cols element i (SHAPE = cols (N, outH, outW, kH, kW, C)), or -1 for a tap in
     * the padding. x's offset is OFF+1 and its strides (n, h, w, c) are at X_STR2.
     */
    protected int im2colSource(int i) {
        int c = i % meta[Meta.X_C];
        int t = i / meta[Meta.X_C];
        int j = t % meta[Meta.X_KW];
        t = t / meta[Meta.X_KW];
        int ii = t % meta[Meta.X_KH];
        t = t / meta[Meta.X_KH];
        int ow = t % meta[Meta.X_OW];
        t = t / meta[Meta.X_OW];
        int oh = t % meta[Meta.X_OH];
        int n = t / meta[Meta.X_OH];
        int ih = oh * meta[Meta.X_SH] - meta[Meta.X_PT] + ii * meta[Meta.X_DH];
        int iw = ow * meta[Meta.X_SW] - meta[Meta.X_PL] + j * meta[Meta.X_DW];
        int p = -1;
        if (ih >= 0) {
            if (ih < meta[Meta.X_H]) {
                if (iw >= 0) {
                    if (iw < meta[Meta.X_W]) {
                        p = meta[Meta.OFF + 1] + n * meta[Meta.X_STR2] + ih * meta[Meta.X_STR2 + 1]
                                + iw * meta[Meta.X_STR2 + 2] + c * meta[Meta.X_STR2 + 3];
                    }
                }
            }
        }
        return p;
    }

    protected void im2col32(int i) {
        if (i < meta[Meta.N]) {
            int pc = offset(i, 0);
            int px = im2colSource(i);
            int dt = meta[Meta.DT];
            if (dt == Meta.T_F32) {
                float v = valF;
                if (px >= 0) {
                    v = f32[px];
                }
                f32[pc] = v;
            }
            if (dt == Meta.T_I32) {
                int v = valI;
                if (px >= 0) {
                    v = i32[px];
                }
                i32[pc] = v;
            }
        }
    }

    protected void im2col64(int i) {
        if (i < meta[Meta.N]) {
            int pc = offset(i, 0);
            int px = im2colSource(i);
            double v = valD;
            if (px >= 0) {
                v = f64[px];
            }
            f64[pc] = v;
        }
    }

    /** The cols offset of tap (ii, j) feeding pixel (n, ih, iw, c), or -1 when no output window reads it there. */
    protected int col2imSource(int n, int ih, int iw, int c, int ii, int j) {
        int p = -1;
        int th = ih + meta[Meta.X_PT] - ii * meta[Meta.X_DH];
        int tw = iw + meta[Meta.X_PL] - j * meta[Meta.X_DW];
        int sh = meta[Meta.X_SH];
        int sw = meta[Meta.X_SW];
        if (th >= 0) {
            if (tw >= 0) {
                if (th % sh == 0) {
                    if (tw % sw == 0) {
                        int oh = th / sh;
                        int ow = tw / sw;
                        if (oh < meta[Meta.X_OH]) {
                            if (ow < meta[Meta.X_OW]) {
                                p = meta[Meta.OFF + 1] + n * meta[Meta.X_STR2] + oh * meta[Meta.X_STR2 + 1]
                                        + ow * meta[Meta.X_STR2 + 2] + ii * meta[Meta.X_STR2 + 3]
                                        + j * meta[Meta.X_STR2 + 4] + c * meta[Meta.X_STR2 + 5];
                            }
                        }
                    }
                }
            }
        }
        return p;
    }

    /** One work item per pixel of x (SHAPE = (N, H, W, C)), summing every cols tap read from it. */
    protected void col2im32(int i) {
        if (i < meta[Meta.N]) {
            int c = i % meta[Meta.X_C];
            int t = i / meta[Meta.X_C];
            int iw = t % meta[Meta.X_W];
            t = t / meta[Meta.X_W];
            int ih = t % meta[Meta.X_H];
            int n = t / meta[Meta.X_H];
            int px = offset(i, 0);
            int kh = meta[Meta.X_KH];
            int kw = meta[Meta.X_KW];
            int dt = meta[Meta.DT];
            if (dt == Meta.T_F32) {
                float acc = 0.0f;
                for (int ii = 0; ii < kh; ii++) {
                    for (int j = 0; j < kw; j++) {
                        int p = col2imSource(n, ih, iw, c, ii, j);
                        if (p >= 0) {
                            acc = acc + f32[p];
                        }
                    }
                }
                f32[px] = f32[px] + acc;
            }
            if (dt == Meta.T_I32) {
                int acc = 0;
                for (int ii = 0; ii < kh; ii++) {
                    for (int j = 0; j < kw; j++) {
                        int p = col2imSource(n, ih, iw, c, ii, j);
                        if (p >= 0) {
                            acc = acc + i32[p];
                        }
                    }
                }
                i32[px] = i32[px] + acc;
            }
        }
    }

    protected void col2im64(int i) {
        if (i < meta[Meta.N]) {
            int c = i % meta[Meta.X_C];
            int t = i / meta[Meta.X_C];
            int iw = t % meta[Meta.X_W];
            t = t / meta[Meta.X_W];
            int ih = t % meta[Meta.X_H];
            int n = t / meta[Meta.X_H];
            int px = offset(i, 0);
            int kh = meta[Meta.X_KH];
            int kw = meta[Meta.X_KW];
            double acc = 0.0;
            for (int ii = 0; ii < kh; ii++) {
                for (int j = 0; j < kw; j++) {
                    int p = col2imSource(n, ih, iw, c, ii, j);
                    if (p >= 0) {
                        acc = acc + f64[p];
                    }
                }
            }
            f64[px] = f64[px] + acc;
        }
    }
}
