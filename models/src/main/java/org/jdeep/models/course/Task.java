package org.jdeep.models.course;

import java.util.List;
import org.jdeep.Tensor;
import org.jdeep.eval.ConfusionMatrix;
import org.jdeep.eval.Metric;
import org.jdeep.loss.BinaryCrossEntropy;
import org.jdeep.loss.Loss;
import org.jdeep.loss.SoftmaxCrossEntropy;

/**
 * What a model's output means, and so its cost, metrics and predictions. Every course model ends on raw
 * scores (logits): the final sigmoid or softmax lives in the cost, which keeps it finite where
 * {@code log(sigmoid(z))} would not (Course 1, week 2, 2.3 Logistic Regression Cost Function), and in
 * {@link #probabilities(Tensor)} for predictions.
 */
public enum Task {
    /**
     * One score per example, {@code (m, 1)}, labels 0/1 {@code (m, 1)}: sigmoid and cross-entropy; predicted 1
     * when {@code sigmoid(z) > 0.5}, that is {@code z > 0} (the course's {@code predict}).
     */
    BINARY {
        @Override
        public Loss loss() {
            return BinaryCrossEntropy::ofLogits;
        }

        @Override
        public List<Metric> metrics() {
            return List.of(Metric.binaryAccuracy(0), Metric.binaryF1(0));
        }

        @Override
        public Tensor probabilities(Tensor scores) {
            return scores.sigmoid();
        }

        @Override
        public int[] predictedClasses(Tensor scores) {
            double[] z = scores.toDoubleArray();
            int[] out = new int[z.length];
            for (int i = 0; i < z.length; i++) {
                out[i] = z[i] > 0 ? 1 : 0;
            }
            return out;
        }

        @Override
        public ConfusionMatrix confusion(Tensor scores, Tensor labels) {
            return ConfusionMatrix.binary(scores, labels, 0);
        }
    },
    /**
     * C scores per example, {@code (m, C)}, labels INT32 class ids {@code (m)}: softmax and cross-entropy;
     * the predicted class is the argmax (Course 2, week 3, 3.8-3.9 Softmax Regression).
     */
    MULTICLASS {
        @Override
        public Loss loss() {
            return SoftmaxCrossEntropy::ofLabels;
        }

        @Override
        public List<Metric> metrics() {
            return List.of(Metric.accuracy(), Metric.macroF1());
        }

        @Override
        public Tensor probabilities(Tensor scores) {
            return scores.softmax(1);
        }

        @Override
        public int[] predictedClasses(Tensor scores) {
            try (Tensor ids = scores.argmax(1)) {
                return ids.toIntArray();
            }
        }

        @Override
        public ConfusionMatrix confusion(Tensor scores, Tensor labels) {
            return ConfusionMatrix.multiclass(scores, labels);
        }
    };

    /** The cost minimised in training. */
    public abstract Loss loss();

    /** The metrics reported for each split, the first being the one the run is judged by. */
    public abstract List<Metric> metrics();

    /** The probabilities behind the scores: {@code (m, 1)} of class 1, or {@code (m, C)} rows. */
    public abstract Tensor probabilities(Tensor scores);

    /** The predicted class of each example. */
    public abstract int[] predictedClasses(Tensor scores);

    /** The confusion matrix of the scores against the labels. */
    public abstract ConfusionMatrix confusion(Tensor scores, Tensor labels);
}
