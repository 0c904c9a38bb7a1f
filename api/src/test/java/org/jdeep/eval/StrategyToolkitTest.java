package org.jdeep.eval;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.jdeep.MemoryScope;
import org.jdeep.Tensor;
import org.jdeep.data.Dataset;
import org.jdeep.eval.BiasVarianceDiagnosis.Focus;
import org.jdeep.random.RandomState;
import org.junit.jupiter.api.Test;

/** Course 3's strategy tools, checked on the lectures' own numbers. */
class StrategyToolkitTest {
    private static final double EPS = 1e-12;

    @Test
    void f1PicksTheLecturesClassifierA() {
        double a = SingleNumber.f1(0.95, 0.90);
        double b = SingleNumber.f1(0.98, 0.85);
        assertEquals(0.924324324324, a, 1e-12);
        assertEquals(0.910382513661, b, 1e-12);
        assertTrue(a > b, "classifier A is better by F1");
        assertEquals(0, SingleNumber.f1(0, 0.5));
        assertThrows(IllegalArgumentException.class, () -> SingleNumber.f1(1.5, 0.5));
    }

    @Test
    void averageOverGeographiesAndWeightedError() {
        assertEquals(0.06, SingleNumber.average(Map.of("US", 0.03, "China", 0.07, "India", 0.05, "Other", 0.09)), EPS);
        int[] y = {0, 1, 1, 0};
        int[] p = {0, 1, 0, 1};
        assertEquals(0.5, SingleNumber.error(p, y), EPS);
        // example 3 (a wrong prediction) weighs 10: (1 + 10) / (1 + 1 + 1 + 10)
        assertEquals(11.0 / 13, SingleNumber.weightedError(p, y, new double[] {1, 1, 1, 10}), EPS);
        assertThrows(IllegalArgumentException.class, () -> SingleNumber.weightedError(p, y, new double[] {0, 0, 0, 0}));
    }

    @Test
    void satisficingAndOptimizingChoosesTheLecturesClassifierB() {
        ModelChoice rule = ModelChoice.optimizing("accuracy", true).satisficingAtMost("running_ms", 100);
        ModelChoice.Result r = rule.choose(List.of(
                new ModelChoice.Candidate("A", Map.of("accuracy", 0.90, "running_ms", 80.0)),
                new ModelChoice.Candidate("B", Map.of("accuracy", 0.92, "running_ms", 95.0)),
                new ModelChoice.Candidate("C", Map.of("accuracy", 0.95, "running_ms", 1500.0))));
        assertEquals("B", r.chosen().name());
        assertEquals(List.of("B", "A"), r.ranking().stream().map(ModelChoice.Candidate::name).toList());
        assertEquals(Set.of("C"), r.rejected().keySet());
        assertTrue(r.toString().contains("rejected C: fails running_ms <= 100.0"), r.toString());
        assertEquals("maximize accuracy subject to [running_ms <= 100.0]", rule.toString());
        ModelChoice strict = rule.satisficingAtLeast("accuracy", 0.99);
        assertNull(strict.choose(List.of(new ModelChoice.Candidate("A", Map.of("accuracy", 0.9, "running_ms", 1.0))))
                .chosen());
        assertThrows(IllegalArgumentException.class, () -> rule.choose(List.of(
                new ModelChoice.Candidate("D", Map.of("accuracy", 0.9)))));
        ModelChoice lowestError = ModelChoice.optimizing("error", false);
        assertEquals("Y", lowestError.choose(List.of(new ModelChoice.Candidate("X", Map.of("error", 0.2)),
                new ModelChoice.Candidate("Y", Map.of("error", 0.1)))).chosen().name());
    }

    @Test
    void avoidableBiasAndVarianceAsInTheLecture() {
        BiasVarianceDiagnosis cats = BiasVarianceDiagnosis.of(0.01, 0.08, 0.10);
        assertEquals(0.07, cats.avoidableBias(), EPS);
        assertEquals(0.02, cats.variance(), EPS);
        assertEquals(Focus.AVOIDABLE_BIAS, cats.focus());
        assertTrue(cats.recommendations().get(0).contains("bigger model"));
        assertTrue(cats.toString().contains("avoidable bias         7.00%"), cats.toString());
        assertTrue(cats.toString().contains("focus on: avoidable bias"), cats.toString());

        BiasVarianceDiagnosis blurry = BiasVarianceDiagnosis.of(0.075, 0.08, 0.10);
        assertEquals(0.005, blurry.avoidableBias(), EPS);
        assertEquals(Focus.VARIANCE, blurry.focus());
        assertTrue(blurry.recommendations().contains("get more training data"));
    }

