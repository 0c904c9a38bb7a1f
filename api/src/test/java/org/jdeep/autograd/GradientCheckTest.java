package org.jdeep.autograd;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.Map;
import org.jdeep.Tensor;
import org.jdeep.types.DType;
import org.junit.jupiter.api.Test;

/** GradientCheck reproduces the course's numbers, passes correct gradients and catches wrong ones. */
class GradientCheckTest {

    @Test
    void oneDimensionalCheckGivesTheNotebooksDifference() {
        // Course 2, week 1, Gradient Checking notebook: J = theta * x with x = 2, theta = 4
        // -> "The gradient is correct! difference = 2.919335883291695e-10"
        Tensor theta = Tensor.scalar(4.0).requiresGrad();
        GradientCheck.Result r = GradientCheck.COURSE.check(Map.of("theta", theta), () -> theta.mul(2.0));
        assertEquals(2.919335883291695e-10, r.difference(), 0.0);
        assertTrue(r.passed(), r.toString());
        assertEquals(2.0, r.worst().analytic(), 0.0);
        assertEquals(4.0, theta.item(), 0.0);
    }

    @Test
    void aDetachInTheWrongPlaceIsCaught() {
        // y = x * x, written with one factor detached: the forward value is right, the gradient is x instead of 2x.
        // ||x - 2x|| / (||x|| + ||2x||) = 1/3 whatever x is.
        Tensor x = Tensor.of(new double[] {1.0, -2.0, 3.0}, 3).requiresGrad();
        GradientCheck.Result r = GradientCheck.COURSE.check(Map.of("x", x), () -> x.mul(x.detach()).sum());
        assertFalse(r.passed(), r.toString());
        assertEquals(1.0 / 3, r.difference(), 1e-8);
        assertEquals("x", r.worst().parameter());
        assertArrayEquals(new int[] {2}, r.worst().index());
        assertEquals(3.0, r.worst().analytic(), 0.0);
        assertEquals(6.0, r.worst().numeric(), 1e-6);
        assertTrue(r.toString().startsWith("There is a mistake in the backward propagation!"), r.toString());
        assertTrue(r.toString().contains("x[2]: analytic 3.0"), r.toString());
    }

    @Test
    void theWorstParameterIsNamedAmongSeveral() {
        Tensor w = Tensor.of(new double[] {0.5, -1.5, 2.0, 1.0}, 2, 2).requiresGrad();
        Tensor b = Tensor.of(new double[] {0.25, -0.75}, 2).requiresGrad();
        Map<String, Tensor> params = new LinkedHashMap<>();
        params.put("W", w);
        params.put("b", b);
        // correct for W, wrong for b: b enters as b * stop(b) instead of b^2
        GradientCheck.Result r = GradientCheck.COURSE.check(params,
                () -> w.square().sum().add(b.mul(b.detach()).sum()));
        assertFalse(r.passed());
        assertEquals("b", r.worst().parameter());
        assertEquals(0.0, r.perParameter().get("W"), 1e-8);
        assertEquals(1.0 / 3, r.perParameter().get("b"), 1e-8);
    }

    @Test
    void parametersAreRestoredExactlyAndHoldTheAnalyticGradient() {
        double[] start = {0.1, 0.2, 0.30000000000000004};
        Tensor x = Tensor.of(start.clone(), 3).requiresGrad();
        GradientCheck.COURSE.check(Map.of("x", x), () -> x.exp().sum());
        assertArrayEquals(start, x.toDoubleArray(), 0.0);
        assertArrayEquals(new double[] {Math.exp(0.1), Math.exp(0.2), Math.exp(0.30000000000000004)},
                x.grad().toDoubleArray(), 1e-15);
    }

    @Test
    void parametersAreRestoredWhenTheCostThrows() {
        Tensor x = Tensor.of(new double[] {1, 2}, 2).requiresGrad();
        int[] calls = {0};
        assertThrows(IllegalStateException.class, () -> GradientCheck.COURSE.check(Map.of("x", x), () -> {
            if (++calls[0] == 3) {
                throw new IllegalStateException("planted failure");
            }
            return x.sum();
        }));
        assertArrayEquals(new double[] {1, 2}, x.toDoubleArray(), 0.0);
    }

    @Test
    void aParameterTheCostIgnoresHasZeroGradientAndPasses() {
        Tensor used = Tensor.of(new double[] {1, 2}, 2).requiresGrad();
        Tensor unused = Tensor.of(new double[] {3}, 1).requiresGrad();
        Map<String, Tensor> params = new LinkedHashMap<>();
        params.put("used", used);
        params.put("unused", unused);
        GradientCheck.Result r = GradientCheck.COURSE.check(params, () -> used.square().sum());
        assertTrue(r.passed(), r.toString());
        assertEquals(0.0, r.perParameter().get("unused"), 0.0);
    }

    @Test
    void misuseIsReportedClearly() {
        Tensor f32 = Tensor.of(new float[] {1}, 1).requiresGrad();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> GradientCheck.COURSE.check(Map.of("w", f32), f32::sum));
        assertTrue(e.getMessage().contains("'w' is FLOAT32"), e.getMessage());

        Tensor plain = Tensor.of(new double[] {1}, 1);
        e = assertThrows(IllegalArgumentException.class,
                () -> GradientCheck.COURSE.check(Map.of("w", plain), plain::sum));
        assertTrue(e.getMessage().contains("does not track gradients"), e.getMessage());

        Tensor x = Tensor.of(new double[] {1, 2}, 2).requiresGrad();
        e = assertThrows(IllegalArgumentException.class, () -> GradientCheck.COURSE.check(Map.of("x", x), () -> x));
        assertTrue(e.getMessage().contains("one FLOAT32 or FLOAT64 element, got (2,)"), e.getMessage());

        e = assertThrows(IllegalArgumentException.class,
                () -> GradientCheck.COURSE.check(Map.of("x", x), () -> x.detach().sum()));
        assertTrue(e.getMessage().contains("does not depend on any parameter"), e.getMessage());

        assertThrows(IllegalArgumentException.class, () -> new GradientCheck(0, 1e-7));
        assertThrows(IllegalArgumentException.class, () -> new GradientCheck(1e-7, Double.NaN));
        assertThrows(IllegalArgumentException.class, () -> GradientCheck.COURSE.check(Map.of(), () -> x.sum()));
    }

    @Test
    void float64IsEnforcedSoFloat32NeedsAConversion() {
        Tensor w = Tensor.of(new float[] {1.5f}, 1).to(DType.FLOAT64).requiresGrad();
        assertTrue(GradientCheck.checkCourse(Map.of("w", w), () -> w.square().sum()).passed());
    }
}
