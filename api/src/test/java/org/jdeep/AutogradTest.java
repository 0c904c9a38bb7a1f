package org.jdeep;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.jdeep.types.DType;
import org.junit.jupiter.api.Test;

/** Reverse-mode autodiff on hand-derived examples; every op's gradient is also checked numerically elsewhere. */
class AutogradTest {

    private static Tensor leaf(double[] v, int... shape) {
        return Tensor.of(v, shape).requiresGrad();
    }

    @Test
    void gradientOfAProductIsTheOtherFactor() {
        Tensor a = leaf(new double[] {2, 3}, 2);
        Tensor b = leaf(new double[] {5, 7}, 2);
        a.mul(b).sum().backward();
        assertArrayEquals(new double[] {5, 7}, a.grad().toDoubleArray());
        assertArrayEquals(new double[] {2, 3}, b.grad().toDoubleArray());
    }

    @Test
    void aBroadcastInputGetsItsGradientSummedBackToItsShape() {
        Tensor w = leaf(new double[] {1, 2, 3, 4, 5, 6}, 2, 3);
        Tensor b = leaf(new double[] {10, 20, 30}, 3);
        Tensor col = leaf(new double[] {1, -1}, 2, 1);
        w.add(b).mul(col).sum().backward();
        assertArrayEquals(new double[] {0, 0, 0}, b.grad().toDoubleArray());
        assertArrayEquals(new int[] {2, 1}, col.grad().shape().dims());
        // d/dcol_i = sum_j (w_ij + b_j) = [6 + 60, 15 + 60]
        assertArrayEquals(new double[] {66, 75}, col.grad().toDoubleArray());
    }

    @Test
    void matmulGradientsAreGTimesBTransposeAndATransposeTimesG() {
        Tensor a = leaf(new double[] {1, 2, 3, 4}, 2, 2);
        Tensor b = leaf(new double[] {5, 6, 7, 8}, 2, 2);
        a.matmul(b).sum().backward();
        // dA = ones(2,2) @ b.T = rows of b's row sums; dB = a.T @ ones = column sums of a, repeated
        assertArrayEquals(new double[] {11, 15, 11, 15}, a.grad().toDoubleArray());
        assertArrayEquals(new double[] {4, 4, 6, 6}, b.grad().toDoubleArray());
    }

    @Test
    void matmulWithAVectorAndABroadcastBatch() {
        Tensor m = leaf(new double[] {1, 2, 3, 4, 5, 6}, 1, 2, 3);
        Tensor v = leaf(new double[] {1, 0, -1}, 3);
        Tensor batch = Tensor.ones(DType.FLOAT64, 4, 1, 1).requiresGrad();
        batch.mul(m).matmul(v).sum().backward();
        // y[k, i] = sum_j m[i, j] v[j] for 4 copies: dv_j = 4 * sum_i m[i, j]
        assertArrayEquals(new double[] {20, 28, 36}, v.grad().toDoubleArray());
        assertArrayEquals(new double[] {4, 0, -4, 4, 0, -4}, m.grad().toDoubleArray());
        assertArrayEquals(new int[] {4, 1, 1}, batch.grad().shape().dims());
        assertArrayEquals(new double[] {-4, -4, -4, -4}, batch.grad().toDoubleArray());
    }

    @Test
    void sigmoidGradientIsYTimesOneMinusY() {
        Tensor x = leaf(new double[] {0, 2}, 2);
        x.sigmoid().sum().backward();
        double s = 1 / (1 + Math.exp(-2));
        assertArrayEquals(new double[] {0.25, s * (1 - s)}, x.grad().toDoubleArray(), 1e-15);
    }

    @Test
    void maxSendsTheGradientToTheLargestElementAndSplitsTies() {
        Tensor x = leaf(new double[] {1, 5, 3, 2, 2, 0}, 2, 3);
        x.max(1, false).sum().backward();
        assertArrayEquals(new double[] {0, 1, 0, 0.5, 0.5, 0}, x.grad().toDoubleArray());
    }