    @Test
    void mismatchedDistributionsAsInTheLecture() {
        assertEquals(Focus.VARIANCE, BiasVarianceDiagnosis.of(0, 0.01, 0.09, 0.10).focus());
        BiasVarianceDiagnosis mismatch = BiasVarianceDiagnosis.of(0, 0.01, 0.015, 0.10);
        assertEquals(0.085, mismatch.dataMismatch(), EPS);
        assertEquals(Focus.DATA_MISMATCH, mismatch.focus());
        assertTrue(mismatch.recommendations().get(0).contains("manual error analysis"));
        assertEquals(Focus.AVOIDABLE_BIAS, BiasVarianceDiagnosis.of(0, 0.10, 0.11, 0.12).focus());
        BiasVarianceDiagnosis both = BiasVarianceDiagnosis.of(0, 0.10, 0.11, 0.20);
        assertEquals(0.10, both.avoidableBias(), EPS);
        assertEquals(0.09, both.dataMismatch(), EPS);
        BiasVarianceDiagnosis tuned = BiasVarianceDiagnosis.of(0.095, 0.10, 0.10).withTestError(0.15);
        assertEquals(Focus.DEV_SET_OVERFITTING, tuned.focus());
        assertEquals(List.of("get a bigger dev set"), tuned.recommendations());
        assertTrue(Double.isNaN(BiasVarianceDiagnosis.of(0.01, 0.02, 0.03).dataMismatch()));
    }

    @Test
    void humanLevelIsTheBestHumanErrorAndCanBeSurpassed() {
        assertEquals(0.005, BiasVarianceDiagnosis.bayesProxy(0.03, 0.01, 0.007, 0.005), 0);
        BiasVarianceDiagnosis d = BiasVarianceDiagnosis.of(0.005, 0.003, 0.004);
        assertTrue(d.surpassesHumanLevel());
        assertEquals(Focus.VARIANCE, d.focus());
        assertTrue(d.recommendations().get(d.recommendations().size() - 1).contains("below the human-level error"));
        assertEquals(Focus.NONE, BiasVarianceDiagnosis.of(0.05, 0.05, 0.05).focus());
        assertThrows(IllegalArgumentException.class, () -> BiasVarianceDiagnosis.of(0.01, 8, 10));
    }

    @Test
    void errorAnalysisTalliesTheLecturesSpreadsheet() {
        // 1000 dev examples, 100 misclassified (10% error); of those 5 dogs, 43 great cats, 61 blurry, 6 mislabeled
        int m = 1000;
        int[] actual = new int[m];
        int[] predicted = new int[m];
        Map<Integer, Set<String>> tags = new HashMap<>();
        for (int i = 0; i < 100; i++) {
            predicted[i * 10] = 1;
            Set<String> t = new TreeSet<>();
            if (i < 5) {
                t.add("dog");
            }
            if (i >= 5 && i < 48) {
                t.add("great cat");
            }
            if (i >= 39) {
                t.add("blurry");
            }
            if (i >= 94) {
                t.add("incorrectly labeled");
            }
            tags.put(i * 10, t);
        }
        ErrorAnalysis a = ErrorAnalysis.of(predicted, actual, tags);
        assertEquals(0.10, a.errorRate(), EPS);
        assertEquals(100, a.misclassified().length);
        assertEquals(List.of("blurry", "great cat", "incorrectly labeled", "dog"),
                a.rows().stream().map(ErrorAnalysis.Row::tag).toList());
        assertEquals(5, a.row("dog").count());
        assertEquals(0.05, a.row("dog").fractionOfErrors(), EPS);
        assertEquals(0.095, a.row("dog").errorRateAfterFix(), EPS, "fixing every dog leaves 9.5%");
        assertEquals(0.1 * (1 - 0.61), a.row("blurry").errorRateAfterFix(), EPS);
        assertEquals(0.006, 0.1 * a.row("incorrectly labeled").fractionOfErrors(), EPS,
                "errors due to incorrect labels: 0.6% of the 10%");
        assertEquals(0, a.untagged());
        assertEquals(0, a.row("unknown tag").count());
        assertTrue(a.toString().contains("dog"), a.toString());
        int[] sample = a.sample(10, new RandomState(0));
        assertEquals(10, sample.length);
        for (int i : sample) {
            assertEquals(0, i % 10);
        }
        assertEquals(100, a.sample(500, new RandomState(0)).length);
    }

