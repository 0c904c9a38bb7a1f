package org.jdeep.spi;

/**
 * Optional: a backend that implements this computes softmax in one fused pass instead of jdeep's
 * composite of {@code max}, {@code sub}, {@code exp}, {@code sum} and {@code div}. The API uses it when
 * present, and both forms must agree within the floating type's tolerance.
 */
public interface FusedSoftmax {
    /**
     * {@code out = softmax(x)} along {@code axis} (or {@code logSoftmax} when {@code log} is set), computed
     * stably as {@code exp(x - max) / sum(exp(x - max))}. {@code x} and {@code out} have one floating
     * dtype and shape; the axis has at least one element.
     */
    void softmax(View x, int axis, boolean log, View out);
}
