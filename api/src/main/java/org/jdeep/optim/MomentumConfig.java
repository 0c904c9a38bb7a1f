package org.jdeep.optim;

/**
 * The hyperparameters of gradient descent with momentum ({@link Momentum}), with the course's names.
 *
 * @param learningRate α, {@code > 0}; the course's {@code model(...)} default is 0.0007
 * @param beta the momentum β in [0, 1), the weight of the past velocity; the course's default is 0.9, an
 *     average over about {@code 1/(1-β) = 10} gradients (Course 2, week 2, 2.3 Exponentially weighted averages)
 */
public record MomentumConfig(double learningRate, double beta) {
    /** The course's default β. */
    public static final double DEFAULT_BETA = 0.9;

    /** Validates both values. */
    public MomentumConfig {
        Hyperparameters.learningRate("MomentumConfig", learningRate);
        Hyperparameters.beta("MomentumConfig", "beta", beta);
    }

    /** The given α with the course's β = 0.9. */
    public MomentumConfig(double learningRate) {
        this(learningRate, DEFAULT_BETA);
    }

    /** The course's defaults, α = 0.0007 and β = 0.9. */
    public MomentumConfig() {
        this(SgdConfig.DEFAULT_LEARNING_RATE);
    }
}
