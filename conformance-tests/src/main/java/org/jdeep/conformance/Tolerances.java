package org.jdeep.conformance;

import org.jdeep.types.DType;

/**
 * Every tolerance the conformance suite uses, in one place. A value passes when
 *
 * <pre>
 *   actual == expected                      (NaN matches NaN, and infinities must match exactly), or
 *   |actual - expected| &lt;= atol + rtol * |expected| + roundoff * u * magnitude
 * </pre>
 *
 * where {@code u} is the unit roundoff of the dtype (2^-24 for FLOAT32, 2^-53 for FLOAT64) and
 * {@code magnitude} is, for sums and matrix products, {@code k * sum(|terms|)} of the element: the classic
 * worst-case bound of any summation order (Higham, <i>Accuracy and Stability of Numerical Algorithms</i>,
 * 2nd ed., (3.5)), so a backend may sum in any order (pairwise, tiled, parallel) and still pass, while a
 * single wrong or missing term, which is of the order of one term, is far above it. INT32 is always exact.
 *
 * <p>The starting points are PyTorch's {@code assert_close} defaults: FLOAT32 {@code rtol = 1.3e-6,
 * atol = 1e-5} (about 11 ulp, which also admits OpenCL's 2.5-3 ulp division and square root and the 1-4
 * ulp differences of single-precision transcendental libraries). For FLOAT64 PyTorch uses
 * {@code rtol = atol = 1e-7}; that would accept a backend that silently computes doubles in single precision
 * (relative error about 6e-8), so the suite uses {@code rtol = 1e-10, atol = 1e-12}: five orders of
 * magnitude above double-precision libm differences (1-4 ulp, about 1e-15), far below single precision.
 * No tolerance is loosened to make a backend pass without a written reason here.
 */
public final class Tolerances {
    private Tolerances() {
    }

    /** The families of operations, each with its own tolerance per dtype. */
    public enum Family {
        /**
         * Results that IEEE 754 or the contract defines exactly: data movement (copy, views, gather, im2col,
         * concat, pad), comparisons, where, neg/abs/sign/relu, maximum/minimum, max/min/argmax/argmin
         * reductions, and every INT32 result.
         */
        EXACT,
        /**
         * Correctly rounded arithmetic (add, sub, mul, div, sqrt, square, reciprocal): exact on a CPU, but
         * OpenCL allows 2.5 ulp for float division and 3 ulp for sqrt, so the dtype default applies.
         */
        ELEMENTWISE,
        /** exp, log, log1p, expm1, tanh, sigmoid, softplus, pow: libraries differ by a few ulp. */
        TRANSCENDENTAL,
        /** sum and mean: the dtype default plus the summation bound (any order is allowed). */
        REDUCTION,
        /** matmul: the dtype default plus the inner-product bound, which grows with the inner dimension k. */
        MATMUL,
        /**
         * Ops the API composes from several primitives (softmax, logSoftmax, logSumExp, var, std, logSigmoid,
         * clip...): each step may round, so FLOAT32 gets {@code rtol = 1e-5} (about 80 ulp) and FLOAT64
         * {@code rtol = 1e-9}.
         */
        COMPOSITE,
        /**
         * Gradients from autograd compared across dtypes or backends: a backward pass chains several ops
         * (FLOAT32 {@code rtol = 1e-4}, FLOAT64 {@code 1e-9}), plus the summation bound where broadcast
         * gradients are summed.
         */
        GRADIENT,
        /**
         * FLOAT64 autograd gradients against central differences {@code (f(x+h) - f(x-h)) / 2h} with
         * {@code h = 1e-6 * max(1, |x|)}: truncation error about h^2 and rounding error about 1e-16/h leave
         * about 1e-9 relative, so {@code rtol = 1e-5, atol = 1e-6} is safe and still catches a wrong rule
         * (a wrong derivative is off by O(1)).
         */
        NUMERIC_GRADIENT,
        /**
         * Loss curves of the seeded model, compared step by step: FLOAT64 across backends
         * {@code rtol = 1e-9} (only summation order differs, and the training run is not chaotic); FLOAT32
         * across backends {@code rtol = 1e-4}; FLOAT32 against FLOAT64 {@code rtol = 2e-3} (single-precision
         * rounding accumulated over every step of training).
         */
        MODEL
    }

    /** One tolerance: see the class comment for how the three numbers combine. */
    public record Tolerance(double rtol, double atol, double roundoff, String why) {
        /** Whether only exact equality passes. */
        public boolean exact() {
            return rtol == 0 && atol == 0 && roundoff == 0;
        }

