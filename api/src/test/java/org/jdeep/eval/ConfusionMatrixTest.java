package org.jdeep.eval;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.jdeep.MemoryScope;
import org.jdeep.Tensor;
import org.junit.jupiter.api.Test;

/** Course 3, week 1, 1.3-1.4: precision, recall, F1 and accuracy from a confusion matrix. */
class ConfusionMatrixTest {

    @Test
    void binaryMetricsOfTheLecturesCatClassifierKind() {
        // 10 examples, class 1 = cat. TP = 3, FN = 1, FP = 2, TN = 4.
        int[] actual = {1, 1, 1, 1, 0, 0, 0, 0, 0, 0};
        int[] predicted = {1, 1, 1, 0, 1, 1, 0, 0, 0, 0};
        ConfusionMatrix c = ConfusionMatrix.of(predicted, actual, 2);
        assertArrayEquals(new long[][] {{4, 2}, {1, 3}}, c.counts());
        assertEquals(0.7, c.accuracy(), 1e-15);
        assertEquals(0.6, c.precision(1), 1e-15);    // 3 / (3 + 2)
        assertEquals(0.75, c.recall(1), 1e-15);      // 3 / (3 + 1)
        assertEquals(2 * 0.6 * 0.75 / 1.35, c.f1(1), 1e-15); // 0.6667, the harmonic mean
        assertEquals(0.8, c.precision(0), 1e-15);    // 4 / (4 + 1)
        assertEquals(10, c.total());
    }

    @Test
    void multiclassPerClassAndMacroAverages() {
        int[] actual = {0, 0, 1, 1, 2, 2};
        int[] predicted = {0, 1, 1, 1, 2, 0};
        ConfusionMatrix c = ConfusionMatrix.of(predicted, actual, 3);
        assertEquals(4.0 / 6, c.accuracy(), 1e-15);
        assertEquals(0.5, c.precision(0), 1e-15);
        assertEquals(2.0 / 3, c.precision(1), 1e-15);
        assertEquals(1.0, c.precision(2), 1e-15);
        assertEquals(1.0, c.recall(1), 1e-15);
        assertEquals((0.5 + 2.0 / 3 + 1) / 3, c.macroPrecision(), 1e-15);
        assertEquals((0.5 + 1 + 0.5) / 3, c.macroRecall(), 1e-15);
        assertEquals((0.5 + 0.8 + 2.0 / 3) / 3, c.macroF1(), 1e-15);
        assertEquals("true\\pred    0   1   2\n0            1   1   0\n1            0   2   0\n2            1   0   1",
                c.toString());
    }

    @Test
    void aClassNeverPredictedHasPrecisionZeroNotNaN() {
        ConfusionMatrix c = ConfusionMatrix.of(new int[] {0, 0}, new int[] {0, 1}, 2);
        assertEquals(0.0, c.precision(1));
        assertEquals(0.0, c.recall(1));
        assertEquals(0.0, c.f1(1));
    }

    @Test
    void fromProbabilitiesWithAThresholdAsTheCoursesPredict() {
        try (MemoryScope scope = MemoryScope.open()) {
            Tensor a = Tensor.of(new double[] {0.9, 0.5, 0.51, 0.1}, 4, 1);
            Tensor y = Tensor.of(new double[] {1, 1, 0, 0}, 4, 1); // the course's Y is a float array of 0/1
            ConfusionMatrix c = ConfusionMatrix.binary(a, y, 0.5);  // A > 0.5: 0.5 itself is predicted 0
            assertArrayEquals(new long[][] {{1, 1}, {1, 1}}, c.counts());
            assertEquals(0.5, Metric.binaryAccuracy(0.5).compute(a, y), 1e-15);
            assertEquals(0.75, Metric.binaryAccuracy(0.3).compute(a, y), 1e-15);
        }
    }

    @Test
    void fromScoresByArgmaxWithIdsOrOneHotLabels() {
        try (MemoryScope scope = MemoryScope.open()) {
            Tensor scores = Tensor.of(new float[] {2, 1, 0, 0, 3, 1, 1, 0, 5}, 3, 3);
            Tensor ids = Tensor.of(new int[] {0, 2, 2}, 3);
            assertEquals(2.0 / 3, ConfusionMatrix.multiclass(scores, ids).accuracy(), 1e-15);
            Tensor oneHot = ids.oneHot(3);
            assertEquals(2.0 / 3, Metric.accuracy().compute(scores, oneHot), 1e-15);
            assertEquals(1.0, ConfusionMatrix.multiclass(scores, ids).recall(0));
        }
    }

    @Test
    void invalidLabelsAreNamed() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ConfusionMatrix.of(new int[] {0, 3}, new int[] {0, 1}, 3));
        assertEquals("confusion matrix: predicted label 3 at index 1 is outside [0, 3)", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> ConfusionMatrix.of(new int[] {0}, new int[] {0, 1}, 2));
        assertEquals("confusion matrix: 1 predictions for 2 true labels", e.getMessage());
        try (Tensor f = Tensor.of(new double[] {0, 1}, 2); Tensor i = Tensor.of(new int[] {0, 1}, 2)) {
            e = assertThrows(IllegalArgumentException.class, () -> ConfusionMatrix.of(f, i, 2));
            assertEquals("confusion matrix: predicted labels must be INT32, got FLOAT64 (convert with "
                    + "to(DType.INT32), or use binary(...) for probabilities)", e.getMessage());
            try (Tensor y = Tensor.of(new double[] {0, 2}, 2)) {
                e = assertThrows(IllegalArgumentException.class, () -> ConfusionMatrix.binary(f, y, 0.5));
                assertEquals("binary labels must be 0 or 1, got 2.0 at index 1", e.getMessage());
            }
        }
    }

    @Test
    void metricsHaveNamesForTheHistory() {
        assertEquals("accuracy", Metric.binaryAccuracy(0.5).name());
        assertEquals("f1", Metric.binaryF1(0.5).name());
        assertEquals("macro_f1", Metric.macroF1().name());
        assertEquals(true, Metric.accuracy().higherIsBetter());
    }
}
