package org.jdeep.backend.opencl.kernels;

/**
 * Reductions along one axis. Operand 0 is the output (the input's shape with the axis set to 1, which is
 * the launch SHAPE), operand 1 the input; the axis itself is {@code X_AXLEN} elements {@code X_AXSTR}
 * apart. A short axis runs one work item per output ({@code reduce*}); a long one runs one work-group per
 * output with a tree in local memory ({@code reduceWg*}). MIN and ARGMIN arrive as MAX and ARGMAX with
 * {@code X_FLIP} set: floats are negated and ints bit-inverted on load, an order-reversing bijection that
 * keeps NaN and ties.
 */
public abstract class ReductionFamily extends ElementwiseFamily {

    protected float loadF(int p, int flip) {
        float v = f32[p];
        if (flip != 0) {
            v = -v;
        }
        return v;
    }

    protected double loadD(int p, int flip) {
        double v = f64[p];
        if (flip != 0) {
            v = -v;
        }
        return v;
    }

    protected int loadI(int p, int flip) {
        int v = i32[p];
        if (flip != 0) {
            v = ~v;
        }
        return v;
    }

    /** 1 when (v at index kv) beats the current (m at km): NaN wins, then the larger, then the earlier. */
    protected int betterF(float v, int kv, float m, int km) {
        int r = 0;
        if (m != m) {
            if (v != v) {
                if (kv < km) {
                    r = 1;
                }
            }
        } else {
            if (v != v) {
                r = 1;
            }
            if (v > m) {
                r = 1;
            }
            if (v == m) {
                if (kv < km) {
                    r = 1;
                }
            }
        }
        return r;
    }

    protected int betterD(double v, int kv, double m, int km) {
        int r = 0;
        if (m != m) {
            if (v != v) {
                if (kv < km) {
                    r = 1;
                }
            }
        } else {
            if (v != v) {
                r = 1;
            }
            if (v > m) {
                r = 1;
            }
            if (v == m) {
                if (kv < km) {
                    r = 1;
                }
            }
        }
        return r;
    }

    protected int betterI(int v, int kv, int m, int km) {
        int r = 0;
        if (v > m) {
            r = 1;
        }
        if (v == m) {
            if (kv < km) {
                r = 1;
            }
        }
        return r;
    }

    // ----- one work item per output -----

    protected void reduce32(int i) {
        if (i < meta[Meta.N]) {
            int po = offset(i, 0);
            int px = offset(i, 1);
            int len = meta[Meta.X_AXLEN];
            int st = meta[Meta.X_AXSTR];
            int flip = meta[Meta.X_FLIP];
            int op = meta[Meta.OP];
            int dt = meta[Meta.DT2];
            if (dt == Meta.T_F32) {
                if (op == Meta.R_SUM) {
                    float s = 0.0f;
                    for (int k = 0; k < len; k++) {
                        s = s + f32[px + k * st];
                    }
                    f32[po] = s;
                } else {
                    float m = loadF(px, flip);
                    int best = 0;
                    for (int k = 1; k < len; k++) {
                        float v = loadF(px + k * st, flip);
                        if (betterF(v, k, m, best) != 0) {
                            m = v;
                            best = k;
                        }
                    }
                    if (op == Meta.R_MAX) {
                        if (flip != 0) {
                            m = -m;
                        }
                        f32[po] = m;
                    } else {
                        i32[po] = best;
                    }
                }
            }
            if (dt == Meta.T_I32) {
                if (op == Meta.R_SUM) {
                    int s = 0;
                    for (int k = 0; k < len; k++) {
                        s = s + i32[px + k * st];
                    }
                    i32[po] = s;
                } else {
                    int m = loadI(px, flip);
                    int best = 0;
                    for (int k = 1; k < len; k++) {
                        int v = loadI(px + k * st, flip);
                        if (betterI(v, k, m, best) != 0) {
                            m = v;
                            best = k;
                        }
                    }
                    if (op == Meta.R_MAX) {
                        if (flip != 0) {
                            m = ~m;
                        }
                        i32[po] = m;
                    } else {
                        i32[po] = best;
                    }
                }
            }
        }
    }

    protected void reduce64(int i) {
        if (i < meta[Meta.N]) {
            int po = offset(i, 0);
            int px = offset(i, 1);
            int len = meta[Meta.X_AXLEN];
            int st = meta[Meta.X_AXSTR];
            int flip = meta[Meta.X_FLIP];
            int op = meta[Meta.OP];
            if (op == Meta.R_SUM) {
                double s = 0.0;
                for (int k = 0; k < len; k++) {
                    s = s + f64[px + k * st];
                }
                f64[po] = s;
            } else {
                double m = loadD(px, flip);
                int best = 0;
                for (int k = 1; k < len; k++) {
                    double v = loadD(px + k * st, flip);
                    if (betterD(v, k, m, best) != 0) {
                        m = v;
                        best = k;
                    }
                }
                if (op == Meta.R_MAX) {
                    if (flip != 0) {
                        m = -m;
                    }
                    f64[po] = m;
                } else {
                    i32[po] = best;
                }
            }
        }
    }

    // ----- one work-group per output: strided partials, then a tree in local memory -----

