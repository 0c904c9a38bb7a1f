package org.jdeep.nn;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;
import org.jdeep.Autograd;
import org.jdeep.Tensor;
import org.jdeep.autograd.GradientCheck;
import org.jdeep.random.RandomState;
import org.jdeep.types.DType;
import org.jdeep.nn.init.Initializer;
import org.junit.jupiter.api.Test;

/**
 * Every layer's gradient with respect to its parameters and its input, checked with the course's
 * {@link GradientCheck} (Course 2, week 1, 1.13): the cost is {@code sum(layer(x) * w)} for random {@code x}
 * and {@code w} drawn from {@code RandomState(2)}.
 */
class LayerGradientsTest {

    /** Gradient-checks {@code layer} at a random FLOAT64 input of the given shape; {@code before} runs before each forward. */
    static GradientCheck.Result check(Module layer, Runnable before, int... inputShape) {
        RandomState rng = new RandomState(2);
        Tensor x;
        try (Tensor raw = rng.randn(inputShape)) {
            x = raw.requiresGrad();
        }
        Map<String, Tensor> params = new LinkedHashMap<>(layer.parameters());
        params.put("input", x);
        Tensor w;
        before.run();
        try (Autograd.NoGrad off = Autograd.noGrad(); Tensor probe = layer.forward(x)) {
            w = rng.randn(probe.shape().dims());
        }
        Supplier<Tensor> cost = () -> {
            before.run();
            try (Tensor y = layer.forward(x); Tensor weighted = y.mul(w)) {
                return weighted.sum();
            }
        };
        return GradientCheck.COURSE.check(params, cost);
    }

    static void assertGradientsCorrect(Module layer, int... inputShape) {
        GradientCheck.Result r = check(layer, () -> { }, inputShape);
        assertTrue(r.passed(), layer + ": " + r);
    }

    @Test
    void linear() {
        assertGradientsCorrect(new Linear(4, 3, new RandomState(0)), 5, 4);
    }

    @Test
    void linearWithoutBiasOnARank3Input() {
        assertGradientsCorrect(new Linear(4, 3, false, Initializer.xavier(), DType.FLOAT64, new RandomState(0)), 2, 5, 4);
    }

    @Test
    void activations() {
        assertGradientsCorrect(new ReLU(), 4, 3);
        assertGradientsCorrect(new LeakyReLU(0.2), 4, 3);
        assertGradientsCorrect(new Sigmoid(), 4, 3);
        assertGradientsCorrect(new Tanh(), 4, 3);
        assertGradientsCorrect(new Softmax(), 4, 3);
        assertGradientsCorrect(new Softmax(0), 4, 3);
    }

    @Test
    void flatten() {
        assertGradientsCorrect(new Flatten(), 2, 3, 2);
    }

    @Test
    void batchNormInTrainingModeThroughTheBatchStatistics() {
        BatchNorm bn = new BatchNorm(3);
        try (Tensor g = Tensor.of(new double[] {1.5, 0.5, -1}, 3); Tensor b = Tensor.of(new double[] {0.1, 0.2, 0.3}, 3)) {
            bn.gamma().assign(g);
            bn.beta().assign(b);
        }
        assertGradientsCorrect(bn, 6, 3);
    }

    @Test
    void batchNormInEvalModeThroughTheRunningStatistics() {
        BatchNorm bn = new BatchNorm(3);
        try (Tensor m = Tensor.of(new double[] {0.5, -0.5, 1}, 3); Tensor v = Tensor.of(new double[] {2, 0.5, 1.5}, 3)) {
            bn.runningMean().assign(m);
            bn.runningVar().assign(v);
        }
        bn.eval();
        assertGradientsCorrect(bn, 4, 3);
    }

    @Test
    void dropoutWithTheSameMaskEachCall() {
        // the course turns dropout off for gradient checking; reseeding before each forward fixes the mask instead
        RandomState rng = new RandomState(1);
        Dropout dropout = new Dropout(0.7, rng);
        GradientCheck.Result r = check(dropout, () -> rng.seed(1), 5, 4);
        assertTrue(r.passed(), r.toString());
    }

    @Test
    void sequentialNetwork() {
        RandomState rng = new RandomState(3);
        Sequential net = new Sequential(
                new Linear(4, 5, rng), new BatchNorm(5), new Tanh(),
                new Linear(5, 3, rng), new LeakyReLU(), new Linear(3, 2, rng), new Softmax());
        assertGradientsCorrect(net, 6, 4);
    }
}
