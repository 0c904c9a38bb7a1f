package org.jdeep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrowsExactly;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.jdeep.types.DType;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * Every error path of the Tensor API: the exact exception type, and a message that names the operation and
 * the shapes or dtypes involved (so a user can tell which call failed and why).
 */
class TensorErrorsTest {
    private MemoryScope scope;

    @BeforeEach
    void openScope() {
        scope = MemoryScope.open();
    }

    @AfterEach
    void closeScope() {
        scope.close();
    }

    /** Asserts that {@code body} throws exactly {@code type} with a message containing every fragment. */
    private static <T extends Throwable> T expect(Class<T> type, Executable body, String... fragments) {
        T e = assertThrowsExactly(type, body);
        String m = e.getMessage();
        for (String f : fragments) {
            assertTrue(m != null && m.contains(f),
                    () -> type.getSimpleName() + " message \"" + m + "\" should contain \"" + f + "\"");
        }
        return e;
    }

    private static Tensor f64(int... shape) {
        return Tensor.zeros(DType.FLOAT64, shape);
    }

    private static Tensor f32(int... shape) {
        return Tensor.zeros(DType.FLOAT32, shape);
    }

    private static Tensor i32(int... shape) {
        return Tensor.zeros(DType.INT32, shape);
    }

    // ------------------------------------------------------------------ matmul

    @Test
    void matmulInnerDimensionMismatch() {
        Tensor a = f64(2, 3);
        Tensor b = f64(4, 5);
        ShapeMismatchException e = expect(ShapeMismatchException.class, () -> a.matmul(b));
        assertEquals("matmul (2, 3)x(4, 5): inner dimensions 3 != 4", e.getMessage());
    }

    @Test
    void matmulVectorInnerDimensionMismatch() {
        Tensor a = f64(3);
        Tensor b = f64(4);
        ShapeMismatchException e = expect(ShapeMismatchException.class, () -> a.matmul(b));
        assertEquals("matmul (3,)x(4,): inner dimensions 3 != 4", e.getMessage());
    }

    @Test
    void matmulVectorOnTheLeftMismatch() {
        Tensor a = f64(3);
        Tensor b = f64(2, 4, 5);
        expect(ShapeMismatchException.class, () -> a.matmul(b), "matmul", "(3,)", "(2, 4, 5)", "3 != 4");
    }

    @Test
    void matmulBatchDimensionsDoNotBroadcast() {
        Tensor a = f64(2, 3, 4);
        Tensor b = f64(3, 4, 5);
        expect(ShapeMismatchException.class, () -> a.matmul(b), "matmul", "(2, 3, 4)", "(3, 4, 5)", "batch");
    }

    @Test
    void matmulOfInt32() {
        Tensor a = i32(2, 2);
        Tensor b = i32(2, 2);
        expect(IllegalArgumentException.class, () -> a.matmul(b), "matmul", "INT32");
    }

    @Test
    void matmulOfInt32WithFloat() {
        Tensor a = i32(2, 2);
        Tensor b = f32(2, 2);
        expect(IllegalArgumentException.class, () -> a.matmul(b), "matmul", "INT32", "FLOAT32");
    }

    @Test
    void matmulOfScalar() {
        Tensor a = Tensor.scalar(2.0);
        Tensor b = f64(2, 2);
        expect(ShapeMismatchException.class, () -> a.matmul(b), "matmul", "()", "(2, 2)");
    }

    // ------------------------------------------------------------------ broadcasting and dtypes

    @Test
    void addDoesNotBroadcast() {
        Tensor a = f64(2, 3);
        Tensor b = f64(4);
        expect(ShapeMismatchException.class, () -> a.add(b), "add", "(2, 3)", "(4,)");
    }

    @Test
    void comparisonDoesNotBroadcast() {
        Tensor a = f32(3, 1, 2);
        Tensor b = f32(4, 3);
        expect(ShapeMismatchException.class, () -> a.gt(b), "gt", "(3, 1, 2)", "(4, 3)");
    }

    @Test
    void whereDoesNotBroadcast() {
        Tensor c = f64(2, 3);
        Tensor a = f64(4);
        Tensor b = f64(1);
        expect(ShapeMismatchException.class, () -> Tensor.where(c, a, b), "where", "(2, 3)", "(4,)", "(1,)");
    }

