package org.jdeep.eval;

import java.util.Arrays;
import java.util.List;
import org.jdeep.Tensor;
import org.jdeep.data.Dataset;
import org.jdeep.random.RandomState;

/**
 * Setting up train, dev and test sets (Course 3, week 1, 1.5 Train/dev/test distributions, 1.6 Size of the dev and
 * test sets; week 2, 2.4 Training and testing on different distributions, 2.5 the train-dev set). The plain
 * train/dev/test split of one distribution is {@link Dataset#split(double, double, RandomState)}; this class adds
 * <ul>
 *   <li>{@link #recommendedFractions(int)}: 60/20/20 for a small data set, a dev and a test set of 10,000 examples
 *       each for a large one (1% each of a million examples);</li>
 *   <li>{@link #trainDev}: a train-dev set carved out of the training set, same distribution but not trained on, to
 *       tell variance from data mismatch;</li>
 *   <li>{@link #forTargetDistribution}: the lecture's recipe when most data come from another distribution (200,000
 *       web images, 10,000 from the mobile app): dev and test come only from the distribution you care about, the
 *       rest of it joins the training set.</li>
 * </ul>
 * Every split shuffles with {@link RandomState#permutation(int)}; the parts are new datasets (copies) the caller owns.
 */
public final class DataSplits {
    /** Below this many examples, the classic 60/20/20 split. */
    public static final int SMALL = 100_000;
    /** The dev and test size for a large data set. */
    public static final int LARGE_DEV_TEST_SIZE = 10_000;

    private DataSplits() {
    }

    /**
     * The train, dev and test fractions for {@code m} examples (Course 3, week 1, 1.6): {0.6, 0.2, 0.2} below
     * {@link #SMALL}, otherwise dev and test sets of {@link #LARGE_DEV_TEST_SIZE} examples each, enough to tell
     * apart models that differ by a fraction of a percent (98/1/1 for a million examples).
     *
     * @throws IllegalArgumentException for {@code m < 1}
     */
    public static double[] recommendedFractions(int m) {
        if (m < 1) {
            throw new IllegalArgumentException("recommendedFractions: m must be >= 1, got " + m);
        }
        if (m < SMALL) {
            return new double[] {0.6, 0.2, 0.2};
        }
        double f = (double) LARGE_DEV_TEST_SIZE / m;
        return new double[] {1 - 2 * f, f, f};
    }

    /**
     * A training set and the train-dev set held out of it.
     *
     * @param train the examples to train on
     * @param trainDev held-out examples of the training distribution
     */
    public record TrainDev(Dataset train, Dataset trainDev) implements AutoCloseable {
        /** Closes both sets. */
        @Override
        public void close() {
            train.close();
            trainDev.close();
        }
    }

    /**
     * Holds out {@code round(m * trainDevFraction)} shuffled examples of {@code train} as a train-dev set.
     *
     * @throws IllegalArgumentException unless {@code 0 < trainDevFraction < 1}
     */
    public static TrainDev trainDev(Dataset train, double trainDevFraction, RandomState rng) {
        if (!(trainDevFraction > 0 && trainDevFraction < 1)) {
            throw new IllegalArgumentException("trainDev: the fraction must be in (0, 1), got " + trainDevFraction);
        }
        int m = train.size();
        int held = (int) Math.round(m * trainDevFraction);
        int[] order = rng.permutation(m);
        return new TrainDev(train.select(Arrays.copyOfRange(order, held, m)), train.select(Arrays.copyOfRange(order, 0, held)));
    }

    /**
     * Train, dev and test sets when the data of the distribution that matters ({@code target}) are few: dev and
     * test are {@code devSize} and {@code testSize} shuffled examples of {@code target}; the training set is all of
     * {@code source} followed by the rest of {@code target} (Course 3, week 2, 2.4).
     *
     * @throws IllegalArgumentException when {@code target} has fewer than {@code devSize + testSize} examples
     */
    public static Dataset.Split forTargetDistribution(Dataset source, Dataset target, int devSize, int testSize,
                                                      RandomState rng) {
        int m = target.size();
        if (devSize < 0 || testSize < 0 || devSize + testSize > m) {
            throw new IllegalArgumentException("forTargetDistribution: dev " + devSize + " + test " + testSize
                    + " examples from a target set of " + m);
        }
        int[] order = rng.permutation(m);
        Dataset dev = target.select(Arrays.copyOfRange(order, 0, devSize));
        Dataset test = target.select(Arrays.copyOfRange(order, devSize, devSize + testSize));
        try (Dataset rest = target.select(Arrays.copyOfRange(order, devSize + testSize, m))) {
            return new Dataset.Split(concat(source, rest), dev, test);
        }
    }

    /** The examples of {@code a} followed by those of {@code b}, as a new dataset. */
    public static Dataset concat(Dataset a, Dataset b) {
        return Dataset.of(Tensor.concat(List.of(a.x(), b.x()), 0), Tensor.concat(List.of(a.y(), b.y()), 0));
    }
}
