package org.jdeep.optim;

/**
 * The hyperparameters of RMSprop ({@link RMSprop}), named as in the lecture, which calls the decay β₂ to keep
 * it apart from momentum's β (Course 2, week 2, 2.7 RMSprop).
 *
 * @param learningRate α, {@code > 0}
 * @param beta2 the decay β₂ in [0, 1) of the average of squared gradients; default 0.999, as in Adam
 * @param epsilon ε {@code > 0}, added to {@code sqrt(s)} so the division never is by zero; default 1e-8
 */
public record RmsPropConfig(double learningRate, double beta2, double epsilon) {
    /** The default β₂. */
    public static final double DEFAULT_BETA2 = 0.999;
    /** The default ε. */
    public static final double DEFAULT_EPSILON = 1e-8;

    /** Validates the values. */
    public RmsPropConfig {
        Hyperparameters.learningRate("RmsPropConfig", learningRate);
        Hyperparameters.beta("RmsPropConfig", "beta2", beta2);
        Hyperparameters.epsilon("RmsPropConfig", epsilon);
    }

    /** The given α with β₂ = 0.999 and ε = 1e-8. */
    public RmsPropConfig(double learningRate) {
        this(learningRate, DEFAULT_BETA2, DEFAULT_EPSILON);
    }

    /** α = 0.0007 (the course's {@code model(...)} default), β₂ = 0.999, ε = 1e-8. */
    public RmsPropConfig() {
        this(SgdConfig.DEFAULT_LEARNING_RATE);
    }
}
