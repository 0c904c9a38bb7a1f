package org.jdeep.loss;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.jdeep.ShapeMismatchException;
import org.jdeep.Tensor;
import org.jdeep.nn.BatchNorm;
import org.jdeep.nn.Linear;
import org.jdeep.nn.Sequential;
import org.jdeep.random.RandomState;
import org.jdeep.types.DType;
import org.junit.jupiter.api.Test;

/** The losses' values and gradients on numbers small enough to check by hand (or by the quoted numpy line). */
class LossTest {

    @Test
    void binaryCrossEntropyFromProbabilitiesIsTheCourseFormula() {
        // -(1/3) * sum(y*log(a) + (1-y)*log(1-a)), a = [0.9, 0.2, 0.6], y = [1, 0, 0]
        // = -(log 0.9 + log 0.8 + log 0.4) / 3 = 0.414931599615397
        Tensor a = Tensor.of(new double[] {0.9, 0.2, 0.6}, 3).requiresGrad();
        Tensor cost = BinaryCrossEntropy.ofProbabilities(a, Tensor.of(new int[] {1, 0, 0}, 3));
        assertEquals(0, cost.rank());
        assertEquals(0.414931599615397, cost.item(), 1e-15);
        cost.backward();
        // dJ/da = -(y/a - (1-y)/(1-a)) / m
        assertArrayEquals(new double[] {-1 / 0.9 / 3, 1 / 0.8 / 3, 1 / 0.4 / 3}, a.grad().toDoubleArray(), 1e-15);
    }

    @Test
    void plainFormulaGivesInfinityAndNaNAtZeroAndOneLikeTheNotebook() {
        // a = 0 with y = 1: -log(0) = +Inf; a = 1 with y = 1: (1 - 1) * log(0) = 0 * -Inf = NaN
        assertEquals(Double.POSITIVE_INFINITY, BinaryCrossEntropy.ofProbabilities(
                Tensor.of(new double[] {0.0}, 1), Tensor.of(new double[] {1}, 1)).item());
        assertTrue(Double.isNaN(BinaryCrossEntropy.ofProbabilities(
                Tensor.of(new double[] {1.0}, 1), Tensor.of(new double[] {1}, 1)).item()));
        // the clipped form stays finite: a is clipped to 1 - 1e-7, so the cost is -log(1 - 1e-7), about 1e-7
        double clipped = BinaryCrossEntropy.ofProbabilities(
                Tensor.of(new double[] {1.0}, 1), Tensor.of(new double[] {1}, 1), 1e-7).item();
        assertEquals(-Math.log(1 - 1e-7), clipped, 1e-20);
        assertEquals(-Math.log(1e-7), BinaryCrossEntropy.ofProbabilities(
                Tensor.of(new double[] {0.0}, 1), Tensor.of(new double[] {1}, 1), 1e-7).item(), 1e-12);
        assertThrows(IllegalArgumentException.class, () -> BinaryCrossEntropy.ofProbabilities(
                Tensor.of(new double[] {0.5}, 1), Tensor.of(new double[] {1}, 1), 0.5));
    }

    @Test
    void binaryCrossEntropyFromLogitsIsFiniteAtPlusMinus1000() {
        // z = [1000, -1000, 1000, -1000], y = [1, 1, 0, 0]: losses [0, 1000, 1000, 0], mean 500
        Tensor z = Tensor.of(new double[] {1000, -1000, 1000, -1000}, 4, 1).requiresGrad();
        Tensor cost = BinaryCrossEntropy.ofLogits(z, Tensor.of(new double[] {1, 1, 0, 0}, 4, 1));
        assertEquals(500.0, cost.item(), 0.0);
        cost.backward();
        // dJ/dz = (sigmoid(z) - y) / m
        assertArrayEquals(new double[] {0, -0.25, 0.25, 0}, z.grad().toDoubleArray(), 0.0);
        // and in FLOAT32: both confidently wrong, 1000 each
        Tensor z32 = Tensor.of(new float[] {-1000, 1000}, 2);
        assertEquals(1000.0, BinaryCrossEntropy.ofLogits(z32, Tensor.of(new float[] {1, 0}, 2)).item(), 0.0);
    }

    @Test
    void fromLogitsAgreesWithFromProbabilitiesWhereBothAreFinite() {
        Tensor z = Tensor.of(new double[] {-2, 0.5, 3}, 3);
        Tensor y = Tensor.of(new double[] {0, 1, 1}, 3);
        assertEquals(BinaryCrossEntropy.ofProbabilities(z.sigmoid(), y).item(),
                BinaryCrossEntropy.ofLogits(z, y).item(), 1e-15);
    }

