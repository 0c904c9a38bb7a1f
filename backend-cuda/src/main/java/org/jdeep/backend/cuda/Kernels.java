package org.jdeep.backend.cuda;

import java.util.List;
import org.jdeep.spi.BinaryOp;
import org.jdeep.spi.ReduceOp;
import org.jdeep.spi.UnaryOp;
import org.jdeep.types.DType;

/**
 * Every kernel of the PTX resources with its parameter list, and the op codes of {@code jdeep_cuda.cuh}.
 * {@code KernelSignatureTest} checks these declarations against the {@code .entry} signatures of the
 * committed PTX, and {@code OpCodeTest} the codes against the header, so a mismatch fails the build on
 * a machine without a GPU rather than corrupting memory on one with.
 */
final class Kernels {

    private Kernels() {
    }

    /** A kernel parameter as the PTX declares it. */
    enum Param {
        /** {@code int}: {@code .param .u32}. */
        I32(".u32", 4),
        /** {@code float}: {@code .param .f32}. */
        F32(".f32", 4),
        /** {@code double}: {@code .param .f64}. */
        F64(".f64", 8),
        /** A device pointer: {@code .param .u64}. */
        PTR(".u64", 8),
        /** {@code struct ElemMeta} by value. */
        ELEM(".b8", Geometry.ELEM_INTS * 4),
        /** {@code struct AxisMeta} by value. */
        AXIS(".b8", Geometry.AXIS_INTS * 4),
        /** {@code struct MatMeta} by value. */
        MAT(".b8", Geometry.MAT_INTS * 4),
        /** {@code struct ConvMeta} by value. */
        CONV(".b8", Geometry.CONV_INTS * 4);

        final String ptxType;
        final int bytes;

        Param(String ptxType, int bytes) {
            this.ptxType = ptxType;
            this.bytes = bytes;
        }

        boolean isStruct() {
            return ptxType.equals(".b8");
        }
    }

    /** A kernel: the PTX module (resource {@code <module>.ptx}) that defines it, its name and parameters. */
    record Kernel(String module, String name, List<Param> params) {
        @Override
        public String toString() {
            return module + ".ptx:" + name;
        }
    }

    private static Kernel k(String module, String name, Param... params) {
        return new Kernel(module, name, List.of(params));
    }

    // ----- elementwise.cu -----
    static final Kernel UNARY_F32 = k("elementwise", "unary_f32", Param.I32, Param.ELEM, Param.PTR, Param.PTR);
    static final Kernel UNARY_F64 = k("elementwise", "unary_f64", Param.I32, Param.ELEM, Param.PTR, Param.PTR);
    static final Kernel UNARY_I32 = k("elementwise", "unary_i32", Param.I32, Param.ELEM, Param.PTR, Param.PTR);
    static final Kernel BINARY_F32 = k("elementwise", "binary_f32", Param.I32, Param.ELEM, Param.PTR, Param.PTR,
            Param.PTR);
    static final Kernel BINARY_F64 = k("elementwise", "binary_f64", Param.I32, Param.ELEM, Param.PTR, Param.PTR,
            Param.PTR);
    static final Kernel BINARY_I32 = k("elementwise", "binary_i32", Param.I32, Param.ELEM, Param.PTR, Param.PTR,
            Param.PTR);
    static final Kernel WHERE_F32 = k("elementwise", "where_f32", Param.I32, Param.ELEM, Param.PTR, Param.PTR,
            Param.PTR, Param.PTR);
    static final Kernel WHERE_F64 = k("elementwise", "where_f64", Param.I32, Param.ELEM, Param.PTR, Param.PTR,
            Param.PTR, Param.PTR);
    static final Kernel WHERE_I32 = k("elementwise", "where_i32", Param.I32, Param.ELEM, Param.PTR, Param.PTR,
            Param.PTR, Param.PTR);
    static final Kernel FILL_F32 = k("elementwise", "fill_f32", Param.ELEM, Param.PTR, Param.F32);
    static final Kernel FILL_F64 = k("elementwise", "fill_f64", Param.ELEM, Param.PTR, Param.F64);
    static final Kernel FILL_I32 = k("elementwise", "fill_i32", Param.ELEM, Param.PTR, Param.I32);
    /** {@code COPY[from][to]} by dtype ordinal. */
    private static final Kernel[][] COPY = new Kernel[3][3];

