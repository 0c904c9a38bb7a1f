package org.jdeep.nn;

import org.jdeep.Tensor;

/**
 * Joins every axis but the batch axis: {@code (batch, d1, ..., dk) -> (batch, d1 * ... * dk)}, in row-major
 * order, the way the course flattens images into feature vectors (Course 1, week 2, 2.1 Binary classification:
 * {@code X.reshape(X.shape[0], -1)}, before transposing to columns). A view where the layout allows it. No
 * parameters.
 */
public final class Flatten extends Module {

    /** A flatten layer. */
    public Flatten() {
    }

    /**
     * {@code (batch, ...) -> (batch, features)}.
     *
     * @throws org.jdeep.ShapeMismatchException for a rank-0 input, which has no batch axis
     */
    @Override
    public Tensor forward(Tensor input) {
        checkOpen();
        requireShape(this, input, "(batch, ...)", input.rank() >= 1);
        int batch = input.shape().dim(0);
        long features = 1;
        for (int i = 1; i < input.rank(); i++) {
            features *= input.shape().dim(i);
        }
        return input.reshape(batch, (int) features);
    }
}
