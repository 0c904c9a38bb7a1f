package org.jdeep.models.companion;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;
import org.jdeep.MemoryScope;
import org.jdeep.Tensor;

/**
 * The oracle for the companion's hand-written back-propagation: the same cost differentiated by jdeep's autograd.
 */
final class AutogradOracle {
    private AutogradOracle() {
    }

    /**
     * Asserts that {@code byHand} holds, for each parameter {@code P} of {@code parameters}, {@code dP} equal to the
     * gradient autograd finds for {@code cost} (a function of the parameters, given as leaves that track gradients),
     * within a relative tolerance of the largest gradient.
     */
    static void check(Map<String, Tensor> parameters, Map<String, Tensor> byHand,
                      Function<Map<String, Tensor>, Tensor> cost, double rtol) {
        Map<String, Tensor> leaves = new LinkedHashMap<>();
        parameters.forEach((k, t) -> leaves.put(k, t.requiresGrad()));
        try (MemoryScope scope = MemoryScope.open()) {
            cost.apply(leaves).backward();
        }
        double scale = 0;
        for (String k : parameters.keySet()) {
            for (double v : leaves.get(k).grad().toDoubleArray()) {
                scale = Math.max(scale, Math.abs(v));
            }
        }
        for (String k : parameters.keySet()) {
            Tensor hand = byHand.get("d" + k);
            if (hand == null) {
                throw new AssertionError("no d" + k + " among the hand-written gradients " + byHand.keySet());
            }
            Tolerance.check("d" + k + " by hand against autograd", leaves.get(k).grad().toDoubleArray(),
                    hand.toDoubleArray(), 0, rtol * scale);
        }
        leaves.values().forEach(Tensor::close);
    }
}