    @Test
    void softmaxCrossEntropyWithLabels() {
        // z = [[1, 2, 3], [1, 1, 1]], labels [2, 0]:
        // -(log softmax(z0)[2] + log softmax(z1)[0]) / 2 = (0.40760596444438 + log 3) / 2 = 0.7531091265562448
        Tensor z = Tensor.of(new double[] {1, 2, 3, 1, 1, 1}, 2, 3).requiresGrad();
        Tensor cost = SoftmaxCrossEntropy.ofLabels(z, Tensor.of(new int[] {2, 0}, 2));
        assertEquals(0.7531091265562448, cost.item(), 1e-15);
        cost.backward();
        // dJ/dz = (softmax(z) - onehot(y)) / m
        assertArrayEquals(new double[] {0.04501528658519024, 0.12236423552739885, -0.167379522112589,
            -1 / 3.0, 1 / 6.0, 1 / 6.0}, z.grad().toDoubleArray(), 1e-15);
    }

    @Test
    void softmaxCrossEntropyWithOneHotAndSoftTargets() {
        Tensor z = Tensor.of(new double[] {1, 2, 3, 1, 1, 1}, 2, 3);
        Tensor oneHot = Tensor.of(new int[] {2, 0}, 2).oneHot(3, DType.FLOAT64);
        assertEquals(0.7531091265562448, SoftmaxCrossEntropy.ofOneHot(z, oneHot).item(), 1e-15);
        // numpy: -(y * log_softmax(z)).sum() / 2 with soft targets
        Tensor zs = Tensor.of(new double[] {0.5, -1.0, 2.0, 3.0, 0.0, -2.0}, 2, 3);
        Tensor soft = Tensor.of(new double[] {0.2, 0.3, 0.5, 0, 1, 0}, 2, 3);
        assertEquals(2.2481482660171523, SoftmaxCrossEntropy.ofOneHot(zs, soft).item(), 1e-14);
    }

    @Test
    void softmaxCrossEntropyIsFiniteForHugeScores() {
        Tensor z = Tensor.of(new double[] {1000, 0, 0, 0}, 2, 2);
        // row 0 right with certainty: 0; row 1 equal scores: log 2
        assertEquals(Math.log(2) / 2, SoftmaxCrossEntropy.ofLabels(z, Tensor.of(new int[] {0, 1}, 2)).item(), 1e-15);
        // row 0 wrong by 1000: loss 1000
        assertEquals((1000 + Math.log(2)) / 2,
                SoftmaxCrossEntropy.ofLabels(z, Tensor.of(new int[] {1, 0}, 2)).item(), 1e-12);
    }

