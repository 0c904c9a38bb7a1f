package org.jdeep.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jdeep.Tensor;
import org.jdeep.random.RandomState;
import org.jdeep.types.DType;
import org.junit.jupiter.api.Test;

/** Module: registration by name, dotted names, modes, state dictionaries and all-or-nothing loading. */
class ModuleTest {

    /** A user-defined module: a scale parameter, a step-count buffer and a child layer. */
    static final class Scaled extends Module {
        final Tensor scale;
        final Tensor steps;
        final Linear inner;

        Scaled(RandomState rng) {
            try (Tensor s = Tensor.of(new double[] {2.0}, 1); Tensor n = Tensor.zeros(DType.FLOAT64)) {
                scale = registerParameter("scale", s);
                steps = registerBuffer("steps", n);
            }
            inner = registerModule("inner", new Linear(2, 3, rng));
        }

        @Override
        public Tensor forward(Tensor input) {
            try (Tensor y = inner.forward(input)) {
                return y.mul(scale);
            }
        }
    }

    private static Sequential model() {
        RandomState rng = new RandomState(0);
        return new Sequential(new Scaled(rng), new BatchNorm(3), new ReLU(), new Dropout(0.5, rng));
    }

    @Test
    void parametersAreNamedWithDottedPrefixesInRegistrationOrder() {
        Sequential m = model();
        assertEquals(List.of("0.scale", "0.inner.weight", "0.inner.bias", "1.gamma", "1.beta"),
                List.copyOf(m.parameters().keySet()));
        assertEquals(List.of("0.steps", "1.running_mean", "1.running_var"), List.copyOf(m.buffers().keySet()));
        assertEquals(1 + 2 * 3 + 3 + 3 + 3, m.parameterCount());
        for (Tensor p : m.parameters().values()) {
            assertTrue(p.tracksGrad());
        }
        for (Tensor b : m.buffers().values()) {
            assertFalse(b.tracksGrad());
        }
    }

    @Test
    void stateDictHoldsEachModulesParametersThenBuffersThenChildren() {
        assertEquals(List.of("0.scale", "0.steps", "0.inner.weight", "0.inner.bias",
                        "1.gamma", "1.beta", "1.running_mean", "1.running_var"),
                List.copyOf(model().stateDict().keySet()));
    }

    @Test
    void trainAndEvalReachEveryDescendant() {
        Sequential m = model();
        assertTrue(m.isTraining());
        assertSame(m, m.eval());
        assertFalse(m.get(0).isTraining());
        assertFalse(((Scaled) m.get(0)).inner.isTraining());
        assertFalse(m.get(3).isTraining());
        m.train();
        assertTrue(((Scaled) m.get(0)).inner.isTraining());
    }

    @Test
    void aChildRegisteredLaterFollowsItsParentsMode() {
        Linear child = new Linear(1, 1, new RandomState(0));
        Module parent = new Module() {
            {
                eval();
                registerModule("late", child);
            }

            @Override
            public Tensor forward(Tensor input) {
                return input;
            }
        };
        assertFalse(parent.isTraining());
        assertFalse(child.isTraining());
    }

    @Test
    void loadStateDictCopiesValuesIntoTheLiveTensors() {
        Sequential source = model();
        Sequential target = model();
        Tensor liveGamma = target.parameters().get("1.gamma");
        try (Tensor g = Tensor.of(new double[] {1, 2, 3}, 3)) {
            source.parameters().get("1.gamma").assign(g);
        }
        target.loadStateDict(source.stateDict());
        assertArrayEquals(new double[] {1, 2, 3}, liveGamma.toDoubleArray(), 0.0);
        assertSame(liveGamma, target.parameters().get("1.gamma"));
        assertTrue(liveGamma.tracksGrad());
    }