    @Test
    void whereValuesDoNotBroadcast() {
        Tensor c = f64(3);
        Tensor a = f64(2, 1);
        Tensor b = f64(3, 1);
        expect(ShapeMismatchException.class, () -> Tensor.where(c, a, b), "where", "(2, 1)", "(3, 1)");
    }

    @Test
    void broadcastToIncompatibleShape() {
        Tensor a = f64(3, 2);
        expect(ShapeMismatchException.class, () -> a.broadcastTo(3, 4), "broadcastTo", "(3, 2)", "(3, 4)");
    }

    @Test
    void broadcastToFewerDimensions() {
        Tensor a = f64(2, 3);
        expect(ShapeMismatchException.class, () -> a.broadcastTo(3), "broadcastTo", "(2, 3)", "(3,)");
    }

    @Test
    void int32PlusFloat32() {
        Tensor a = i32(2);
        Tensor b = f32(2);
        expect(IllegalArgumentException.class, () -> a.add(b), "add", "INT32", "FLOAT32");
    }

    @Test
    void float64TimesInt32() {
        Tensor a = f64(2);
        Tensor b = i32(2);
        expect(IllegalArgumentException.class, () -> a.mul(b), "mul", "FLOAT64", "INT32");
    }

    @Test
    void whereWithInt32AndFloatValues() {
        Tensor c = f64(2);
        Tensor a = i32(2);
        Tensor b = f64(2);
        expect(IllegalArgumentException.class, () -> Tensor.where(c, a, b), "where", "INT32", "FLOAT64");
    }

    @Test
    void int32PlusNonIntegerScalar() {
        Tensor a = i32(2);
        expect(IllegalArgumentException.class, () -> a.add(0.5), "add", "INT32", "0.5");
    }

    @Test
    void int32MaximumWithNaNScalar() {
        Tensor a = i32(2);
        expect(IllegalArgumentException.class, () -> a.maximum(Double.NaN), "maximum", "INT32", "NaN");
    }

    @Test
    void int32LeakyReluWithFractionalAlpha() {
        Tensor a = i32(2);
        expect(IllegalArgumentException.class, () -> a.leakyRelu(0.01), "INT32", "0.01");
    }

    @Test
    void expOfInt32() {
        Tensor a = i32(2);
        expect(IllegalArgumentException.class, a::exp, "exp", "INT32", "(2,)");
    }

    @Test
    void floatingOnlyUnaryOpsRejectInt32() {
        Tensor a = i32(3);
        expect(IllegalArgumentException.class, a::log, "log", "INT32");
        expect(IllegalArgumentException.class, a::sqrt, "sqrt", "INT32");
        expect(IllegalArgumentException.class, a::tanh, "tanh", "INT32");
        expect(IllegalArgumentException.class, a::sigmoid, "sigmoid", "INT32");
        expect(IllegalArgumentException.class, a::reciprocal, "reciprocal", "INT32");
    }

    @Test
    void softmaxOfInt32() {
        Tensor a = i32(2, 3);
        expect(IllegalArgumentException.class, () -> a.softmax(1), "softmax", "INT32");
        expect(IllegalArgumentException.class, () -> a.logSoftmax(1), "logSoftmax", "INT32");
        expect(IllegalArgumentException.class, () -> a.logSumExp(1, false), "logSumExp", "INT32");
    }

    // ------------------------------------------------------------------ creation

    @Test
    void ofWithWrongDataLength() {
        expect(IllegalArgumentException.class, () -> Tensor.of(new double[5], 2, 3), "Tensor.of", "5", "(2, 3)", "6");
        expect(IllegalArgumentException.class, () -> Tensor.of(new float[7], 2, 3), "Tensor.of", "7", "(2, 3)", "6");
        expect(IllegalArgumentException.class, () -> Tensor.of(new int[0]), "Tensor.of", "0", "()", "1");
    }

    @Test
    void ofWithNegativeDimension() {
        expect(IllegalArgumentException.class, () -> Tensor.of(new double[0], 2, -1), "negative dimension -1");
    }

    @Test
    void arangeNegativeLength() {
        expect(IllegalArgumentException.class, () -> Tensor.arange(-1), "arange(-1)");
    }

    @Test
    void arangeZeroStep() {
        expect(IllegalArgumentException.class, () -> Tensor.arange(DType.FLOAT64, 0, 1, 0), "arange", "step");
    }

