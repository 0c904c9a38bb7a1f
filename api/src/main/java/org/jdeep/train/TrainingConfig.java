package org.jdeep.train;

/**
 * How long and in what batches a {@link Trainer} trains, with the names and defaults of the course's
 * {@code model(X, Y, layers_dims, optimizer, learning_rate, mini_batch_size=64, ..., num_epochs=5000)} (Course 2,
 * week 2, "Optimization Methods"; 2.1-2.2 Mini-batch gradient descent).
 *
 * @param epochs the number of passes over the training set, the course's {@code num_epochs}, {@code >= 1}
 * @param batchSize the course's {@code mini_batch_size}, {@code >= 1}; the last batch of an epoch may be smaller
 * @param seed the base of the shuffling seeds: epoch {@code i} (from 0) shuffles with {@code seed + i + 1}, as the
 *     course's loop does ({@code seed = seed + 1; random_mini_batches(X, Y, mini_batch_size, seed)}, starting
 *     from {@code seed = 10}); {@code seed + epochs} must be at most {@code 2^32 - 1}
 */
public record TrainingConfig(int epochs, int batchSize, long seed) {
    /** The course's {@code num_epochs}. */
    public static final int DEFAULT_EPOCHS = 5000;
    /** The course's {@code mini_batch_size}. */
    public static final int DEFAULT_BATCH_SIZE = 64;
    /** The course's starting {@code seed}. */
    public static final long DEFAULT_SEED = 10;

    /** Validates the values. */
    public TrainingConfig {
        if (epochs < 1) {
            throw new IllegalArgumentException("TrainingConfig: epochs must be >= 1, got " + epochs);
        }
        if (batchSize < 1) {
            throw new IllegalArgumentException("TrainingConfig: batchSize must be >= 1, got " + batchSize);
        }
        if (seed < 0 || seed + epochs > 0xffffffffL) {
            throw new IllegalArgumentException("TrainingConfig: seed + epochs must lie in [0, 2^32 - 1] (numpy's seed "
                    + "range), got seed " + seed + " and " + epochs + " epochs");
        }
    }

    /** The given epochs and batch size with the course's seed 10. */
    public TrainingConfig(int epochs, int batchSize) {
        this(epochs, batchSize, DEFAULT_SEED);
    }

    /** The course's defaults: 5000 epochs of mini-batches of 64, seed 10. */
    public TrainingConfig() {
        this(DEFAULT_EPOCHS, DEFAULT_BATCH_SIZE);
    }
}
