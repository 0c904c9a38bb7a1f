package org.jdeep.optim;

/**
 * The hyperparameters of Adam ({@link Adam}) with the course's names and defaults (Course 2, week 2, 2.8 Adam
 * optimization algorithm: "β₁ = 0.9, β₂ = 0.999, ε = 10⁻⁸; α needs to be tuned").
 *
 * @param learningRate α, {@code > 0}; the course's {@code model(...)} default is 0.0007
 * @param beta1 β₁ in [0, 1), the decay of the first moment (momentum); default 0.9
 * @param beta2 β₂ in [0, 1), the decay of the second moment (RMSprop); default 0.999
 * @param epsilon ε {@code > 0}, added to {@code sqrt(s_corrected)}; default 1e-8
 */
public record AdamConfig(double learningRate, double beta1, double beta2, double epsilon) {
    /** The course's default β₁. */
    public static final double DEFAULT_BETA1 = 0.9;
    /** The course's default β₂. */
    public static final double DEFAULT_BETA2 = 0.999;
    /** The course's default ε. */
    public static final double DEFAULT_EPSILON = 1e-8;

    /** Validates the values. */
    public AdamConfig {
        Hyperparameters.learningRate("AdamConfig", learningRate);
        Hyperparameters.beta("AdamConfig", "beta1", beta1);
        Hyperparameters.beta("AdamConfig", "beta2", beta2);
        Hyperparameters.epsilon("AdamConfig", epsilon);
    }

    /** The given α with the course's β₁ = 0.9, β₂ = 0.999 and ε = 1e-8. */
    public AdamConfig(double learningRate) {
        this(learningRate, DEFAULT_BETA1, DEFAULT_BETA2, DEFAULT_EPSILON);
    }

    /** The course's defaults: α = 0.0007, β₁ = 0.9, β₂ = 0.999, ε = 1e-8. */
    public AdamConfig() {
        this(SgdConfig.DEFAULT_LEARNING_RATE);
    }
}
