package org.jdeep.models.companion;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jdeep.MemoryScope;
import org.jdeep.Tensor;
import org.jdeep.models.companion.DeepNetStepByStepCompanion.Activation;
import org.jdeep.models.companion.DeepNetStepByStepCompanion.Cache;
import org.jdeep.models.companion.DeepNetStepByStepCompanion.LinearGrads;
import org.jdeep.models.companion.DeepNetStepByStepCompanion.ModelForward;

/**
 * The helpers the Course 2, week 1 and week 2 notebooks import from {@code init_utils.py}, {@code reg_utils.py},
 * {@code gc_utils.py} and {@code opt_utils.py}: the network {@code LINEAR -> RELU -> LINEAR -> RELU -> LINEAR ->
 * SIGMOID} (any depth here) on column examples, its cost and its back-propagation, which starts from
 * {@code dZ[L] = A[L] - Y} (so it stays finite when the sigmoid saturates, unlike
 * {@link DeepNetStepByStepCompanion#lModelBackward}'s {@code dAL}). They are built from the blocks of
 * {@link DeepNetStepByStepCompanion}.
 */
public final class NotebookUtils {
    private NotebookUtils() {
    }

    /**
     * {@code forward_propagation(X, parameters)}: {@code [LINEAR -> RELU] x (L-1) -> LINEAR -> SIGMOID}; the
     * result holds {@code a3} (the output, {@code (1, m)}) and every layer's cache.
     */
    public static ModelForward forwardPropagation(Tensor X, Map<String, Tensor> parameters) {
        return DeepNetStepByStepCompanion.lModelForward(X, parameters);
    }

    /**
     * {@code backward_propagation(X, Y, cache)}:
     * <pre>
     * dz3 = A3 - Y
     * dW3 = (1/m) dz3 A2^T      db3 = (1/m) sum(dz3, axis=1)     da2 = W3^T dz3
     * dz2 = da2 * (A2 > 0)      ... down to layer 1
     * </pre>
     *
     * @param forward what {@link #forwardPropagation} returned for X
     * @return {@code dA0 .. dA{L-1}}, {@code dW1 .. dWL}, {@code db1 .. dbL}
     */
    public static Map<String, Tensor> backwardPropagation(Tensor X, Tensor Y, ModelForward forward) {
        List<Cache> caches = forward.caches();
        int L = caches.size();
        Map<String, Tensor> grads = new LinkedHashMap<>();
        LinearGrads last;
        try (Tensor dZ = forward.AL().sub(Y)) {
            last = DeepNetStepByStepCompanion.linearBackward(dZ, caches.get(L - 1).linear());
        }
        grads.put("dA" + (L - 1), last.dAPrev());
        grads.put("dW" + L, last.dW());
        grads.put("db" + L, last.db());
        for (int l = L - 2; l >= 0; l--) {
            LinearGrads g = DeepNetStepByStepCompanion.linearActivationBackward(grads.get("dA" + (l + 1)), caches.get(l),
                    Activation.RELU);
            grads.put("dA" + l, g.dAPrev());
            grads.put("dW" + (l + 1), g.dW());
            grads.put("db" + (l + 1), g.db());
        }
        return grads;
    }

    /**
     * The notebooks' per-example losses {@code -Y log(a3) - (1 - Y) log(1 - a3)}, with {@code 0 * log(0)} taken as 0
     * as {@code np.nansum} does, {@code (1, m)}.
     */
    static Tensor logprobs(Tensor a3, Tensor Y) {
        try (MemoryScope scope = MemoryScope.open()) {
            Tensor y = Y.reshape(a3.shape().dims());
            Tensor l = a3.log().neg().mul(y).add(a3.neg().add(1.0).log().neg().mul(y.neg().add(1.0)));
            Tensor out = Tensor.where(l.ne(l), Tensor.scalar(0.0), l); // nansum: NaN counts as 0
            scope.keep(out);
            return out;
        }
    }

    /**
     * {@code compute_loss(a3, Y)} of {@code init_utils} and {@code compute_cost(a3, Y)} of {@code reg_utils}:
     * {@code (1/m) nansum(-Y log(a3) - (1 - Y) log(1 - a3))}. Unlike
     * {@link org.jdeep.loss.BinaryCrossEntropy#ofProbabilities}, whose {@code np.sum} gives NaN when a sigmoid
     * saturates at exactly 1 on a positive example, {@code nansum} drops those {@code 0 * log(0)} terms, so the
     * notebook's large random initialisation prints {@code inf}, not {@code nan}.
     */
    public static double computeCost(Tensor a3, Tensor Y) {
        int m = a3.shape().dim(1);
        try (Tensor l = logprobs(a3, Y); Tensor s = l.sum()) {
            return 1.0 / m * s.item();
        }
    }

    /** {@code update_parameters(parameters, grads, learning_rate)}: one gradient-descent step, as new tensors. */
    public static Map<String, Tensor> updateParameters(Map<String, Tensor> parameters, Map<String, Tensor> grads,
                                                       double learningRate) {
        return PlanarCompanion.gradientDescentStep(parameters, grads, learningRate);
    }

    /**
     * {@code predict(X, y, parameters)}: 1.0 where {@code a3 > 0.5}, {@code (1, m)}; prints
     * {@code "Accuracy: "} the mean of {@code p == y} when {@code y} is given.
     *
     * @param y the labels {@code (1, m)}, or null
     */
    public static Tensor predict(Tensor X, Tensor y, Map<String, Tensor> parameters) {
        Tensor p = predictDec(parameters, X);
        if (y != null) {
            System.out.println("Accuracy: " + accuracy(p, y));
        }
        return p;
    }

    /** The fraction of predictions equal to the labels, {@code np.mean(p[0, :] == y[0, :])}. */
    public static double accuracy(Tensor predictions, Tensor y) {
        try (Tensor yy = y.reshape(predictions.shape().dims()); Tensor eq = predictions.eq(yy); Tensor mean = eq.mean()) {
            return mean.item();
        }
    }

    /**
     * {@code predict_dec(parameters, X)}: the predicted class, 1.0 where {@code a3 > 0.5}, of each column of
     * {@code X (n_x, m)}; what a decision-boundary plot evaluates over a grid of points.
     */
    public static Tensor predictDec(Map<String, Tensor> parameters, Tensor X) {
        try (MemoryScope scope = MemoryScope.open()) {
            Tensor p = forwardPropagation(X, parameters).AL().gt(0.5);
            scope.keep(p);
            return p;
        }
    }
}
