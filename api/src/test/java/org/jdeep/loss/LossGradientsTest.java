package org.jdeep.loss;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.jdeep.Tensor;
import org.jdeep.autograd.GradientCheck;
import org.jdeep.random.RandomState;
import org.junit.jupiter.api.Test;

/** Every loss's gradient with respect to its prediction, checked with the course's {@link GradientCheck}. */
class LossGradientsTest {

    /** Gradient-checks {@code loss} at a prediction {@code p}, whatever the targets captured by the function. */
    private static void check(String name, Tensor start, Function<Tensor, Tensor> loss) {
        Tensor p = start.requiresGrad();
        GradientCheck.Result r = GradientCheck.COURSE.check(Map.of("prediction", p), () -> loss.apply(p));
        assertTrue(r.passed(), name + ": " + r);
    }

    @Test
    void eachLossAgreesWithTwoSidedDifferences() {
        RandomState rng = new RandomState(5);
        Tensor y01 = Tensor.of(new double[] {1, 0, 0, 1, 1, 0}, 6);
        check("BCE from probabilities", rng.uniform(0.1, 0.9, 6), a -> BinaryCrossEntropy.ofProbabilities(a, y01));
        check("BCE from clipped probabilities", rng.uniform(0.1, 0.9, 6),
                a -> BinaryCrossEntropy.ofProbabilities(a, y01, 1e-7));
        check("BCE from logits", rng.randn(6), z -> BinaryCrossEntropy.ofLogits(z, y01));
        check("BCE from logits, (m, k) outputs", rng.randn(3, 2), z -> BinaryCrossEntropy.ofLogits(z, y01.reshape(3, 2)));
        Tensor labels = Tensor.of(new int[] {2, 0, 1, 2}, 4);
        check("softmax CE with labels", rng.randn(4, 3), z -> SoftmaxCrossEntropy.ofLabels(z, labels));
        check("softmax CE with one-hot", rng.randn(4, 3),
                z -> SoftmaxCrossEntropy.ofOneHot(z, labels.oneHot(3, org.jdeep.types.DType.FLOAT64)));
        Tensor soft = rng.rand(4, 3).softmax(-1);
        check("softmax CE with soft targets", rng.randn(4, 3), z -> SoftmaxCrossEntropy.ofOneHot(z, soft));
        Tensor target = rng.randn(3, 2);
        check("MSE", rng.randn(3, 2), p -> MeanSquaredError.of(p, target));
        L2Penalty l2 = new L2Penalty(0.7, 4);
        Tensor other = rng.randn(2, 2);
        check("L2 penalty", rng.randn(3, 2), w -> l2.of(List.of(w, other)));
    }
}
