package org.jdeep.models.companion;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jdeep.MemoryScope;
import org.jdeep.Tensor;
import org.jdeep.autograd.GradientCheck;
import org.jdeep.loss.BinaryCrossEntropy;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class GradientCheckingCompanionTest {
    private static final String[] PARAMS = {"W1", "b1", "W2", "b2", "W3", "b3"};
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
    void oneDimensionalCheckMatchesTheNotebook() {
        CourseReference.Case c = CourseReference.get("c2w1_gradient_check_1d");
        c.check("difference", GradientCheckingCompanion.gradientCheck(c.inNumber("x"), c.inNumber("theta"),
                c.param("epsilon"), false));
        CourseReference.Case b = CourseReference.get("c2w1_gc_backward_propagation");
        b.check("dtheta", GradientCheckingCompanion.backwardPropagation(b.inNumber("x"), b.inNumber("theta")));
        assertEquals(12.0, GradientCheckingCompanion.forwardPropagation(3, 4));
    }

    @Test
    void gradientCheckNPassesTheCorrectBackwardAndCatchesThePlantedBugs() {
        CompanionGolden.Case g = CompanionGolden.get("c2w1_gradient_check_n");
        Tensor X = g.tensor("X");
        Tensor Y = g.tensor("Y");
        Map<String, Tensor> p = g.tensors(PARAMS);
        GradientCheckingCompanion.ForwardN f = GradientCheckingCompanion.forwardPropagationN(X, Y, p);
        g.check("cost", f.cost(), 1e-14, 0);
        Map<String, Tensor> good = GradientCheckingCompanion.backwardPropagationN(X, Y, f);
        for (String k : PARAMS) {
            g.check("d" + k, good.get("d" + k), 1e-12, 1e-15);
        }
        double difference = GradientCheckingCompanion.gradientCheckN(p, good, X, Y);
        // a rounding-error quantity (two-sided differences of a cost near 1 divided by 2e-7): numpy gives
        // 1.1890913e-07 and the notebook's own test accepts anything within 1e-8 of it
        assertEquals(g.number("difference"), difference, 1e-8);
        assertTrue(difference < GradientCheckingCompanion.THRESHOLD, "the correct backward passes: " + difference);
        double buggy = GradientCheckingCompanion.gradientCheckN(p,
                GradientCheckingCompanion.backwardPropagationNWithBugs(X, Y, f), X, Y);
        g.check("difference_with_bugs", buggy, 1e-6, 0);
        assertEquals(0.2850931567761623, buggy, 1e-6, "the notebook's printed difference with the planted bugs");
    }

    @Test
    void correctBackwardEqualsAutogradAndPassesTheApisCheck() {
        CompanionGolden.Case g = CompanionGolden.get("c2w1_gradient_check_n");
        Tensor X = g.tensor("X");
        Tensor Y = g.tensor("Y");
        Map<String, Tensor> p = g.tensors(PARAMS);
        GradientCheckingCompanion.ForwardN f = GradientCheckingCompanion.forwardPropagationN(X, Y, p);
        Map<String, Tensor> good = GradientCheckingCompanion.backwardPropagationN(X, Y, f);
        AutogradOracle.check(p, good, leaves -> BinaryCrossEntropy.ofProbabilities(
                NotebookUtils.forwardPropagation(X, leaves).AL().reshape(-1), Y.reshape(-1)), 1e-12);
        Map<String, Tensor> leaves = new LinkedHashMap<>();
        p.forEach((k, t) -> leaves.put(k, t.requiresGrad()));
        GradientCheck.Result r = GradientCheck.checkCourse(leaves, () -> BinaryCrossEntropy.ofProbabilities(
                NotebookUtils.forwardPropagation(X, leaves).AL().reshape(-1), Y.reshape(-1)));
        assertTrue(r.passed(), r.toString());
        leaves.values().forEach(Tensor::close);
    }

    @Test
    void vectorsRoundTrip() {
        CompanionGolden.Case g = CompanionGolden.get("c2w1_gradient_check_n");
        Map<String, Tensor> p = g.tensors(PARAMS);
        GradientCheckingCompanion.Vector v = GradientCheckingCompanion.dictionaryToVector(p);
        assertEquals(47, v.theta().shape().dim(0));
        assertEquals(List.of("W1", "b1", "W2"), List.of(v.keys().get(0), v.keys().get(20), v.keys().get(25)));
        Map<String, Tensor> back = GradientCheckingCompanion.vectorToDictionary(v.theta(), p);
        back.forEach((k, t) -> Tolerance.check(k, p.get(k).toDoubleArray(), t.toDoubleArray(), 0, 0));
    }
}