    @Test
    void errorAnalysisCountsUntaggedErrors() {
        ErrorAnalysis a = ErrorAnalysis.of(new int[] {1, 0, 1}, new int[] {0, 0, 0}, i -> i == 0 ? List.of("x") : null);
        assertEquals(1, a.untagged());
        assertEquals(1, a.row("x").count());
        assertEquals(0.5, a.row("x").fractionOfErrors(), EPS);
    }

    @Test
    void recommendedSplitSizes() {
        assertArrayEquals(new double[] {0.6, 0.2, 0.2}, DataSplits.recommendedFractions(10_000), EPS);
        assertArrayEquals(new double[] {0.98, 0.01, 0.01}, DataSplits.recommendedFractions(1_000_000), EPS);
        assertThrows(IllegalArgumentException.class, () -> DataSplits.recommendedFractions(0));
    }

    private static Dataset rows(int from, int count) {
        double[] x = new double[count];
        for (int i = 0; i < count; i++) {
            x[i] = from + i;
        }
        return Dataset.of(Tensor.of(x, count, 1), Tensor.of(x.clone(), count, 1));
    }

    @Test
    void trainDevIsHeldOutOfTheTrainingSet() {
        try (MemoryScope scope = MemoryScope.open(); Dataset train = rows(0, 20);
             DataSplits.TrainDev td = DataSplits.trainDev(train, 0.25, new RandomState(1))) {
            assertEquals(15, td.train().size());
            assertEquals(5, td.trainDev().size());
            List<Double> all = new ArrayList<>();
            Arrays.stream(td.train().x().toDoubleArray()).forEach(all::add);
            Arrays.stream(td.trainDev().x().toDoubleArray()).forEach(all::add);
            assertEquals(20, new TreeSet<>(all).size(), "disjoint and complete");
        }
    }

    @Test
    void devAndTestComeFromTheTargetDistribution() {
        try (MemoryScope scope = MemoryScope.open(); Dataset web = rows(0, 200); Dataset mobile = rows(1000, 10);
             Dataset.Split s = DataSplits.forTargetDistribution(web, mobile, 3, 2, new RandomState(2))) {
            assertEquals(205, s.train().size());
            assertEquals(3, s.dev().size());
            assertEquals(2, s.test().size());
            for (double v : s.dev().x().toDoubleArray()) {
                assertTrue(v >= 1000, "dev examples are mobile ones");
            }
            for (double v : s.test().x().toDoubleArray()) {
                assertTrue(v >= 1000, "test examples are mobile ones");
            }
            double[] tr = s.train().x().toDoubleArray();
            assertEquals(0, tr[0]);
            assertEquals(199, tr[199]);
            assertTrue(tr[200] >= 1000);
        }
        assertThrows(IllegalArgumentException.class,
                () -> DataSplits.forTargetDistribution(rows(0, 3), rows(0, 3), 2, 2, new RandomState(0)));
    }

    @Test
    void learningCurveMeasuresGrowingSubsets() {
        assertArrayEquals(new int[] {25, 50, 75, 100}, LearningCurve.sizes(100, 4));
        assertArrayEquals(new int[] {1, 2, 3}, LearningCurve.sizes(3, 10));
        try (MemoryScope scope = MemoryScope.open(); Dataset train = rows(0, 100)) {
            List<Integer> seen = new ArrayList<>();
            LearningCurve c = LearningCurve.measure(train, new int[] {25, 50, 100}, subset -> {
                seen.add(subset.size());
                double m = subset.size();
                return new LearningCurve.Errors(0.02 + 1 / m, 0.05 + 2 / m); // dev error falls as data grows
            });
            assertEquals(List.of(25, 50, 100), seen);
            assertEquals(3, c.points().size());
            assertEquals(0.03, c.last().trainError(), EPS);
            assertEquals(0.07, c.last().devError(), EPS);
            assertEquals(0.04, c.last().gap(), EPS);
            assertTrue(c.devErrorStillFalling());
            assertEquals(Focus.VARIANCE, c.diagnose(0.01).focus());
            assertTrue(c.toCsv().startsWith("examples,train_error,dev_error\n25,"), c.toCsv());
            assertTrue(c.toString().contains("100"), c.toString());
            assertThrows(IllegalArgumentException.class, () -> LearningCurve.measure(train, new int[] {50, 25}, s -> null));
        }
        assertFalse(LearningCurve.of(List.of(new LearningCurve.Point(10, 0.1, 0.2))).devErrorStillFalling());
    }
}
