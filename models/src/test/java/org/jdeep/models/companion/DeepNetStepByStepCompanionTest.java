package org.jdeep.models.companion;

import java.util.List;
import java.util.Map;
import org.jdeep.MemoryScope;
import org.jdeep.Tensor;
import org.jdeep.loss.BinaryCrossEntropy;
import org.jdeep.models.companion.DeepNetStepByStepCompanion.ActivationForward;
import org.jdeep.models.companion.DeepNetStepByStepCompanion.Cache;
import org.jdeep.models.companion.DeepNetStepByStepCompanion.LinearCache;
import org.jdeep.models.companion.DeepNetStepByStepCompanion.LinearGrads;
import org.jdeep.models.companion.DeepNetStepByStepCompanion.ModelForward;
import org.jdeep.random.RandomState;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class DeepNetStepByStepCompanionTest {
    private static final double RTOL = 1e-12;
    private static final double ATOL = 1e-15;
    private MemoryScope scope;

    @BeforeEach
    void open() {
        scope = MemoryScope.open();
    }

    @AfterEach
    void close() {
        scope.close();
    }

    @Test
    void initializeParametersMatchTheNotebook() {
        CourseReference.Case two = CourseReference.get("c1w4_initialize_parameters_1");
        DeepNetStepByStepCompanion.initializeParameters((int) two.inNumber("n_x"), (int) two.inNumber("n_h"),
                (int) two.inNumber("n_y")).forEach(two::check);
        CourseReference.Case deep = CourseReference.get("c1w4_initialize_parameters_deep_1");
        int[] dims = java.util.Arrays.stream(CourseReference.flatten(deep.inputs().get("layer_dims")))
                .mapToInt(d -> (int) d).toArray();
        DeepNetStepByStepCompanion.initializeParametersDeep(dims).forEach(deep::check);
    }

    @Test
    void linearForwardAndBackwardMatchTheNotebook() {
        CourseReference.Case f = CourseReference.get("c1w4_linear_forward");
        f.check("Z", DeepNetStepByStepCompanion.linearForward(f.in("A"), f.in("W"), f.in("b")).Z());
        CourseReference.Case b = CourseReference.get("c1w4_linear_backward");
        LinearGrads g = DeepNetStepByStepCompanion.linearBackward(b.in("dZ"),
                new LinearCache(b.in("A_prev"), b.in("W"), b.in("b")));
        b.check("dA_prev", g.dAPrev());
        b.check("dW", g.dW());
        b.check("db", g.db());
    }

    @Test
    void linearActivationForwardMatchesNumpy() {
        CompanionGolden.Case g = CompanionGolden.get("c1w4_linear_activation_forward");
        g.check("A_sigmoid", DeepNetStepByStepCompanion.linearActivationForward(g.tensor("A_prev"), g.tensor("W"),
                g.tensor("b"), "sigmoid").A(), RTOL, ATOL);
        g.check("A_relu", DeepNetStepByStepCompanion.linearActivationForward(g.tensor("A_prev"), g.tensor("W"),
                g.tensor("b"), "relu").A(), RTOL, ATOL);
    }

    @Test
    void lModelForwardAndComputeCostMatchNumpy() {
        CompanionGolden.Case g = CompanionGolden.get("c1w4_L_model_forward");
        ModelForward f = DeepNetStepByStepCompanion.lModelForward(g.tensor("X"),
                g.tensors("W1", "b1", "W2", "b2", "W3", "b3"));
        g.check("AL", f.AL(), RTOL, ATOL);
        org.junit.jupiter.api.Assertions.assertEquals(3, f.caches().size());
        CompanionGolden.Case c = CompanionGolden.get("c1w4_compute_cost");
        c.check("cost", DeepNetStepByStepCompanion.computeCost(c.tensor("AL"), c.tensor("Y")), 1e-14, 0);
    }

    @Test
    void linearActivationBackwardMatchesNumpy() {
        for (String act : List.of("sigmoid", "relu")) {
            CompanionGolden.Case g = CompanionGolden.get("c1w4_linear_activation_backward_" + act);
            Cache cache = new Cache(new LinearCache(g.tensor("A"), g.tensor("W"), g.tensor("b")), g.tensor("Z"));
            LinearGrads r = DeepNetStepByStepCompanion.linearActivationBackward(g.tensor("dA"), cache, act);
            g.check("dA_prev", r.dAPrev(), RTOL, ATOL);
            g.check("dW", r.dW(), RTOL, ATOL);
            g.check("db", r.db(), RTOL, ATOL);
        }
    }

    @Test
    void lModelBackwardMatchesNumpy() {
        CompanionGolden.Case g = CompanionGolden.get("c1w4_L_model_backward");
        List<Cache> caches = List.of(
                new Cache(new LinearCache(g.tensor("A1"), g.tensor("W1"), g.tensor("b1")), g.tensor("Z1")),
                new Cache(new LinearCache(g.tensor("A2"), g.tensor("W2"), g.tensor("b2")), g.tensor("Z2")));
        Map<String, Tensor> grads = DeepNetStepByStepCompanion.lModelBackward(g.tensor("AL"), g.tensor("Y"), caches);
        for (String k : List.of("dA0", "dA1", "dW1", "db1", "dW2", "db2")) {
            g.check(k, grads.get(k), RTOL, ATOL);
        }
    }

    @Test
    void lModelBackwardEqualsAutograd() {
        RandomState rng = new RandomState(5);
        Tensor X = rng.randn(4, 9);
        Tensor Y = rng.rand(1, 9).gt(0.5);
        Map<String, Tensor> p = DeepNetStepByStepCompanion.initializeParametersDeep(rng, 4, 6, 3, 1);
        p.replaceAll((k, t) -> t.add(rng.randn(t.shape().dims()).mul(0.7)));
        ModelForward f = DeepNetStepByStepCompanion.lModelForward(X, p);
        Map<String, Tensor> byHand = DeepNetStepByStepCompanion.lModelBackward(f.AL(), Y, f.caches());
        AutogradOracle.check(p, byHand, leaves -> BinaryCrossEntropy.ofProbabilities(
                DeepNetStepByStepCompanion.lModelForward(X, leaves).AL().reshape(-1), Y.reshape(-1)), 1e-12);
    }

    @Test
    void updateParametersMatchesNumpy() {
        CompanionGolden.Case g = CompanionGolden.get("c1w4_update_parameters");
        Map<String, Tensor> out = DeepNetStepByStepCompanion.updateParameters(g.tensors("W1", "b1", "W2", "b2"),
                g.tensors("dW1", "db1", "dW2", "db2"), 0.1);
        out.forEach((k, t) -> g.check(k + "_new", t, 1e-15, 0));
    }

    @Test
    void activationForwardCachesWhatTheBackwardNeeds() {
        Tensor A = Tensor.of(new double[] {1, -2, 3, 4, 5, -6}, 3, 2);
        ActivationForward f = DeepNetStepByStepCompanion.linearActivationForward(A, Tensor.of(new double[] {1, 1, 1}, 1, 3),
                Tensor.of(new double[] {-1}, 1, 1), "relu");
        Tolerance.check("relu", new double[] {8, 0}, f.A().toDoubleArray(), 0, 0);
        org.junit.jupiter.api.Assertions.assertSame(A, f.cache().linear().A());
    }
}
