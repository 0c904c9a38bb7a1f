package org.jdeep.nn.init;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.jdeep.Tensor;
import org.jdeep.random.RandomState;
import org.jdeep.types.DType;
import org.junit.jupiter.api.Test;

/**
 * Initialisers reproduce the course notebooks' weights: the numbers below were printed by numpy
 * ({@code W.T.tolist()}) from the course's own initialisation code, quoted in each test.
 */
class InitializerTest {

    @Test
    void heWithCourseLayoutMatchesInitializeParametersHe() {
        // np.random.seed(3)
        // W1 = np.random.randn(4, 2) * np.sqrt(2. / 2); W2 = np.random.randn(1, 4) * np.sqrt(2. / 4)
        RandomState rng = new RandomState(3);
        Tensor w1 = Initializer.he(Layout.COURSE).draw(rng, 2, 4);
        Tensor w2 = Initializer.he(Layout.COURSE).draw(rng, 4, 1);
        assertArrayEquals(new int[] {2, 4}, w1.shape().dims());
        assertEquals(DType.FLOAT64, w1.dtype());
        assertArrayEquals(new double[] {
            1.7886284734303186, 0.09649746807200862, -0.27738820251439905, -0.08274148148245977,
            0.43650985051198943, -1.8634927033644908, -0.35475897926898675, -0.6270006768238473}, w1.toDoubleArray());
        assertArrayEquals(new double[] {
            -0.030984124422056857, -0.33744410537169206, -0.9290426766647434, 0.6255224840406426}, w2.toDoubleArray());
    }

    @Test
    void scaledNormalWithCourseLayoutMatchesInitializeParametersDeep() {
        // np.random.seed(3); W1 = np.random.randn(4, 5) * 0.01  -> jdeep's (5, 4) weight is W1.T
        Tensor w1 = Initializer.normal(0.01, Layout.COURSE).draw(new RandomState(3), 5, 4);
        assertArrayEquals(new double[] {
            0.017886284734303187, -0.0035475897926898676, -0.013138647533626821, -0.0040467741460089085,
            0.004365098505119894, -0.0008274148148245977, 0.008846223804995846, -0.0054535994761953045,
            0.0009649746807200863, -0.0062700067682384735, 0.008813180422075299, -0.015464773155829684,
            -0.01863492703364491, -0.0004381816897592824, 0.017095730636529485, 0.009823674342581601,
            -0.0027738820251439907, -0.004772180303595027, 0.0005003364217686021, -0.011010676301114757},
            w1.toDoubleArray());
    }

    @Test
    void asShapeDrawsRowMajorInTheRequestedShape() {
        // np.random.seed(3); np.random.randn(2, 4) * np.sqrt(2. / 2): the same stream, read without the transpose
        double[] w = Initializer.he().draw(new RandomState(3), 2, 4).toDoubleArray();
        assertArrayEquals(new double[] {1.7886284734303186, 0.43650985051198943, 0.09649746807200862,
            -1.8634927033644908}, java.util.Arrays.copyOf(w, 4));
    }

    @Test
    void scalesFollowFanInAndFanOut() {
        double[] z = new RandomState(7).randn(6, 3).toDoubleArray();
        assertScaled(z, Math.sqrt(1.0 / 6), Initializer.xavier().draw(new RandomState(7), 6, 3));
        assertScaled(z, Math.sqrt(2.0 / (6 + 3)), Initializer.glorot().draw(new RandomState(7), 6, 3));
        assertScaled(z, Math.sqrt(2.0 / 6), Initializer.he().draw(new RandomState(7), 6, 3));
        assertScaled(z, 0.01, Initializer.normal(0.01).draw(new RandomState(7), 6, 3));
        // a course-style convolution weight (f, f, n_C_prev, n_C) has fanIn = f * f * n_C_prev
        assertEquals(3 * 3 * 4, Initializer.fanIn(3, 3, 4, 8));
        assertEquals(8, Initializer.fanOut(3, 3, 4, 8));
    }

    private static void assertScaled(double[] z, double scale, Tensor drawn) {
        double[] d = drawn.toDoubleArray();
        for (int i = 0; i < z.length; i++) {
            assertEquals(z[i] * scale, d[i], 0.0, "element " + i);
        }
    }

    @Test
    void float32IsTheFloat64ValueRounded() {
        Tensor f64 = Initializer.he().draw(new RandomState(1), 3, 2);
        Tensor f32 = Initializer.he().draw(new RandomState(1), DType.FLOAT32, 3, 2);
        assertEquals(DType.FLOAT32, f32.dtype());
        double[] d = f64.toDoubleArray();
        float[] f = f32.toFloatArray();
        for (int i = 0; i < d.length; i++) {
            assertEquals((float) d[i], f[i], 0f);
        }
    }

    @Test
    void zerosDrawsNothingFromTheGenerator() {
        RandomState rng = new RandomState(5);
        assertArrayEquals(new double[] {0, 0, 0}, Initializer.zeros().draw(rng, 3).toDoubleArray());
        assertEquals(new RandomState(5).nextDouble(), rng.nextDouble());
    }

    @Test
    void badRequestsAreRejectedWithTheShape() {
        RandomState rng = new RandomState(0);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Initializer.he(Layout.COURSE).draw(rng, 2, 3, 4));
        assertTrue(e.getMessage().contains("(2, 3, 4)"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Initializer.he().draw(rng, DType.INT32, 2, 2));
        assertTrue(e.getMessage().contains("INT32"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Initializer.normal(Double.NaN));
    }
}
