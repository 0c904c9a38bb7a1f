package org.jdeep.optim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jdeep.Backends;
import org.jdeep.MemoryScope;
import org.jdeep.Tensor;
import org.jdeep.loss.L2Penalty;
import org.jdeep.testproviders.CountingProvider;
import org.jdeep.types.DType;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** What every optimizer does around the update: state, gradients, memory and errors. */
class OptimizerTest {
    private final Map<String, Tensor> params = new LinkedHashMap<>();

    private Map<String, Tensor> params(double[] w, double[] b) {
        try (Tensor w0 = Tensor.of(w, w.length / 2, 2); Tensor b0 = Tensor.of(b, b.length)) {
            params.put("0.weight", w0.requiresGrad());
            params.put("0.bias", b0.requiresGrad());
        }
        return params;
    }

    /** dW = the given values: backward() of sum(W * G). */
    private static void gradients(Tensor p, double... g) {
        try (MemoryScope scope = MemoryScope.open()) {
            p.mul(Tensor.of(g, p.shape().dims())).sum().backward();
        }
    }

    @AfterEach
    void free() {
        for (Tensor p : params.values()) {
            if (p.grad() != null) {
                p.grad().close();
            }
            p.close();
        }
    }

    @Test
    void sgdSubtractsLearningRateTimesGradient() {
        Map<String, Tensor> p = params(new double[] {1, 2, 3, 4}, new double[] {0.5, -0.5});
        try (SGD sgd = new SGD(p, new SgdConfig(0.1))) {
            gradients(p.get("0.weight"), 10, -10, 1, 0);
            gradients(p.get("0.bias"), 2, 4);
            sgd.step();
            assertArrayEquals(new double[] {0, 3, 2.9, 4}, p.get("0.weight").toDoubleArray(), 1e-15);
            assertArrayEquals(new double[] {0.3, -0.9}, p.get("0.bias").toDoubleArray(), 1e-15);
        }
    }

