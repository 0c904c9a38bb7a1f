package org.jdeep;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.jdeep.testproviders.CountingProvider;
import org.jdeep.types.DType;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Memory is released deterministically by close() and MemoryScope, counted on a delegating test backend. */
class MemoryScopeTest {
    private Backends.Scope backend;

    @BeforeEach
    void onCountingBackend() {
        backend = Backends.using("counting");
    }

    @AfterEach
    void restore() {
        backend.close();
    }

    @Test
    void closingATensorReleasesItsBuffer() {
        int before = CountingProvider.live();
        Tensor t = Tensor.zeros(DType.FLOAT32, 3, 4);
        assertEquals(before + 1, CountingProvider.live());
        t.close();
        t.close();
        assertEquals(before, CountingProvider.live());
    }

    @Test
    void aViewKeepsTheBufferAliveUntilItIsClosedToo() {
        int before = CountingProvider.live();
        Tensor t = Tensor.of(new float[] {1, 2, 3, 4, 5, 6}, 2, 3);
        Tensor view = t.transpose();
        t.close();
        assertEquals(before + 1, CountingProvider.live());
        assertArrayEquals(new float[] {1, 4, 2, 5, 3, 6}, view.toFloatArray());
        view.close();
        assertEquals(before, CountingProvider.live());
    }

    @Test
    void aScopeFreesEverythingMadeInsideExceptWhatItKeeps() {
        int before = CountingProvider.live();
        Tensor kept;
        Tensor dropped;
        try (MemoryScope scope = MemoryScope.open()) {
            Tensor x = Tensor.of(new double[] {1, -2, 3}, 3);
            dropped = x.relu().exp();
            kept = dropped.sum();
            scope.keep(kept);
        }
        assertTrue(dropped.isClosed());
        assertFalse(kept.isClosed());
        assertEquals(Math.exp(1) + 1 + Math.exp(3), kept.item(), 1e-12);
        assertEquals(before + 1, CountingProvider.live());
        kept.close();
        assertEquals(before, CountingProvider.live());
    }

    @Test
    void memoryStaysFlatAcrossManyTrainingLikeSteps() {
        Tensor w = Tensor.of(new float[] {0.1f, -0.2f, 0.3f, 0.4f, 0.5f, -0.6f}, 3, 2);
        Tensor x = Tensor.of(new float[] {1, 2, 3, 4, 5, 6, 7, 8, 9}, 3, 3);
        int before = CountingProvider.live();
        for (int step = 0; step < 200; step++) {
            Tensor next = MemoryScope.run(() -> {
                Tensor z = x.matmul(w).softmax(1);
                Tensor grad = x.transpose().matmul(z).mul(0.01);
                return w.sub(grad.mean(0, true));
            });
            assertEquals(before + 1, CountingProvider.live(), "step " + step);
            next.close();
        }
        assertEquals(before, CountingProvider.live());
    }

    @Test
    void keptTensorsMoveToTheEnclosingScope() {
        Tensor inner;
        try (MemoryScope outer = MemoryScope.open()) {
            try (MemoryScope scope = MemoryScope.open()) {
                inner = Tensor.ones(DType.INT32, 2);
                scope.keep(inner);
            }
            assertFalse(inner.isClosed());
            assertEquals(1, outer.size());
        }
        assertTrue(inner.isClosed());
    }

    @Test
    void usingAClosedTensorIsAnError() {
        Tensor t = Tensor.ones(DType.FLOAT64, 2);
        t.close();
        IllegalStateException e = assertThrows(IllegalStateException.class, t::exp);
        assertEquals("tensor (2,) FLOAT64 is closed", e.getMessage());
    }

    @Test
    void scopesMustCloseInReverseOrder() {
        MemoryScope outer = MemoryScope.open();
        MemoryScope inner = MemoryScope.open();
        assertThrows(IllegalStateException.class, outer::close);
        inner.close();
        outer.close();
    }
}
