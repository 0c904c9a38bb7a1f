package org.jdeep.nn.init;

import org.jdeep.Tensor;
import org.jdeep.random.RandomState;
import org.jdeep.types.DType;
import org.jdeep.types.Shape;

/**
 * A rule for the starting values of a parameter, drawing any randomness from a given
 * {@link RandomState} so that a run repeats exactly (Course 1, week 3, 3.11 Random initialization; Course 2,
 * week 1, 1.11 Weight initialization for deep networks).
 *
 * <p>Shapes follow jdeep's batch-first layout: a weight's last axis is its fan-out and the product of the
 * other axes its fan-in, so a {@link org.jdeep.nn.Linear} weight {@code (in, out)} has {@code fanIn = in} and
 * {@code fanOut = out}. Values are computed in FLOAT64 (numpy's default) and converted to the requested dtype
 * at the end, as {@code .astype(np.float32)} would.
 *
 * <p>The presets:
 * <ul>
 *   <li>{@link #zeros()}: all zeros (the course's biases; for weights it fails to break symmetry, Course 1,
 *       week 3, 3.11);</li>
 *   <li>{@link #normal(double)}: {@code randn(shape) * scale}, the course's {@code np.random.randn(n_l, n_{l-1}) * 0.01};</li>
 *   <li>{@link #xavier()}: {@code randn * sqrt(1/fanIn)} and {@link #glorot()}: {@code randn * sqrt(2/(fanIn+fanOut))}
 *       (Course 2, week 1, 1.11, for tanh);</li>
 *   <li>{@link #he()}: {@code randn * sqrt(2/fanIn)} (Course 2, week 1, 1.11, for ReLU).</li>
 * </ul>
 * Each random preset has a variant taking a {@link Layout}; {@link Layout#COURSE} reproduces the notebooks'
 * numbers exactly.
 */
@FunctionalInterface
public interface Initializer {

    /**
     * Draws a tensor of the given shape and dtype.
     *
     * @param rng where random values come from (ignored by {@link #zeros()})
     * @param dtype FLOAT32 or FLOAT64 (INT32 is rejected: parameters are floating)
     * @param shape the parameter's shape in jdeep's layout
     * @return a new tensor the caller owns
     */
    Tensor draw(RandomState rng, DType dtype, int... shape);

    /** {@link #draw(RandomState, DType, int...)} in FLOAT64, numpy's default dtype. */
    default Tensor draw(RandomState rng, int... shape) {
        return draw(rng, DType.FLOAT64, shape);
    }

    /** All zeros. */
    static Initializer zeros() {
        return new Zeros();
    }

    /** {@code randn(shape) * scale} in row-major order of {@code shape}; the course uses {@code scale = 0.01}. */
    static Initializer normal(double scale) {
        return new ScaledNormal(scale, Layout.AS_SHAPE);
    }

    /** {@code randn * scale} drawn in the given {@link Layout}. */
    static Initializer normal(double scale, Layout layout) {
        return new ScaledNormal(scale, layout);
    }

    /** Xavier: {@code randn * sqrt(1/fanIn)} (Course 2, week 1, 1.11). */
    static Initializer xavier() {
        return new Xavier(Layout.AS_SHAPE);
    }

    /** Xavier drawn in the given {@link Layout}. */
    static Initializer xavier(Layout layout) {
        return new Xavier(layout);
    }

    /** Glorot: {@code randn * sqrt(2/(fanIn + fanOut))} (Course 2, week 1, 1.11, the variant of Glorot and Bengio, 2010). */
    static Initializer glorot() {
        return new Glorot(Layout.AS_SHAPE);
    }

    /** Glorot drawn in the given {@link Layout}. */
    static Initializer glorot(Layout layout) {
        return new Glorot(layout);
    }

    /** He: {@code randn * sqrt(2/fanIn)} (Course 2, week 1, 1.11; He et al., 2015). */
    static Initializer he() {
        return new He(Layout.AS_SHAPE);
    }

    /** He drawn in the given {@link Layout}. */
    static Initializer he(Layout layout) {
        return new He(layout);
    }

    /**
     * The fan-in of a weight of this shape in jdeep's layout: the product of every axis but the last (1 for
     * a rank-0 or rank-1 shape).
     */
    static int fanIn(int... shape) {
        int n = 1;
        for (int i = 0; i < shape.length - 1; i++) {
            n *= shape[i];
        }
        return n;
    }

    /** The fan-out of a weight of this shape in jdeep's layout: its last axis (1 for a rank-0 shape). */
    static int fanOut(int... shape) {
        return shape.length == 0 ? 1 : shape[shape.length - 1];
    }

    /**
     * {@code randn(shape) * scale} drawn in {@code layout}, converted to {@code dtype}: the common body of the
     * random presets, exposed so a learner can build their own scale rule.
     *
     * @throws IllegalArgumentException for an INT32 dtype, or {@link Layout#COURSE} with a shape that is not 2-D
     */
    static Tensor scaledNormal(RandomState rng, DType dtype, Layout layout, double scale, int... shape) {
        checkFloating(dtype, shape);
        Shape.of(shape); // validates the dimensions
        Tensor drawn;
        if (layout == Layout.COURSE) {
            if (shape.length != 2) {
                throw new IllegalArgumentException("Layout.COURSE draws 2-D weights (in, out) as (out, in); got shape "
                        + Shape.toString(shape));
            }
            try (Tensor course = rng.randn(shape[1], shape[0]); Tensor scaled = course.mul(scale);
                 Tensor transposed = scaled.transpose()) {
                drawn = transposed.to(DType.FLOAT64); // a contiguous copy in (in, out) order
            }
        } else {
            try (Tensor raw = rng.randn(shape)) {
                drawn = raw.mul(scale);
            }
        }
        if (dtype == DType.FLOAT64) {
            return drawn;
        }
        try (drawn) {
            return drawn.to(dtype);
        }
    }

    /** Rejects INT32, naming the shape. */
    static void checkFloating(DType dtype, int... shape) {
        if (dtype == null || !dtype.isFloating()) {
            throw new IllegalArgumentException("initializers make FLOAT32 or FLOAT64 parameters, got " + dtype
                    + " for shape " + Shape.toString(shape));
        }
    }
}
