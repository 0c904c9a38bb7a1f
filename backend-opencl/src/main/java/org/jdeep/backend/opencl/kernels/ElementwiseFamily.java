package org.jdeep.backend.opencl.kernels;

/**
 * Staging, copy, fill, unary, binary and where: one work item per element, operands addressed through
 * their strides ({@link DeviceState#offset}). Operand 0 is always the output.
 */
public abstract class ElementwiseFamily extends DeviceState {

    // ----- staging: contiguous, operand 0 at OFF -----

    protected void stageIn32(int i) {
        if (i < meta[Meta.N]) {
            int p = meta[Meta.OFF] + i;
            int dt = meta[Meta.DT];
            if (dt == Meta.T_F32) {
                f32[p] = stageF[i];
            }
            if (dt == Meta.T_I32) {
                i32[p] = stageI[i];
            }
        }
    }

    protected void stageOut32(int i) {
        if (i < meta[Meta.N]) {
            int p = meta[Meta.OFF] + i;
            int dt = meta[Meta.DT];
            if (dt == Meta.T_F32) {
                stageF[i] = f32[p];
            }
            if (dt == Meta.T_I32) {
                stageI[i] = i32[p];
            }
        }
    }

    protected void stageIn64(int i) {
        if (i < meta[Meta.N]) {
            f64[meta[Meta.OFF] + i] = stageD[i];
        }
    }

    protected void stageOut64(int i) {
        if (i < meta[Meta.N]) {
            stageD[i] = f64[meta[Meta.OFF] + i];
        }
    }

    // ----- conversions with Java's cast semantics -----

    protected int floatToInt(float v) {
        int r = 0;
        if (v == v) {
            if (v >= 2147483647.0f) {
                r = 2147483647;
            } else {
                if (v <= -2147483648.0f) {
                    r = -2147483647 - 1;
                } else {
                    r = (int) v;
                }
            }
        }
        return r;
    }

    protected int doubleToInt(double v) {
        int r = 0;
        if (v == v) {
            if (v >= 2147483647.0) {
                r = 2147483647;
            } else {
                if (v <= -2147483648.0) {
                    r = -2147483647 - 1;
                } else {
                    r = (int) v;
                }
            }
        }
        return r;
    }

    // ----- copy -----

    protected void copy32(int i) {
        if (i < meta[Meta.N]) {
            int po = offset(i, 0);
            int ps = offset(i, 1);
            int to = meta[Meta.DT];
            int from = meta[Meta.DT2];
            if (from == Meta.T_F32) {
                if (to == Meta.T_F32) {
                    f32[po] = f32[ps];
                }
                if (to == Meta.T_I32) {
                    i32[po] = floatToInt(f32[ps]);
                }
            }
            if (from == Meta.T_I32) {
                if (to == Meta.T_F32) {
                    f32[po] = (float) i32[ps];
                }
                if (to == Meta.T_I32) {
                    i32[po] = i32[ps];
                }
            }
        }
    }

    protected void copy64(int i) {
        if (i < meta[Meta.N]) {
            int po = offset(i, 0);
            int ps = offset(i, 1);
            int to = meta[Meta.DT];
            int from = meta[Meta.DT2];
            if (from == Meta.T_F64) {
                if (to == Meta.T_F64) {
                    f64[po] = f64[ps];
                }
                if (to == Meta.T_F32) {
                    f32[po] = (float) f64[ps];
                }
                if (to == Meta.T_I32) {
                    i32[po] = doubleToInt(f64[ps]);
                }
            }
            if (from == Meta.T_F32) {
                if (to == Meta.T_F64) {
                    f64[po] = (double) f32[ps];
                }
            }
            if (from == Meta.T_I32) {
                if (to == Meta.T_F64) {
                    f64[po] = (double) i32[ps];
                }
            }
        }
    }

    // ----- fill -----

    protected void fill32(int i) {
        if (i < meta[Meta.N]) {
            int po = offset(i, 0);
            int dt = meta[Meta.DT];
            if (dt == Meta.T_F32) {
                f32[po] = valF;
            }
            if (dt == Meta.T_I32) {
                i32[po] = valI;
            }
        }
    }

    protected void fill64(int i) {
        if (i < meta[Meta.N]) {
            f64[offset(i, 0)] = valD;
        }
    }

    // ----- unary -----

    protected void unary32(int i) {
        if (i < meta[Meta.N]) {
            int po = offset(i, 0);
            int px = offset(i, 1);
            int op = meta[Meta.OP];
            int dt = meta[Meta.DT];
            if (dt == Meta.T_F32) {
                f32[po] = unaryF(op, f32[px]);
            }
            if (dt == Meta.T_I32) {
                i32[po] = unaryI(op, i32[px]);
            }
        }
    }

