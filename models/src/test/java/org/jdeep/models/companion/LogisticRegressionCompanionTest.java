package org.jdeep.models.companion;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.jdeep.MemoryScope;
import org.jdeep.Tensor;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class LogisticRegressionCompanionTest {
    private MemoryScope scope;

    @BeforeEach
    void open() {
        scope = MemoryScope.open();
    }

    @AfterEach
    void close() {
        scope.close();
    }

    @ParameterizedTest
    @ValueSource(strings = {"c1w2_initialize_with_zeros_2", "c1w2_initialize_with_zeros_4"})
    void initializeWithZeros(String id) {
        CourseReference.Case c = CourseReference.get(id);
        LogisticRegressionCompanion.Zeros z = LogisticRegressionCompanion.initializeWithZeros((int) c.inNumber("dim"));
        c.check("w", z.w());
        c.check("b", z.b());
    }

    @ParameterizedTest
    @ValueSource(strings = {"c1w2_propagate_nb", "c1w2_propagate_public"})
    void propagateMatchesTheNotebookAndTheLectureFormulas(String id) {
        CourseReference.Case c = CourseReference.get(id);
        Tensor w = c.in("w");
        Tensor X = c.in("X");
        Tensor Y = c.in("Y");
        double b = c.inNumber("b");
        LogisticRegressionCompanion.Propagation p = LogisticRegressionCompanion.propagate(w, b, X, Y);
        c.check("dw", p.dw());
        c.check("db", p.db());
        c.check("cost", p.cost());
        // autograd's gradients are the lecture's dw = (1/m) X (A - Y)^T and db = (1/m) sum(A - Y)
        int m = X.shape().dim(1);
        Tensor dz = w.transpose().matmul(X).add(b).sigmoid().sub(Y);
        Tolerance.check(id + " dw formula", X.matmul(dz.transpose()).mul(1.0 / m).toDoubleArray(),
                p.dw().toDoubleArray(), 1e-14, 1e-16);
        Tolerance.check(id + " db formula", new double[] {dz.sum().item() / m}, new double[] {p.db()}, 1e-14, 1e-16);
    }

    @ParameterizedTest
    @ValueSource(strings = {"c1w2_optimize_nb", "c1w2_optimize_public"})
    void optimizeMatchesTheNotebook(String id) {
        CourseReference.Case c = CourseReference.get(id);
        Tensor w = c.in("w");
        double[] before = w.toDoubleArray();
        LogisticRegressionCompanion.Optimization o = LogisticRegressionCompanion.optimize(w, c.inNumber("b"), c.in("X"),
                c.in("Y"), (int) c.param("num_iterations"), c.param("learning_rate"), false);
        c.check("w", o.w());
        c.check("b", o.b());
        c.check("dw", o.dw());
        c.check("db", o.db());
        c.check("costs", o.costs());
        assertArrayEquals(before, w.toDoubleArray(), "optimize works on a copy of w");
    }

    @Test
    void predictMatchesTheNotebook() {
        CourseReference.Case c = CourseReference.get("c1w2_predict_nb");
        c.check("Y_prediction", LogisticRegressionCompanion.predict(c.in("w"), c.inNumber("b"), c.in("X")));
    }

    @Test
    void modelMatchesNumpy() {
        CompanionGolden.Case g = CompanionGolden.get("c1w2_model");
        LogisticRegressionCompanion.Model m = LogisticRegressionCompanion.model(g.tensor("X"), g.tensor("Y"),
                g.tensor("Xt"), g.tensor("Yt"), 300, 0.05, false);
        g.check("costs", m.costs(), 1e-12, 0);
        g.check("w", m.w(), 1e-11, 1e-15);
        g.check("b", m.b(), 1e-11, 1e-15);
        g.check("pred_train", m.yPredictionTrain(), 0, 0);
        g.check("pred_test", m.yPredictionTest(), 0, 0);
        assertEquals(g.number("train_acc"), m.trainAccuracy(), 1e-12);
        assertEquals(g.number("test_acc"), m.testAccuracy(), 1e-12);
    }
}
