package org.jdeep.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.jdeep.MemoryScope;
import org.jdeep.ShapeMismatchException;
import org.jdeep.Tensor;
import org.jdeep.random.RandomState;
import org.junit.jupiter.api.Test;

/** Datasets, the course's random_mini_batches, and train/dev/test splits. */
class DatasetTest {

    /** Seven examples of two features: x[i] = (10 i, 10 i + 1), y[i] = i. */
    private static Dataset seven() {
        double[] x = new double[14];
        double[] y = new double[7];
        for (int i = 0; i < 7; i++) {
            x[2 * i] = 10 * i;
            x[2 * i + 1] = 10 * i + 1;
            y[i] = i;
        }
        return Dataset.of(Tensor.of(x, 7, 2), Tensor.of(y, 7, 1));
    }

    private static int[] labels(Dataset d) {
        return d.y().toIntArray();
    }

    @Test
    void aDatasetPairsRowsOfXAndY() {
        try (Dataset d = seven()) {
            assertEquals(7, d.size());
            assertEquals("Dataset(m=7, X (7, 2) FLOAT64, Y (7, 1) FLOAT64)", d.toString());
            try (Dataset s = d.select(new int[] {6, 0, 3})) {
                assertArrayEquals(new double[] {60, 61, 0, 1, 30, 31}, s.x().toDoubleArray());
                assertArrayEquals(new int[] {6, 0, 3}, labels(s));
            }
            try (Dataset s = d.slice(2, 4)) {
                assertArrayEquals(new double[] {20, 21, 30, 31}, s.x().toDoubleArray());
            }
        }
    }

    @Test
    void xAndYMustHaveOneExampleCount() {
        try (Tensor x = Tensor.of(new double[6], 3, 2); Tensor y = Tensor.of(new double[2], 2)) {
            ShapeMismatchException e = assertThrows(ShapeMismatchException.class, () -> Dataset.of(x, y));
            assertEquals("Dataset: X (3, 2) has 3 examples but Y (2,) has 2 (examples go along the first axis)",
                    e.getMessage());
        }
        try (Dataset d = seven()) {
            assertThrows(IndexOutOfBoundsException.class, () -> d.slice(3, 8));
            assertThrows(IndexOutOfBoundsException.class, () -> d.select(new int[] {7}));
        }
    }

    @Test
    void shuffledMiniBatchesReproduceTheCoursesRandomMiniBatches() {
        // the course's public test: seed 0, m = 7, mini_batch_size = 2 -> permutation [6, 2, 1, 3, 0, 5, 4],
        // batches of 2, 2, 2 and the last, smaller one of 1
        try (Dataset d = seven(); MemoryScope scope = MemoryScope.open()) {
            MiniBatches batches = MiniBatches.shuffled(d, 2, 0);
            assertArrayEquals(new int[] {6, 2, 1, 3, 0, 5, 4}, batches.order());
            assertEquals(4, batches.count());
            List<int[]> seen = new ArrayList<>();
            for (Dataset b : batches) {
                seen.add(labels(b));
            }
            assertArrayEquals(new int[] {6, 2}, seen.get(0));
            assertArrayEquals(new int[] {1, 3}, seen.get(1));
            assertArrayEquals(new int[] {0, 5}, seen.get(2));
            assertArrayEquals(new int[] {4}, seen.get(3));
            assertArrayEquals(new double[] {60, 61, 20, 21}, batches.get(0).x().toDoubleArray());
        }
    }

    @Test
    void theCoursesLargerExampleHasThreeBatchesOf64_64_20() {
        // random_mini_batches with m = 148 and size 64: three batches, the permutation of np.random.seed(0)
        try (MemoryScope scope = MemoryScope.open()) {
            Dataset d = Dataset.of(Tensor.arange(148).reshape(148, 1), Tensor.arange(148));
            MiniBatches batches = MiniBatches.shuffled(d, 64, 0);
            assertEquals(3, batches.count());
            assertEquals(64, batches.get(1).size());
            assertEquals(20, batches.get(2).size());
            assertArrayEquals(new RandomState(0).permutation(148), batches.order());
            // the notebook's checks use X[i, j] = 12288 j + i: the first batch's row 0 starts 294912, 86016, 454656
            // = 12288 * (24, 7, 37), the last batch's last row 1425407, 1769471, 897023 = 12288 * (115, 143, 72) + 12287
            assertArrayEquals(new int[] {24, 7, 37}, Arrays.copyOf(batches.get(0).y().toIntArray(), 3));
            assertArrayEquals(new int[] {115, 143, 72}, Arrays.copyOf(batches.get(2).y().toIntArray(), 3));
        }
    }

    @Test
    void successiveEpochsFromOneGeneratorGetNewOrders() {
        try (Dataset d = seven()) {
            RandomState rng = new RandomState(1);
            int[] first = d.miniBatches(3, rng).order();
            int[] second = d.miniBatches(3, rng).order();
            RandomState replay = new RandomState(1);
            assertArrayEquals(replay.permutation(7), first);
            assertArrayEquals(replay.permutation(7), second);
        }
    }

    @Test
    void sequentialBatchesKeepTheOrder() {
        try (Dataset d = seven(); MemoryScope scope = MemoryScope.open()) {
            MiniBatches batches = MiniBatches.sequential(d, 3);
            assertEquals(3, batches.count());
            assertArrayEquals(new int[] {0, 1, 2}, labels(batches.get(0)));
            assertArrayEquals(new int[] {6}, labels(batches.get(2)));
            assertThrows(IndexOutOfBoundsException.class, () -> batches.get(3));
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> MiniBatches.sequential(d, 0));
            assertEquals("mini-batch size must be >= 1, got 0", e.getMessage());
        }
    }

    @Test
    void splitTakesRoundedFractionsInOrder() {
        try (Dataset d = seven(); Dataset.Split s = d.split(0.6, 0.2)) {
            // round(7 * 0.6) = 4 train, round(7 * 0.8) = 6 so 2 dev, 1 test
            assertArrayEquals(new int[] {0, 1, 2, 3}, labels(s.train()));
            assertArrayEquals(new int[] {4, 5}, labels(s.dev()));
            assertArrayEquals(new int[] {6}, labels(s.test()));
        }
    }

    @Test
    void aSeededSplitShufflesWithPermutationFirst() {
        try (Dataset d = seven(); Dataset.Split s = d.split(0.5, 0.25, new RandomState(0))) {
            // permutation(7) with seed 0 is [6, 2, 1, 3, 0, 5, 4]; round(3.5) = 4 train, round(5.25) = 5
            assertArrayEquals(new int[] {6, 2, 1, 3}, labels(s.train()));
            assertArrayEquals(new int[] {0}, labels(s.dev()));
            assertArrayEquals(new int[] {5, 4}, labels(s.test()));
        }
    }

    @Test
    void splitFractionsMustMakeSense() {
        try (Dataset d = seven()) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> d.split(0.8, 0.3));
            assertTrue(e.getMessage().contains("together at most 1"), e.getMessage());
            assertThrows(IllegalArgumentException.class, () -> d.split(-0.1, 0.3));
            assertThrows(IllegalArgumentException.class, () -> d.split(Double.NaN, 0.3));
            try (Dataset.Split all = d.split(1, 0)) {
                assertEquals(7, all.train().size());
                assertEquals(0, all.dev().size());
                assertEquals(0, all.test().size());
            }
        }
    }
}