    @Test
    void slicesTransposesAndReshapesRouteGradientsToTheirSources() {
        Tensor x = leaf(new double[] {0, 1, 2, 3, 4, 5}, 2, 3);
        Tensor y = x.transpose().slice(0, 0, 3, 2).reshape(-1);   // x[0,0], x[1,0], x[0,2], x[1,2]
        y.mul(Tensor.of(new double[] {1, 2, 3, 4}, 4)).sum().backward();
        assertArrayEquals(new double[] {1, 0, 3, 2, 0, 4}, x.grad().toDoubleArray());
    }

    @Test
    void gatherScattersGradientsBackAndAccumulatesRepeats() {
        Tensor table = leaf(new double[] {1, 2, 3, 4, 5, 6}, 3, 2);
        table.gather(Tensor.of(new int[] {2, 0, 2}, 3), 0).sum().backward();
        assertArrayEquals(new double[] {1, 1, 0, 0, 2, 2}, table.grad().toDoubleArray());
    }

    @Test
    void concatAndPadSplitTheGradient() {
        Tensor a = leaf(new double[] {1, 2}, 2);
        Tensor b = leaf(new double[] {3}, 1);
        Tensor joined = Tensor.concat(List.of(a, b), 0).pad(new int[][] {{1, 1}}, 0);
        joined.mul(Tensor.of(new double[] {9, 1, 2, 3, 9}, 5)).sum().backward();
        assertArrayEquals(new double[] {1, 2}, a.grad().toDoubleArray());
        assertArrayEquals(new double[] {3}, b.grad().toDoubleArray());
    }

    @Test
    void fusedSoftmaxGradientMatchesTheComposite() {
        double[] v = {0.5, -1, 2, 0.1, 0.2, 0.3};
        double[] w = {1, 2, 3, -1, 0.5, 4};
        Tensor x1 = leaf(v, 2, 3);
        x1.softmax(1).mul(Tensor.of(w, 2, 3)).sum().backward();
        Tensor x2 = leaf(v, 2, 3);
        x2.logSoftmax(0).mul(Tensor.of(w, 2, 3)).sum().backward();
        try (Backends.Scope s = Backends.using("counting")) {
            Tensor c1 = leaf(v, 2, 3);
            c1.softmax(1).mul(Tensor.of(w, 2, 3)).sum().backward();
            Tensor c2 = leaf(v, 2, 3);
            c2.logSoftmax(0).mul(Tensor.of(w, 2, 3)).sum().backward();
            assertArrayEquals(c1.grad().toDoubleArray(), x1.grad().toDoubleArray(), 1e-14);
            assertArrayEquals(c2.grad().toDoubleArray(), x2.grad().toDoubleArray(), 1e-14);
        }
    }

    @Test
    void float32LeavesGetFloat32GradientsThroughPromotion() {
        Tensor a = Tensor.of(new float[] {1, 2}, 2).requiresGrad();
        Tensor b = Tensor.of(new double[] {3, 4}, 2);
        a.mul(b).sum().backward();
        assertEquals(DType.FLOAT32, a.grad().dtype());
        assertArrayEquals(new float[] {3, 4}, a.grad().toFloatArray());
    }

    @Test
    void gradientsAccumulateUntilZeroed() {
        Tensor x = leaf(new double[] {3}, 1);
        x.square().sum().backward();
        x.square().sum().backward();
        assertArrayEquals(new double[] {12}, x.grad().toDoubleArray());
        x.zeroGrad();
        assertArrayEquals(new double[] {0}, x.grad().toDoubleArray());
    }

