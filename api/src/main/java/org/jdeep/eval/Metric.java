package org.jdeep.eval;

import java.util.function.BiFunction;
import java.util.function.ToDoubleFunction;
import org.jdeep.Tensor;

/**
 * A named number computed from a model's output and the true labels, for the training history and early
 * stopping (Course 3, week 1, 1.3 Single number evaluation metric: one number to compare models by; 1.4
 * Satisficing and optimizing metric: one to optimise, others only to satisfy). The factories read a
 * {@link ConfusionMatrix}: binary ones from probabilities and a threshold, multi-class ones from (m, C)
 * scores by argmax.
 */
public interface Metric {

    /** The name used in the history and on the progress bar, e.g. {@code "accuracy"}. */
    String name();

    /** Whether larger values are better (true for every factory here). */
    boolean higherIsBetter();

    /**
     * The metric of {@code output} (the model's output for a batch or a whole set) against {@code labels}.
     *
     * @param output the model's output: (m, 1) or (m,) probabilities for binary metrics, (m, C) scores for
     *     multi-class ones
     * @param labels the true labels: 0/1 for binary metrics, INT32 class ids or one-hot rows for multi-class
     */
    double compute(Tensor output, Tensor labels);

    /** A metric read from a confusion matrix built by {@code matrix}. */
    private static Metric of(String name, BiFunction<Tensor, Tensor, ConfusionMatrix> matrix,
            ToDoubleFunction<ConfusionMatrix> read) {
        return new Metric() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public boolean higherIsBetter() {
                return true;
            }

            @Override
            public double compute(Tensor output, Tensor labels) {
                return read.applyAsDouble(matrix.apply(output, labels));
            }

            @Override
            public String toString() {
                return name;
            }
        };
    }

    /** Binary accuracy, an example predicted 1 when its probability is above {@code threshold}. */
    static Metric binaryAccuracy(double threshold) {
        return of("accuracy", (o, y) -> ConfusionMatrix.binary(o, y, threshold), ConfusionMatrix::accuracy);
    }

    /** Binary precision of class 1 at {@code threshold}. */
    static Metric binaryPrecision(double threshold) {
        return of("precision", (o, y) -> ConfusionMatrix.binary(o, y, threshold), c -> c.precision(1));
    }

    /** Binary recall of class 1 at {@code threshold}. */
    static Metric binaryRecall(double threshold) {
        return of("recall", (o, y) -> ConfusionMatrix.binary(o, y, threshold), c -> c.recall(1));
    }

    /** Binary F1 score of class 1 at {@code threshold}. */
    static Metric binaryF1(double threshold) {
        return of("f1", (o, y) -> ConfusionMatrix.binary(o, y, threshold), c -> c.f1(1));
    }

    /** Multi-class accuracy, the predicted class being the argmax of each row of (m, C) scores. */
    static Metric accuracy() {
        return of("accuracy", ConfusionMatrix::multiclass, ConfusionMatrix::accuracy);
    }

    /** Multi-class macro-averaged precision. */
    static Metric macroPrecision() {
        return of("macro_precision", ConfusionMatrix::multiclass, ConfusionMatrix::macroPrecision);
    }

    /** Multi-class macro-averaged recall. */
    static Metric macroRecall() {
        return of("macro_recall", ConfusionMatrix::multiclass, ConfusionMatrix::macroRecall);
    }

    /** Multi-class macro-averaged F1 (the mean of the per-class F1 scores). */
    static Metric macroF1() {
        return of("macro_f1", ConfusionMatrix::multiclass, ConfusionMatrix::macroF1);
    }
}