    protected void unary64(int i) {
        if (i < meta[Meta.N]) {
            int po = offset(i, 0);
            int px = offset(i, 1);
            f64[po] = unaryD(meta[Meta.OP], f64[px]);
        }
    }

    protected float unaryF(int op, float x) {
        float r = x;
        if (op == Meta.U_NEG) {
            r = -x;
        }
        if (op == Meta.U_ABS) {
            r = abs(x);
        }
        if (op == Meta.U_SIGN) {
            r = 0.0f;
            if (x > 0.0f) {
                r = 1.0f;
            }
            if (x < 0.0f) {
                r = -1.0f;
            }
            if (x != x) {
                r = x;
            }
        }
        if (op == Meta.U_SQUARE) {
            r = x * x;
        }
        if (op == Meta.U_SQRT) {
            r = sqrt(x);
        }
        if (op == Meta.U_RECIPROCAL) {
            r = 1.0f / x;
        }
        if (op == Meta.U_EXP) {
            r = exp(x);
        }
        if (op == Meta.U_LOG) {
            r = log(x);
        }
        if (op == Meta.U_LOG1P) {
            r = log1p(x);
        }
        if (op == Meta.U_EXPM1) {
            r = expm1(x);
        }
        if (op == Meta.U_TANH) {
            r = tanh(x);
        }
        if (op == Meta.U_SIGMOID) {
            float e = exp(-abs(x));
            if (x >= 0.0f) {
                r = 1.0f / (1.0f + e);
            } else {
                r = e / (1.0f + e);
            }
        }
        if (op == Meta.U_SOFTPLUS) {
            float m = x;
            if (x < 0.0f) {
                m = 0.0f;
            }
            r = m + log1p(exp(-abs(x)));
        }
        if (op == Meta.U_RELU) {
            if (x <= 0.0f) {
                r = 0.0f;
            }
        }
        return r;
    }

    protected double unaryD(int op, double x) {
        double r = x;
        if (op == Meta.U_NEG) {
            r = -x;
        }
        if (op == Meta.U_ABS) {
            r = abs(x);
        }
        if (op == Meta.U_SIGN) {
            r = 0.0;
            if (x > 0.0) {
                r = 1.0;
            }
            if (x < 0.0) {
                r = -1.0;
            }
            if (x != x) {
                r = x;
            }
        }
        if (op == Meta.U_SQUARE) {
            r = x * x;
        }
        if (op == Meta.U_SQRT) {
            r = sqrt(x);
        }
        if (op == Meta.U_RECIPROCAL) {
            r = 1.0 / x;
        }
        if (op == Meta.U_EXP) {
            r = exp(x);
        }
        if (op == Meta.U_LOG) {
            r = log(x);
        }
        if (op == Meta.U_LOG1P) {
            r = log1p(x);
        }
        if (op == Meta.U_EXPM1) {
            r = expm1(x);
        }
        if (op == Meta.U_TANH) {
            r = tanh(x);
        }
        if (op == Meta.U_SIGMOID) {
            double e = exp(-abs(x));
            if (x >= 0.0) {
                r = 1.0 / (1.0 + e);
            } else {
                r = e / (1.0 + e);
            }
        }
        if (op == Meta.U_SOFTPLUS) {
            double m = x;
            if (x < 0.0) {
                m = 0.0;
            }
            r = m + log1p(exp(-abs(x)));
        }
        if (op == Meta.U_RELU) {
            if (x <= 0.0) {
                r = 0.0;
            }
        }
        return r;
    }

    protected int unaryI(int op, int x) {
        int r = x;
        if (op == Meta.U_NEG) {
            r = -x;
        }
        if (op == Meta.U_ABS) {
            if (x < 0) {
                r = -x;
            }
        }
        if (op == Meta.U_SIGN) {
            r = 0;
            if (x > 0) {
                r = 1;
            }
            if (x < 0) {
                r = -1;
            }
        }
        if (op == Meta.U_SQUARE) {
            r = x * x;
        }
        if (op == Meta.U_RELU) {
            if (x < 0) {
                r = 0;
            }
        }
        return r;
    }

    // ----- binary -----

