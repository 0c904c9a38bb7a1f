package org.jdeep.nn;

import org.jdeep.Tensor;

/**
 * The logistic function {@code 1 / (1 + e^-x)}, elementwise; its derivative is {@code a (1 - a)} (Course 1,
 * week 2, 2.2 Logistic regression; week 3, 3.6-3.8 Activation functions and their derivatives). For a binary
 * classifier prefer ending on the raw score and using
 * {@link org.jdeep.loss.BinaryCrossEntropy#ofLogits(Tensor, Tensor)}, which stays finite where
 * {@code log(sigmoid(z))} would not. No parameters.
 */
public final class Sigmoid extends Module {

    /** A sigmoid layer. */
    public Sigmoid() {
    }

    /** {@code 1 / (1 + e^-x)}, any shape to the same shape. */
    @Override
    public Tensor forward(Tensor input) {
        checkOpen();
        return input.sigmoid();
    }
}
