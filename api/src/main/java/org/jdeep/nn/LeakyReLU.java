package org.jdeep.nn;

import org.jdeep.Tensor;

/**
 * The leaky ReLU {@code x} for {@code x > 0} and {@code alpha * x} elsewhere, elementwise, which keeps a small
 * gradient for negative inputs (Course 1, week 3, 3.6 Activation functions; the course's example slope is
 * 0.01). No parameters.
 */
public final class LeakyReLU extends Module {
    /** The course's slope for negative inputs. */
    public static final double DEFAULT_ALPHA = 0.01;

    private final double alpha;

    /** A leaky ReLU with slope {@link #DEFAULT_ALPHA} = 0.01. */
    public LeakyReLU() {
        this(DEFAULT_ALPHA);
    }

    /**
     * A leaky ReLU with the given slope for negative inputs.
     *
     * @param alpha the slope, finite
     * @throws IllegalArgumentException for a slope that is not finite
     */
    public LeakyReLU(double alpha) {
        if (!Double.isFinite(alpha)) {
            throw new IllegalArgumentException("LeakyReLU: alpha must be finite, got " + alpha);
        }
        this.alpha = alpha;
    }

    /** The slope for negative inputs. */
    public double alpha() {
        return alpha;
    }

    /** {@code x > 0 ? x : alpha * x}, any shape to the same shape. */
    @Override
    public Tensor forward(Tensor input) {
        checkOpen();
        return input.leakyRelu(alpha);
    }

    @Override
    protected String describeSettings() {
        return "alpha=" + alpha;
    }
}
