package org.jdeep.spi;

/**
 * Elementwise functions of two operands of one dtype, {@code out[i] = f(a[i], b[i])}, selected by
 * {@link Backend#binary(BinaryOp, View, View, View)}. Broadcasting reaches the backend as stride-0
 * dimensions of {@code a} or {@code b}. The result has the operands' dtype; comparisons give 1 for true
 * and 0 for false in that dtype. Floating NaN operands give NaN for arithmetic, and false for every
 * comparison except {@link #NE}, as IEEE 754 says.
 */
public enum BinaryOp {
    /** {@code a + b}. */
    ADD,
    /** {@code a - b}. */
    SUB,
    /** {@code a * b}. */
    MUL,
    /**
     * {@code a / b}. For INT32 it is floor division (numpy's {@code //}: rounds toward -Inf), and
     * division by zero gives 0, as numpy does.
     */
    DIV,
    /**
     * {@code a ** b}, {@code Math.pow} semantics for floating types. For INT32 the exact integer power,
     * with wrap-around, for b ≥ 0; for b &lt; 0 it is {@code 1/a^|b|} truncated toward zero (so 0 for
     * |a| &gt; 1) and 0 for a = 0.
     */
    POW,
    /** {@code max(a, b)}; NaN if either is NaN (numpy's {@code maximum}). */
    MAXIMUM,
    /** {@code min(a, b)}; NaN if either is NaN (numpy's {@code minimum}). */
    MINIMUM,
    /** {@code a == b}. */
    EQ,
    /** {@code a != b}. */
    NE,
    /** {@code a > b}. */
    GT,
    /** {@code a >= b}. */
    GE,
    /** {@code a < b}. */
    LT,
    /** {@code a <= b}. */
    LE
}
