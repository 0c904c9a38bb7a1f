package org.jdeep.optim;

/**
 * The hyperparameter of plain gradient descent ({@link SGD}): the course's {@code learning_rate}.
 *
 * @param learningRate α, {@code > 0}; the course's {@code model(...)} default is 0.0007
 */
public record SgdConfig(double learningRate) {
    /** The default learning rate of the course's Optimization Methods {@code model(...)}. */
    public static final double DEFAULT_LEARNING_RATE = 0.0007;

    /** Validates {@code learningRate}. */
    public SgdConfig {
        Hyperparameters.learningRate("SgdConfig", learningRate);
    }

    /** The course's default, α = 0.0007. */
    public SgdConfig() {
        this(DEFAULT_LEARNING_RATE);
    }
}
