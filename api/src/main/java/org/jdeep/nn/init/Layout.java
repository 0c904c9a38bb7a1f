package org.jdeep.nn.init;

/**
 * The order in which a random initialiser draws the values of a 2-D weight: jdeep's own
 * {@code (in, out)} order, or the course's {@code (n_l, n_{l-1})} order followed by a transpose.
 *
 * <p>The Deep Learning Specialization stores the weights of layer l as {@code W[l]} of shape
 * {@code (n_l, n_{l-1})} and computes {@code Z = W·A + b} on column examples (Course 1, week 4, 4.3 Getting your
 * matrix dimensions right). jdeep is batch-first: {@link org.jdeep.nn.Linear} computes {@code y = x @ W + b} with
 * {@code W} of shape {@code (in, out)}, which is the course's {@code W[l].T}. Because {@code randn} fills arrays in
 * row-major order, drawing {@code (in, out)} directly gives different numbers from the notebook's; {@link #COURSE}
 * draws {@code (out, in)} exactly as the notebook does and transposes, so a learner who seeds a
 * {@link org.jdeep.random.RandomState} like the notebook gets the notebook's weights bit for bit (transposed).
 */
public enum Layout {
    /** Draw the requested shape directly, in row-major order. */
    AS_SHAPE,
    /**
     * Draw a 2-D shape {@code (in, out)} as {@code (out, in)}, the course's {@code (n_l, n_{l-1})}, then
     * transpose: the values equal the notebook's {@code W[l].T}. Only for 2-D shapes.
     */
    COURSE
}
