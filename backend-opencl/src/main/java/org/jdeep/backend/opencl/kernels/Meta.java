package org.jdeep.backend.opencl.kernels;

/**
 * The layout of the {@code int[] meta} argument every launch of a {@link DeviceProgram} reads, and the codes
 * it carries. All constants are compile-time constants, so javac inlines them into the kernels and Aparapi
 * sees plain literals.
 */
public final class Meta {
    private Meta() {
    }

    /** Highest rank a view may have after size-1 axes are dropped and contiguous axes merged. */
    public static final int MAX_RANK = 8;
    /** Work-group size of every 1-D launch (one local size keeps PoCL to one work-group function). */
    public static final int WG = 256;
    /** Matrix multiply output tile edge: a work-group of {@link #WG} threads computes one TS x TS tile of C. */
    public static final int TS = 64;
    /** Matrix multiply step along k: tiles of A are TS x KT, tiles of B KT x TS. */
    public static final int KT = 16;

    // ----- slots -----
    public static final int FAMILY = 0;
    public static final int OP = 1;
    /** dtype of the output (or of the only operand). */
    public static final int DT = 2;
    /** dtype of a second operand: the source of a copy, the condition of where, the input of an arg reduction. */
    public static final int DT2 = 3;
    /** Number of work items that do work (elements, outputs, columns). */
    public static final int N = 4;
    public static final int RANK = 5;
    /** 1 when the launch touches FLOAT64 data (only the fp64 program handles these). */
    public static final int USES64 = 6;
    public static final int SHAPE = 8;
    /** Offsets of operands 0..3. */
    public static final int OFF = 16;
    /** Strides of operand k at STR + 8k .. STR + 8k + 7. */
    public static final int STR = 24;
    /** Family-specific integers. */
    public static final int X = 56;
    public static final int LENGTH = 80;

    // ----- families -----
    public static final int F_STAGE_IN = 1;
    public static final int F_STAGE_OUT = 2;
    public static final int F_COPY = 3;
    public static final int F_FILL = 4;
    public static final int F_UNARY = 5;
    public static final int F_BINARY = 6;
    public static final int F_WHERE = 7;
    public static final int F_REDUCE = 8;
    public static final int F_REDUCE_WG = 9;
    public static final int F_MATMUL = 10;
    public static final int F_CHECK_INDEX = 11;
    public static final int F_GATHER = 12;
    public static final int F_SCATTER_ADD = 13;
    public static final int F_IM2COL = 14;
    public static final int F_COL2IM = 15;

    // ----- dtypes -----
    public static final int T_F32 = 0;
    public static final int T_F64 = 1;
    public static final int T_I32 = 2;

    // ----- unary ops -----
    public static final int U_NEG = 0;
    public static final int U_ABS = 1;
    public static final int U_SIGN = 2;
    public static final int U_SQUARE = 3;
    public static final int U_SQRT = 4;
    public static final int U_RECIPROCAL = 5;
    public static final int U_EXP = 6;
    public static final int U_LOG = 7;
    public static final int U_LOG1P = 8;
    public static final int U_EXPM1 = 9;
    public static final int U_TANH = 10;
    public static final int U_SIGMOID = 11;
    public static final int U_SOFTPLUS = 12;
    public static final int U_RELU = 13;

    // ----- binary ops -----
    public static final int B_ADD = 0;
    public static final int B_SUB = 1;
    public static final int B_MUL = 2;
    public static final int B_DIV = 3;
    public static final int B_POW = 4;
    public static final int B_MAXIMUM = 5;
    public static final int B_MINIMUM = 6;
    public static final int B_EQ = 7;
    public static final int B_NE = 8;
    public static final int B_GT = 9;
    public static final int B_GE = 10;
    public static final int B_LT = 11;
    public static final int B_LE = 12;

    // ----- reductions (MIN and ARGMIN run as MAX and ARGMAX of an order-reversed input) -----
    public static final int R_SUM = 0;
    public static final int R_MAX = 1;
    public static final int R_ARGMAX = 2;

    // ----- family-specific slots (X + i) -----
    /** Reductions: length and stride of the reduced axis, and 1 to reverse the order (MIN, ARGMIN). */
    public static final int X_AXLEN = X;
    public static final int X_AXSTR = X + 1;
    public static final int X_FLIP = X + 2;
    /** Matrix multiply: sizes, tile counts and the batch strides. */
    public static final int X_M = X;
    public static final int X_N = X + 1;
    public static final int X_K = X + 2;
    public static final int X_TILES_M = X + 3;
    public static final int X_TILES_N = X + 4;
    /** Gather and scatter: the index vector, the inner size after the axis, the axis lengths and strides. */
    public static final int X_IDX_OFF = X;
    public static final int X_IDX_STR = X + 1;
    public static final int X_IDX_LEN = X + 2;
    public static final int X_INNER = X + 3;
    public static final int X_SRC_AXLEN = X + 4;
    public static final int X_SRC_AXSTR = X + 5;
    public static final int X_DST_AXLEN = X + 6;
    public static final int X_DST_AXSTR = X + 7;
    /** Windows: input size, window geometry, and the strides of the operand not described by SHAPE. */
    public static final int X_H = X;
    public static final int X_W = X + 1;
    public static final int X_OH = X + 2;
    public static final int X_OW = X + 3;
    public static final int X_KH = X + 4;
    public static final int X_KW = X + 5;
    public static final int X_SH = X + 6;
    public static final int X_SW = X + 7;
    public static final int X_PT = X + 8;
    public static final int X_PL = X + 9;
    public static final int X_DH = X + 10;
    public static final int X_DW = X + 11;
    public static final int X_C = X + 12;
    /** Strides of the second operand of a window op: 4 for x (n, h, w, c) or 6 for cols. */
    public static final int X_STR2 = X + 13;
}
