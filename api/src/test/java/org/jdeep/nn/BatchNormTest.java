package org.jdeep.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.jdeep.ShapeMismatchException;
import org.jdeep.Tensor;
import org.jdeep.types.DType;
import org.junit.jupiter.api.Test;

/**
 * Batch norm (Course 2, week 3, 3.4-3.7) on numbers worked by hand. The batch
 * <pre>
 * z = [[0, 10],
 *      [2, 14]]
 * </pre>
 * has mu = [1, 12] and population variance sigma2 = [1, 4], so with epsilon e,
 * z_norm = [[-1/sqrt(1+e), -2/sqrt(4+e)], [1/sqrt(1+e), 2/sqrt(4+e)]].
 */
class BatchNormTest {
    private static final double E = 1e-5;

    private static Tensor batch() {
        return Tensor.of(new double[] {0, 10, 2, 14}, 2, 2);
    }

    private static BatchNorm withGammaBeta() {
        BatchNorm bn = new BatchNorm(2);
        bn.loadStateDict(Map.of(
                "gamma", Tensor.of(new double[] {2, 0.5}, 2),
                "beta", Tensor.of(new double[] {1, -1}, 2),
                "running_mean", Tensor.zeros(DType.FLOAT64, 2),
                "running_var", Tensor.ones(DType.FLOAT64, 2)));
        return bn;
    }

    @Test
    void trainingNormalisesWithTheBatchStatisticsThenScalesAndShifts() {
        double a = 1 / Math.sqrt(1 + E);
        double b = 2 / Math.sqrt(4 + E);
        // z~ = gamma * z_norm + beta with gamma = [2, 0.5], beta = [1, -1]
        assertArrayEquals(new double[] {2 * -a + 1, 0.5 * -b - 1, 2 * a + 1, 0.5 * b - 1},
                withGammaBeta().forward(batch()).toDoubleArray(), 1e-15);
    }

    @Test
    void trainingUpdatesTheRunningStatisticsAsAnExponentiallyWeightedAverage() {
        BatchNorm bn = withGammaBeta();
        bn.forward(batch());
        // running = 0.9 * running + 0.1 * batch: mean 0.9*[0, 0] + 0.1*[1, 12], var 0.9*[1, 1] + 0.1*[1, 4]
        assertArrayEquals(new double[] {0.1, 1.2}, bn.runningMean().toDoubleArray(), 1e-15);
        assertArrayEquals(new double[] {1.0, 1.3}, bn.runningVar().toDoubleArray(), 1e-15);
        bn.forward(batch());
        // a second step: mean 0.9*[0.1, 1.2] + 0.1*[1, 12] = [0.19, 2.28], var 0.9*[1, 1.3] + 0.1*[1, 4] = [1, 1.57]
        assertArrayEquals(new double[] {0.19, 2.28}, bn.runningMean().toDoubleArray(), 1e-14);
        assertArrayEquals(new double[] {1.0, 1.57}, bn.runningVar().toDoubleArray(), 1e-14);
        assertTrue(!bn.runningMean().tracksGrad(), "running statistics are buffers, outside the graph");
    }

    @Test
    void evalUsesTheRunningStatisticsAndLeavesThemAlone() {
        BatchNorm bn = withGammaBeta();
        bn.forward(batch()); // running mean [0.1, 1.2], running var [1.0, 1.3]
        bn.eval();
        Tensor one = Tensor.of(new double[] {1, 12}, 1, 2);
        // (z - running_mean) / sqrt(running_var + e) * gamma + beta
        assertArrayEquals(new double[] {0.9 / Math.sqrt(1.0 + E) * 2 + 1, 10.8 / Math.sqrt(1.3 + E) * 0.5 - 1},
                bn.forward(one).toDoubleArray(), 1e-14);
        assertArrayEquals(new double[] {0.1, 1.2}, bn.runningMean().toDoubleArray(), 1e-15);
    }

    @Test
    void trainAndEvalDifferOnTheSameInput() {
        BatchNorm bn = new BatchNorm(2);
        double[] train = bn.forward(batch()).toDoubleArray();
        bn.eval();
        double[] eval = bn.forward(batch()).toDoubleArray();
        // train: the batch is centred, each column sums to 0; eval: running mean [0.1, 1.2], var [1, 1.3]
        assertEquals(0.0, train[0] + train[2], 1e-15);
        assertEquals((0 - 0.1) / Math.sqrt(1.0 + E), eval[0], 1e-15);
        assertEquals((14 - 1.2) / Math.sqrt(1.3 + E), eval[3], 1e-14);
    }

    @Test
    void stateDictCarriesTheRunningStatistics() {
        BatchNorm bn = withGammaBeta();
        bn.forward(batch());
        BatchNorm copy = new BatchNorm(2);
        copy.loadStateDict(bn.stateDict());
        copy.eval();
        bn.eval();
        assertArrayEquals(bn.forward(batch()).toDoubleArray(), copy.forward(batch()).toDoubleArray(), 0.0);
    }

    @Test
    void badInputsAndSettingsAreRejected() {
        BatchNorm bn = new BatchNorm(3);
        ShapeMismatchException e = assertThrows(ShapeMismatchException.class,
                () -> bn.forward(Tensor.zeros(DType.FLOAT64, 4, 2)));
        assertTrue(e.getMessage().contains("expected input (batch, 3), got (4, 2)"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> bn.forward(Tensor.zeros(DType.FLOAT64, 0, 3)));
        assertThrows(IllegalArgumentException.class, () -> new BatchNorm(0));
        assertThrows(IllegalArgumentException.class, () -> new BatchNorm(2, 1.0, 1e-5, DType.FLOAT64));
        assertThrows(IllegalArgumentException.class, () -> new BatchNorm(2, 0.9, 0, DType.FLOAT64));
        assertThrows(IllegalArgumentException.class, () -> new BatchNorm(2, 0.9, 1e-5, DType.INT32));
    }
}
