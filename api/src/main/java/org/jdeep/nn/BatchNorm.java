package org.jdeep.nn;

import org.jdeep.Autograd;
import org.jdeep.Tensor;
import org.jdeep.types.DType;

/**
 * Batch normalisation over the features of a {@code (batch, features)} input (Course 2, week 3, 3.4
 * Normalizing activations in a network, 3.5 Fitting batch norm into a neural network, 3.6 Why does batch norm
 * work?, 3.7 Batch norm at test time; Ioffe and Szegedy, 2015):
 * <pre>
 * mu     = mean(z, axis 0)                       (features)
 * sigma2 = mean((z - mu)^2, axis 0)              (features), the population variance
 * z_norm = (z - mu) / sqrt(sigma2 + epsilon)
 * z~     = gamma * z_norm + beta                 gamma, beta learnable, (features)
 * </pre>
 * In training mode {@code mu} and {@code sigma2} come from the batch, gradients flow through them, and the
 * running estimates used at test time are updated with the course's exponentially weighted average (Course 2,
 * week 2, 2.3): {@code running = momentum * running + (1 - momentum) * batch}. In eval mode the running
 * estimates replace the batch statistics, so one example is normalised the same way whatever batch it is in.
 *
 * <p>Parameters {@code "gamma"} (ones) and {@code "beta"} (zeros); buffers {@code "running_mean"} (zeros) and
 * {@code "running_var"} (ones), saved by {@link #stateDict()}. Note that {@code momentum} here is the weight of
 * the old estimate, the course's beta of an exponentially weighted average, as in Keras (PyTorch's
 * {@code momentum} is {@code 1 - } this one).
 */
public final class BatchNorm extends Module {
    /** The default weight of the old running estimate, the course's usual {@code beta = 0.9}. */
    public static final double DEFAULT_MOMENTUM = 0.9;
    /** The default epsilon added to the variance before the square root. */
    public static final double DEFAULT_EPSILON = 1e-5;

    private final int features;
    private final double momentum;
    private final double epsilon;
    /** (features) */
    private final Tensor gamma;
    /** (features) */
    private final Tensor beta;
    /** (features) */
    private final Tensor runningMean;
    /** (features) */
    private final Tensor runningVar;

    /**
     * FLOAT64 batch norm with {@link #DEFAULT_MOMENTUM} and {@link #DEFAULT_EPSILON}.
     *
     * @param features the size of the feature axis, the course's {@code n[l]}
     */
    public BatchNorm(int features) {
        this(features, DEFAULT_MOMENTUM, DEFAULT_EPSILON, DType.FLOAT64);
    }

    /**
     * Batch norm with every setting explicit.
     *
     * @param features the size of the feature axis, the course's {@code n[l]}
     * @param momentum the weight of the old running estimate, in {@code [0, 1)}
     * @param epsilon added to the variance for numerical safety, {@code > 0}
     * @param dtype FLOAT32 or FLOAT64 for the parameters and buffers
     * @throws IllegalArgumentException for an out-of-range argument or an INT32 dtype
     */
    public BatchNorm(int features, double momentum, double epsilon, DType dtype) {
        if (features < 1) {
            throw new IllegalArgumentException("BatchNorm: features must be >= 1, got " + features);
        }
        if (!(momentum >= 0 && momentum < 1)) {
            throw new IllegalArgumentException("BatchNorm: momentum must be in [0, 1), got " + momentum
                    + " (the weight of the old running estimate)");
        }
        if (!(epsilon > 0) || Double.isInfinite(epsilon)) {
            throw new IllegalArgumentException("BatchNorm: epsilon must be a positive number, got " + epsilon);
        }
        if (dtype == null || !dtype.isFloating()) {
            throw new IllegalArgumentException("BatchNorm: dtype must be FLOAT32 or FLOAT64, got " + dtype);
        }
        this.features = features;
        this.momentum = momentum;
        this.epsilon = epsilon;
        try (Tensor ones = Tensor.ones(dtype, features); Tensor zeros = Tensor.zeros(dtype, features)) {
            this.gamma = registerParameter("gamma", ones);
            this.beta = registerParameter("beta", zeros);
        }
        try (Tensor zeros = Tensor.zeros(dtype, features); Tensor ones = Tensor.ones(dtype, features)) {
            this.runningMean = registerBuffer("running_mean", zeros);
            this.runningVar = registerBuffer("running_var", ones);
        }
    }

    /** The learnable scale {@code gamma}, {@code (features)}. */
    public Tensor gamma() {
        return gamma;
    }

    /** The learnable shift {@code beta}, {@code (features)}. */
    public Tensor beta() {
        return beta;
    }

    /** The running mean used in eval mode, {@code (features)}. */
    public Tensor runningMean() {
        return runningMean;
    }

    /** The running (population) variance used in eval mode, {@code (features)}. */
    public Tensor runningVar() {
        return runningVar;
    }

    /** The weight of the old running estimate. */
    public double momentum() {
        return momentum;
    }

    /** The epsilon added to the variance. */
    public double epsilon() {
        return epsilon;
    }

    /**
     * {@code gamma * (z - mu) / sqrt(sigma2 + epsilon) + beta}, {@code (batch, features) -> (batch, features)},
     * with the batch's statistics in training mode (updating the running ones) and the running ones in eval mode.
     *
     * @throws org.jdeep.ShapeMismatchException when the input is not {@code (batch, features)}
     * @throws IllegalArgumentException for an INT32 input
     */
    @Override
    public Tensor forward(Tensor input) {
        checkOpen();
        requireShape(this, input, features, input.rank() == 2 && input.shape().dim(1) == features);
        if (!input.dtype().isFloating()) {
            throw new IllegalArgumentException(this + ": input must be FLOAT32 or FLOAT64, got " + input.dtype()
                    + " " + input.shape());
        }
        if (!isTraining()) {
            try (Tensor centered = input.sub(runningMean); Tensor v = runningVar.add(epsilon); Tensor s = v.sqrt();
                 Tensor norm = centered.div(s); Tensor scaled = norm.mul(gamma)) {
                return scaled.add(beta);
            }
        }
        if (input.shape().dim(0) == 0) {
            throw new IllegalArgumentException(this + ": a training batch needs at least one example, got "
                    + input.shape());
        }
        try (Tensor mu = input.mean(0, false); Tensor centered = input.sub(mu); Tensor sq = centered.square();
             Tensor sigma2 = sq.mean(0, false); Tensor v = sigma2.add(epsilon); Tensor s = v.sqrt();
             Tensor norm = centered.div(s); Tensor scaled = norm.mul(gamma)) {
            updateRunning(mu, sigma2);
            return scaled.add(beta);
        }
    }

    /** {@code running = momentum * running + (1 - momentum) * batch}, in place and unrecorded. */
    private void updateRunning(Tensor mu, Tensor sigma2) {
        try (Autograd.NoGrad off = Autograd.noGrad();
             Tensor oldMean = runningMean.mul(momentum); Tensor newMean = mu.mul(1 - momentum);
             Tensor mean = oldMean.add(newMean);
             Tensor oldVar = runningVar.mul(momentum); Tensor newVar = sigma2.mul(1 - momentum);
             Tensor var = oldVar.add(newVar)) {
            runningMean.assign(mean);
            runningVar.assign(var);
        }
    }

    @Override
    protected String describeSettings() {
        return "features=" + features + ", momentum=" + momentum + ", epsilon=" + epsilon + ", " + gamma.dtype();
    }
}
