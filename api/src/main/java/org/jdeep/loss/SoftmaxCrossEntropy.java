package org.jdeep.loss;

import org.jdeep.ShapeMismatchException;
import org.jdeep.Tensor;
import org.jdeep.types.DType;
import org.jdeep.types.Shape;

/**
 * The cross-entropy cost of a softmax classifier over C classes (Course 2, week 3, 3.8 Softmax regression and
 * 3.9 Training a softmax classifier):
 * <pre>
 * J = -(1/m) * sum_i sum_j y_ij * log(softmax(z_i)_j)
 * </pre>
 * computed from the raw scores {@code z} {@code (m, C)} with {@link Tensor#logSoftmax(int)} along the last axis,
 * which stays finite where {@code log(softmax(z))} would underflow to {@code -Infinity}. Its gradient with respect
 * to {@code z} is {@code (softmax(z) - y) / m}.
 *
 * <p>Targets come as INT32 class indices {@code (m)} ({@link #ofLabels}) or as one-hot rows {@code (m, C)}
 * ({@link #ofOneHot}, which also takes soft targets whose rows sum to 1). Scores of higher rank
 * {@code (..., C)} are averaged over every position, {@code m} being the number of label positions.
 */
public final class SoftmaxCrossEntropy {
    private static final String NAME = "SoftmaxCrossEntropy";

    private SoftmaxCrossEntropy() {
    }

    /**
     * The cost with integer class labels.
     *
     * @param logits {@code z}, the scores before the softmax, {@code (m, C)}
     * @param labels INT32 class indices in {@code [0, C)}, {@code (m)}
     * @return the cost, rank 0
     * @throws ShapeMismatchException when the labels' shape is not the logits' without the last axis
     * @throws IllegalArgumentException for INT32 logits, non-INT32 labels or an empty batch
     * @throws IndexOutOfBoundsException for a label outside {@code [0, C)}
     */
    public static Tensor ofLabels(Tensor logits, Tensor labels) {
        LossChecks.floating(NAME, "logits", logits);
        if (logits.rank() < 1) {
            throw new ShapeMismatchException(NAME + ": logits need a class axis, got " + logits.shape());
        }
        if (labels.dtype() != DType.INT32) {
            throw new IllegalArgumentException(NAME + ".ofLabels: labels must be INT32 class indices, got "
                    + labels.dtype() + " " + labels.shape() + "; for one-hot targets use ofOneHot");
        }
        int[] z = logits.shape().dims();
        int classes = z[z.length - 1];
        int[] expected = java.util.Arrays.copyOf(z, z.length - 1);
        if (!labels.shape().is(expected)) {
            throw new ShapeMismatchException(NAME + ".ofLabels: logits " + logits.shape() + " need labels of shape "
                    + Shape.toString(expected) + ", got " + labels.shape());
        }
        Tensor oneHot;
        try {
            oneHot = labels.oneHot(classes, logits.dtype());
        } catch (IndexOutOfBoundsException e) {
            throw new IndexOutOfBoundsException(NAME + ".ofLabels: every label must be a class index in [0, "
                    + classes + ") for logits " + logits.shape() + "; " + e.getMessage());
        }
        try (oneHot) {
            return crossEntropy(logits, oneHot, classes);
        }
    }

    /**
     * The cost with one-hot (or soft) targets.
     *
     * @param logits {@code z}, the scores before the softmax, {@code (m, C)}
     * @param targets {@code y}, the same shape, each row one-hot or a probability distribution
     * @return the cost, rank 0
     * @throws ShapeMismatchException when the shapes differ
     * @throws IllegalArgumentException for INT32 logits or an empty batch
     */
    public static Tensor ofOneHot(Tensor logits, Tensor targets) {
        LossChecks.floating(NAME, "logits", logits);
        if (logits.rank() < 1) {
            throw new ShapeMismatchException(NAME + ": logits need a class axis, got " + logits.shape());
        }
        LossChecks.sameShape(NAME + ".ofOneHot", logits, targets);
        Tensor y = LossChecks.floatingTarget(targets, logits);
        try {
            return crossEntropy(logits, y, logits.shape().dim(-1));
        } finally {
            LossChecks.closeIfNew(y, targets);
        }
    }

    /** {@code -sum(y * logSoftmax(z)) / m}, m = positions = size / classes. */
    private static Tensor crossEntropy(Tensor logits, Tensor y, int classes) {
        int positions = classes == 0 ? 0 : logits.size() / classes;
        if (positions == 0) {
            throw new IllegalArgumentException(NAME + ": the batch " + logits.shape() + " is empty");
        }
        try (Tensor logP = logits.logSoftmax(-1); Tensor picked = y.mul(logP); Tensor total = picked.sum()) {
            return total.mul(-1.0 / positions);
        }
    }
}
