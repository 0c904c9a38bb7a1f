package org.jdeep.nn.init;

import org.jdeep.Tensor;
import org.jdeep.random.RandomState;
import org.jdeep.types.DType;

/**
 * Glorot's normal initialisation: {@code randn(shape) * sqrt(2 / (fanIn + fanOut))}, the variant the course
 * mentions beside Xavier's {@code sqrt(1 / n[l-1])} (Course 2, week 1, 1.11 Weight initialization for deep
 * networks; Glorot and Bengio, 2010, "Understanding the difficulty of training deep feedforward neural networks").
 *
 * @param layout the order the normals are drawn in
 */
public record Glorot(Layout layout) implements Initializer {

    /** Validates the layout. */
    public Glorot {
        if (layout == null) {
            throw new IllegalArgumentException("Glorot: layout must not be null");
        }
    }

    /** {@code randn(shape) * sqrt(2 / (fanIn + fanOut))}. */
    @Override
    public Tensor draw(RandomState rng, DType dtype, int... shape) {
        double scale = Math.sqrt(2.0 / (Initializer.fanIn(shape) + Initializer.fanOut(shape)));
        return Initializer.scaledNormal(rng, dtype, layout, scale, shape);
    }
}
