package org.jdeep.autograd;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import org.jdeep.MemoryScope;
import org.jdeep.Tensor;
import org.junit.jupiter.api.Test;

/**
 * The recorded graph lives as long as the result that needs it: closing intermediates, by hand or with a
 * {@link MemoryScope}, must not break a later {@link Tensor#backward()} on a result that was kept.
 */
class GraphLifetimeTest {

    @Test
    void backwardAfterClosingIntermediatesByHand() {
        // d/dx sum(x * e^x) = e^x (1 + x): at [1, 2] that is [2e, 3e^2]
        Tensor x = Tensor.of(new double[] {1, 2}, 2).requiresGrad();
        Tensor loss;
        try (Tensor e = x.exp(); Tensor p = e.mul(x)) {
            loss = p.sum();
        }
        loss.backward();
        assertArrayEquals(new double[] {2 * Math.E, 3 * Math.exp(2)}, x.grad().toDoubleArray(), 1e-12);
    }

    @Test
    void backwardOnALossKeptFromAMemoryScope() {
        Tensor x = Tensor.of(new double[] {1, 2}, 2).requiresGrad();
        Tensor loss = MemoryScope.run(() -> x.exp().mul(x).sum());
        loss.backward();
        assertArrayEquals(new double[] {2 * Math.E, 3 * Math.exp(2)}, x.grad().toDoubleArray(), 1e-12);
    }
}
