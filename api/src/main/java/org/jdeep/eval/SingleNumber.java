package org.jdeep.eval;

import java.util.Collection;
import java.util.Map;

/**
 * Single-number evaluation metrics (Course 3, week 1, 1.3 Single number evaluation metric; 1.7 When to change
 * dev/test sets and metrics): one number that says which of two models is better, so that a team can iterate
 * quickly.
 * <ul>
 *   <li>{@link #f1(double, double)} combines precision and recall (classifier A: P 95%, R 90%, F1 92.4%;
 *       B: P 98%, R 85%, F1 91.0%: A is better);</li>
 *   <li>{@link #average(Map)} combines the errors on several slices, e.g. per geography (US, China, India,
 *       other);</li>
 *   <li>{@link #weightedError(int[], int[], double[])} changes the metric when it mis-ranks models, e.g. weight
 *       10 for the examples whose misclassification is unacceptable.</li>
 * </ul>
 * {@link ConfusionMatrix} gives precision and recall from predictions.
 */
public final class SingleNumber {
    private SingleNumber() {
    }

    /**
     * The F1 score, the harmonic mean of precision and recall, {@code 2 / (1/P + 1/R)}; 0 when either is 0.
     *
     * @throws IllegalArgumentException when a value is outside [0, 1]
     */
    public static double f1(double precision, double recall) {
        checkFraction("precision", precision);
        checkFraction("recall", recall);
        if (precision == 0 || recall == 0) {
            return 0;
        }
        return 2 * precision * recall / (precision + recall);
    }

    /**
     * The plain average of the values, e.g. the errors of a model on several slices of the dev set.
     *
     * @throws IllegalArgumentException for no values
     */
    public static double average(Collection<Double> values) {
        if (values.isEmpty()) {
            throw new IllegalArgumentException("average of no values");
        }
        double s = 0;
        for (double v : values) {
            s += v;
        }
        return s / values.size();
    }

    /** The average of a map's values, e.g. {@code {US=0.03, China=0.07, India=0.05, Other=0.09}}. */
    public static double average(Map<String, Double> byName) {
        return average(byName.values());
    }

    /**
     * The weighted classification error {@code sum_i w_i [pred_i != y_i] / sum_i w_i} (Course 3, week 1, 1.7: weight
     * 10 on the examples a user must never be shown wrongly).
     *
     * @param predicted predicted classes
     * @param actual true classes
     * @param weights each example's weight, {@code >= 0}, not all zero
     * @throws IllegalArgumentException when the lengths differ or a weight is negative or all are zero
     */
    public static double weightedError(int[] predicted, int[] actual, double[] weights) {
        if (predicted.length != actual.length || weights.length != actual.length) {
            throw new IllegalArgumentException("weightedError: " + predicted.length + " predictions, " + actual.length
                    + " labels and " + weights.length + " weights; they must be as many");
        }
        double wrong = 0;
        double total = 0;
        for (int i = 0; i < actual.length; i++) {
            if (!(weights[i] >= 0) || Double.isInfinite(weights[i])) {
                throw new IllegalArgumentException("weightedError: weight " + i + " is " + weights[i]
                        + "; weights must be finite and >= 0");
            }
            total += weights[i];
            if (predicted[i] != actual[i]) {
                wrong += weights[i];
            }
        }
        if (total == 0) {
            throw new IllegalArgumentException("weightedError: every weight is zero");
        }
        return wrong / total;
    }

    /** The fraction of examples whose prediction differs from the label, {@code 1 - accuracy}. */
    public static double error(int[] predicted, int[] actual) {
        double[] w = new double[actual.length];
        java.util.Arrays.fill(w, 1);
        return weightedError(predicted, actual, w);
    }

    static void checkFraction(String what, double v) {
        if (!(v >= 0 && v <= 1)) {
            throw new IllegalArgumentException(what + " must be in [0, 1], got " + v);
        }
    }
}
