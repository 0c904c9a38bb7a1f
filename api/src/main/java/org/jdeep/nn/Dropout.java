package org.jdeep.nn;

import org.jdeep.Tensor;
import org.jdeep.nn.init.Layout;
import org.jdeep.random.RandomState;
import org.jdeep.types.DType;
import org.jdeep.types.Shape;

/**
 * Inverted dropout (Course 2, week 1, 1.6 Dropout regularization and 1.7 Understanding dropout): in training
 * mode each element is kept with probability {@code keepProb} and the survivors are divided by
 * {@code keepProb}, so the expected value of each activation is unchanged and nothing needs rescaling at test
 * time; in eval mode the layer is the identity. No parameters.
 *
 * <p>The mask follows the course's code step for step, in FLOAT64:
 * <pre>{@code
 * D = np.random.rand(*A.shape)        # rng.rand(shape)
 * D = (D < keep_prob).astype(int)     # 1 keeps, 0 drops
 * A = A * D
 * A = A / keep_prob
 * }</pre>
 * A new mask is drawn from the given {@link RandomState} on every training-mode call (also when
 * {@code keepProb} is 1, so the random stream advances exactly as the notebook's), which makes runs repeat
 * from the same seed. The course's activations are {@code (features, batch)} while jdeep's are
 * {@code (batch, features)}: with {@link Layout#COURSE} a 2-D mask is drawn as {@code (features, batch)} and
 * transposed, so a learner seeding like the notebook drops the same units.
 *
 * <p>Turn dropout off (keepProb 1, or {@link #eval()}) while running a gradient check: a fresh mask per call
 * makes the loss a different function each time (Course 2, week 1, 1.14 Gradient checking implementation
 * notes).
 */
public final class Dropout extends Module {
    private final double keepProb;
    private final RandomState rng;
    private final Layout layout;

    /**
     * Dropout keeping each element with probability {@code keepProb}, masks drawn in the input's own shape.
     *
     * @param keepProb the course's {@code keep_prob}, in {@code (0, 1]}
     * @param rng the source of the masks
     * @throws IllegalArgumentException for a probability outside {@code (0, 1]} or a null generator
     */
    public Dropout(double keepProb, RandomState rng) {
        this(keepProb, rng, Layout.AS_SHAPE);
    }

    /**
     * Dropout with masks drawn in the given layout ({@link Layout#COURSE} to match the notebook's masks for 2-D
     * inputs).
     *
     * @param keepProb the course's {@code keep_prob}, in {@code (0, 1]}
     * @param rng the source of the masks
     * @param layout the order the uniforms are drawn in
     * @throws IllegalArgumentException for a probability outside {@code (0, 1]}, or a null generator or layout
     */
    public Dropout(double keepProb, RandomState rng, Layout layout) {
        if (!(keepProb > 0 && keepProb <= 1)) {
            throw new IllegalArgumentException("Dropout: keepProb must be in (0, 1], got " + keepProb
                    + " (it is the probability of keeping a unit, the course's keep_prob)");
        }
        if (rng == null || layout == null) {
            throw new IllegalArgumentException("Dropout: the RandomState and the layout must not be null");
        }
        this.keepProb = keepProb;
        this.rng = rng;
        this.layout = layout;
    }

    /** The probability of keeping each element. */
    public double keepProb() {
        return keepProb;
    }

    /**
     * In training mode {@code input * mask / keepProb} with a fresh mask; in eval mode {@code input} itself.
     * Any shape to the same shape.
     *
     * @throws IllegalArgumentException for an INT32 input, or {@link Layout#COURSE} with an input that is not 2-D
     */
    @Override
    public Tensor forward(Tensor input) {
        checkOpen();
        if (!input.dtype().isFloating()) {
            throw new IllegalArgumentException(this + ": input must be FLOAT32 or FLOAT64, got " + input.dtype()
                    + " " + input.shape());
        }
        if (!isTraining()) {
            return input;
        }
        try (Tensor mask = mask(input.shape(), input.dtype()); Tensor kept = input.mul(mask)) {
            return kept.div(keepProb);
        }
    }

    /** {@code (rand(shape) < keepProb)} as 0/1 in {@code dtype}, drawn in this layer's layout. */
    private Tensor mask(Shape shape, DType dtype) {
        int[] d = shape.dims();
        Tensor keep;
        if (layout == Layout.COURSE) {
            if (d.length != 2) {
                throw new IllegalArgumentException(this + ": Layout.COURSE draws masks for 2-D (batch, features) "
                        + "inputs, got " + shape);
            }
            try (Tensor u = rng.rand(d[1], d[0]); Tensor k = u.lt(keepProb); Tensor t = k.transpose()) {
                keep = t.to(dtype);
            }
        } else {
            try (Tensor u = rng.rand(d)) {
                keep = u.lt(keepProb);
            }
        }
        if (keep.dtype() == dtype) {
            return keep;
        }
        try (keep) {
            return keep.to(dtype);
        }
    }

    @Override
    protected String describeSettings() {
        return "keepProb=" + keepProb + (layout == Layout.COURSE ? ", layout=COURSE" : "");
    }
}
