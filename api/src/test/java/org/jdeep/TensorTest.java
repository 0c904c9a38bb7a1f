package org.jdeep;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.jdeep.types.DType;
import org.junit.jupiter.api.Test;

/** Behaviours of Tensor that numbers alone do not show: views, dtypes, shapes and the fused/composite split. */
class TensorTest {

    @Test
    void factoriesGiveTheDocumentedDtypes() {
        assertEquals(DType.FLOAT32, Tensor.of(new float[] {1}, 1).dtype());
        assertEquals(DType.FLOAT64, Tensor.of(new double[] {1}, 1).dtype());
        assertEquals(DType.INT32, Tensor.of(new int[] {1}, 1).dtype());
        assertEquals(DType.FLOAT64, Tensor.scalar(2.5).dtype());
        assertEquals(0, Tensor.scalar(2.5).rank());
        assertEquals(DType.INT32, Tensor.arange(3).dtype());
    }

    @Test
    void arangeFollowsNumpyLengthRule() {
        // np.arange(0, 1, 0.3) -> [0. , 0.3, 0.6, 0.9]
        assertArrayEquals(new double[] {0, 0.3, 0.6, 0.8999999999999999},
                Tensor.arange(DType.FLOAT64, 0, 1, 0.3).toDoubleArray());
        assertArrayEquals(new int[] {5, 3, 1}, Tensor.arange(DType.INT32, 5, 0, -2).toIntArray());
        assertEquals(0, Tensor.arange(DType.FLOAT32, 1, 0, 1).size());
    }

    @Test
    void eyeAndFull() {
        assertArrayEquals(new double[] {1, 0, 0, 0, 1, 0, 0, 0, 1}, Tensor.eye(DType.FLOAT64, 3).toDoubleArray());
        assertArrayEquals(new int[] {7, 7}, Tensor.full(DType.INT32, 7.9, 2).toIntArray());
    }

    @Test
    void mixedFloatTypesPromoteToFloat64() {
        Tensor r = Tensor.of(new float[] {0.1f}, 1).add(Tensor.of(new double[] {0.2}, 1));
        assertEquals(DType.FLOAT64, r.dtype());
        assertEquals((double) 0.1f + 0.2, r.item(), 0);
    }

    @Test
    void comparisonsGiveZeroOrOneInTheInputDtype() {
        Tensor r = Tensor.of(new int[] {1, 5, 3}, 3).gt(2);
        assertEquals(DType.INT32, r.dtype());
        assertArrayEquals(new int[] {0, 1, 1}, r.toIntArray());
    }

    @Test
    void transposeAndSliceAreViewsThatReadCorrectly() {
        Tensor t = Tensor.of(new int[] {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11}, 3, 4);
        assertArrayEquals(new int[] {0, 4, 8, 1, 5, 9, 2, 6, 10, 3, 7, 11}, t.transpose().toIntArray());
        assertArrayEquals(new int[] {3, 1, 7, 5, 11, 9}, t.slice(1, -1, Integer.MIN_VALUE, -2).toIntArray());
        assertArrayEquals(new int[] {4, 5, 6, 7}, t.slice(0, 1, 2, 1).squeeze(0).toIntArray());
    }

    @Test
    void reshapeOfATransposedTensorCopiesInLogicalOrder() {
        Tensor t = Tensor.of(new int[] {0, 1, 2, 3, 4, 5}, 2, 3).transpose();
        assertArrayEquals(new int[] {0, 3, 1, 4, 2, 5}, t.reshape(-1).toIntArray());
        assertArrayEquals(new int[] {3, 2}, t.reshape(3, -1).shape().dims());
    }

    @Test
    void matmulFollowsNumpyShapeRules() {
        Tensor m = Tensor.of(new double[] {1, 2, 3, 4, 5, 6}, 2, 3);
        Tensor v = Tensor.of(new double[] {1, 0, -1}, 3);
        assertArrayEquals(new double[] {-2, -2}, m.matmul(v).toDoubleArray());
        assertEquals(1, m.matmul(v).rank());
        assertEquals(0, v.matmul(v).rank());
        assertEquals(2.0, v.matmul(v).item());
        Tensor batch = Tensor.ones(DType.FLOAT64, 4, 1, 2, 3);
        assertArrayEquals(new int[] {4, 5, 2, 7}, batch.matmul(Tensor.ones(DType.FLOAT64, 5, 3, 7)).shape().dims());
    }