    @Test
    void clearedGradientIsDroppedAndTheNextBackwardWritesItAfresh() {
        Tensor x = leaf(new double[] {3, -1}, 2);
        x.square().sum().backward();
        Tensor first = x.grad();
        x.clearGrad();
        assertNull(x.grad());
        assertTrue(first.isClosed(), "the dropped gradient's memory is freed");
        x.mul(x).mul(x).sum().backward();
        assertArrayEquals(new double[] {27, 3}, x.grad().toDoubleArray());
        x.square().sum().backward();
        assertArrayEquals(new double[] {33, 1}, x.grad().toDoubleArray(), "later passes still accumulate");
    }

    @Test
    void leavesGivenTheSameGradientTensorDoNotShareIt() {
        // add hands its incoming gradient to both inputs; each leaf must end up with a gradient of its own.
        Tensor x = leaf(new double[] {1, 2}, 2);
        Tensor y = leaf(new double[] {3, 4}, 2);
        x.add(y).mul(Tensor.of(new double[] {5, 7}, 2)).sum().backward();
        x.square().sum().backward();
        assertArrayEquals(new double[] {7, 11}, x.grad().toDoubleArray());
        assertArrayEquals(new double[] {5, 7}, y.grad().toDoubleArray());
    }

    @Test
    void closingIntermediatesDoesNotBreakBackward() {
        Tensor x = leaf(new double[] {1, 2}, 2);
        Tensor e = x.exp();
        Tensor loss = e.sum();
        e.close();
        loss.backward();
        assertArrayEquals(new double[] {Math.exp(1), Math.exp(2)}, x.grad().toDoubleArray(), 1e-15);
    }

    @Test
    void noGradRecordsNothingAndDetachCutsTheGraph() {
        Tensor x = leaf(new double[] {1, 2}, 2);
        try (Autograd.NoGrad off = Autograd.noGrad()) {
            assertFalse(x.mul(2.0).tracksGrad());
        }
        assertTrue(x.mul(2.0).tracksGrad());
        assertFalse(x.detach().tracksGrad());
        Tensor y = x.mul(x.detach()).sum();
        y.backward();
        assertArrayEquals(new double[] {1, 2}, x.grad().toDoubleArray());
    }

    @Test
    void backwardTwiceOnOneGraphIsAnError() {
        Tensor x = leaf(new double[] {1}, 1);
        Tensor y = x.mul(2.0).sum();
        y.backward();
        IllegalStateException e = assertThrows(IllegalStateException.class, y::backward);
        assertTrue(e.getMessage().contains("already freed"), e.getMessage());
    }

