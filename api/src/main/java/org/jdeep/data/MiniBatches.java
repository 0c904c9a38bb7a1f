package org.jdeep.data;

import java.util.Arrays;
import java.util.Iterator;
import java.util.NoSuchElementException;
import org.jdeep.random.RandomState;

/**
 * A dataset cut into mini-batches (Course 2, week 2, 2.1 Mini-batch gradient descent, and 2.2 Understanding
 * mini-batch gradient descent). The shuffled form reproduces the course's {@code random_mini_batches}:
 * <pre>
 * np.random.seed(seed)                                   new RandomState(seed)
 * permutation = list(np.random.permutation(m))           order = rng.permutation(m)
 * shuffled_X = X[:, permutation]                         batch k = examples order[k*size .. (k+1)*size)
 * mini_batch_X = shuffled_X[:, k*size : (k+1)*size]      the last batch keeps the m % size left over
 * </pre>
 * so batch k holds the same examples, in the same order, as the course's k-th mini-batch (examples are rows
 * here, columns there). Batches are made when asked for, each a {@link Dataset} owning its own copies (or,
 * for {@link #sequential}, views); close them or create them inside a {@link org.jdeep.MemoryScope}.
 */
public final class MiniBatches implements Iterable<Dataset> {
    private final Dataset data;
    private final int batchSize;
    private final int[] order; // null: in order, batches are slices

    private MiniBatches(Dataset data, int batchSize, int[] order) {
        if (batchSize < 1) {
            throw new IllegalArgumentException("mini-batch size must be >= 1, got " + batchSize);
        }
        this.data = data;
        this.batchSize = batchSize;
        this.order = order;
    }

    /**
     * Batches of {@code batchSize} examples in the order of {@code rng.permutation(m)}, the last one smaller
     * when {@code batchSize} does not divide m. The generator's stream moves on, so successive calls give
     * successive epochs' orders.
     *
     * @throws IllegalArgumentException when {@code batchSize < 1}
     */
    public static MiniBatches shuffled(Dataset data, int batchSize, RandomState rng) {
        return new MiniBatches(data, batchSize, rng.permutation(data.size()));
    }

    /**
     * The course's {@code random_mini_batches(X, Y, mini_batch_size, seed)}: the order of
     * {@code np.random.seed(seed); np.random.permutation(m)}. The course's training loop passes
     * {@code seed = 10 + epoch + 1}, a new order each epoch.
     *
     * @throws IllegalArgumentException when {@code batchSize < 1} or the seed is outside [0, 2^32 - 1]
     */
    public static MiniBatches shuffled(Dataset data, int batchSize, long seed) {
        return shuffled(data, batchSize, new RandomState(seed));
    }

    /**
     * Batches of consecutive examples in the dataset's order, the last one smaller when needed (for
     * evaluation, where order does not matter). Each batch is a view.
     *
     * @throws IllegalArgumentException when {@code batchSize < 1}
     */
    public static MiniBatches sequential(Dataset data, int batchSize) {
        return new MiniBatches(data, batchSize, null);
    }

    /** The number of batches, {@code ceil(m / batchSize)}. */
    public int count() {
        return (data.size() + batchSize - 1) / batchSize;
    }

    /** The examples' order: the permutation for shuffled batches, {@code 0..m-1} otherwise. A copy. */
    public int[] order() {
        if (order != null) {
            return order.clone();
        }
        int[] o = new int[data.size()];
        Arrays.setAll(o, i -> i);
        return o;
    }

    /**
     * Batch {@code k}: examples {@code order[k*batchSize .. min((k+1)*batchSize, m))}.
     *
     * @throws IndexOutOfBoundsException unless {@code 0 <= k < count()}
     */
    public Dataset get(int k) {
        if (k < 0 || k >= count()) {
            throw new IndexOutOfBoundsException("mini-batch " + k + " of " + count());
        }
        int from = k * batchSize;
        int to = Math.min(from + batchSize, data.size());
        return order == null ? data.slice(from, to) : data.select(Arrays.copyOfRange(order, from, to));
    }

    /** The batches in order; each is made when {@code next()} is called. */
    @Override
    public Iterator<Dataset> iterator() {
        return new Iterator<>() {
            private int k;

            @Override
            public boolean hasNext() {
                return k < count();
            }

            @Override
            public Dataset next() {
                if (!hasNext()) {
                    throw new NoSuchElementException("no mini-batch after the last (" + count() + ")");
                }
                return get(k++);
            }
        };
    }
}
