package org.jdeep.nn.init;

import org.jdeep.Tensor;
import org.jdeep.random.RandomState;
import org.jdeep.types.DType;

/**
 * He initialisation: {@code randn(shape) * sqrt(2 / fanIn)}, which keeps the variance of activations steady
 * through ReLU layers (Course 2, week 1, 1.11 Weight initialization for deep networks; He et al., 2015,
 * "Delving deep into rectifiers").
 *
 * <p>The course's code: {@code np.random.randn(layers_dims[l], layers_dims[l-1]) * np.sqrt(2. / layers_dims[l-1])};
 * with {@link Layout#COURSE} this draws the same numbers, transposed into jdeep's {@code (in, out)}:
 * <pre>{@code
 * RandomState rng = new RandomState(3);                           // np.random.seed(3)
 * Tensor w1 = Initializer.he(Layout.COURSE).draw(rng, 2, 4);      // == parameters["W1"].T, shape (2, 4)
 * }</pre>
 *
 * @param layout the order the normals are drawn in
 */
public record He(Layout layout) implements Initializer {

    /** Validates the layout. */
    public He {
        if (layout == null) {
            throw new IllegalArgumentException("He: layout must not be null");
        }
    }

    /** {@code randn(shape) * sqrt(2 / fanIn)}. */
    @Override
    public Tensor draw(RandomState rng, DType dtype, int... shape) {
        return Initializer.scaledNormal(rng, dtype, layout, Math.sqrt(2.0 / Initializer.fanIn(shape)), shape);
    }
}
