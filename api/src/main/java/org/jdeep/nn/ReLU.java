package org.jdeep.nn;

import org.jdeep.Tensor;

/**
 * The rectified linear unit {@code max(0, x)}, elementwise; its derivative is 1 for {@code x > 0} and 0
 * elsewhere (Course 1, week 3, 3.6-3.8 Activation functions and their derivatives). No parameters.
 */
public final class ReLU extends Module {

    /** A ReLU layer. */
    public ReLU() {
    }

    /** {@code max(0, x)}, any shape to the same shape. */
    @Override
    public Tensor forward(Tensor input) {
        checkOpen();
        return input.relu();
    }
}