    @Test
    void momentumKeepsAVelocityPerParameter() {
        Map<String, Tensor> p = params(new double[] {1, 2, 3, 4}, new double[] {0, 0});
        try (Momentum m = new Momentum(p, new MomentumConfig(0.1, 0.9))) {
            assertArrayEquals(new double[] {0, 0, 0, 0}, m.velocity("0.weight").toDoubleArray(), "v starts at 0");
            gradients(p.get("0.weight"), 1, 2, 3, 4);
            m.step();
            // v = 0.9 * 0 + 0.1 * dW; W = W - 0.1 * v
            assertArrayEquals(new double[] {0.1, 0.2, 0.3, 0.4}, m.velocity("0.weight").toDoubleArray(), 1e-15);
            assertArrayEquals(new double[] {0.99, 1.98, 2.97, 3.96}, p.get("0.weight").toDoubleArray(), 1e-15);
            m.zeroGrad();
            gradients(p.get("0.weight"), 1, 2, 3, 4);
            m.step();
            // v = 0.9 * 0.1 dW + 0.1 dW = 0.19 dW
            assertArrayEquals(new double[] {0.19, 0.38, 0.57, 0.76}, m.velocity("0.weight").toDoubleArray(), 1e-15);
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> m.velocity("W1"));
            assertEquals("no parameter 'W1'; the parameters are [0.weight, 0.bias]", e.getMessage());
        }
    }

    @Test
    void adamsFirstStepMovesEachWeightByAboutTheLearningRate() {
        Map<String, Tensor> p = params(new double[] {1, 2, 3, 4}, new double[] {0, 0});
        try (Adam adam = new Adam(p, new AdamConfig(0.01))) {
            gradients(p.get("0.weight"), 100, -0.001, 5, -5);
            adam.step();
            // at t = 1 bias correction makes v_corrected = dW and s_corrected = dW^2: the step is lr * sign(dW)
            // up to epsilon
            assertArrayEquals(new double[] {0.99, 2.01, 2.99, 4.01}, p.get("0.weight").toDoubleArray(), 2e-7);
            assertArrayEquals(new double[] {10, -1e-4, 0.5, -0.5}, adam.velocity("0.weight").toDoubleArray(), 1e-12);
            assertArrayEquals(new double[] {10, 1e-9, 0.025, 0.025}, adam.squares("0.weight").toDoubleArray(), 1e-12);
            assertEquals(1, adam.steps());
        }
    }

    @Test
    void parametersWithoutAGradientAreLeftAlone() {
        Map<String, Tensor> p = params(new double[] {1, 2, 3, 4}, new double[] {5, 6});
        try (Momentum m = new Momentum(p, new MomentumConfig(0.1))) {
            gradients(p.get("0.weight"), 1, 1, 1, 1);
            assertNull(p.get("0.bias").grad());
            m.step();
            assertArrayEquals(new double[] {5, 6}, p.get("0.bias").toDoubleArray());
            assertArrayEquals(new double[] {0, 0}, m.velocity("0.bias").toDoubleArray());
        }
    }

    @Test
    void zeroGradClearsEveryGradient() {
        Map<String, Tensor> p = params(new double[] {1, 2, 3, 4}, new double[] {5, 6});
        try (SGD sgd = new SGD(p, new SgdConfig(0.1))) {
            gradients(p.get("0.weight"), 1, 2, 3, 4);
            gradients(p.get("0.weight"), 1, 2, 3, 4);
            assertArrayEquals(new double[] {2, 4, 6, 8}, p.get("0.weight").grad().toDoubleArray(), "accumulated");
            sgd.zeroGrad();
            assertArrayEquals(new double[] {0, 0, 0, 0}, p.get("0.weight").grad().toDoubleArray());
        }
    }

    @Test
    void clearGradDropsEveryGradientSoTheNextStepChangesNothing() {
        Map<String, Tensor> p = params(new double[] {1, 2, 3, 4}, new double[] {5, 6});
        try (SGD sgd = new SGD(p, new SgdConfig(0.1))) {
            gradients(p.get("0.weight"), 1, 2, 3, 4);
            gradients(p.get("0.bias"), 1, 1);
            sgd.clearGrad();
            assertNull(p.get("0.weight").grad());
            assertNull(p.get("0.bias").grad());
            sgd.step();
            assertArrayEquals(new double[] {1, 2, 3, 4}, p.get("0.weight").toDoubleArray());
            assertArrayEquals(new double[] {5, 6}, p.get("0.bias").toDoubleArray());
        }
    }

    @Test
    void weightDecayAddsLambdaOverMTimesWToTheWeightsGradientOnly() {
        Map<String, Tensor> p = params(new double[] {1, 2, 3, 4}, new double[] {5, 6});
        try (SGD sgd = new SGD(p, new SgdConfig(0.1))) {
            sgd.setWeightDecay(new L2Penalty(2, 4)); // lambda / m = 0.5
            gradients(p.get("0.weight"), 0, 0, 0, 0);
            gradients(p.get("0.bias"), 0, 0);
            sgd.step();
            // W = W - 0.1 * (0 + 0.5 W) = 0.95 W; b is not a weight and stays
            assertArrayEquals(new double[] {0.95, 1.9, 2.85, 3.8}, p.get("0.weight").toDoubleArray(), 1e-15);
            assertArrayEquals(new double[] {5, 6}, p.get("0.bias").toDoubleArray());
            assertArrayEquals(new double[] {0, 0, 0, 0}, p.get("0.weight").grad().toDoubleArray(),
                    "the gradient itself is not changed");
        }
    }

    @Test
    void theLearningRateCanBeChangedBetweenSteps() {
        Map<String, Tensor> p = params(new double[] {1, 2, 3, 4}, new double[] {5, 6});
        try (SGD sgd = new SGD(p, new SgdConfig(0.1))) {
            assertEquals(0.1, sgd.learningRate());
            sgd.setLearningRate(0.5);
            gradients(p.get("0.bias"), 1, 1);
            sgd.step();
            assertArrayEquals(new double[] {4.5, 5.5}, p.get("0.bias").toDoubleArray());
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> sgd.setLearningRate(0));
            assertEquals("SGD: learningRate must be a finite number > 0, got 0.0", e.getMessage());
        }
    }

    @Test
    void parametersMustTrackGradients() {
        try (Tensor plain = Tensor.zeros(DType.FLOAT64, 2)) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> new SGD(Map.of("W1", plain), new SgdConfig()));
            assertEquals("SGD: parameter 'W1' (2,) does not track gradients; make it with requiresGrad()",
                    e.getMessage());
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new Adam(Map.of(), new AdamConfig()));
        assertEquals("Adam: no parameters to optimise", e.getMessage());
    }

    @Test
    void aStepLeavesNoDeviceMemoryBehindAndStateIsAllocatedOnce() {
        try (Backends.Scope counting = Backends.using("counting")) {
            int start = CountingProvider.live();
            Map<String, Tensor> p = params(new double[] {1, 2, 3, 4}, new double[] {5, 6});
            gradients(p.get("0.weight"), 1, 2, 3, 4);
            gradients(p.get("0.bias"), 1, 2);
            int withGrads = CountingProvider.live();
            for (Optimizer opt : List.of(new SGD(p, new SgdConfig(0.01)), new Momentum(p, new MomentumConfig(0.01)),
                    new RMSprop(p, new RmsPropConfig(0.01)), new Adam(p, new AdamConfig(0.01)))) {
                opt.setWeightDecay(new L2Penalty(0.1, 10));
                opt.setClipping(GradientClipping.byGlobalNorm(1));
                int allocated = CountingProvider.live();
                try (MemoryScope outer = MemoryScope.open()) {
                    for (int i = 0; i < 3; i++) {
                        opt.step();
                    }
                    assertEquals(0, outer.size(), opt.getClass().getSimpleName() + ": tensors left in the caller's scope");
                }
                assertEquals(allocated, CountingProvider.live(), opt.getClass().getSimpleName() + ": buffers after 3 steps");
                opt.close();
            }
            assertEquals(withGrads, CountingProvider.live(), "closing the optimizers freed their state");
            free();
            params.clear();
            assertEquals(start, CountingProvider.live());
        }
    }

    @Test
    void stateTensorsAreTheLiveOnes() {
        Map<String, Tensor> p = params(new double[] {1, 2, 3, 4}, new double[] {5, 6});
        try (RMSprop r = new RMSprop(p, new RmsPropConfig(0.01, 0.9, 1e-8))) {
            Tensor s = r.squares("0.bias");
            gradients(p.get("0.bias"), 2, -3);
            r.step();
            assertSame(s, r.squares("0.bias"));
            // s = 0.9 * 0 + 0.1 * dW^2
            assertArrayEquals(new double[] {0.4, 0.9}, s.toDoubleArray(), 1e-15);
            assertTrue(r.config().epsilon() > 0);
        }
    }
}
