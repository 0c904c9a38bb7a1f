package org.jdeep.models.docs;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.Map;
import org.jdeep.MemoryScope;
import org.jdeep.Tensor;
import org.jdeep.data.Dataset;
import org.jdeep.loss.BinaryCrossEntropy;
import org.jdeep.models.c1w3.PlanarData;
import org.jdeep.models.companion.DeepNetStepByStepCompanion;
import org.jdeep.models.companion.LogisticRegressionCompanion;
import org.jdeep.models.companion.NumpyBasicsCompanion;
import org.jdeep.models.companion.PlanarCompanion;
import org.jdeep.random.RandomState;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The snippets of docs/tutorial-course1.md, with the values the tutorial says they print. */
class TutorialCourse1Test {
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
    void week2() {
        RandomState rng = new RandomState(1);
        Tensor x = rng.randn(2, 3);
        assertEquals(1.6243453636632417, x.toDoubleArray()[0], 1e-15);
        Tensor s = NumpyBasicsCompanion.sigmoid(Tensor.of(new double[] {1, 2, 3}, 3));
        assertEquals("[0.73105858 0.88079708 0.95257413]", s.toString());
        assertEquals("[0.19661193 0.10499359 0.04517666]",
                NumpyBasicsCompanion.sigmoidDerivative(Tensor.of(new double[] {1, 2, 3}, 3)).toString());

        Tensor w = Tensor.of(new double[] {1, 2}, 2, 1);
        Tensor X = Tensor.of(new double[] {1, -2, -1, 3, 0.5, -3.2}, 2, 3);
        Tensor Y = Tensor.of(new double[] {1, 1, 0}, 1, 3);
        LogisticRegressionCompanion.Propagation p = LogisticRegressionCompanion.propagate(w, 1.5, X, Y);
        assertEquals("[[ 0.25071532]\n [-0.06604096]]", p.dw().toString());
        assertEquals(-0.1250040450043965, p.db(), 1e-15);
        assertEquals(0.15900537707692405, p.cost(), 1e-15);
        LogisticRegressionCompanion.Optimization o = LogisticRegressionCompanion.optimize(w, 1.5, X, Y, 100, 0.009,
                false);
        assertEquals("[[0.80956046]\n [2.0508202 ]]", o.w().toString());
        assertEquals(3, LogisticRegressionCompanion.predict(o.w(), o.b(), X).size());
    }

    @Test
    void week3() {
        Dataset flower = PlanarData.flower(1);
        Tensor Xf = flower.x().transpose();
        Tensor Yf = flower.y().transpose();
        PlanarCompanion.NnModel nn = PlanarCompanion.nnModel(Xf, Yf, 4, 2001, false);
        assertEquals(0.693162, nn.costs().get(0), 5e-7);
        assertEquals(0.258625, nn.costs().get(1), 5e-7);
        Tensor predictions = PlanarCompanion.predict(nn.parameters(), Xf);
        assertEquals(0.9, predictions.eq(Yf).mean().item(), 0.01);
    }

    @Test
    void week4() {
        Map<String, Tensor> params = DeepNetStepByStepCompanion.initializeParametersDeep(5, 4, 3, 1);
        assertArrayEquals(new int[] {4, 5}, params.get("W1").shape().dims());
        Tensor X5 = new RandomState(6).randn(5, 4);
        DeepNetStepByStepCompanion.ModelForward f = DeepNetStepByStepCompanion.lModelForward(X5, params);
        Tensor Y4 = Tensor.of(new double[] {1, 0, 1, 0}, 1, 4);
        double cost = DeepNetStepByStepCompanion.computeCost(f.AL(), Y4);
        assertEquals(Math.log(2), cost, 1e-4);
        Map<String, Tensor> grads = DeepNetStepByStepCompanion.lModelBackward(f.AL(), Y4, f.caches());
        DeepNetStepByStepCompanion.updateParameters(params, grads, 0.0075);
        Map<String, Tensor> leaves = new LinkedHashMap<>();
        params.forEach((k, t) -> leaves.put(k, t.requiresGrad()));
        Tensor AL = DeepNetStepByStepCompanion.lModelForward(X5, leaves).AL();
        BinaryCrossEntropy.ofProbabilities(AL.reshape(-1), Y4.reshape(-1)).backward();
        assertArrayEquals(grads.get("dW1").toDoubleArray(), leaves.get("W1").grad().toDoubleArray(), 1e-15);
        assertTrue(grads.containsKey("dA0"));
    }
}
