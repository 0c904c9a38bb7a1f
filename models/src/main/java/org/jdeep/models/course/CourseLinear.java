package org.jdeep.models.course;

import org.jdeep.Tensor;
import org.jdeep.nn.Module;
import org.jdeep.nn.init.Initializer;
import org.jdeep.nn.init.Layout;
import org.jdeep.random.RandomState;
import org.jdeep.types.DType;

/**
 * A fully connected layer holding its weight in the course's layout, {@code W[l]} of shape {@code (n_l, n_{l-1})}
 * (Course 1, week 4, 4.4 Getting your matrix dimensions right): the same function as {@link org.jdeep.nn.Linear},
 * {@code (m, n_{l-1}) -> (m, n_l)}, computed as the course writes it, {@code Z[l] = W[l] A[l-1] + b[l]}, on the
 * transposed batch:
 * <pre>
 * forward:  z = (W · xᵀ)ᵀ + b          x (m, in), W (out, in), b (out), z (m, out)
 * backward: dW = dzᵀ · x,  db = sum(dz)  (autograd, through the same matmul, transpose and add)
 * </pre>
 * Why a second layout: when the input is much wider than the layer ({@code [12288, 20]} on 64 x 64 images), the
 * large matrix is then the right operand of both products ({@code W · xᵀ} and {@code dzᵀ · x}), which the CPU
 * backend's matmul streams without repacking it; {@code x · W} and {@code xᵀ · dz} make it the left operand, which
 * is packed on every step. For the deep network that is 1.7 times fewer seconds per iteration
 * (docs/performance.md). Parameters: {@code "weight"} {@code (out, in)}, the notebook's {@code W[l]} itself, and
 * {@code "bias"} {@code (out)}, zero at the start.
 */
public final class CourseLinear extends Module {
    private final int in;
    private final int out;
    /** (out, in), the course's W[l] */
    private final Tensor weight;
    /** (out) */
    private final Tensor bias;

    /**
     * A FLOAT64 layer whose weight is drawn by {@code init} as {@link org.jdeep.nn.Linear} would draw its
     * {@code (in, out)} weight, transposed: with {@link Layout#COURSE} initialisers it is the notebook's
     * {@code W[l]} bit for bit.
     *
     * @param in input features n_{l-1}
     * @param out output features n_l
     * @param init how to draw the weight, given jdeep's {@code (in, out)} shape (so fan-in and fan-out are right)
     * @param rng the source of the initial weights
     */
    public CourseLinear(int in, int out, Initializer init, RandomState rng) {
        if (in < 1 || out < 1) {
            throw new IllegalArgumentException("CourseLinear(in=" + in + ", out=" + out + "): sizes must be >= 1");
        }
        this.in = in;
        this.out = out;
        try (Tensor drawn = init.draw(rng, DType.FLOAT64, in, out); Tensor t = drawn.transpose();
             Tensor w = t.to(DType.FLOAT64)) {                   // a contiguous (out, in) copy
            this.weight = registerParameter("weight", w);
        }
        try (Tensor b = Tensor.zeros(DType.FLOAT64, out)) {
            this.bias = registerParameter("bias", b);
        }
    }

    /** The weight, {@code (out, in)}. */
    public Tensor weight() {
        return weight;
    }

    /** The bias, {@code (out)}. */
    public Tensor bias() {
        return bias;
    }

    /** {@code (W · xᵀ)ᵀ + b}: {@code (m, in) -> (m, out)}. */
    @Override
    public Tensor forward(Tensor input) {
        checkOpen();
        if (input.rank() != 2 || input.shape().dim(1) != in) {
            throw new org.jdeep.ShapeMismatchException(this + ": expected input (batch, " + in + "), got "
                    + input.shape() + " " + input.dtype());
        }
        try (Tensor xt = input.transpose(); Tensor zt = weight.matmul(xt); Tensor z = zt.transpose()) {
            return z.add(bias);
        }
    }

    @Override
    protected String describeSettings() {
        return "in=" + in + ", out=" + out + ", weight (out, in)";
    }
}