    @Test
    void softmaxCrossEntropyErrorsNameTheShapes() {
        Tensor z = Tensor.zeros(DType.FLOAT64, 4, 3);
        ShapeMismatchException s = assertThrows(ShapeMismatchException.class,
                () -> SoftmaxCrossEntropy.ofLabels(z, Tensor.zeros(DType.INT32, 4, 1)));
        assertTrue(s.getMessage().contains("logits (4, 3) need labels of shape (4,), got (4, 1)"), s.getMessage());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SoftmaxCrossEntropy.ofLabels(z, Tensor.zeros(DType.FLOAT64, 4)));
        assertTrue(e.getMessage().contains("labels must be INT32 class indices, got FLOAT64"), e.getMessage());
        IndexOutOfBoundsException i = assertThrows(IndexOutOfBoundsException.class,
                () -> SoftmaxCrossEntropy.ofLabels(z, Tensor.of(new int[] {0, 1, 3, 2}, 4)));
        assertTrue(i.getMessage().contains("[0, 3)"), i.getMessage());
        assertThrows(ShapeMismatchException.class, () -> SoftmaxCrossEntropy.ofOneHot(z, Tensor.zeros(DType.FLOAT64, 4, 2)));
    }

    @Test
    void meanSquaredError() {
        // ((1-1)^2 + (2-0)^2 + (3-0)^2) / 3 = 13/3; gradient 2 (p - t) / n = [0, 4/3, 2]
        Tensor p = Tensor.of(new double[] {1, 2, 3}, 3).requiresGrad();
        Tensor cost = MeanSquaredError.of(p, Tensor.of(new double[] {1, 0, 0}, 3));
        assertEquals(13.0 / 3, cost.item(), 1e-15);
        cost.backward();
        assertArrayEquals(new double[] {0, 4.0 / 3, 2}, p.grad().toDoubleArray(), 1e-15);
    }

    @Test
    void targetsMustMatchThePredictionShapeInsteadOfBroadcasting() {
        // (3, 1) against (3) would broadcast to (3, 3) and silently average nine pairs
        ShapeMismatchException e = assertThrows(ShapeMismatchException.class, () -> BinaryCrossEntropy.ofLogits(
                Tensor.zeros(DType.FLOAT64, 3, 1), Tensor.zeros(DType.FLOAT64, 3)));
        assertEquals("BinaryCrossEntropy: prediction (3, 1) and target (3,) must have the same shape", e.getMessage());
        assertThrows(ShapeMismatchException.class,
                () -> MeanSquaredError.of(Tensor.zeros(DType.FLOAT64, 3, 1), Tensor.zeros(DType.FLOAT64, 1, 3)));
        IllegalArgumentException i = assertThrows(IllegalArgumentException.class,
                () -> BinaryCrossEntropy.ofLogits(Tensor.zeros(DType.INT32, 2), Tensor.zeros(DType.INT32, 2)));
        assertTrue(i.getMessage().contains("logits must be FLOAT32 or FLOAT64, got INT32"), i.getMessage());
        i = assertThrows(IllegalArgumentException.class,
                () -> BinaryCrossEntropy.ofLogits(Tensor.zeros(DType.FLOAT64, 0), Tensor.zeros(DType.FLOAT64, 0)));
        assertTrue(i.getMessage().contains("is empty"), i.getMessage());
    }

    @Test
    void l2PenaltyIsLambdaOverTwoMTimesTheSquaredWeights() {
        // W1 = [[1, 2], [3, 4]] (sum of squares 30), W2 = [[0.5]] (0.25); lambda = 0.1, m = 5
        // (1/5) * (0.1/2) * 30.25 = 0.3025
        Tensor w1 = Tensor.of(new double[] {1, 2, 3, 4}, 2, 2).requiresGrad();
        Tensor w2 = Tensor.of(new double[] {0.5}, 1, 1).requiresGrad();
        L2Penalty l2 = new L2Penalty(0.1, 5);
        Tensor penalty = l2.of(List.of(w1, w2));
        assertEquals(0.3025, penalty.item(), 1e-16);
        penalty.backward();
        // d/dW = (lambda/m) W = 0.02 W, which is what weightDecay() and gradient() give an optimizer
        assertEquals(0.02, l2.weightDecay(), 0.0);
        assertArrayEquals(new double[] {0.02, 0.04, 0.06, 0.08}, w1.grad().toDoubleArray(), 1e-16);
        assertArrayEquals(w1.grad().toDoubleArray(), l2.gradient(w1).toDoubleArray(), 1e-16);
        assertTrue(!l2.gradient(w1).tracksGrad());
        assertEquals(0.0, l2.of(List.of()).item(), 0.0);
    }

    @Test
    void l2PenaltyOfAModuleTakesOnlyTheWeights() {
        RandomState rng = new RandomState(0);
        Sequential net = new Sequential(new Linear(2, 3, rng), new BatchNorm(3), new Linear(3, 1, rng));
        Map<String, Tensor> weights = L2Penalty.weightsOf(net.parameters());
        assertEquals(List.of("0.weight", "2.weight"), List.copyOf(weights.keySet()));
        double expected = 0;
        for (Tensor w : weights.values()) {
            for (double v : w.toDoubleArray()) {
                expected += v * v;
            }
        }
        assertEquals(expected * 0.7 / (2 * 10), new L2Penalty(0.7, 10).of(net).item(), 1e-15);
        assertThrows(IllegalArgumentException.class, () -> new L2Penalty(-1, 10));
        assertThrows(IllegalArgumentException.class, () -> new L2Penalty(0.1, 0));
    }

    @Test
    void lossesFitTheLossInterface() {
        Loss bce = BinaryCrossEntropy::ofLogits;
        Loss ce = SoftmaxCrossEntropy::ofLabels;
        Loss mse = MeanSquaredError::of;
        assertEquals(Math.log(2), bce.compute(Tensor.zeros(DType.FLOAT64, 2), Tensor.ones(DType.FLOAT64, 2)).item(), 1e-15);
        assertEquals(Math.log(2), ce.compute(Tensor.zeros(DType.FLOAT64, 1, 2), Tensor.of(new int[] {1}, 1)).item(), 1e-15);
        assertEquals(1.0, mse.compute(Tensor.zeros(DType.FLOAT64, 2), Tensor.ones(DType.FLOAT64, 2)).item(), 0.0);
    }
}
