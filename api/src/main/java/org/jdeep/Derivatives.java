package org.jdeep;

import org.jdeep.spi.BinaryOp;
import org.jdeep.spi.UnaryOp;

/**
 * The derivative rules of the elementwise primitives, one per op in enum order, with exhaustive switches
 * so that adding an op fails to compile until its derivative is written. Rules run with recording off and
 * return gradients in the broadcast shape; {@code Tensor.backward} sums them back to each input's shape.
 */
final class Derivatives {
    private Derivatives() {
    }

    /** The gradient of {@code y = op(x)} given {@code g = dL/dy}, or null where it is zero everywhere. */
    static Tensor unary(UnaryOp op, Tensor x, Tensor y, Tensor g) {
        return switch (op) {
            case NEG -> g.neg();
            case ABS -> g.mul(x.sign());
            case SIGN -> null;
            case SQUARE -> g.mul(x).mul(2.0);
            case SQRT -> g.div(y.mul(2.0));
            case RECIPROCAL -> g.mul(y.square()).neg();
            case EXP -> g.mul(y);
            case LOG -> g.div(x);
            case LOG1P -> g.div(x.add(1.0));
            case EXPM1 -> g.mul(y.add(1.0));
            case TANH -> g.mul(y.square().neg().add(1.0));
            case SIGMOID -> g.mul(y.mul(y.neg().add(1.0)));
            case SOFTPLUS -> g.mul(x.sigmoid());
            case RELU -> g.mul(x.gt(0.0));
        };
    }

    /**
     * The gradients of {@code y = op(a, b)} given {@code g = dL/dy}, computed only where {@code needed}.
     * Comparisons never reach here: their outputs do not track gradients.
     */
    static Tensor[] binary(BinaryOp op, Tensor a, Tensor b, Tensor y, Tensor g, boolean[] needed) {
        boolean na = needed[0];
        boolean nb = needed[1];
        return switch (op) {
            case ADD -> new Tensor[] {na ? g : null, nb ? g : null};
            case SUB -> new Tensor[] {na ? g : null, nb ? g.neg() : null};
            case MUL -> new Tensor[] {na ? g.mul(b) : null, nb ? g.mul(a) : null};
            case DIV -> new Tensor[] {na ? g.div(b) : null, nb ? g.mul(y).div(b).neg() : null};
            case POW -> new Tensor[] {na ? g.mul(b).mul(a.pow(b.sub(1.0))) : null,
                    nb ? g.mul(y).mul(a.log()) : null};
            // ties split the gradient evenly, so both one-sided limits are respected on average
            case MAXIMUM -> split(g, a.gt(b).add(a.eq(b).mul(0.5)), na, nb);
            case MINIMUM -> split(g, a.lt(b).add(a.eq(b).mul(0.5)), na, nb);
            case EQ, NE, GT, GE, LT, LE -> throw new IllegalStateException(op + " has no gradient");
        };
    }

    private static Tensor[] split(Tensor g, Tensor shareOfA, boolean na, boolean nb) {
        return new Tensor[] {na ? g.mul(shareOfA) : null, nb ? g.mul(shareOfA.neg().add(1.0)) : null};
    }
}
