package org.jdeep.nn.init;

import org.jdeep.Tensor;
import org.jdeep.random.RandomState;
import org.jdeep.types.DType;

/**
 * All zeros: the course's {@code b[l] = np.zeros((n_l, 1))}. Draws nothing, so it leaves the
 * {@link RandomState} where it was. For weights it fails to break symmetry: every unit of a layer computes the
 * same function (Course 1, week 3, 3.11 Random initialization).
 */
public record Zeros() implements Initializer {

    /** A tensor of zeros; {@code rng} is not used and may be null. */
    @Override
    public Tensor draw(RandomState rng, DType dtype, int... shape) {
        Initializer.checkFloating(dtype, shape);
        return Tensor.zeros(dtype, shape);
    }
}
