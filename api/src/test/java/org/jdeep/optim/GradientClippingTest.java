package org.jdeep.optim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.Map;
import org.jdeep.MemoryScope;
import org.jdeep.Tensor;
import org.junit.jupiter.api.Test;

/** Gradient clipping by value (the course's np.clip) and by global norm. */
class GradientClippingTest {

    private static Map<String, Tensor> grads() {
        Map<String, Tensor> g = new LinkedHashMap<>();
        g.put("w", Tensor.of(new double[] {3, -4, 0.5}, 3)); // sum of squares 25.25
        g.put("b", Tensor.of(new double[] {-12}, 1));        // 144, so the global norm is sqrt(169.25)
        return g;
    }

    @Test
    void byValueLimitsEachElement() {
        try (MemoryScope scope = MemoryScope.open()) {
            Map<String, Tensor> out = GradientClipping.byValue(1).apply(grads());
            assertArrayEquals(new double[] {1, -1, 0.5}, out.get("w").toDoubleArray());
            assertArrayEquals(new double[] {-1}, out.get("b").toDoubleArray());
        }
    }

    @Test
    void byGlobalNormScalesEveryGradientByMaxNormOverNorm() {
        try (MemoryScope scope = MemoryScope.open()) {
            Map<String, Tensor> in = grads();
            double norm = Math.sqrt(169.25);
            assertEquals(norm, GradientClipping.globalNorm(in), 1e-15);
            Map<String, Tensor> out = GradientClipping.byGlobalNorm(6.5).apply(in);
            double k = 6.5 / norm;
            assertArrayEquals(new double[] {3 * k, -4 * k, 0.5 * k}, out.get("w").toDoubleArray(), 1e-15);
            assertArrayEquals(new double[] {-12 * k}, out.get("b").toDoubleArray(), 1e-15);
            assertEquals(6.5, GradientClipping.globalNorm(out), 1e-12, "the clipped norm is maxNorm");
        }
    }

    @Test
    void gradientsWithinTheLimitAreReturnedUnchanged() {
        try (MemoryScope scope = MemoryScope.open()) {
            Map<String, Tensor> in = grads();
            assertSame(in, GradientClipping.byGlobalNorm(13.01).apply(in));
            assertSame(in, GradientClipping.none().apply(in));
        }
    }

    @Test
    void limitsMustBePositiveAndFinite() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> GradientClipping.byValue(0));
        assertTrue(e.getMessage().contains("clipValue > 0, got 0.0"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> GradientClipping.byGlobalNorm(-1));
        assertTrue(e.getMessage().contains("maxNorm > 0, got -1.0"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> GradientClipping.byGlobalNorm(Double.NaN));
        assertThrows(IllegalArgumentException.class, () -> GradientClipping.byValue(Double.POSITIVE_INFINITY));
        assertEquals(new GradientClipping.ByValue(5), GradientClipping.byValue(5));
    }
}
