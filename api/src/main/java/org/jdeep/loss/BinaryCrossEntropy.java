package org.jdeep.loss;

import org.jdeep.Tensor;

/**
 * The cross-entropy cost of a binary classifier (Course 1, week 2, 2.3 Logistic regression cost function; the
 * same cost ends the L-layer network of week 4):
 * <pre>
 * J = -(1/m) * sum( y * log(a) + (1 - y) * log(1 - a) )
 * </pre>
 * with {@code m} the number of examples (axis 0). Predictions and targets have the same shape, {@code (m)} or
 * {@code (m, k)} for k independent binary outputs (the sum then runs over the outputs too, as in Course 3,
 * week 2, 2.8 Multi-task learning). Targets are 0/1 (soft targets in {@code [0, 1]} work too) and may be INT32.
 *
 * <p>Three forms:
 * <ul>
 *   <li>{@link #ofProbabilities(Tensor, Tensor)} is the course's plain formula on sigmoid outputs. Like the
 *       notebook's {@code np.log}, it is not protected: a probability of exactly 0 or 1 (a sigmoid saturates to 1.0
 *       in floating point from {@code z} of about 37 in FLOAT64, 17 in FLOAT32) gives {@code +Infinity} when the
 *       label disagrees and {@code NaN} when it agrees ({@code 0 * log(0)}), and so do the gradients.</li>
 *   <li>{@link #ofProbabilities(Tensor, Tensor, double)} clips the probabilities to {@code [epsilon, 1 - epsilon]}
 *       first, which keeps the cost finite at the price of a zero gradient where the clip is active.</li>
 *   <li>{@link #ofLogits(Tensor, Tensor)} takes the raw scores {@code z} (the model without its final sigmoid) and
 *       computes {@code -(1/m) sum(y * logSigmoid(z) + (1 - y) * logSigmoid(-z))}, which is finite for any finite
 *       {@code z}, e.g. 1000 for {@code z = -1000, y = 1}, and whose gradient is exactly {@code (sigmoid(z) - y) / m}.
 *       Prefer it for training.</li>
 * </ul>
 */
public final class BinaryCrossEntropy {
    private static final String NAME = "BinaryCrossEntropy";

    private BinaryCrossEntropy() {
    }

    /**
     * The course's formula on probabilities, without protection against {@code log(0)}.
     *
     * @param probabilities {@code a}, the sigmoid outputs, {@code (m)} or {@code (m, k)}
     * @param targets {@code y}, the same shape, 0/1
     * @return the cost, rank 0
     * @throws org.jdeep.ShapeMismatchException when the shapes differ
     * @throws IllegalArgumentException for INT32 probabilities or an empty batch
     */
    public static Tensor ofProbabilities(Tensor probabilities, Tensor targets) {
        LossChecks.floating(NAME, "probabilities", probabilities);
        LossChecks.sameShape(NAME, probabilities, targets);
        int m = LossChecks.examples(NAME, probabilities);
        Tensor y = LossChecks.floatingTarget(targets, probabilities);
        try (Tensor logA = probabilities.log(); Tensor yLogA = y.mul(logA);
             Tensor negY = y.neg(); Tensor oneMinusY = negY.add(1.0);
             Tensor negA = probabilities.neg(); Tensor oneMinusA = negA.add(1.0); Tensor log1mA = oneMinusA.log();
             Tensor other = oneMinusY.mul(log1mA); Tensor both = yLogA.add(other); Tensor total = both.sum()) {
            return total.mul(-1.0 / m);
        } finally {
            LossChecks.closeIfNew(y, targets);
        }
    }

    /**
     * The course's formula on probabilities clipped to {@code [epsilon, 1 - epsilon]}: finite everywhere.
     *
     * @param probabilities {@code a}, the sigmoid outputs, {@code (m)} or {@code (m, k)}
     * @param targets {@code y}, the same shape, 0/1
     * @param epsilon the clip margin, in {@code (0, 0.5)}; Keras uses 1e-7
     * @return the cost, rank 0
     * @throws org.jdeep.ShapeMismatchException when the shapes differ
     * @throws IllegalArgumentException for an epsilon out of range, INT32 probabilities or an empty batch
     */
    public static Tensor ofProbabilities(Tensor probabilities, Tensor targets, double epsilon) {
        if (!(epsilon > 0 && epsilon < 0.5)) {
            throw new IllegalArgumentException(NAME + ": epsilon must be in (0, 0.5), got " + epsilon);
        }
        LossChecks.floating(NAME, "probabilities", probabilities);
        try (Tensor clipped = probabilities.clip(epsilon, 1 - epsilon)) {
            return ofProbabilities(clipped, targets);
        }
    }

    /**
     * The cost from raw scores, stable for any finite score.
     *
     * @param logits {@code z}, the scores before the sigmoid, {@code (m)} or {@code (m, k)}
     * @param targets {@code y}, the same shape, 0/1
     * @return the cost, rank 0
     * @throws org.jdeep.ShapeMismatchException when the shapes differ
     * @throws IllegalArgumentException for INT32 logits or an empty batch
     */
    public static Tensor ofLogits(Tensor logits, Tensor targets) {
        LossChecks.floating(NAME, "logits", logits);
        LossChecks.sameShape(NAME, logits, targets);
        int m = LossChecks.examples(NAME, logits);
        Tensor y = LossChecks.floatingTarget(targets, logits);
        try (Tensor logP = logits.logSigmoid(); Tensor yLogP = y.mul(logP);
             Tensor negY = y.neg(); Tensor oneMinusY = negY.add(1.0);
             Tensor negZ = logits.neg(); Tensor logQ = negZ.logSigmoid(); Tensor other = oneMinusY.mul(logQ);
             Tensor both = yLogP.add(other); Tensor total = both.sum()) {
            return total.mul(-1.0 / m);
        } finally {
            LossChecks.closeIfNew(y, targets);
        }
    }
}
