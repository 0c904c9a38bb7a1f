package org.jdeep.eval;

import java.util.Arrays;
import org.jdeep.Tensor;
import org.jdeep.types.DType;

/**
 * Counts of (true class, predicted class) pairs, and the metrics read from them (Course 3, week 1, 1.3
 * Single number evaluation metric, and 1.4 Satisficing and optimizing metric): accuracy, and per class
 * <pre>
 * precision = TP / (TP + FP)   of the examples predicted as the class, the fraction that are
 * recall    = TP / (TP + FN)   of the examples of the class, the fraction recognised
 * F1        = 2 / (1/P + 1/R)  their harmonic mean, "a single number evaluation metric"
 * </pre>
 * with macro averages (the unweighted mean over classes). A ratio whose denominator is 0 (a class never
 * predicted, or absent) counts as 0, as scikit-learn's {@code zero_division=0} does. For binary
 * classification class 1 is the positive class: {@code precision(1)}, {@code recall(1)}, {@code f1(1)}.
 */
public final class ConfusionMatrix {
    private final long[][] counts; // [true class][predicted class]

    private ConfusionMatrix(long[][] counts) {
        this.counts = counts;
    }

    /**
     * The confusion matrix of INT32 class labels, {@code predicted} and {@code actual} of one size (any
     * shape; compared element by element).
     *
     * @throws IllegalArgumentException when a tensor is not INT32, the sizes differ, {@code numClasses < 1},
     *     or a label lies outside {@code [0, numClasses)}
     */
    public static ConfusionMatrix of(Tensor predicted, Tensor actual, int numClasses) {
        requireInt("predicted", predicted);
        requireInt("actual", actual);
        return of(predicted.toIntArray(), actual.toIntArray(), numClasses);
    }

    /**
     * The confusion matrix of class labels given as arrays of one length.
     *
     * @throws IllegalArgumentException when the lengths differ, {@code numClasses < 1}, or a label lies
     *     outside {@code [0, numClasses)}
     */
    public static ConfusionMatrix of(int[] predicted, int[] actual, int numClasses) {
        if (numClasses < 1) {
            throw new IllegalArgumentException("a confusion matrix needs numClasses >= 1, got " + numClasses);
        }
        if (predicted.length != actual.length) {
            throw new IllegalArgumentException("confusion matrix: " + predicted.length + " predictions for "
                    + actual.length + " true labels");
        }
        long[][] c = new long[numClasses][numClasses];
        for (int i = 0; i < predicted.length; i++) {
            check("predicted", i, predicted[i], numClasses);
            check("true", i, actual[i], numClasses);
            c[actual[i]][predicted[i]]++;
        }
        return new ConfusionMatrix(c);
    }

    /**
     * Binary classification from probabilities: an example is predicted 1 when its probability is above
     * {@code threshold}, as the course's {@code predict} does with {@code A > 0.5} (for logits, use threshold
     * 0). {@code actual} holds 0/1 labels of the same size, INT32 or floating (as the course's Y).
     *
     * @throws IllegalArgumentException when the sizes differ or a label is not 0 or 1
     */
    public static ConfusionMatrix binary(Tensor probabilities, Tensor actual, double threshold) {
        double[] p = probabilities.toDoubleArray();
        int[] predicted = new int[p.length];
        for (int i = 0; i < p.length; i++) {
            predicted[i] = p[i] > threshold ? 1 : 0;
        }
        return of(predicted, labels(actual), 2);
    }

    /**
     * Multi-class classification from scores (probabilities or logits) of shape (m, C): the predicted class
     * of each row is its argmax. {@code actual} holds m INT32 class ids, or one-hot rows of shape (m, C).
     *
     * @throws IllegalArgumentException when the scores are not (m, C) or the labels do not match them
     */
    public static ConfusionMatrix multiclass(Tensor scores, Tensor actual) {
        if (scores.rank() != 2) {
            throw new IllegalArgumentException("multiclass: scores must be (m, C), got " + scores.shape());
        }
        int classes = scores.shape().dim(1);
        int[] truth;
        if (actual.dtype() == DType.INT32) {
            truth = actual.toIntArray();
        } else if (actual.shape().equals(scores.shape())) {
            try (Tensor ids = actual.argmax(1)) {
                truth = ids.toIntArray();
            }
        } else {
            throw new IllegalArgumentException("multiclass: labels must be INT32 class ids or one-hot rows of "
                    + "shape " + scores.shape() + ", got " + actual.shape() + " " + actual.dtype());
        }
        try (Tensor ids = scores.argmax(1)) {
            return of(ids.toIntArray(), truth, classes);
        }
    }

