package org.jdeep.nn.init;

import org.jdeep.Tensor;
import org.jdeep.random.RandomState;
import org.jdeep.types.DType;

/**
 * Standard normals times a fixed scale: the course's {@code np.random.randn(n_l, n_{l-1}) * 0.01} (Course 1,
 * week 3, 3.11 Random initialization). Small weights keep tanh and sigmoid units away from their flat tails;
 * in deep networks a fixed scale makes activations shrink layer by layer, which {@link He} and {@link Xavier}
 * correct (Course 2, week 1, 1.10-1.11).
 *
 * @param scale the factor applied to each standard normal
 * @param layout the order the normals are drawn in ({@link Layout#COURSE} matches the notebook)
 */
public record ScaledNormal(double scale, Layout layout) implements Initializer {

    /** Validates the arguments. */
    public ScaledNormal {
        if (!Double.isFinite(scale)) {
            throw new IllegalArgumentException("ScaledNormal: scale must be finite, got " + scale);
        }
        if (layout == null) {
            throw new IllegalArgumentException("ScaledNormal: layout must not be null");
        }
    }

    /** {@code randn(shape) * scale}, drawn in {@link #layout()}. */
    @Override
    public Tensor draw(RandomState rng, DType dtype, int... shape) {
        return Initializer.scaledNormal(rng, dtype, layout, scale, shape);
    }
}