    protected void binary32(int i) {
        if (i < meta[Meta.N]) {
            int po = offset(i, 0);
            int pa = offset(i, 1);
            int pb = offset(i, 2);
            int op = meta[Meta.OP];
            int dt = meta[Meta.DT];
            if (dt == Meta.T_F32) {
                f32[po] = binaryF(op, f32[pa], f32[pb]);
            }
            if (dt == Meta.T_I32) {
                i32[po] = binaryI(op, i32[pa], i32[pb]);
            }
        }
    }

    protected void binary64(int i) {
        if (i < meta[Meta.N]) {
            int po = offset(i, 0);
            int pa = offset(i, 1);
            int pb = offset(i, 2);
            f64[po] = binaryD(meta[Meta.OP], f64[pa], f64[pb]);
        }
    }

    protected float binaryF(int op, float a, float b) {
        float r = 0.0f;
        if (op == Meta.B_ADD) {
            r = a + b;
        }
        if (op == Meta.B_SUB) {
            r = a - b;
        }
        if (op == Meta.B_MUL) {
            r = a * b;
        }
        if (op == Meta.B_DIV) {
            r = a / b;
        }
        if (op == Meta.B_POW) {
            r = powF(a, b);
        }
        if (op == Meta.B_MAXIMUM) {
            r = a;
            if (b > a) {
                r = b;
            }
            if (a == 0.0f) {
                if (b == 0.0f) {
                    // max(-0, 0) is 0, as Java's Math.max says.
                    r = a + b;
                }
            }
            if (b != b) {
                r = b;
            }
            if (a != a) {
                r = a;
            }
        }
        if (op == Meta.B_MINIMUM) {
            r = a;
            if (b < a) {
                r = b;
            }
            if (a == 0.0f) {
                if (b == 0.0f) {
                    // min(-0, 0) is -0.
                    r = -(-a - b);
                }
            }
            if (b != b) {
                r = b;
            }
            if (a != a) {
                r = a;
            }
        }
        if (op == Meta.B_EQ) {
            if (a == b) {
                r = 1.0f;
            }
        }
        if (op == Meta.B_NE) {
            if (a != b) {
                r = 1.0f;
            }
        }
        if (op == Meta.B_GT) {
            if (a > b) {
                r = 1.0f;
            }
        }
        if (op == Meta.B_GE) {
            if (a >= b) {
                r = 1.0f;
            }
        }
        if (op == Meta.B_LT) {
            if (a < b) {
                r = 1.0f;
            }
        }
        if (op == Meta.B_LE) {
            if (a <= b) {
                r = 1.0f;
            }
        }
        return r;
    }

    /** {@code Math.pow}: C's pow differs for a NaN exponent (pow(1, NaN) is 1) and for |a| = 1 with b = ±Inf. */
    protected float powF(float a, float b) {
        float r = pow(a, b);
        if (b != b) {
            r = b;
        }
        if (abs(a) == 1.0f) {
            if (abs(b) == 1.0f / 0.0f) {
                r = nanF();
            }
        }
        return r;
    }

    protected double binaryD(int op, double a, double b) {
        double r = 0.0;
        if (op == Meta.B_ADD) {
            r = a + b;
        }
        if (op == Meta.B_SUB) {
            r = a - b;
        }
        if (op == Meta.B_MUL) {
            r = a * b;
        }
        if (op == Meta.B_DIV) {
            r = a / b;
        }
        if (op == Meta.B_POW) {
            r = powD(a, b);
        }
        if (op == Meta.B_MAXIMUM) {
            r = a;
            if (b > a) {
                r = b;
            }
            if (a == 0.0) {
                if (b == 0.0) {
                    r = a + b;
                }
            }
            if (b != b) {
                r = b;
            }
            if (a != a) {
                r = a;
            }
        }
        if (op == Meta.B_MINIMUM) {
            r = a;
            if (b < a) {
                r = b;
            }
            if (a == 0.0) {
                if (b == 0.0) {
                    r = -(-a - b);
                }
            }
            if (b != b) {
                r = b;
            }
            if (a != a) {
                r = a;
            }
        }
        if (op == Meta.B_EQ) {
            if (a == b) {
                r = 1.0;
            }
        }
        if (op == Meta.B_NE) {
            if (a != b) {
                r = 1.0;
            }
        }
        if (op == Meta.B_GT) {
            if (a > b) {
                r = 1.0;
            }
        }
        if (op == Meta.B_GE) {
            if (a >= b) {
                r = 1.0;
            }
        }
        if (op == Meta.B_LT) {
            if (a < b) {
                r = 1.0;
            }
        }
        if (op == Meta.B_LE) {
            if (a <= b) {
                r = 1.0;
            }
        }
        return r;
    }