    protected void reduceWg32() {
        int g = getGroupId(0);
        int lid = getLocalId(0);
        int po = offset(g, 0);
        int px = offset(g, 1);
        int len = meta[Meta.X_AXLEN];
        int st = meta[Meta.X_AXSTR];
        int flip = meta[Meta.X_FLIP];
        int op = meta[Meta.OP];
        int dt = meta[Meta.DT2];
        if (dt == Meta.T_F32) {
            if (op == Meta.R_SUM) {
                float s = 0.0f;
                for (int k = lid; k < len; k += Meta.WG) {
                    s = s + f32[px + k * st];
                }
                redF[lid] = s;
                localBarrier();
                for (int h = Meta.WG / 2; h > 0; h = h / 2) {
                    if (lid < h) {
                        redF[lid] = redF[lid] + redF[lid + h];
                    }
                    localBarrier();
                }
                if (lid == 0) {
                    f32[po] = redF[0];
                }
            } else {
                // The axis has at least WG elements, so every work item starts with one.
                float m = loadF(px + lid * st, flip);
                int best = lid;
                for (int k = lid + Meta.WG; k < len; k += Meta.WG) {
                    float v = loadF(px + k * st, flip);
                    if (betterF(v, k, m, best) != 0) {
                        m = v;
                        best = k;
                    }
                }
                redF[lid] = m;
                redJ[lid] = best;
                localBarrier();
                for (int h = Meta.WG / 2; h > 0; h = h / 2) {
                    if (lid < h) {
                        if (betterF(redF[lid + h], redJ[lid + h], redF[lid], redJ[lid]) != 0) {
                            redF[lid] = redF[lid + h];
                            redJ[lid] = redJ[lid + h];
                        }
                    }
                    localBarrier();
                }
                if (lid == 0) {
                    if (op == Meta.R_MAX) {
                        float r = redF[0];
                        if (flip != 0) {
                            r = -r;
                        }
                        f32[po] = r;
                    } else {
                        i32[po] = redJ[0];
                    }
                }
            }
        }
        if (dt == Meta.T_I32) {
            if (op == Meta.R_SUM) {
                int s = 0;
                for (int k = lid; k < len; k += Meta.WG) {
                    s = s + i32[px + k * st];
                }
                redI[lid] = s;
                localBarrier();
                for (int h = Meta.WG / 2; h > 0; h = h / 2) {
                    if (lid < h) {
                        redI[lid] = redI[lid] + redI[lid + h];
                    }
                    localBarrier();
                }
                if (lid == 0) {
                    i32[po] = redI[0];
                }
            } else {
                int m = loadI(px + lid * st, flip);
                int best = lid;
                for (int k = lid + Meta.WG; k < len; k += Meta.WG) {
                    int v = loadI(px + k * st, flip);
                    if (betterI(v, k, m, best) != 0) {
                        m = v;
                        best = k;
                    }
                }
                redI[lid] = m;
                redJ[lid] = best;
                localBarrier();
                for (int h = Meta.WG / 2; h > 0; h = h / 2) {
                    if (lid < h) {
                        if (betterI(redI[lid + h], redJ[lid + h], redI[lid], redJ[lid]) != 0) {
                            redI[lid] = redI[lid + h];
                            redJ[lid] = redJ[lid + h];
                        }
                    }
                    localBarrier();
                }
                if (lid == 0) {
                    if (op == Meta.R_MAX) {
                        int r = redI[0];
                        if (flip != 0) {
                            r = ~r;
                        }
                        i32[po] = r;
                    } else {
                        i32[po] = redJ[0];
                    }
                }
            }
        }
    }

    protected void reduceWg64() {
        int g = getGroupId(0);
        int lid = getLocalId(0);
        int po = offset(g, 0);
        int px = offset(g, 1);
        int len = meta[Meta.X_AXLEN];
        int st = meta[Meta.X_AXSTR];
        int flip = meta[Meta.X_FLIP];
        int op = meta[Meta.OP];
        if (op == Meta.R_SUM) {
            double s = 0.0;
            for (int k = lid; k < len; k += Meta.WG) {
                s = s + f64[px + k * st];
            }
            redD[lid] = s;
            localBarrier();
            for (int h = Meta.WG / 2; h > 0; h = h / 2) {
                if (lid < h) {
                    redD[lid] = redD[lid] + redD[lid + h];
                }
                localBarrier();
            }
            if (lid == 0) {
                f64[po] = redD[0];
            }
        } else {
            double m = loadD(px + lid * st, flip);
            int best = lid;
            for (int k = lid + Meta.WG; k < len; k += Meta.WG) {
                double v = loadD(px + k * st, flip);
                if (betterD(v, k, m, best) != 0) {
                    m = v;
                    best = k;
                }
            }
            redD[lid] = m;
            redJ[lid] = best;
            localBarrier();
            for (int h = Meta.WG / 2; h > 0; h = h / 2) {
                if (lid < h) {
                    if (betterD(redD[lid + h], redJ[lid + h], redD[lid], redJ[lid]) != 0) {
                        redD[lid] = redD[lid + h];
                        redJ[lid] = redJ[lid + h];
                    }
                }
                localBarrier();
            }
            if (lid == 0) {
                if (op == Meta.R_MAX) {
                    double r = redD[0];
                    if (flip != 0) {
                        r = -r;
                    }
                    f64[po] = r;
                } else {
                    i32[po] = redJ[0];
                }
            }
        }
    }
}