    static {
        for (DType from : DType.values()) {
            for (DType to : DType.values()) {
                COPY[from.ordinal()][to.ordinal()] = k("elementwise", "copy_" + suffix(from) + "_" + suffix(to),
                        Param.ELEM, Param.PTR, Param.PTR);
            }
        }
    }

    // ----- reduce.cu -----
    static final Kernel REDUCE_F32 = reduceKernel("f32");
    static final Kernel REDUCE_F64 = reduceKernel("f64");
    static final Kernel REDUCE_I32 = reduceKernel("i32");
    static final Kernel REDUCE_FINAL_F32 = reduceFinalKernel("f32");
    static final Kernel REDUCE_FINAL_F64 = reduceFinalKernel("f64");
    static final Kernel REDUCE_FINAL_I32 = reduceFinalKernel("i32");
    static final Kernel SOFTMAX_F32 = k("reduce", "softmax_f32", Param.I32, Param.AXIS, Param.PTR, Param.PTR);
    static final Kernel SOFTMAX_F64 = k("reduce", "softmax_f64", Param.I32, Param.AXIS, Param.PTR, Param.PTR);

    private static Kernel reduceKernel(String s) {
        return k("reduce", "reduce_" + s, Param.I32, Param.AXIS, Param.PTR, Param.PTR, Param.PTR, Param.PTR, Param.I32,
                Param.I32);
    }

    private static Kernel reduceFinalKernel(String s) {
        return k("reduce", "reduce_final_" + s, Param.I32, Param.AXIS, Param.PTR, Param.PTR, Param.PTR, Param.I32);
    }

    // ----- matmul.cu -----
    static final Kernel MATMUL_F32 = k("matmul", "matmul_f32", Param.MAT, Param.PTR, Param.PTR, Param.PTR);
    static final Kernel MATMUL_F64 = k("matmul", "matmul_f64", Param.MAT, Param.PTR, Param.PTR, Param.PTR);

    // ----- indexing.cu -----
    static final Kernel CHECK_INDICES = k("indexing", "check_indices", Param.PTR, Param.I32, Param.I32, Param.I32,
            Param.I32, Param.PTR);
    static final Kernel GATHER_F32 = indexKernel("gather_f32");
    static final Kernel GATHER_F64 = indexKernel("gather_f64");
    static final Kernel GATHER_I32 = indexKernel("gather_i32");
    static final Kernel SCATTER_ADD_F32 = indexKernel("scatter_add_f32");
    static final Kernel SCATTER_ADD_F64 = indexKernel("scatter_add_f64");
    static final Kernel SCATTER_ADD_I32 = indexKernel("scatter_add_i32");

    private static Kernel indexKernel(String name) {
        return k("indexing", name, Param.AXIS, Param.PTR, Param.PTR, Param.PTR, Param.I32, Param.I32);
    }

    // ----- window.cu -----
    static final Kernel IM2COL_F32 = k("window", "im2col_f32", Param.CONV, Param.PTR, Param.PTR, Param.F32);
    static final Kernel IM2COL_F64 = k("window", "im2col_f64", Param.CONV, Param.PTR, Param.PTR, Param.F64);
    static final Kernel IM2COL_I32 = k("window", "im2col_i32", Param.CONV, Param.PTR, Param.PTR, Param.I32);
    static final Kernel COL2IM_F32 = k("window", "col2im_f32", Param.CONV, Param.PTR, Param.PTR);
    static final Kernel COL2IM_F64 = k("window", "col2im_f64", Param.CONV, Param.PTR, Param.PTR);
    static final Kernel COL2IM_I32 = k("window", "col2im_i32", Param.CONV, Param.PTR, Param.PTR);

    /** The PTX resources, one per {@code .cu} file. */
    static final List<String> MODULES = List.of("elementwise", "reduce", "matmul", "indexing", "window");

