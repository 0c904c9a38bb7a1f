package org.jdeep.models.companion;

import org.jdeep.MemoryScope;
import org.jdeep.Tensor;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class NumpyBasicsCompanionTest {
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
    void sigmoidMatchesTheNotebook() {
        CourseReference.Case c = CourseReference.get("c1w2_sigmoid");
        c.check("s", NumpyBasicsCompanion.sigmoid(c.in("x")));
        CourseReference.Case lr = CourseReference.get("c1w2_lr_sigmoid");
        lr.check("s", LogisticRegressionCompanion.sigmoid(lr.in("z")));
        lr.check("s_scalar", NumpyBasicsCompanion.basicSigmoid(lr.inNumber("z_scalar")));
    }

    @Test
    void sigmoidDerivativeByAutogradMatchesTheNotebookAndTheFormula() {
        CourseReference.Case c = CourseReference.get("c1w2_sigmoid_derivative");
        Tensor ds = NumpyBasicsCompanion.sigmoidDerivative(c.in("x"));
        c.check("ds", ds);
        Tensor s = c.in("x").sigmoid();
        Tolerance.check("s(1-s)", s.mul(s.neg().add(1)).toDoubleArray(), ds.toDoubleArray(), 1e-15, 0);
    }

    @Test
    void softmaxOfRowsAndL1MatchTheNotebook() {
        CourseReference.Case c = CourseReference.get("c1w2_softmax_rows");
        c.check("s", NumpyBasicsCompanion.softmax(c.in("x")));
        CourseReference.Case l1 = CourseReference.get("c1w2_L1");
        l1.check("loss", NumpyBasicsCompanion.L1(l1.in("yhat"), l1.in("y")));
    }

    @Test
    void normalizeRowsImage2vectorAndL2MatchNumpy() {
        CompanionGolden.Case n = CompanionGolden.get("c1w2_normalize_rows");
        n.check("out", NumpyBasicsCompanion.normalizeRows(n.tensor("x")), 1e-15, 0);
        CompanionGolden.Case i = CompanionGolden.get("c1w2_image2vector");
        i.check("out", NumpyBasicsCompanion.image2vector(i.tensor("image")), 0, 0);
        CompanionGolden.Case l2 = CompanionGolden.get("c1w2_L2");
        l2.check("out", NumpyBasicsCompanion.L2(l2.tensor("yhat"), l2.tensor("y")), 1e-15, 0);
    }
}
