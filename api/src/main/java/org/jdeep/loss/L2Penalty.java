package org.jdeep.loss;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jdeep.Autograd;
import org.jdeep.Tensor;
import org.jdeep.nn.Module;

/**
 * L2 regularisation (Course 2, week 1, 1.4 Regularization and 1.5 Why regularization reduces overfitting): the
 * penalty {@code (lambda / 2m) * sum_l ||W[l]||_F^2} added to the cost, where {@code ||W||_F^2} is the sum of the
 * squared entries. As in the course only weights are penalised, not biases (nor BatchNorm's gamma and beta):
 * {@link #weightsOf(Map)} picks the parameters whose name ends in {@code "weight"}.
 * <pre>{@code
 * L2Penalty l2 = new L2Penalty(0.7, m);               // lambd = 0.7, m = number of training examples
 * Tensor cost = BinaryCrossEntropy.ofLogits(z, y).add(l2.of(model));
 * }</pre>
 *
 * <p>The penalty's gradient is {@code (lambda / m) * W}, so gradient descent on the regularised cost is
 * {@code W := W - alpha * (dW + (lambda/m) W) = (1 - alpha lambda / m) W - alpha dW}, which is why the course
 * also calls it "weight decay". An optimizer can apply it that way instead of adding the penalty to the cost:
 * {@link #weightDecay()} is the coefficient {@code lambda / m} and {@link #gradient(Tensor)} the term
 * {@code (lambda / m) W} to add to a weight's gradient.
 *
 * @param lambda the course's {@code lambd}, {@code >= 0}
 * @param m the number of training examples the cost averages over, {@code >= 1}
 */
public record L2Penalty(double lambda, int m) {

    /** Validates the arguments. */
    public L2Penalty {
        if (!(lambda >= 0) || Double.isInfinite(lambda)) {
            throw new IllegalArgumentException("L2Penalty: lambda must be a finite number >= 0, got " + lambda);
        }
        if (m < 1) {
            throw new IllegalArgumentException("L2Penalty: m (the number of examples) must be >= 1, got " + m);
        }
    }

    /**
     * The penalty over the given weights: {@code (1/m) * (lambda/2) * sum ||W||^2}, multiplied in the course's order.
     *
     * @param weights the tensors to penalise; none gives 0
     * @return a rank-0 tensor that tracks gradients when a weight does (FLOAT64 0 for no weights)
     */
    public Tensor of(Collection<Tensor> weights) {
        Tensor total = null;
        for (Tensor w : weights) {
            if (!w.dtype().isFloating()) {
                throw new IllegalArgumentException("L2Penalty: weights must be FLOAT32 or FLOAT64, got " + w.dtype()
                        + " " + w.shape());
            }
            try (Tensor sq = w.square()) {
                Tensor s = sq.sum();
                if (total == null) {
                    total = s;
                } else {
                    try (Tensor previous = total; s) {
                        total = previous.add(s);
                    }
                }
            }
        }
        if (total == null) {
            return Tensor.scalar(0.0);
        }
        try (Tensor sumOfSquares = total) {
            return sumOfSquares.mul((1.0 / m) * (lambda / 2));
        }
    }

    /**
     * The penalty over a module's weights ({@link #weightsOf(Map)} of its parameters).
     *
     * @param module the model
     * @return a rank-0 tensor that tracks gradients
     */
    public Tensor of(Module module) {
        return of(weightsOf(module.parameters()).values());
    }

    /** The coefficient {@code lambda / m} of weight decay: the penalty's gradient is {@code weightDecay() * W}. */
    public double weightDecay() {
        return lambda / m;
    }

    /**
     * The penalty's gradient for one weight, {@code (lambda / m) * W}: the term an optimizer adds to
     * {@code W}'s gradient to apply the penalty as weight decay. Not recorded by autograd.
     *
     * @param weight a weight {@code W}
     * @return a new tensor of {@code W}'s shape and dtype
     */
    public Tensor gradient(Tensor weight) {
        try (Autograd.NoGrad off = Autograd.noGrad()) {
            return weight.mul(weightDecay());
        }
    }

    /**
     * The entries of {@code parameters} that are weights: those whose last dotted name part is {@code "weight"}
     * ({@code "0.weight"}, {@code "weight"}), in order.
     *
     * @param parameters named parameters, as from {@link Module#parameters()}
     * @return the weights, read-only
     */
    public static Map<String, Tensor> weightsOf(Map<String, Tensor> parameters) {
        Map<String, Tensor> out = new LinkedHashMap<>();
        parameters.forEach((name, t) -> {
            String last = name.substring(name.lastIndexOf('.') + 1);
            if (last.equals("weight")) {
                out.put(name, t);
            }
        });
        return java.util.Collections.unmodifiableMap(out);
    }
}
