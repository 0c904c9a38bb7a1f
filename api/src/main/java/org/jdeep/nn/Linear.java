package org.jdeep.nn;

import org.jdeep.Tensor;
import org.jdeep.nn.init.Initializer;
import org.jdeep.random.RandomState;
import org.jdeep.types.DType;

/**
 * A fully connected layer, batch-first: {@code y = x @ W + b} with {@code x (batch, in)}, {@code W (in, out)},
 * {@code b (out)} and {@code y (batch, out)} (Course 1, week 3, 3.3-3.4 Computing a neural network's output
 * and vectorizing across multiple examples; week 4, 4.2 Forward propagation in a deep network).
 *
 * <p>The course writes {@code Z[l] = W[l] A[l-1] + b[l]} with examples as columns, {@code W[l]} of shape
 * {@code (n_l, n_{l-1})} and {@code b[l]} of shape {@code (n_l, 1)}. jdeep keeps examples as rows, so its
 * {@code W} is the course's {@code W[l].T} and its {@code y} the course's {@code Z[l].T}; to start from the
 * notebook's numbers use {@link org.jdeep.nn.init.Layout#COURSE}. Inputs of higher rank {@code (..., in)}
 * are accepted too, as numpy's {@code matmul} broadcasts them.
 *
 * <p>Parameters: {@code "weight"} {@code (in, out)} and, unless disabled, {@code "bias"} {@code (out)}, zero
 * at the start as in the course.
 */
public final class Linear extends Module {
    private final int in;
    private final int out;
    /** (in, out) */
    private final Tensor weight;
    /** (out), or null without a bias */
    private final Tensor bias;

    /**
     * A FLOAT64 layer with He-initialised weights ({@code randn * sqrt(2/in)}, Course 2, week 1, 1.11) and a
     * zero bias.
     *
     * @param in input features, the course's {@code n[l-1]}
     * @param out output features, the course's {@code n[l]}
     * @param rng the source of the initial weights
     */
    public Linear(int in, int out, RandomState rng) {
        this(in, out, true, Initializer.he(), DType.FLOAT64, rng);
    }

    /**
     * A layer with every setting explicit.
     *
     * @param in input features, the course's {@code n[l-1]}
     * @param out output features, the course's {@code n[l]}
     * @param bias whether to add a learnable bias (false, for example, before {@link BatchNorm}, whose beta plays
     *     its role; Course 2, week 3, 3.5)
     * @param weightInit how to draw the weight {@code (in, out)}
     * @param dtype FLOAT32 or FLOAT64
     * @param rng the source of the initial weights
     * @throws IllegalArgumentException for a size below 1
     */
    public Linear(int in, int out, boolean bias, Initializer weightInit, DType dtype, RandomState rng) {
        if (in < 1 || out < 1) {
            throw new IllegalArgumentException("Linear(in=" + in + ", out=" + out + "): sizes must be >= 1");
        }
        this.in = in;
        this.out = out;
        try (Tensor w = weightInit.draw(rng, dtype, in, out)) {
            if (!w.shape().is(in, out) || w.dtype() != dtype) {
                throw new IllegalArgumentException("Linear(in=" + in + ", out=" + out + "): the initializer " + weightInit
                        + " drew " + w.shape() + " " + w.dtype() + ", expected (" + in + ", " + out + ") " + dtype);
            }
            this.weight = registerParameter("weight", w);
        }
        if (bias) {
            try (Tensor b = Tensor.zeros(dtype, out)) {
                this.bias = registerParameter("bias", b);
            }
        } else {
            this.bias = null;
        }
    }

    /** The number of input features. */
    public int in() {
        return in;
    }

    /** The number of output features. */
    public int out() {
        return out;
    }

    /** The weight parameter, {@code (in, out)}. */
    public Tensor weight() {
        return weight;
    }

    /** The bias parameter, {@code (out)}, or null when the layer has none. */
    public Tensor bias() {
        return bias;
    }

    /**
     * {@code x @ W + b}: {@code (batch, in) -> (batch, out)}.
     *
     * @throws org.jdeep.ShapeMismatchException when the last axis of {@code input} is not {@code in}
     */
    @Override
    public Tensor forward(Tensor input) {
        checkOpen();
        requireShape(this, input, in,
                input.rank() >= 1 && input.shape().dim(input.rank() - 1) == in);
        Tensor xw = input.matmul(weight);
        if (bias == null) {
            return xw;
        }
        try (xw) {
            return xw.add(bias);
        }
    }

    @Override
    protected String describeSettings() {
        return "in=" + in + ", out=" + out + (bias == null ? ", bias=false" : "") + ", " + weight.dtype();
    }
}
