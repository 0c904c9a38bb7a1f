package org.jdeep.loss;

import org.jdeep.Tensor;

/**
 * The mean squared error {@code J = mean((prediction - target)^2)} over every element, for regression outputs.
 * The course introduces the squared error {@code (1/2)(y_hat - y)^2} only to set it aside for logistic regression,
 * whose cost it makes non-convex (Course 1, week 2, 2.3 Logistic regression cost function); for a linear output
 * unit it is the usual choice. This is the plain mean, without the factor 1/2, as in Keras and PyTorch.
 */
public final class MeanSquaredError {
    private static final String NAME = "MeanSquaredError";

    private MeanSquaredError() {
    }

    /**
     * The mean of the squared differences.
     *
     * @param prediction the model's output, any shape
     * @param target the expected values, the same shape (INT32 is converted)
     * @return the cost, rank 0
     * @throws org.jdeep.ShapeMismatchException when the shapes differ
     * @throws IllegalArgumentException for an INT32 prediction or an empty tensor
     */
    public static Tensor of(Tensor prediction, Tensor target) {
        LossChecks.floating(NAME, "prediction", prediction);
        LossChecks.sameShape(NAME, prediction, target);
        if (prediction.size() == 0) {
            throw new IllegalArgumentException(NAME + ": the prediction " + prediction.shape() + " is empty");
        }
        Tensor y = LossChecks.floatingTarget(target, prediction);
        try (Tensor diff = prediction.sub(y); Tensor sq = diff.square()) {
            return sq.mean();
        } finally {
            LossChecks.closeIfNew(y, target);
        }
    }
}
