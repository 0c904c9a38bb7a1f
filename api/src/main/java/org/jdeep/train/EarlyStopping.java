package org.jdeep.train;

/**
 * Early stopping (Course 2, week 1, 1.8 Other regularization methods): stop training when the dev set's
 * {@code monitor} has not improved for {@code patience} epochs, and optionally go back to the weights of the best
 * epoch. The lecture's caveat holds: it couples optimising the cost with not overfitting (it is not orthogonal,
 * Course 3, week 1, 1.2 Orthogonalization), so L2 regularisation is often the cleaner choice.
 *
 * @param monitor {@code "loss"} for the dev cost (lower is better) or the name of one of the trainer's metrics
 *     (better as its {@link org.jdeep.eval.Metric#higherIsBetter()} says)
 * @param patience epochs without improvement before stopping, {@code >= 1}
 * @param restoreBestWeights whether to load the best epoch's parameters and buffers back into the model at the end
 */
public record EarlyStopping(String monitor, int patience, boolean restoreBestWeights) {
    /** Validates the values. */
    public EarlyStopping {
        if (monitor == null || monitor.isBlank()) {
            throw new IllegalArgumentException("EarlyStopping: monitor must name \"loss\" or a metric");
        }
        if (patience < 1) {
            throw new IllegalArgumentException("EarlyStopping: patience must be >= 1, got " + patience);
        }
    }

    /** Stopping on {@code monitor} after {@code patience} epochs without improvement, restoring the best weights. */
    public EarlyStopping(String monitor, int patience) {
        this(monitor, patience, true);
    }
}