    @Test
    void eyeNegativeSize() {
        expect(IllegalArgumentException.class, () -> Tensor.eye(DType.FLOAT64, -2), "eye(-2)");
    }

    // ------------------------------------------------------------------ axes

    @Test
    void sumAxisOutOfRange() {
        Tensor a = f64(2, 3);
        expect(IndexOutOfBoundsException.class, () -> a.sum(2, false),
                "axis 2 is out of range for rank 2 (sum of (2, 3))");
    }

    @Test
    void maxNegativeAxisOutOfRange() {
        Tensor a = f64(2, 3);
        expect(IndexOutOfBoundsException.class, () -> a.max(-3, true), "max", "axis -3", "rank 2", "(2, 3)");
    }

    @Test
    void argmaxAxisOutOfRange() {
        Tensor a = f64(2, 3);
        expect(IndexOutOfBoundsException.class, () -> a.argmax(2), "argmax", "axis 2", "(2, 3)");
    }

    @Test
    void meanAxisOutOfRange() {
        Tensor a = f64(2, 3);
        expect(IndexOutOfBoundsException.class, () -> a.mean(2, false), "mean", "axis 2", "(2, 3)");
    }

    @Test
    void varAxisOutOfRange() {
        Tensor a = f64(2, 3);
        expect(IndexOutOfBoundsException.class, () -> a.var(-3, false), "var", "axis -3", "(2, 3)");
    }

    @Test
    void stdAxisOutOfRange() {
        Tensor a = f64(2, 3);
        expect(IndexOutOfBoundsException.class, () -> a.std(5, true), "std", "axis 5", "(2, 3)");
    }

    @Test
    void softmaxAxisOutOfRange() {
        Tensor a = f64(2, 3);
        expect(IndexOutOfBoundsException.class, () -> a.softmax(2), "softmax", "axis 2", "(2, 3)");
        expect(IndexOutOfBoundsException.class, () -> a.logSumExp(-3, false), "logSumExp", "axis -3", "(2, 3)");
    }

    @Test
    void squeezeAxisOutOfRange() {
        Tensor a = f64(1, 3);
        expect(IndexOutOfBoundsException.class, () -> a.squeeze(2), "squeeze", "axis 2", "(1, 3)");
    }

    @Test
    void unsqueezeAxisOutOfRange() {
        Tensor a = f64(2, 3);
        expect(IndexOutOfBoundsException.class, () -> a.unsqueeze(3), "unsqueeze", "axis 3", "(2, 3)");
        expect(IndexOutOfBoundsException.class, () -> a.unsqueeze(-4), "unsqueeze", "axis -4", "(2, 3)");
    }

    @Test
    void sliceAxisOutOfRange() {
        Tensor a = f64(2, 3);
        expect(IndexOutOfBoundsException.class, () -> a.slice(2, 0, 1, 1), "slice", "axis 2", "(2, 3)");
    }

    @Test
    void gatherAxisOutOfRange() {
        Tensor a = f64(2, 3);
        Tensor idx = i32(1);
        expect(IndexOutOfBoundsException.class, () -> a.gather(idx, 2), "gather", "axis 2", "(2, 3)");
    }

    @Test
    void concatAxisOutOfRange() {
        Tensor a = f64(2, 3);
        expect(IndexOutOfBoundsException.class, () -> Tensor.concat(List.of(a, a), 2), "concat", "axis 2");
    }

    @Test
    void stackAxisOutOfRange() {
        Tensor a = f64(2, 3);
        expect(IndexOutOfBoundsException.class, () -> Tensor.stack(List.of(a, a), 3), "stack", "axis 3");
    }

    // ------------------------------------------------------------------ shape operations

    @Test
    void reshapeWithTwoInferredDimensions() {
        Tensor a = f64(2, 3);
        expect(IllegalArgumentException.class, () -> a.reshape(-1, -1), "reshape", "(2, 3)", "(-1, -1)");
    }

    @Test
    void reshapeToWrongSize() {
        Tensor a = f64(2, 3);
        expect(ShapeMismatchException.class, () -> a.reshape(4, 2), "reshape", "(2, 3)", "(4, 2)", "6", "8");
    }

    @Test
    void reshapeCannotInfer() {
        Tensor a = f64(2, 3);
        expect(ShapeMismatchException.class, () -> a.reshape(4, -1), "reshape", "(2, 3)", "(4, -1)");
    }

