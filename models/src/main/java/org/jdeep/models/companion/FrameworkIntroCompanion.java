package org.jdeep.models.companion;

import java.util.LinkedHashMap;
import java.util.Map;
import org.jdeep.MemoryScope;
import org.jdeep.Tensor;
import org.jdeep.loss.SoftmaxCrossEntropy;
import org.jdeep.nn.init.Initializer;
import org.jdeep.nn.init.Layout;
import org.jdeep.random.RandomState;
import org.jdeep.types.DType;

/**
 * Course 2, week 3, programming assignment "Introduction to TensorFlow", done with jdeep instead (lectures 3.8
 * Softmax Regression, 3.9 Training a softmax classifier, 3.10 Deep learning frameworks, 3.11 TensorFlow): jdeep
 * plays the framework's part, with the same shapes as the notebook ({@code X (n_x, m)}, one-hot labels
 * {@code (C, m)}). The trained softmax classifier itself, with batch normalisation, is
 * {@code org.jdeep.models.c2w3}.
 */
public final class FrameworkIntroCompanion {
    /** The seed of {@code linear_function}. */
    public static final long SEED = 1;

    private FrameworkIntroCompanion() {
    }

    /**
     * {@code linear_function()}: {@code np.random.seed(1)}, {@code X = randn(3, 1)}, {@code W = randn(4, 3)},
     * {@code b = randn(4, 1)}, and {@code Y = W X + b} {@code (4, 1)}.
     */
    public static Tensor linearFunction() {
        RandomState rng = new RandomState(SEED);
        try (Tensor X = rng.randn(3, 1); Tensor W = rng.randn(4, 3); Tensor b = rng.randn(4, 1)) {
            return PlanarCompanion.linear(W, X, b);
        }
    }

    /** {@code sigmoid(z)}. */
    public static Tensor sigmoid(Tensor z) {
        return z.sigmoid();
    }

    /** {@code one_hot_matrix(label, C=6)} of the 2021+ notebook: a single label as a flat one-hot vector {@code (C)}. */
    public static Tensor oneHotMatrix(int label, int C) {
        try (Tensor l = Tensor.of(new int[] {label})) {
            try (Tensor oh = l.oneHot(C, DType.FLOAT64)) {
                return oh.reshape(C);
            }
        }
    }

    /**
     * {@code one_hot_matrix(labels, C)} of the older notebook: INT32 labels {@code (m)} as a one-hot matrix
     * {@code (C, m)}, one column per example.
     */
    public static Tensor oneHotMatrix(Tensor labels, int C) {
        try (Tensor oh = labels.oneHot(C, DType.FLOAT64); Tensor t = oh.transpose()) {
            return t.to(DType.FLOAT64);
        }
    }

    /** {@code ones(shape)}: a tensor of ones. */
    public static Tensor ones(int... shape) {
        return Tensor.ones(DType.FLOAT64, shape);
    }

    /**
     * {@code cost(logits, labels)} of the older notebook: the sigmoid cross-entropy of each element,
     * {@code -(y log(sigmoid(z)) + (1 - y) log(1 - sigmoid(z)))}, computed from the logits with
     * {@link Tensor#logSigmoid()} ({@code log(1 - sigmoid(z)) = logSigmoid(-z)}), without reduction.
     */
    public static Tensor cost(Tensor logits, Tensor labels) {
        try (MemoryScope scope = MemoryScope.open()) {
            Tensor c = labels.mul(logits.logSigmoid()).add(labels.neg().add(1.0).mul(logits.neg().logSigmoid())).neg();
            scope.keep(c);
            return c;
        }
    }

    /**
     * {@code initialize_parameters()}: {@code W1 (25, 12288)}, {@code b1 (25, 1)}, {@code W2 (12, 25)},
     * {@code b2 (12, 1)}, {@code W3 (6, 12)}, {@code b3 (6, 1)}. The notebook draws them with Keras' GlorotNormal
     * (seed 1), a truncated normal from TensorFlow's own generator whose values no numpy generator reproduces; here
     * the weights are {@link Initializer#glorot(Layout)} normals from {@code rng} and the biases zeros, with the
     * notebook's shapes (its test checks the shapes).
     */
    public static Map<String, Tensor> initializeParameters(RandomState rng) {
        int[] dims = {12288, 25, 12, 6};
        Map<String, Tensor> p = new LinkedHashMap<>();
        Initializer glorot = Initializer.glorot(Layout.COURSE);
        for (int l = 1; l < dims.length; l++) {
            try (Tensor w = glorot.draw(rng, dims[l - 1], dims[l]); Tensor wt = w.transpose()) {
                p.put("W" + l, wt.to(DType.FLOAT64));
            }
            p.put("b" + l, Tensor.zeros(DType.FLOAT64, dims[l], 1));
        }
        return p;
    }

    /**
     * {@code forward_propagation(X, parameters)}: {@code LINEAR -> RELU -> LINEAR -> RELU -> LINEAR}, the logits
     * {@code Z3 (C, m)} (the softmax is in the cost).
     */
    public static Tensor forwardPropagation(Tensor X, Map<String, Tensor> parameters) {
        try (MemoryScope scope = MemoryScope.open()) {
            Tensor A1 = PlanarCompanion.linear(parameters.get("W1"), X, parameters.get("b1")).relu();
            Tensor A2 = PlanarCompanion.linear(parameters.get("W2"), A1, parameters.get("b2")).relu();
            Tensor Z3 = PlanarCompanion.linear(parameters.get("W3"), A2, parameters.get("b3"));
            scope.keep(Z3);
            return Z3;
        }
    }

    /**
     * {@code compute_total_loss(logits, labels)}: the softmax cross-entropy of logits {@code (C, m)} against one-hot
     * labels {@code (C, m)}, SUMMED over the m examples (the notebook's {@code tf.reduce_sum}: the training loop
     * divides the epoch's total by m). {@link SoftmaxCrossEntropy#ofOneHot} on the transposes (examples on axis 0)
     * gives the mean, times m.
     */
    public static double computeTotalLoss(Tensor logits, Tensor labels) {
        int m = logits.shape().dim(1);
        try (Tensor z = logits.transpose(); Tensor y = labels.transpose(); Tensor loss = SoftmaxCrossEntropy.ofOneHot(z, y)) {
            return loss.item() * m;
        }
    }
}
