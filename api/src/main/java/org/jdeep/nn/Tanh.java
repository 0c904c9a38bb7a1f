package org.jdeep.nn;

import org.jdeep.Tensor;

/**
 * The hyperbolic tangent, elementwise; its derivative is {@code 1 - a^2} (Course 1, week 3, 3.6-3.8
 * Activation functions and their derivatives). No parameters.
 */
public final class Tanh extends Module {

    /** A tanh layer. */
    public Tanh() {
    }

    /** {@code tanh(x)}, any shape to the same shape. */
    @Override
    public Tensor forward(Tensor input) {
        checkOpen();
        return input.tanh();
    }
}
