package org.jdeep.loss;

import org.jdeep.Tensor;

/**
 * A cost function {@code J(prediction, target)}: a rank-0 tensor, averaged over the examples of the batch, that
 * {@link Tensor#backward()} differentiates (Course 1, week 2, 2.3 Logistic regression cost function: the loss
 * measures one example, the cost averages it over the training set). The losses of this package fit as method
 * references:
 * <pre>{@code
 * Loss loss = BinaryCrossEntropy::ofLogits;
 * Loss multiclass = SoftmaxCrossEntropy::ofLabels;
 * Loss regression = MeanSquaredError::of;
 * }</pre>
 */
@FunctionalInterface
public interface Loss {

    /**
     * The cost of {@code prediction} against {@code target}.
     *
     * @param prediction the model's output for a batch, batch on axis 0
     * @param target the expected output for the same batch
     * @return a rank-0 tensor that tracks gradients when the prediction does
     */
    Tensor compute(Tensor prediction, Tensor target);
}
