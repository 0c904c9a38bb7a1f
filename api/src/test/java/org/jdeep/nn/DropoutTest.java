package org.jdeep.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.jdeep.Tensor;
import org.jdeep.nn.init.Layout;
import org.jdeep.random.RandomState;
import org.jdeep.types.DType;
import org.junit.jupiter.api.Test;

/** Inverted dropout (Course 2, week 1, 1.6-1.7): the course's masks, scaling by 1/keepProb, repeatable runs. */
class DropoutTest {

    private static Tensor ones(int rows, int cols) {
        return Tensor.ones(DType.FLOAT64, rows, cols);
    }

    @Test
    void courseLayoutDropsTheNotebooksUnits() {
        // np.random.seed(1); D = np.random.rand(2, 5) < 0.7   (A1 is (features=2, batch=5) in the course)
        //   rand: [[0.417, 0.720, 0.000114, 0.302, 0.147], [0.0923, 0.186, 0.346, 0.397, 0.539]]
        //   D   : [[1, 0, 1, 1, 1], [1, 1, 1, 1, 1]]
        // jdeep's activations are (batch=5, features=2), so the mask is D.T, and kept units become 1 / 0.7.
        Dropout d = new Dropout(0.7, new RandomState(1), Layout.COURSE);
        double k = 1 / 0.7;
        assertArrayEquals(new double[] {k, k, 0, k, k, k, k, k, k, k}, d.forward(ones(5, 2)).toDoubleArray(), 0.0);
    }

    @Test
    void asShapeDrawsTheMaskInTheInputsOwnOrder() {
        // np.random.seed(1); np.random.rand(2, 5) < 0.7 read row-major as (2, 5): only element [0, 1] (0.720) drops
        Dropout d = new Dropout(0.7, new RandomState(1));
        double k = 1 / 0.7;
        assertArrayEquals(new double[] {k, 0, k, k, k, k, k, k, k, k}, d.forward(ones(2, 5)).toDoubleArray(), 0.0);
    }

    @Test
    void keptValuesAreDividedByKeepProbAndTheMeanIsPreserved() {
        RandomState rng = new RandomState(0);
        Tensor x = rng.uniform(1, 2, 200, 50);
        double[] in = x.toDoubleArray();
        double[] out = new Dropout(0.8, new RandomState(4)).forward(x).toDoubleArray();
        int kept = 0;
        double sumIn = 0;
        double sumOut = 0;
        for (int i = 0; i < in.length; i++) {
            if (out[i] != 0) {
                kept++;
                assertEquals(in[i] / 0.8, out[i], 0.0); // a * 1 / keep_prob, in the course's order
            }
            sumIn += in[i];
            sumOut += out[i];
        }
        assertEquals(0.8, kept / (double) in.length, 0.01);
        assertEquals(1.0, sumOut / sumIn, 0.01);
    }

    @Test
    void theSameSeedGivesTheSameMasksAndTheStreamAdvances() {
        Tensor x = ones(4, 6);
        Dropout a = new Dropout(0.5, new RandomState(42));
        Dropout b = new Dropout(0.5, new RandomState(42));
        double[] first = a.forward(x).toDoubleArray();
        assertArrayEquals(first, b.forward(x).toDoubleArray(), 0.0);
        double[] second = a.forward(x).toDoubleArray();
        assertArrayEquals(second, b.forward(x).toDoubleArray(), 0.0);
        assertTrue(!java.util.Arrays.equals(first, second), "a new mask on each call");
    }

    @Test
    void evalModeIsTheIdentityAndDrawsNothing() {
        RandomState rng = new RandomState(3);
        Dropout d = new Dropout(0.5, rng);
        d.eval();
        Tensor x = ones(2, 2);
        assertSame(x, d.forward(x));
        assertEquals(new RandomState(3).nextDouble(), rng.nextDouble());
    }

    @Test
    void keepProbOneKeepsEverythingButStillDraws() {
        RandomState rng = new RandomState(3);
        Tensor x = Tensor.of(new double[] {1, -2, 3}, 3);
        assertArrayEquals(new double[] {1, -2, 3}, new Dropout(1.0, rng).forward(x).toDoubleArray(), 0.0);
        RandomState fresh = new RandomState(3);
        fresh.rand(3);
        assertEquals(fresh.nextDouble(), rng.nextDouble());
    }

    @Test
    void float32InputsStayFloat32() {
        Tensor x = Tensor.ones(DType.FLOAT32, 3, 2);
        assertEquals(DType.FLOAT32, new Dropout(0.5, new RandomState(0)).forward(x).dtype());
    }

    @Test
    void badSettingsAreRejected() {
        RandomState rng = new RandomState(0);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new Dropout(0, rng));
        assertTrue(e.getMessage().contains("keepProb must be in (0, 1], got 0.0"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new Dropout(1.5, rng));
        assertThrows(IllegalArgumentException.class, () -> new Dropout(0.5, null));
        Dropout course = new Dropout(0.5, rng, Layout.COURSE);
        e = assertThrows(IllegalArgumentException.class, () -> course.forward(Tensor.ones(DType.FLOAT64, 2, 2, 2)));
        assertTrue(e.getMessage().contains("(2, 2, 2)"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> new Dropout(0.5, rng).forward(Tensor.zeros(DType.INT32, 2)));
        assertTrue(e.getMessage().contains("INT32"), e.getMessage());
    }
}