    /** 0/1 labels of any dtype as ints; anything else is an error. */
    static int[] labels(Tensor actual) {
        double[] v = actual.toDoubleArray();
        int[] out = new int[v.length];
        for (int i = 0; i < v.length; i++) {
            if (v[i] != 0 && v[i] != 1) {
                throw new IllegalArgumentException("binary labels must be 0 or 1, got " + v[i] + " at index " + i);
            }
            out[i] = (int) v[i];
        }
        return out;
    }

    private static void requireInt(String which, Tensor t) {
        if (t.dtype() != DType.INT32) {
            throw new IllegalArgumentException("confusion matrix: " + which + " labels must be INT32, got "
                    + t.dtype() + " (convert with to(DType.INT32), or use binary(...) for probabilities)");
        }
    }

    private static void check(String which, int index, int label, int numClasses) {
        if (label < 0 || label >= numClasses) {
            throw new IllegalArgumentException("confusion matrix: " + which + " label " + label + " at index "
                    + index + " is outside [0, " + numClasses + ")");
        }
    }

    /** The number of classes C. */
    public int numClasses() {
        return counts.length;
    }

    /** The number of examples of true class {@code actual} predicted as {@code predicted}. */
    public long count(int actual, int predicted) {
        return counts[actual][predicted];
    }

    /** The counts, {@code [true class][predicted class]} (a copy). */
    public long[][] counts() {
        long[][] c = new long[counts.length][];
        for (int i = 0; i < c.length; i++) {
            c[i] = counts[i].clone();
        }
        return c;
    }

    /** The number of examples. */
    public long total() {
        long t = 0;
        for (long[] row : counts) {
            for (long v : row) {
                t += v;
            }
        }
        return t;
    }

    /** The fraction of examples predicted correctly (0 when there are none). */
    public double accuracy() {
        long correct = 0;
        for (int c = 0; c < counts.length; c++) {
            correct += counts[c][c];
        }
        return ratio(correct, total());
    }

    /** Of the examples predicted as {@code c}, the fraction truly of class {@code c}. */
    public double precision(int c) {
        long predicted = 0;
        for (long[] row : counts) {
            predicted += row[c];
        }
        return ratio(counts[c][c], predicted);
    }

    /** Of the examples truly of class {@code c}, the fraction predicted as {@code c}. */
    public double recall(int c) {
        return ratio(counts[c][c], Arrays.stream(counts[c]).sum());
    }

    /** The harmonic mean {@code 2PR / (P + R)} of precision and recall of class {@code c} (0 if both are 0). */
    public double f1(int c) {
        double p = precision(c);
        double r = recall(c);
        return p + r == 0 ? 0 : 2 * p * r / (p + r);
    }

    /** The mean of {@link #precision(int)} over the classes. */
    public double macroPrecision() {
        double s = 0;
        for (int c = 0; c < counts.length; c++) {
            s += precision(c);
        }
        return s / counts.length;
    }

    /** The mean of {@link #recall(int)} over the classes. */
    public double macroRecall() {
        double s = 0;
        for (int c = 0; c < counts.length; c++) {
            s += recall(c);
        }
        return s / counts.length;
    }

    /** The mean of the per-class {@link #f1(int)} (not the F1 of the macro precision and recall). */
    public double macroF1() {
        double s = 0;
        for (int c = 0; c < counts.length; c++) {
            s += f1(c);
        }
        return s / counts.length;
    }

    private static double ratio(long num, long den) {
        return den == 0 ? 0 : (double) num / den;
    }

    /** The counts as a table, true classes down, predicted classes across. */
    @Override
    public String toString() {
        int w = 4;
        for (long[] row : counts) {
            for (long v : row) {
                w = Math.max(w, Long.toString(v).length() + 1);
            }
        }
        StringBuilder sb = new StringBuilder(String.format("%-10s", "true\\pred"));
        for (int c = 0; c < counts.length; c++) {
            sb.append(String.format("%" + w + "d", c));
        }
        for (int r = 0; r < counts.length; r++) {
            sb.append('\n').append(String.format("%-10d", r));
            for (long v : counts[r]) {
                sb.append(String.format("%" + w + "d", v));
            }
        }
        return sb.toString();
    }
}