    @Test
    void loadStateDictNamesEveryProblemAndWritesNothing() {
        Sequential m = model();
        double[] before = m.parameters().get("0.scale").toDoubleArray();
        Map<String, Tensor> state = new LinkedHashMap<>(m.stateDict());
        state.put("0.scale", Tensor.of(new double[] {9.0}, 1));            // valid, must not be written
        state.remove("1.beta");                                              // missing
        state.put("2.weight", Tensor.zeros(DType.FLOAT64, 2));               // unexpected
        state.put("0.inner.weight", Tensor.zeros(DType.FLOAT64, 3, 2));      // wrong shape
        state.put("1.running_var", Tensor.ones(DType.FLOAT32, 3));           // wrong dtype
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> m.loadStateDict(state));
        String msg = e.getMessage();
        assertTrue(msg.contains("nothing was loaded; 4 problems"), msg);
        assertTrue(msg.contains("missing '1.beta' shape (3,) FLOAT64"), msg);
        assertTrue(msg.contains("unexpected '2.weight' shape (2,) FLOAT64"), msg);
        assertTrue(msg.contains("'0.inner.weight' has shape (3, 2) FLOAT64, expected shape (2, 3) FLOAT64"), msg);
        assertTrue(msg.contains("'1.running_var' has shape (3,) FLOAT32, expected shape (3,) FLOAT64"), msg);
        assertArrayEquals(before, m.parameters().get("0.scale").toDoubleArray(), 0.0);
    }

    @Test
    void loadStateDictRejectsClosedAndNullValues() {
        Linear m = new Linear(2, 1, new RandomState(0));
        Tensor closed = Tensor.zeros(DType.FLOAT64, 2, 1);
        closed.close();
        Map<String, Tensor> state = new LinkedHashMap<>();
        state.put("weight", closed);
        state.put("bias", null);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> m.loadStateDict(state));
        assertTrue(e.getMessage().contains("'weight' is a closed tensor"), e.getMessage());
        assertTrue(e.getMessage().contains("'bias' is null"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> m.loadStateDict(null));
    }

    @Test
    void registrationRejectsBadNames() {
        assertThrows(IllegalArgumentException.class, () -> new Module() {
            {
                registerParameter("a.b", Tensor.zeros(DType.FLOAT64, 1));
            }

            @Override
            public Tensor forward(Tensor input) {
                return input;
            }
        });
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new Module() {
            {
                registerParameter("w", Tensor.zeros(DType.FLOAT64, 1));
                registerBuffer("w", Tensor.zeros(DType.FLOAT64, 1));
            }

            @Override
            public Tensor forward(Tensor input) {
                return input;
            }
        });
        assertTrue(e.getMessage().contains("'w' is already registered"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new Module() {
            {
                registerParameter("labels", Tensor.zeros(DType.INT32, 1));
            }

            @Override
            public Tensor forward(Tensor input) {
                return input;
            }
        });
        assertTrue(e.getMessage().contains("must be FLOAT32 or FLOAT64"), e.getMessage());
    }

    @Test
    void zeroGradResetsEveryParameter() {
        Linear m = new Linear(2, 1, new RandomState(0));
        try (Tensor x = Tensor.of(new double[] {1, 2}, 1, 2); Tensor y = m.forward(x); Tensor s = y.sum()) {
            s.backward();
        }
        assertArrayEquals(new double[] {1, 2}, m.weight().grad().toDoubleArray(), 0.0);
        m.zeroGrad();
        assertArrayEquals(new double[] {0, 0}, m.weight().grad().toDoubleArray(), 0.0);
        assertArrayEquals(new double[] {0}, m.bias().grad().toDoubleArray(), 0.0);
    }

    @Test
    void closeFreesParametersAndForwardThenFails() {
        Sequential m = model();
        Tensor w = m.parameters().get("0.inner.weight");
        m.close();
        assertTrue(w.isClosed());
        assertTrue(m.get(1).buffers().get("running_mean").isClosed());
        assertTrue(m.isClosed());
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> m.forward(Tensor.zeros(DType.FLOAT64, 1, 2)));
        assertEquals("Sequential is closed", e.getMessage());
        m.close(); // idempotent
    }

    @Test
    void aModuleBuiltInsideAMemoryScopeKeepsItsParameters() {
        Linear layer;
        try (org.jdeep.MemoryScope scope = org.jdeep.MemoryScope.open()) {
            layer = new Linear(2, 1, new RandomState(0));
        }
        Tensor x = Tensor.ones(DType.FLOAT64, 1, 2);
        assertArrayEquals(new int[] {1, 1}, layer.forward(x).shape().dims());
    }

    @Test
    void toStringShowsTheTree() {
        Sequential m = new Sequential(new Linear(3, 2, new RandomState(0)), new ReLU());
        assertEquals("Sequential(\n  (0): Linear(in=3, out=2, FLOAT64)\n  (1): ReLU()\n)", m.toString());
    }
}
