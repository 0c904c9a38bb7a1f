package org.jdeep.conformance;

import org.jdeep.spi.BinaryOp;
import org.jdeep.spi.UnaryOp;
import org.jdeep.types.DType;

/**
 * The suite's own scalar oracle: each SPI function written out plainly from its Javadoc, evaluated in
 * float64 (for FLOAT32, from the float inputs, then rounded to float once: the correctly rounded answer for
 * + - * / sqrt and the nearly correctly rounded one for the transcendental functions), and in Java int
 * arithmetic for INT32. It shares no code with any backend.
 */
final class HostMath {
    private HostMath() {
    }

    /** Stores {@code v} in {@code dtype} as a backend would: rounded to float, or cast to int. */
    static double store(double v, DType dtype) {
        return switch (dtype) {
            case FLOAT32 -> (float) v;
            case FLOAT64 -> v;
            case INT32 -> (int) v;
        };
    }

    static double unary(UnaryOp op, DType dtype, double x) {
        if (dtype == DType.INT32) {
            int i = (int) x;
            return switch (op) {
                case NEG -> -i;
                case ABS -> Math.abs(i);
                case SIGN -> Integer.signum(i);
                case SQUARE -> i * i;
                case RELU -> Math.max(i, 0);
                default -> throw new IllegalArgumentException(op + " is floating only");
            };
        }
        double r = switch (op) {
            case NEG -> -x;
            case ABS -> Math.abs(x);
            case SIGN -> Double.isNaN(x) ? Double.NaN : x > 0 ? 1 : x < 0 ? -1 : 0;
            case SQUARE -> x * x;
            case SQRT -> Math.sqrt(x);
            case RECIPROCAL -> 1 / x;
            case EXP -> Math.exp(x);
            case LOG -> Math.log(x);
            case LOG1P -> Math.log1p(x);
            case EXPM1 -> Math.expm1(x);
            case TANH -> Math.tanh(x);
            case SIGMOID -> x >= 0 ? 1 / (1 + Math.exp(-x)) : Math.exp(x) / (1 + Math.exp(x));
            case SOFTPLUS -> Double.isNaN(x) ? x : Math.max(x, 0) + Math.log1p(Math.exp(-Math.abs(x)));
            case RELU -> Double.isNaN(x) ? x : x > 0 ? x : 0;
        };
        return store(r, dtype);
    }

    static double binary(BinaryOp op, DType dtype, double a, double b) {
        if (dtype == DType.INT32) {
            int x = (int) a;
            int y = (int) b;
            return switch (op) {
                case ADD -> x + y;
                case SUB -> x - y;
                case MUL -> x * y;
                case DIV -> y == 0 ? 0 : Math.floorDiv(x, y);
                case POW -> intPow(x, y);
                case MAXIMUM -> Math.max(x, y);
                case MINIMUM -> Math.min(x, y);
                case EQ -> x == y ? 1 : 0;
                case NE -> x != y ? 1 : 0;
                case GT -> x > y ? 1 : 0;
                case GE -> x >= y ? 1 : 0;
                case LT -> x < y ? 1 : 0;
                case LE -> x <= y ? 1 : 0;
            };
        }
        double r = switch (op) {
            case ADD -> a + b;
            case SUB -> a - b;
            case MUL -> a * b;
            case DIV -> a / b;
            case POW -> Math.pow(a, b);
            case MAXIMUM -> Math.max(a, b);
            case MINIMUM -> Math.min(a, b);
            case EQ -> a == b ? 1 : 0;
            case NE -> a != b ? 1 : 0;
            case GT -> a > b ? 1 : 0;
            case GE -> a >= b ? 1 : 0;
            case LT -> a < b ? 1 : 0;
            case LE -> a <= b ? 1 : 0;
        };
        return store(r, dtype);
    }

    /** INT32 power as {@link BinaryOp#POW} specifies: exact with wrap-around for b >= 0, truncated 1/a^|b| below. */
    static int intPow(int a, int b) {
        if (b < 0) {
            if (a == 1) {
                return 1;
            }
            if (a == -1) {
                return (b & 1) == 0 ? 1 : -1;
            }
            return 0;
        }
        int r = 1;
        for (int i = 0; i < b; i++) {
            r *= a;
        }
        return r;
    }

    /** The Javadoc's conversion for {@code copy}: Java's casts (NaN to 0, saturation, rounding to nearest). */
    static double convert(double v, DType to) {
        return store(v, to);
    }

    /** Family of a unary op's results. */
    static Tolerances.Family family(UnaryOp op) {
        return switch (op) {
            case NEG, ABS, SIGN, RELU -> Tolerances.Family.EXACT;
            case SQUARE, SQRT, RECIPROCAL -> Tolerances.Family.ELEMENTWISE;
            default -> Tolerances.Family.TRANSCENDENTAL;
        };
    }

    /** Family of a binary op's results. */
    static Tolerances.Family family(BinaryOp op) {
        return switch (op) {
            case ADD, SUB, MUL, DIV -> Tolerances.Family.ELEMENTWISE;
            case POW -> Tolerances.Family.TRANSCENDENTAL;
            default -> Tolerances.Family.EXACT;
        };
    }
}
