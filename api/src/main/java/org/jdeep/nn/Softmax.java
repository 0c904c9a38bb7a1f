package org.jdeep.nn;

import org.jdeep.Tensor;

/**
 * The softmax {@code e^z / sum(e^z)} along one axis, by default the last (the classes of a batch-first
 * {@code (batch, classes)} input), computed without overflow (Course 2, week 3, 3.8 Softmax regression). For
 * training prefer ending on the raw scores and using
 * {@link org.jdeep.loss.SoftmaxCrossEntropy#ofLabels(Tensor, Tensor)}, which is exact where {@code log(softmax)}
 * underflows. No parameters.
 */
public final class Softmax extends Module {
    private final int axis;

    /** A softmax over the last axis: {@code (batch, classes)} rows each sum to 1. */
    public Softmax() {
        this(-1);
    }

    /**
     * A softmax over the given axis.
     *
     * @param axis the axis that sums to 1; negative counts from the end
     */
    public Softmax(int axis) {
        this.axis = axis;
    }

    /** The axis that sums to 1. */
    public int axis() {
        return axis;
    }

    /** {@code softmax(x, axis)}, any shape to the same shape. */
    @Override
    public Tensor forward(Tensor input) {
        checkOpen();
        return input.softmax(axis);
    }

    @Override
    protected String describeSettings() {
        return "axis=" + axis;
    }
}