    @Test
    void matmulOfTransposedViewsNeedsNoCopy() {
        Tensor a = Tensor.of(new float[] {1, 2, 3, 4, 5, 6}, 3, 2);
        // a.T @ a = [[35, 44], [44, 56]]
        assertArrayEquals(new float[] {35, 44, 44, 56}, a.transpose().matmul(a).toFloatArray());
    }

    @Test
    void matmulOfATransposedFloat32ViewWithFloat64PromotesTheViewNotItsStorage() {
        Tensor a = Tensor.of(new float[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12}, 4, 3).transpose();
        Tensor b = Tensor.of(new double[] {1, 0, 0, 1, 1, 1, 2, -1}, 4, 2);
        // a (3,4) = [[1,4,7,10],[2,5,8,11],[3,6,9,12]]
        assertArrayEquals(new double[] {28, 1, 32, 2, 36, 3}, a.matmul(b).toDoubleArray());
    }

    @Test
    void sigmoidAndLogSigmoidStayFiniteAtPlusMinus1000() {
        Tensor x = Tensor.of(new double[] {-1000, 1000}, 2);
        assertArrayEquals(new double[] {0, 1}, x.sigmoid().toDoubleArray());
        assertArrayEquals(new double[] {-1000, 0}, x.logSigmoid().toDoubleArray(), 0.0);
        assertArrayEquals(new float[] {-1000f, 0f}, x.to(DType.FLOAT32).logSigmoid().toFloatArray(), 0f);
    }

    @Test
    void fusedSoftmaxOnCpuAgreesWithTheComposite() {
        double[] data = {1000, 999, -5, 0.5, 0, -0.5, 3, 2, 1, -1000, 7, 7};
        Tensor fused = Tensor.of(data, 3, 4).softmax(1);
        Tensor fusedLog = Tensor.of(data, 3, 4).logSoftmax(0);
        try (Backends.Scope s = Backends.using("counting")) {
            Tensor composite = Tensor.of(data, 3, 4).softmax(1);
            Tensor compositeLog = Tensor.of(data, 3, 4).logSoftmax(0);
            assertArrayEquals(composite.toDoubleArray(), fused.toDoubleArray(), 1e-15);
            assertArrayEquals(compositeLog.toDoubleArray(), fusedLog.toDoubleArray(), 1e-12);
        }
    }

    @Test
    void concatStackAndPad() {
        Tensor a = Tensor.of(new int[] {1, 2}, 1, 2);
        Tensor b = Tensor.of(new int[] {3, 4, 5, 6}, 2, 2);
        assertArrayEquals(new int[] {1, 2, 3, 4, 5, 6}, Tensor.concat(List.of(a, b), 0).toIntArray());
        Tensor s = Tensor.stack(List.of(a, a), -1);
        assertArrayEquals(new int[] {1, 2, 2}, s.shape().dims());
        assertArrayEquals(new int[] {1, 1, 2, 2}, s.toIntArray());
        assertArrayEquals(new int[] {9, 9, 1, 2, 9, 9}, a.pad(new int[][] {{0, 0}, {2, 2}}, 9).toIntArray());
    }

    @Test
    void oneHotIsGatherFromTheIdentity() {
        Tensor y = Tensor.of(new int[] {2, 0, 1}, 3).oneHot(3);
        assertEquals(DType.FLOAT32, y.dtype());
        assertArrayEquals(new float[] {0, 0, 1, 1, 0, 0, 0, 1, 0}, y.toFloatArray());
    }

    @Test
    void statisticsOfIntegersAreFloat64() {
        Tensor x = Tensor.of(new int[] {1, 2, 3, 4}, 4);
        assertEquals(DType.FLOAT64, x.mean().dtype());
        assertEquals(2.5, x.mean().item());
        assertEquals(1.25, x.var().item());
        assertEquals(Math.sqrt(1.25), x.std().item());
        assertEquals(DType.INT32, x.sum().dtype());
    }

    @Test
    void toStringLooksLikeNumpy() {
        assertEquals("[[1. 2.]\n [3. 4.]]", Tensor.of(new double[] {1, 2, 3, 4}, 2, 2).toString());
        assertTrue(Tensor.zeros(DType.FLOAT32, 40, 40).toString().contains("..."));
    }
}