    @Test
    void reshapeNegativeDimension() {
        Tensor a = f64(2, 3);
        expect(IllegalArgumentException.class, () -> a.reshape(-2, -3), "reshape", "(2, 3)", "-2");
    }

    @Test
    void squeezeOfAxisNotOne() {
        Tensor a = f64(2, 3);
        expect(ShapeMismatchException.class, () -> a.squeeze(1), "squeeze", "axis 1", "(2, 3)", "3");
    }

    @Test
    void permuteWithRepeatedAxis() {
        Tensor a = f64(2, 3);
        expect(IllegalArgumentException.class, () -> a.permute(0, 0), "permute", "(2, 3)", "repeats");
    }

    @Test
    void permuteWithWrongAxisCount() {
        Tensor a = f64(2, 3);
        expect(IllegalArgumentException.class, () -> a.permute(1, 0, 2), "permute", "(2, 3)");
    }

    @Test
    void permuteWithAxisOutOfRange() {
        Tensor a = f64(2, 3);
        expect(IndexOutOfBoundsException.class, () -> a.permute(0, 2), "permute", "axis 2", "(2, 3)");
    }

    @Test
    void sliceWithZeroStep() {
        Tensor a = f64(4);
        expect(IllegalArgumentException.class, () -> a.slice(0, 0, 4, 0), "slice", "(4,)", "step");
    }

    @Test
    void gatherIndexOutOfRange() {
        Tensor a = f64(4, 2);
        Tensor idx = Tensor.of(new int[] {1, 4}, 2);
        expect(IndexOutOfBoundsException.class, () -> a.gather(idx, 0), "gather", "index 4", "4");
    }

    @Test
    void gatherNegativeIndex() {
        Tensor a = f64(4, 2);
        Tensor idx = Tensor.of(new int[] {-1}, 1);
        expect(IndexOutOfBoundsException.class, () -> a.gather(idx, 1), "gather", "-1", "2");
    }

    @Test
    void gatherWithFloatIndices() {
        Tensor a = f64(4, 2);
        Tensor idx = f64(2);
        expect(IllegalArgumentException.class, () -> a.gather(idx, 0), "gather", "INT32", "FLOAT64");
    }

    @Test
    void oneHotOfFloatLabels() {
        Tensor labels = f32(3);
        expect(IllegalArgumentException.class, () -> labels.oneHot(4), "oneHot", "INT32", "FLOAT32");
    }

    @Test
    void oneHotWithZeroDepth() {
        Tensor labels = i32(3);
        expect(IllegalArgumentException.class, () -> labels.oneHot(0), "oneHot", "depth", "0");
    }

    @Test
    void oneHotLabelOutOfRange() {
        Tensor labels = Tensor.of(new int[] {0, 3}, 2);
        expect(IndexOutOfBoundsException.class, () -> labels.oneHot(3), "oneHot", "3");
    }

    @Test
    void concatMismatchedShapes() {
        Tensor a = f64(2, 3);
        Tensor b = f64(2, 4);
        expect(ShapeMismatchException.class, () -> Tensor.concat(List.of(a, b), 0), "concat", "(2, 3)", "(2, 4)");
    }

    @Test
    void concatMismatchedRanks() {
        Tensor a = f64(2, 3);
        Tensor b = f64(3);
        expect(ShapeMismatchException.class, () -> Tensor.concat(List.of(a, b), 0), "concat", "(2, 3)", "(3,)");
    }

    @Test
    void concatMixedInt32AndFloat() {
        Tensor a = f64(2, 3);
        Tensor b = i32(2, 3);
        expect(IllegalArgumentException.class, () -> Tensor.concat(List.of(a, b), 0), "concat", "FLOAT64",
                "INT32");
    }

    @Test
    void concatOfNothing() {
        expect(IllegalArgumentException.class, () -> Tensor.concat(List.of(), 0), "concat");
    }

    @Test
    void stackMismatchedShapes() {
        Tensor a = f64(2, 3);
        Tensor b = f64(3, 2);
        expect(ShapeMismatchException.class, () -> Tensor.stack(List.of(a, b), 0), "stack", "(2, 3)", "(3, 2)");
    }

    @Test
    void stackOfNothing() {
        expect(IllegalArgumentException.class, () -> Tensor.stack(List.of(), 0), "stack");
    }

