package org.jdeep.data;

import java.util.Arrays;
import org.jdeep.ShapeMismatchException;
import org.jdeep.Tensor;
import org.jdeep.random.RandomState;

/**
 * Examples and their labels, batch-first: features X of shape (m, ...) and labels Y of shape (m, ...), the
 * i-th row of each belonging together. (The course stacks examples as columns, X of shape (n_x, m); jdeep
 * puts the example axis first, as {@code Linear} does: a course array is {@code X.transpose()} here.)
 *
 * <p>A dataset owns its two tensors: {@link #close()} closes them. Subsets ({@link #select}, {@link #slice},
 * {@link #split}, mini-batches) are new datasets owning new tensors (views for slices, copies for
 * selections), so each may be closed, or left to a {@link org.jdeep.MemoryScope}, on its own.
 */
public final class Dataset implements AutoCloseable {
    private final Tensor x; // (m, ...)
    private final Tensor y; // (m, ...)

    private Dataset(Tensor x, Tensor y) {
        this.x = x;
        this.y = y;
    }

    /**
     * A dataset of features {@code x} (m, ...) and labels {@code y} (m, ...), which it takes ownership of.
     *
     * @throws ShapeMismatchException when either is a scalar or their first dimensions differ
     */
    public static Dataset of(Tensor x, Tensor y) {
        if (x.rank() == 0 || y.rank() == 0) {
            throw new ShapeMismatchException("Dataset: X " + x.shape() + " and Y " + y.shape()
                    + " need a first (example) axis");
        }
        if (x.shape().dim(0) != y.shape().dim(0)) {
            throw new ShapeMismatchException("Dataset: X " + x.shape() + " has " + x.shape().dim(0)
                    + " examples but Y " + y.shape() + " has " + y.shape().dim(0)
                    + " (examples go along the first axis)");
        }
        return new Dataset(x, y);
    }

    /** The features, shape (m, ...). */
    public Tensor x() {
        return x;
    }

    /** The labels, shape (m, ...). */
    public Tensor y() {
        return y;
    }

    /** The number of examples m. */
    public int size() {
        return x.shape().dim(0);
    }

    /**
     * The examples at {@code indices}, in that order (copies made with {@link Tensor#gather}).
     *
     * @throws IndexOutOfBoundsException for an index outside {@code [0, size())}
     */
    public Dataset select(int[] indices) {
        try (Tensor idx = Tensor.of(indices, indices.length)) {
            Tensor sx = x.gather(idx, 0);
            try {
                return new Dataset(sx, y.gather(idx, 0));
            } catch (RuntimeException e) {
                sx.close();
                throw e;
            }
        }
    }

    /**
     * Examples {@code from} (inclusive) to {@code to} (exclusive), as views sharing this dataset's memory.
     *
     * @throws IndexOutOfBoundsException unless {@code 0 <= from <= to <= size()}
     */
    public Dataset slice(int from, int to) {
        if (from < 0 || to < from || to > size()) {
            throw new IndexOutOfBoundsException("Dataset.slice(" + from + ", " + to + ") of " + size()
                    + " examples");
        }
        return new Dataset(x.slice(0, from, to, 1), y.slice(0, from, to, 1));
    }

    /**
     * Mini-batches in a random order drawn from {@code rng} (Course 2, week 2, 2.1 Mini-batch gradient
     * descent): see {@link MiniBatches#shuffled(Dataset, int, RandomState)}.
     */
    public MiniBatches miniBatches(int batchSize, RandomState rng) {
        return MiniBatches.shuffled(this, batchSize, rng);
    }

    /**
     * Splits into train, dev and test sets in this order, without shuffling (Course 2, week 1, 1.1 Train /
     * Dev / Test sets). The train set takes the first {@code round(m * trainFraction)} examples, the dev set
     * the next ones up to {@code round(m * (trainFraction + devFraction))}, the test set the rest. The parts
     * are views.
     *
     * @throws IllegalArgumentException when a fraction is outside [0, 1] or they add up to more than 1
     */
    public Split split(double trainFraction, double devFraction) {
        int[] bounds = bounds(trainFraction, devFraction);
        Dataset train = slice(0, bounds[0]);
        Dataset dev = slice(bounds[0], bounds[1]);
        return new Split(train, dev, slice(bounds[1], size()));
    }

    /**
     * Splits like {@link #split(double, double)} after shuffling the examples with
     * {@code rng.permutation(m)} (numpy's {@code np.random.permutation}); the parts are copies.
     */
    public Split split(double trainFraction, double devFraction, RandomState rng) {
        int[] bounds = bounds(trainFraction, devFraction);
        int[] order = rng.permutation(size());
        Dataset train = select(Arrays.copyOfRange(order, 0, bounds[0]));
        Dataset dev = select(Arrays.copyOfRange(order, bounds[0], bounds[1]));
        return new Split(train, dev, select(Arrays.copyOfRange(order, bounds[1], order.length)));
    }

    private int[] bounds(double trainFraction, double devFraction) {
        if (!(trainFraction >= 0 && trainFraction <= 1) || !(devFraction >= 0 && devFraction <= 1)
                || trainFraction + devFraction > 1 + 1e-12) {
            throw new IllegalArgumentException("split(" + trainFraction + ", " + devFraction + "): each fraction "
                    + "must be in [0, 1] and together at most 1 (the test set takes the rest)");
        }
        int m = size();
        int trainEnd = (int) Math.round(m * trainFraction);
        int devEnd = (int) Math.min(m, Math.round(m * (trainFraction + devFraction)));
        return new int[] {trainEnd, devEnd};
    }

    /** Closes X and Y. */
    @Override
    public void close() {
        x.close();
        y.close();
    }

    /** {@code Dataset(m=148, X (148, 12288) FLOAT64, Y (148, 1) FLOAT64)}. */
    @Override
    public String toString() {
        return "Dataset(m=" + size() + ", X " + x.shape() + " " + x.dtype() + ", Y " + y.shape() + " " + y.dtype()
                + ")";
    }

    /**
     * The three sets of Course 2, week 1, 1.1 Train / Dev / Test sets: train to fit the parameters, dev to
     * choose among models and hyperparameters, test for an unbiased estimate of the chosen one. Closing
     * the split closes all three.
     *
     * @param train the training set
     * @param dev the development (hold-out, cross-validation) set
     * @param test the test set
     */
    public record Split(Dataset train, Dataset dev, Dataset test) implements AutoCloseable {
        /** Closes the three datasets. */
        @Override
        public void close() {
            train.close();
            dev.close();
            test.close();
        }
    }
}