        /** This tolerance doubled: two results that are each within it of the truth are within this of each other. */
        public Tolerance doubled() {
            return exact() ? this : new Tolerance(2 * rtol, 2 * atol, 2 * roundoff, why + ", doubled for result vs result");
        }

        @Override
        public String toString() {
            return exact() ? "exact" : "rtol=" + rtol + " atol=" + atol + (roundoff > 0 ? " +k*u*sum|terms|" : "");
        }
    }

    /** Exact equality. */
    public static final Tolerance EXACT = new Tolerance(0, 0, 0, "exact");

    /** The unit roundoff of a floating dtype: 2^-24 for FLOAT32, 2^-53 for FLOAT64; 0 for INT32. */
    public static double unitRoundoff(DType dtype) {
        return switch (dtype) {
            case FLOAT32 -> 0x1p-24;
            case FLOAT64 -> 0x1p-53;
            case INT32 -> 0;
        };
    }

    /** The tolerance for results of {@code family} in {@code dtype}. */
    public static Tolerance of(Family family, DType dtype) {
        if (dtype == DType.INT32 || family == Family.EXACT) {
            return EXACT;
        }
        boolean f32 = dtype == DType.FLOAT32;
        return switch (family) {
            case EXACT -> EXACT;
            case ELEMENTWISE, TRANSCENDENTAL -> f32 ? new Tolerance(1.3e-6, 1e-5, 0, "PyTorch float32 default")
                    : new Tolerance(1e-10, 1e-12, 0, "float64: tighter than PyTorch, see Tolerances");
            case REDUCTION, MATMUL -> f32 ? new Tolerance(1.3e-6, 1e-5, 1, "float32 default + summation bound")
                    : new Tolerance(1e-10, 1e-12, 1, "float64 default + summation bound");
            case COMPOSITE -> f32 ? new Tolerance(1e-5, 1e-5, 1, "float32 composite of several roundings")
                    : new Tolerance(1e-9, 1e-11, 1, "float64 composite of several roundings");
            case GRADIENT -> f32 ? new Tolerance(1e-4, 1e-5, 2, "float32 backward pass")
                    : new Tolerance(1e-9, 1e-11, 2, "float64 backward pass");
            case NUMERIC_GRADIENT -> new Tolerance(1e-5, 1e-6, 0, "central differences, h = 1e-6 max(1,|x|)");
            case MODEL -> f32 ? new Tolerance(1e-4, 1e-6, 0, "float32 loss curve across backends")
                    : new Tolerance(1e-9, 1e-12, 0, "float64 loss curve across backends");
        };
    }

    /** FLOAT32 loss curve against the FLOAT64 curve of the same model and data. */
    public static final Tolerance MODEL_F32_VS_F64 = new Tolerance(2e-3, 1e-5, 0,
            "float32 training against float64 training");

    /** Loss curve against the numpy golden curve (FLOAT64; the inputs come from RandomState normals, equal to a few ulp). */
    public static final Tolerance MODEL_VS_NUMPY = new Tolerance(1e-8, 1e-12, 0, "float64 training against numpy");

    /**
     * ND4J as an oracle. ND4J computes FLOAT32 transcendental functions with its own approximations and sums
     * with OpenBLAS and OpenMP in its own order, so FLOAT32 uses the COMPOSITE tolerance; FLOAT64 the dtype's.
     */
    public static Tolerance nd4j(Family family, DType dtype) {
        if (dtype == DType.FLOAT32 && family != Family.EXACT) {
            Tolerance c = of(Family.COMPOSITE, dtype);
            return new Tolerance(c.rtol(), c.atol(), c.roundoff(), "ND4J float32: its own libm and order");
        }
        return of(family, dtype);
    }

    /** A Markdown table of every tolerance, for the report. */
    public static String markdownTable() {
        StringBuilder sb = new StringBuilder("| family | FLOAT32 | FLOAT64 | INT32 |\n|---|---|---|---|\n");
        for (Family f : Family.values()) {
            sb.append("| ").append(f).append(" | ").append(of(f, DType.FLOAT32)).append(" | ")
                    .append(of(f, DType.FLOAT64)).append(" | exact |\n");
        }
        sb.append("| MODEL f32 vs f64 | ").append(MODEL_F32_VS_F64).append(" | | |\n");
        sb.append("| MODEL vs numpy | | ").append(MODEL_VS_NUMPY).append(" | |\n");
        sb.append("\nCross-backend and layout comparisons (result against result) use each tolerance doubled.\n");
        return sb.toString();
    }
}