    @Test
    void backwardNeedsAScalarThatTracksGradients() {
        assertThrows(IllegalStateException.class, () -> Tensor.of(new double[] {1}, 1).backward());
        Tensor x = leaf(new double[] {1, 2}, 2);
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> x.mul(2.0).backward());
        assertEquals("backward() needs a one-element tensor such as a loss, got shape (2,)", e.getMessage());
    }

    @Test
    void assignWritesALeafInPlaceAndRejectsComputedTensors() {
        Tensor base = Tensor.of(new double[] {1, 2}, 2);
        Tensor w = base.requiresGrad();
        w.assign(Tensor.of(new double[] {5, 6}, 2));
        assertArrayEquals(new double[] {5, 6}, base.toDoubleArray());
        w.assign(w.mul(2.0).detach());
        assertArrayEquals(new double[] {10, 12}, w.toDoubleArray());
        assertThrows(IllegalStateException.class, () -> w.mul(1.0).assign(w));
    }

    @Test
    void assignAddAddsAScaledValueInPlace() {
        Tensor base = Tensor.of(new double[] {1, 2, 3, 4}, 2, 2);
        Tensor w = base.requiresGrad();
        w.assignAdd(Tensor.of(new double[] {10, 20, 30, 40}, 2, 2), -0.5);
        assertArrayEquals(new double[] {-4, -8, -12, -16}, base.toDoubleArray());
        w.assignAdd(Tensor.of(new double[] {1, 2}, 2), 1.0);                 // broadcast over rows
        assertArrayEquals(new double[] {-3, -6, -11, -14}, w.toDoubleArray());
        w.assignAdd(w, 1.0);                                                  // its own memory: read before written
        assertArrayEquals(new double[] {-6, -12, -22, -28}, w.toDoubleArray());
        w.assignAdd(Tensor.of(new float[] {0.5f, 0.5f, 0.5f, 0.5f}, 2, 2), 2.0); // converted to FLOAT64
        assertArrayEquals(new double[] {-5, -11, -21, -27}, w.toDoubleArray());
        w.assignAdd(Tensor.of(new double[] {2, 4}, 2), -0.5);                // scaled and broadcast over rows
        assertArrayEquals(new double[] {-6, -13, -22, -29}, w.toDoubleArray());
    }

    @Test
    void assignAddRoundsLikeTheSubtractionItReplacesInFloat32() {
        float[] p = {0.1f, 1e-9f, -3.3f, 7.0f / 3, 16777216f};
        float[] g = {0.7f, 0.3f, 1e-3f, 1.0f / 3, 1f};
        float lr = 0.0075f;
        Tensor w = Tensor.of(p.clone(), 5).requiresGrad();
        w.assignAdd(Tensor.of(g, 5), -lr);
        float[] expected = new float[5];
        for (int i = 0; i < 5; i++) {
            expected[i] = p[i] + -lr * g[i];
        }
        assertArrayEquals(expected, w.toFloatArray(), 0f);
    }

    @Test
    void assignAddRoundsLikeTheSubtractionItReplaces() {
        double[] p = {0.1, 1e-17, -3.3, 7.0 / 3};
        double[] g = {0.7, 0.3, 1e-9, 1.0 / 3};
        double lr = 0.0075;
        Tensor w = Tensor.of(p.clone(), 4).requiresGrad();
        w.assignAdd(Tensor.of(g, 4), -lr);
        double[] expected = new double[4];
        for (int i = 0; i < 4; i++) {
            expected[i] = p[i] - lr * g[i];
        }
        assertArrayEquals(expected, w.toDoubleArray(), 0.0);
    }

    @Test
    void assignAddRejectsComputedTensorsAndShapesThatDoNotBroadcast() {
        Tensor w = Tensor.of(new double[] {1, 2}, 2).requiresGrad();
        assertThrows(IllegalStateException.class, () -> w.mul(1.0).assignAdd(w, 1.0));
        ShapeMismatchException e = assertThrows(ShapeMismatchException.class,
                () -> w.assignAdd(Tensor.of(new double[] {1, 2, 3}, 3), 1.0));
        assertEquals("assignAdd (3,) into (2,): the value must broadcast to the target's shape", e.getMessage());
    }

    @Test
    void integerTensorsCannotRequireGradients() {
        assertThrows(IllegalArgumentException.class, () -> Tensor.of(new int[] {1}, 1).requiresGrad());
        assertNull(Tensor.of(new double[] {1}, 1).requiresGrad().grad());
    }

    @Test
    void im2colUnfoldsWindowsAndFoldsGradientsBackCountingOverlaps() {
        // a 1x3x3x1 image, 2x2 windows with stride 1: the centre pixel is in all 4 windows
        Tensor x = leaf(new double[] {1, 2, 3, 4, 5, 6, 7, 8, 9}, 1, 3, 3, 1);
        Tensor cols = x.im2col(org.jdeep.types.Window2d.of(2, 2, 1, 0), 0);
        assertArrayEquals(new int[] {1, 2, 2, 2, 2, 1}, cols.shape().dims());
        assertArrayEquals(new double[] {1, 2, 4, 5, 2, 3, 5, 6, 4, 5, 7, 8, 5, 6, 8, 9}, cols.toDoubleArray());
        cols.sum().backward();
        assertArrayEquals(new double[] {1, 2, 1, 2, 4, 2, 1, 2, 1}, x.grad().toDoubleArray());
    }
}
