package org.jdeep.models.companion;

import java.util.List;
import java.util.Map;
import org.jdeep.MemoryScope;
import org.jdeep.Tensor;
import org.jdeep.loss.BinaryCrossEntropy;
import org.jdeep.loss.L2Penalty;
import org.jdeep.models.companion.DeepNetStepByStepCompanion.ModelForward;
import org.jdeep.models.companion.RegularizationCompanion.DropoutForward;
import org.jdeep.nn.Dropout;
import org.jdeep.nn.init.Layout;
import org.jdeep.random.RandomState;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class RegularizationCompanionTest {
    private static final List<String> PARAMS = List.of("W1", "b1", "W2", "b2", "W3", "b3");
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
    void costWithRegularizationMatchesTheNotebook() {
        CompanionGolden.Case g = CompanionGolden.get("c2w1_compute_cost_with_regularization");
        double cost = RegularizationCompanion.computeCostWithRegularization(g.tensor("a3"), g.tensor("Y"),
                g.tensors(PARAMS.toArray(String[]::new)), 0.1);
        g.check("cost", cost, 1e-14, 0);
        org.junit.jupiter.api.Assertions.assertEquals(1.78648594516, cost, 1e-11, "the notebook's printed cost");
    }

    @Test
    void backwardWithRegularizationMatchesNumpyAndAutograd() {
        CompanionGolden.Case g = CompanionGolden.get("c2w1_backward_propagation_with_regularization");
        Tensor X = g.tensor("X");
        Tensor Y = g.tensor("Y");
        Map<String, Tensor> p = g.tensors(PARAMS.toArray(String[]::new));
        ModelForward f = NotebookUtils.forwardPropagation(X, p);
        Map<String, Tensor> grads = RegularizationCompanion.backwardPropagationWithRegularization(X, Y, f, 0.7);
        for (String k : PARAMS) {
            g.check("d" + k, grads.get("d" + k), 1e-12, 1e-15);
        }
        AutogradOracle.check(p, grads, leaves -> {
            Tensor a3 = NotebookUtils.forwardPropagation(X, leaves).AL();
            Tensor ce = BinaryCrossEntropy.ofProbabilities(a3.reshape(-1), Y.reshape(-1));
            return ce.add(new L2Penalty(0.7, 5).of(RegularizationCompanion.weights(leaves)));
        }, 1e-12);
    }

    @Test
    void dropoutMatchesTheNotebook() {
        CompanionGolden.Case g = CompanionGolden.get("c2w1_dropout");
        Tensor X = g.tensor("X");
        Map<String, Tensor> p = g.tensors(PARAMS.toArray(String[]::new));
        DropoutForward f = RegularizationCompanion.forwardPropagationWithDropout(X, p, 0.7);
        g.check("A3", f.A3(), 1e-12, 1e-15);
        g.check("D1", f.masks().get(0), 0, 0);
        g.check("D2", f.masks().get(1), 0, 0);
        org.junit.jupiter.api.Assertions.assertArrayEquals(
                new double[] {0.36974721, 0.00305176, 0.04565099, 0.49683389, 0.36974721}, f.A3().toDoubleArray(), 5e-9,
                "the notebook's printed A3");
        Map<String, Tensor> grads = RegularizationCompanion.backwardPropagationWithDropout(X, g.tensor("Y"), f, 0.7);
        for (String k : List.of("dA1", "dA2", "dW1", "db1", "dW2", "db2", "dW3", "db3")) {
            g.check(k, grads.get(k), 1e-12, 1e-15);
        }
    }

    @Test
    void dropoutMasksAreThoseOfTheDropoutLayerInTheCourseLayout() {
        // The layer sees (batch, features), the notebook (features, batch): with Layout.COURSE it draws the same
        // uniforms in the notebook's order, so one generator seeded 1 drops the same units.
        RandomState rng = new RandomState(1);
        Dropout layer = new Dropout(0.7, rng, Layout.COURSE);
        Tensor a = Tensor.ones(org.jdeep.types.DType.FLOAT64, 2, 5); // (features, batch), like A1
        Tensor kept = layer.forward(a.transpose()).transpose();
        Tensor expected = new RandomState(1).rand(2, 5).lt(0.7).div(0.7);
        Tolerance.check("Dropout layer mask", expected.toDoubleArray(), kept.toDoubleArray(), 0, 0);
        layer.close();
    }

    @Test
    void theThreeModelsTrainLikeNumpy() {
        CompanionGolden.Case data = CompanionGolden.get("c2w1_reg_data");
        Tensor X = data.tensor("X");
        Tensor Y = data.tensor("Y");
        Object[][] runs = {{"none", 0.0, 1.0}, {"l2", 0.7, 1.0}, {"dropout", 0.0, 0.86}};
        for (Object[] run : runs) {
            CompanionGolden.Case g = CompanionGolden.get("c2w1_reg_model_" + run[0] + "_1001");
            RegularizationCompanion.Training t = RegularizationCompanion.model(X, Y, 0.3, 1001, false, (double) run[1],
                    (double) run[2]);
            g.check("costs", t.costs(), 1e-9, 0);
            for (String k : PARAMS) {
                g.check(k, t.parameters().get(k), 1e-8, 1e-11);
            }
        }
    }
}