    @Test
    void padWithWrongNumberOfPairs() {
        Tensor a = f64(2, 3);
        expect(IllegalArgumentException.class, () -> a.pad(new int[][] {{1, 1}}, 0), "pad", "(2, 3)", "2", "1");
    }

    @Test
    void padWithNegativeWidth() {
        Tensor a = f64(2, 3);
        expect(IllegalArgumentException.class, () -> a.pad(new int[][] {{0, 0}, {1, -1}}, 0), "pad", "(2, 3)",
                "axis 1", "[1, -1]");
    }

    @Test
    void padWithMalformedPair() {
        Tensor a = f64(2, 3);
        expect(IllegalArgumentException.class, () -> a.pad(new int[][] {{0, 0}, {1, 2, 3}}, 0), "pad", "(2, 3)",
                "axis 1", "[1, 2, 3]");
    }

    // ------------------------------------------------------------------ values

    @Test
    void clipWithLowAboveHigh() {
        Tensor a = f64(2);
        expect(IllegalArgumentException.class, () -> a.clip(2.0, 1.0), "clip", "2.0", "1.0");
    }

    @Test
    void clipWithNaNBound() {
        Tensor a = f64(2);
        expect(IllegalArgumentException.class, () -> a.clip(Double.NaN, 1.0), "clip", "NaN");
    }

    @Test
    void maxOfEmptyTensor() {
        Tensor a = f64(0, 3);
        expect(IllegalArgumentException.class, a::max, "max", "(0, 3)");
        expect(IllegalArgumentException.class, a::min, "min", "(0, 3)");
    }

    @Test
    void maxAlongEmptyAxis() {
        Tensor a = f64(2, 0);
        expect(IllegalArgumentException.class, () -> a.max(1, false), "max", "axis 1", "(2, 0)");
        expect(IllegalArgumentException.class, () -> a.argmax(1), "argmax", "axis 1", "(2, 0)");
        expect(IllegalArgumentException.class, () -> a.argmin(-1), "argmin", "(2, 0)");
    }

    @Test
    void itemOfMultiElementTensor() {
        Tensor a = f64(2, 2);
        expect(IllegalStateException.class, a::item, "item()", "(2, 2)", "4");
    }

    @Test
    void itemOfEmptyTensor() {
        Tensor a = f64(0);
        expect(IllegalStateException.class, a::item, "item()", "(0,)", "0");
    }

    // ------------------------------------------------------------------ closed tensors

    @Test
    void useAfterClose() {
        Tensor a = f64(2);
        a.close();
        expect(IllegalStateException.class, a::exp, "closed", "(2,)", "FLOAT64");
        expect(IllegalStateException.class, a::toDoubleArray, "closed", "(2,)");
        Tensor one = f64(1);
        one.close();
        expect(IllegalStateException.class, one::item, "closed", "(1,)");
        expect(IllegalStateException.class, () -> a.reshape(2, 1), "closed", "(2,)");
        expect(IllegalStateException.class, a::sum, "closed", "(2,)");
        expect(IllegalStateException.class, () -> a.add(1.0), "closed", "(2,)");
        expect(IllegalStateException.class, () -> a.to(DType.FLOAT32), "closed", "(2,)");
        expect(IllegalStateException.class, a::transpose, "closed", "(2,)");
    }

    @Test
    void closedOperand() {
        Tensor a = f64(2);
        Tensor b = f32(2, 2);
        b.close();
        expect(IllegalStateException.class, () -> a.add(b), "closed", "(2, 2)", "FLOAT32");
        expect(IllegalStateException.class, () -> a.matmul(b), "closed", "(2, 2)");
        expect(IllegalStateException.class, () -> Tensor.where(b, a, a), "closed", "(2, 2)");
        expect(IllegalStateException.class, () -> Tensor.concat(List.of(a, b), 0), "closed", "(2, 2)");
    }

    @Test
    void closeIsIdempotentAndViewsSurviveTheirBase() {
        Tensor a = Tensor.of(new double[] {1, 2, 3, 4}, 2, 2);
        Tensor v = a.transpose();
        a.close();
        a.close();
        assertTrue(a.isClosed());
        assertEquals("[[1. 3.]\n [2. 4.]]", v.toString());
        assertEquals("Tensor(closed, (2, 2), FLOAT64)", a.toString());
    }
}
