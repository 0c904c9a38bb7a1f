package org.jdeep.nn.init;

import org.jdeep.Tensor;
import org.jdeep.random.RandomState;
import org.jdeep.types.DType;

/**
 * Xavier initialisation as the course states it: {@code randn(shape) * sqrt(1 / fanIn)}, which keeps the
 * variance of {@code z} near 1 for tanh units (Course 2, week 1, 1.11 Weight initialization for deep networks;
 * Glorot and Bengio, 2010). For the variant {@code sqrt(2 / (fanIn + fanOut))} see {@link Glorot}.
 *
 * <p>The course's code: {@code np.random.randn(layers_dims[l], layers_dims[l-1]) * np.sqrt(1. / layers_dims[l-1])};
 * with {@link Layout#COURSE} this draws the same numbers, transposed into jdeep's {@code (in, out)}.
 *
 * @param layout the order the normals are drawn in
 */
public record Xavier(Layout layout) implements Initializer {

    /** Validates the layout. */
    public Xavier {
        if (layout == null) {
            throw new IllegalArgumentException("Xavier: layout must not be null");
        }
    }

    /** {@code randn(shape) * sqrt(1 / fanIn)} with {@code fanIn} as in {@link Initializer#fanIn(int...)}. */
    @Override
    public Tensor draw(RandomState rng, DType dtype, int... shape) {
        return Initializer.scaledNormal(rng, dtype, layout, Math.sqrt(1.0 / Initializer.fanIn(shape)), shape);
    }
}
