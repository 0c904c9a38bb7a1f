package org.jdeep.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.jdeep.ShapeMismatchException;
import org.jdeep.Tensor;
import org.jdeep.loss.BinaryCrossEntropy;
import org.jdeep.nn.init.Initializer;
import org.jdeep.nn.init.Layout;
import org.jdeep.random.RandomState;
import org.jdeep.types.DType;
import org.junit.jupiter.api.Test;

/** Forward values of Linear, the activations, Softmax, Flatten and Sequential, and their shape errors. */
class LayersTest {

    @Test
    void linearReproducesTheCoursesLogisticRegressionPropagate() {
        // Course 1, week 2, Logistic Regression assignment, propagate():
        //   w = [[1.], [2.]], b = 2., X = [[1., 2., -1.], [3., 4., -3.2]], Y = [[1, 0, 1]]
        //   -> cost = 5.801545319394553, dw = [[0.99845601], [2.39507239]], db = 0.00145557813678
        // batch-first: x = X.T (3, 2), weight = w (2, 1)
        Linear layer = new Linear(2, 1, new RandomState(0));
        layer.loadStateDict(Map.of("weight", Tensor.of(new double[] {1, 2}, 2, 1), "bias", Tensor.of(new double[] {2}, 1)));
        Tensor x = Tensor.of(new double[] {1, 3, 2, 4, -1, -3.2}, 3, 2);
        Tensor y = Tensor.of(new double[] {1, 0, 1}, 3, 1);
        Tensor cost = BinaryCrossEntropy.ofProbabilities(new Sigmoid().forward(layer.forward(x)), y);
        cost.backward();
        assertEquals(5.801545319394553, cost.item(), 1e-14);
        assertArrayEquals(new double[] {0.9984560146379561, 2.395072388486207}, layer.weight().grad().toDoubleArray(), 1e-15);
        assertArrayEquals(new double[] {0.001455578136784208}, layer.bias().grad().toDoubleArray(), 1e-15);
    }

    @Test
    void linearWeightsStartFromTheInitializerAndTheBiasAtZero() {
        Linear layer = new Linear(2, 4, true, Initializer.he(Layout.COURSE), DType.FLOAT64, new RandomState(3));
        // the notebook's initialize_parameters_he([2, 4, 1]) W1, transposed (see InitializerTest)
        assertArrayEquals(new double[] {1.7886284734303186, 0.09649746807200862, -0.27738820251439905,
            -0.08274148148245977}, java.util.Arrays.copyOf(layer.weight().toDoubleArray(), 4), 0.0);
        assertArrayEquals(new double[] {0, 0, 0, 0}, layer.bias().toDoubleArray(), 0.0);
        assertEquals(DType.FLOAT32, new Linear(2, 3, true, Initializer.he(), DType.FLOAT32, new RandomState(0))
                .forward(Tensor.ones(DType.FLOAT32, 1, 2)).dtype());
    }

    @Test
    void linearNamesBothShapesOnAMismatch() {
        Linear layer = new Linear(3, 2, new RandomState(0));
        ShapeMismatchException e = assertThrows(ShapeMismatchException.class,
                () -> layer.forward(Tensor.zeros(DType.FLOAT64, 4, 5)));
        assertEquals("Linear(in=3, out=2, FLOAT64): expected input (batch, 3), got (4, 5) FLOAT64", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new Linear(0, 2, new RandomState(0)));
        Linear noBias = new Linear(3, 2, false, Initializer.zeros(), DType.FLOAT64, new RandomState(0));
        assertEquals(java.util.List.of("weight"), java.util.List.copyOf(noBias.parameters().keySet()));
    }

    @Test
    void activationsComputeTheCourseFormulas() {
        Tensor z = Tensor.of(new double[] {-2, 0, 3}, 1, 3);
        assertArrayEquals(new double[] {0, 0, 3}, new ReLU().forward(z).toDoubleArray(), 0.0);
        assertArrayEquals(new double[] {-0.02, 0, 3}, new LeakyReLU().forward(z).toDoubleArray(), 1e-17);
        assertArrayEquals(new double[] {-0.4, 0, 3}, new LeakyReLU(0.2).forward(z).toDoubleArray(), 1e-16);
        assertArrayEquals(new double[] {1 / (1 + Math.exp(2)), 0.5, 1 / (1 + Math.exp(-3))},
                new Sigmoid().forward(z).toDoubleArray(), 1e-16);
        assertArrayEquals(new double[] {Math.tanh(-2), 0, Math.tanh(3)}, new Tanh().forward(z).toDoubleArray(), 1e-16);
        assertThrows(IllegalArgumentException.class, () -> new LeakyReLU(Double.NaN));
    }

    @Test
    void softmaxRowsSumToOne() {
        // e^[1, 2, 3] / (e + e^2 + e^3) = [0.09003057, 0.24472847, 0.66524096]
        Tensor z = Tensor.of(new double[] {1, 2, 3, 0, 0, 0}, 2, 3);
        assertArrayEquals(new double[] {0.09003057317038046, 0.24472847105479764, 0.6652409557748219,
            1 / 3.0, 1 / 3.0, 1 / 3.0}, new Softmax().forward(z).toDoubleArray(), 1e-15);
        // over axis 0 each column sums to 1
        double[] cols = new Softmax(0).forward(z).toDoubleArray();
        assertEquals(1.0, cols[0] + cols[3], 1e-15);
    }

    @Test
    void flattenKeepsTheBatchAxis() {
        Tensor images = Tensor.arange(DType.FLOAT64, 0, 24, 1).reshape(2, 3, 2, 2);
        Tensor flat = new Flatten().forward(images);
        assertArrayEquals(new int[] {2, 12}, flat.shape().dims());
        assertArrayEquals(images.toDoubleArray(), flat.toDoubleArray(), 0.0);
        assertArrayEquals(new int[] {0, 6}, new Flatten().forward(Tensor.zeros(DType.FLOAT64, 0, 2, 3)).shape().dims());
        assertArrayEquals(new int[] {3, 1}, new Flatten().forward(Tensor.zeros(DType.FLOAT64, 3)).shape().dims());
        assertThrows(ShapeMismatchException.class, () -> new Flatten().forward(Tensor.scalar(1.0)));
    }

    @Test
    void sequentialChainsLayersAndClosesOnlyIntermediates() {
        RandomState rng = new RandomState(1);
        Linear first = new Linear(2, 3, rng);
        Linear second = new Linear(3, 1, rng);
        Sequential net = new Sequential(first, new ReLU(), second, new Dropout(0.5, rng));
        net.eval(); // dropout returns its input itself: it must not be closed
        Tensor x = Tensor.of(new double[] {1, -1, 0.5, 2}, 2, 2);
        Tensor y = net.forward(x);
        assertFalse(x.isClosed());
        assertFalse(y.isClosed());
        try (Tensor h = first.forward(x); Tensor r = h.relu(); Tensor expected = second.forward(r)) {
            assertArrayEquals(expected.toDoubleArray(), y.toDoubleArray(), 0.0);
        }
        // backward still works through the closed intermediates
        net.train();
        Tensor loss = net.forward(x).sum();
        loss.backward();
        assertTrue(first.weight().grad() != null);
        assertSame(second, net.get(2));
        assertEquals(4, net.size());
        assertThrows(IllegalArgumentException.class, Sequential::new);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new Sequential(new ReLU(), null));
        assertTrue(e.getMessage().contains("'1' must not be null"), e.getMessage());
    }
}
