package org.jdeep.spi;

/**
 * Elementwise functions of one operand, {@code out[i] = f(x[i])}, selected by
 * {@link Backend#unary(UnaryOp, View, View)}. Input and output have the same dtype. Floating results
 * follow IEEE 754: NaN in gives NaN out, and the constants below say what ±Inf give. Ops marked
 * <em>floating only</em> are never called with INT32 (the API rejects that); the others are defined for
 * INT32 as written, with Java's wrap-around arithmetic.
 */
public enum UnaryOp {
    /** {@code -x}. */
    NEG(true),
    /** {@code |x|}. */
    ABS(true),
    /** {@code -1, 0, 1} for negative, zero (either sign) and positive x; NaN stays NaN. */
    SIGN(true),
    /** {@code x*x}. */
    SQUARE(true),
    /** {@code sqrt(x)}; NaN for x &lt; 0. Floating only. */
    SQRT(false),
    /** {@code 1/x}; ±Inf for ±0. Floating only. */
    RECIPROCAL(false),
    /** {@code e^x}; +Inf on overflow, 0 for -Inf. Floating only. */
    EXP(false),
    /** {@code ln x}; -Inf for 0, NaN for x &lt; 0. Floating only. */
    LOG(false),
    /** {@code ln(1 + x)}, accurate for small x. Floating only. */
    LOG1P(false),
    /** {@code e^x - 1}, accurate for small x. Floating only. */
    EXPM1(false),
    /** {@code tanh x}; ±1 for ±Inf. Floating only. */
    TANH(false),
    /**
     * {@code 1/(1 + e^-x)}, computed without overflow for any x: {@code 1/(1+e^-x)} for x ≥ 0 and
     * {@code e^x/(1+e^x)} for x &lt; 0; 0 and 1 at -Inf and +Inf. Floating only.
     */
    SIGMOID(false),
    /** {@code ln(1 + e^x)} computed as {@code max(x,0) + log1p(e^-|x|)}: finite for finite x. Floating only. */
    SOFTPLUS(false),
    /** {@code max(x, 0)}; NaN stays NaN. */
    RELU(true);

    private final boolean definedForIntegers;

    UnaryOp(boolean definedForIntegers) {
        this.definedForIntegers = definedForIntegers;
    }

    /** Whether the op is defined for INT32 operands. */
    public boolean definedForIntegers() {
        return definedForIntegers;
    }
}