    /** Every kernel declared here, for the signature test and for loading everything up front. */
    static List<Kernel> all() {
        List<Kernel> all = new java.util.ArrayList<>(List.of(UNARY_F32, UNARY_F64, UNARY_I32, BINARY_F32, BINARY_F64,
                BINARY_I32, WHERE_F32, WHERE_F64, WHERE_I32, FILL_F32, FILL_F64, FILL_I32, REDUCE_F32, REDUCE_F64,
                REDUCE_I32, REDUCE_FINAL_F32, REDUCE_FINAL_F64, REDUCE_FINAL_I32, SOFTMAX_F32, SOFTMAX_F64, MATMUL_F32,
                MATMUL_F64, CHECK_INDICES, GATHER_F32, GATHER_F64, GATHER_I32, SCATTER_ADD_F32, SCATTER_ADD_F64,
                SCATTER_ADD_I32, IM2COL_F32, IM2COL_F64, IM2COL_I32, COL2IM_F32, COL2IM_F64, COL2IM_I32));
        for (Kernel[] row : COPY) {
            all.addAll(List.of(row));
        }
        return all;
    }

    // ----- selection by dtype -----

    static String suffix(DType dt) {
        return switch (dt) {
            case FLOAT32 -> "f32";
            case FLOAT64 -> "f64";
            case INT32 -> "i32";
        };
    }

    private static Kernel pick(DType dt, Kernel f32, Kernel f64, Kernel i32) {
        return switch (dt) {
            case FLOAT32 -> f32;
            case FLOAT64 -> f64;
            case INT32 -> i32;
        };
    }

    static Kernel unary(DType dt) {
        return pick(dt, UNARY_F32, UNARY_F64, UNARY_I32);
    }

    static Kernel binary(DType dt) {
        return pick(dt, BINARY_F32, BINARY_F64, BINARY_I32);
    }

    static Kernel where(DType dt) {
        return pick(dt, WHERE_F32, WHERE_F64, WHERE_I32);
    }

    static Kernel fill(DType dt) {
        return pick(dt, FILL_F32, FILL_F64, FILL_I32);
    }

    static Kernel copy(DType from, DType to) {
        return COPY[from.ordinal()][to.ordinal()];
    }

    static Kernel reduce(DType dt) {
        return pick(dt, REDUCE_F32, REDUCE_F64, REDUCE_I32);
    }

    static Kernel reduceFinal(DType dt) {
        return pick(dt, REDUCE_FINAL_F32, REDUCE_FINAL_F64, REDUCE_FINAL_I32);
    }

    static Kernel softmax(DType dt) {
        return pick(dt, SOFTMAX_F32, SOFTMAX_F64, null);
    }

    static Kernel matmul(DType dt) {
        return pick(dt, MATMUL_F32, MATMUL_F64, null);
    }

    static Kernel gather(DType dt) {
        return pick(dt, GATHER_F32, GATHER_F64, GATHER_I32);
    }

    static Kernel scatterAdd(DType dt) {
        return pick(dt, SCATTER_ADD_F32, SCATTER_ADD_F64, SCATTER_ADD_I32);
    }

    static Kernel im2col(DType dt) {
        return pick(dt, IM2COL_F32, IM2COL_F64, IM2COL_I32);
    }

    static Kernel col2im(DType dt) {
        return pick(dt, COL2IM_F32, COL2IM_F64, COL2IM_I32);
    }

    // ----- op codes: the JD_* defines of jdeep_cuda.cuh -----

    static int code(UnaryOp op) {
        return switch (op) {
            case NEG -> 0;
            case ABS -> 1;
            case SIGN -> 2;
            case SQUARE -> 3;
            case SQRT -> 4;
            case RECIPROCAL -> 5;
            case EXP -> 6;
            case LOG -> 7;
            case LOG1P -> 8;
            case EXPM1 -> 9;
            case TANH -> 10;
            case SIGMOID -> 11;
            case SOFTPLUS -> 12;
            case RELU -> 13;
        };
    }

    static int code(BinaryOp op) {
        return switch (op) {
            case ADD -> 0;
            case SUB -> 1;
            case MUL -> 2;
            case DIV -> 3;
            case POW -> 4;
            case MAXIMUM -> 5;
            case MINIMUM -> 6;
            case EQ -> 7;
            case NE -> 8;
            case GT -> 9;
            case GE -> 10;
            case LT -> 11;
            case LE -> 12;
        };
    }

    static int code(ReduceOp op) {
        return switch (op) {
            case SUM -> 0;
            case MAX -> 1;
            case MIN -> 2;
            case ARGMAX -> 3;
            case ARGMIN -> 4;
        };
    }

    static int code(DType dt) {
        return switch (dt) {
            case FLOAT32 -> 0;
            case FLOAT64 -> 1;
            case INT32 -> 2;
        };
    }
}