    protected double powD(double a, double b) {
        double r = pow(a, b);
        if (b != b) {
            r = b;
        }
        if (abs(a) == 1.0) {
            if (abs(b) == 1.0 / 0.0) {
                r = nanD();
            }
        }
        return r;
    }

    protected int binaryI(int op, int a, int b) {
        int r = 0;
        if (op == Meta.B_ADD) {
            r = a + b;
        }
        if (op == Meta.B_SUB) {
            r = a - b;
        }
        if (op == Meta.B_MUL) {
            r = a * b;
        }
        if (op == Meta.B_DIV) {
            r = floorDivI(a, b);
        }
        if (op == Meta.B_POW) {
            r = powI(a, b);
        }
        if (op == Meta.B_MAXIMUM) {
            r = a;
            if (b > a) {
                r = b;
            }
        }
        if (op == Meta.B_MINIMUM) {
            r = a;
            if (b < a) {
                r = b;
            }
        }
        if (op == Meta.B_EQ) {
            if (a == b) {
                r = 1;
            }
        }
        if (op == Meta.B_NE) {
            if (a != b) {
                r = 1;
            }
        }
        if (op == Meta.B_GT) {
            if (a > b) {
                r = 1;
            }
        }
        if (op == Meta.B_GE) {
            if (a >= b) {
                r = 1;
            }
        }
        if (op == Meta.B_LT) {
            if (a < b) {
                r = 1;
            }
        }
        if (op == Meta.B_LE) {
            if (a <= b) {
                r = 1;
            }
        }
        return r;
    }

    /** numpy's {@code //}: rounds toward -Inf, x // 0 = 0, and MIN_VALUE // -1 wraps (C would trap). */
    protected int floorDivI(int a, int b) {
        int r = 0;
        if (b == -1) {
            r = -a;
        }
        if (b != 0) {
            if (b != -1) {
                int q = a / b;
                if (q * b != a) {
                    if ((a < 0) != (b < 0)) {
                        q = q - 1;
                    }
                }
                r = q;
            }
        }
        return r;
    }

    protected int powI(int a, int b) {
        int r = 0;
        if (b < 0) {
            if (a == 1) {
                r = 1;
            }
            if (a == -1) {
                r = 1;
                if ((b & 1) != 0) {
                    r = -1;
                }
            }
        } else {
            int result = 1;
            int base = a;
            int e = b;
            while (e != 0) {
                if ((e & 1) != 0) {
                    result = result * base;
                }
                e = e >> 1;
                base = base * base;
            }
            r = result;
        }
        return r;
    }

    // ----- where: operand 1 is the condition -----

    protected void where32(int i) {
        if (i < meta[Meta.N]) {
            int po = offset(i, 0);
            int pc = offset(i, 1);
            int pa = offset(i, 2);
            int pb = offset(i, 3);
            int ct = meta[Meta.DT2];
            boolean c = false;
            if (ct == Meta.T_F32) {
                c = f32[pc] != 0.0f;
            }
            if (ct == Meta.T_I32) {
                c = i32[pc] != 0;
            }
            int dt = meta[Meta.DT];
            if (dt == Meta.T_F32) {
                if (c) {
                    f32[po] = f32[pa];
                } else {
                    f32[po] = f32[pb];
                }
            }
            if (dt == Meta.T_I32) {
                if (c) {
                    i32[po] = i32[pa];
                } else {
                    i32[po] = i32[pb];
                }
            }
        }
    }

    protected void where64(int i) {
        if (i < meta[Meta.N]) {
            int po = offset(i, 0);
            int pc = offset(i, 1);
            int pa = offset(i, 2);
            int pb = offset(i, 3);
            int ct = meta[Meta.DT2];
            boolean c = false;
            if (ct == Meta.T_F32) {
                c = f32[pc] != 0.0f;
            }
            if (ct == Meta.T_F64) {
                c = f64[pc] != 0.0;
            }
            if (ct == Meta.T_I32) {
                c = i32[pc] != 0;
            }
            int dt = meta[Meta.DT];
            if (dt == Meta.T_F32) {
                if (c) {
                    f32[po] = f32[pa];
                } else {
                    f32[po] = f32[pb];
                }
            }
            if (dt == Meta.T_F64) {
                if (c) {
                    f64[po] = f64[pa];
                } else {
                    f64[po] = f64[pb];
                }
            }
            if (dt == Meta.T_I32) {
                if (c) {
                    i32[po] = i32[pa];
                } else {
                    i32[po] = i32[pb];
                }
            }
        }
    }
}
