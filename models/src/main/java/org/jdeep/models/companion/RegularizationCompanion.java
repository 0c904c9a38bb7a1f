package org.jdeep.models.companion;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jdeep.MemoryScope;
import org.jdeep.Tensor;
import org.jdeep.loss.L2Penalty;
import org.jdeep.models.companion.DeepNetStepByStepCompanion.Activation;
import org.jdeep.models.companion.DeepNetStepByStepCompanion.ActivationForward;
import org.jdeep.models.companion.DeepNetStepByStepCompanion.Cache;
import org.jdeep.models.companion.DeepNetStepByStepCompanion.LinearGrads;
import org.jdeep.models.companion.DeepNetStepByStepCompanion.ModelForward;
import org.jdeep.random.RandomState;

/**
 * Course 2, week 1, programming assignment "Regularization", in jdeep (lectures 1.4 Regularization, 1.5 Why
 * regularization reduces overfitting?, 1.6 Dropout Regularization, 1.7 Understanding Dropout).
 *
 * <p>The network of {@code reg_utils}, {@code [n_x, 20, 3, 1]}, ReLU then sigmoid, with either
 * <ul>
 *   <li>L2 regularisation: the cost gains {@link L2Penalty} {@code (1/m)(lambda/2) sum ||W||^2} and each
 *       {@code dW} gains {@link L2Penalty#gradient(Tensor)} {@code (lambda/m) W}; or</li>
 *   <li>inverted dropout on the hidden layers, with masks {@code rand(shape) < keep_prob} drawn after
 *       {@code np.random.seed(1)} at every call (so every step drops the same units, as in the notebook); the test
 *       checks the masks equal those of jdeep's {@link org.jdeep.nn.Dropout} with
 *       {@link org.jdeep.nn.init.Layout#COURSE}.</li>
 * </ul>
 */
public final class RegularizationCompanion {
    /** The seed {@code forward_propagation_with_dropout} sets at every call. */
    public static final long DROPOUT_SEED = 1;
    /** The seed {@code reg_utils.initialize_parameters} sets. */
    public static final long INIT_SEED = 3;
    /** The notebook's {@code model} learning rate. */
    public static final double LEARNING_RATE = 0.3;
    /** The notebook's {@code model} iterations. */
    public static final int NUM_ITERATIONS = 30000;

    private RegularizationCompanion() {
    }

    /** The weights {@code W1 .. WL} of {@code parameters}, in order. */
    static List<Tensor> weights(Map<String, Tensor> parameters) {
        List<Tensor> w = new ArrayList<>();
        for (int l = 1; parameters.containsKey("W" + l); l++) {
            w.add(parameters.get("W" + l));
        }
        return w;
    }

    /**
     * {@code compute_cost_with_regularization(A3, Y, parameters, lambd)}: the cross-entropy cost
     * ({@link NotebookUtils#computeCost}) plus {@code (1/m)(lambd/2)(sum W1^2 + sum W2^2 + sum W3^2)}
     * ({@link L2Penalty#of(java.util.Collection)}).
     */
    public static double computeCostWithRegularization(Tensor A3, Tensor Y, Map<String, Tensor> parameters,
                                                       double lambd) {
        int m = Y.shape().dim(Y.rank() - 1);
        double crossEntropy = NotebookUtils.computeCost(A3, Y);
        try (Tensor l2 = new L2Penalty(lambd, m).of(weights(parameters))) {
            return crossEntropy + l2.item();
        }
    }

    /**
     * {@code backward_propagation_with_regularization(X, Y, cache, lambd)}: {@link NotebookUtils#backwardPropagation}
     * with {@code (lambd/m) W[l]} added to each {@code dW[l]} ({@link L2Penalty#gradient(Tensor)}).
     *
     * @param forward the forward pass's output and caches (the notebook's {@code cache})
     */
    public static Map<String, Tensor> backwardPropagationWithRegularization(Tensor X, Tensor Y, ModelForward forward,
                                                                           double lambd) {
        int m = X.shape().dim(1);
        L2Penalty l2 = new L2Penalty(lambd, m);
        Map<String, Tensor> grads = NotebookUtils.backwardPropagation(X, Y, forward);
        List<Cache> caches = forward.caches();
        for (int l = 1; l <= caches.size(); l++) {
            Tensor dW = grads.get("dW" + l);
            try (Tensor decay = l2.gradient(caches.get(l - 1).linear().W())) {
                grads.put("dW" + l, dW.add(decay));
            }
            dW.close();
        }
        return grads;
    }

    /**
     * What {@code forward_propagation_with_dropout} returns.
     *
     * @param forward the output A3 and the layers' caches; each hidden activation in the caches is the dropped and
     *     rescaled one, as in the notebook
     * @param masks {@code D1 .. D{L-1}}, 1.0 where the unit is kept, one per hidden layer
     */
    public record DropoutForward(ModelForward forward, List<Tensor> masks) {
        /** The output {@code A3 (1, m)}. */
        public Tensor A3() {
            return forward.AL();
        }
    }

    /**
     * {@code forward_propagation_with_dropout(X, parameters, keep_prob=0.5)}: {@code np.random.seed(1)}, then for each
     * hidden layer {@code A = relu(W A_prev + b)}, {@code D = rand(A.shape) < keep_prob}, {@code A = A * D / keep_prob};
     * the output layer is a sigmoid without dropout.
     */
    public static DropoutForward forwardPropagationWithDropout(Tensor X, Map<String, Tensor> parameters,
                                                               double keepProb) {
        return forwardPropagationWithDropout(X, parameters, keepProb, new RandomState(DROPOUT_SEED));
    }

    /** {@link #forwardPropagationWithDropout(Tensor, Map, double)} drawing the masks from {@code rng}. */
    public static DropoutForward forwardPropagationWithDropout(Tensor X, Map<String, Tensor> parameters,
                                                               double keepProb, RandomState rng) {
        int L = parameters.size() / 2;
        List<Cache> caches = new ArrayList<>();
        List<Tensor> masks = new ArrayList<>();
        Tensor A = X;
        for (int l = 1; l < L; l++) {
            ActivationForward f = DeepNetStepByStepCompanion.linearActivationForward(A, parameters.get("W" + l),
                    parameters.get("b" + l), Activation.RELU);
            caches.add(f.cache());
            int[] shape = f.A().shape().dims();
            Tensor D;
            try (Tensor u = rng.rand(shape)) {
                D = u.lt(keepProb);
            }
            masks.add(D);
            try (Tensor kept = f.A().mul(D)) {
                A = kept.div(keepProb);
            }
        }
        ActivationForward out = DeepNetStepByStepCompanion.linearActivationForward(A, parameters.get("W" + L),
                parameters.get("b" + L), Activation.SIGMOID);
        caches.add(out.cache());
        return new DropoutForward(new ModelForward(out.A(), caches), masks);
    }

    /**
     * {@code backward_propagation_with_dropout(X, Y, cache, keep_prob)}: as {@link NotebookUtils#backwardPropagation},
     * but each hidden layer's {@code dA} is multiplied by its mask and divided by {@code keep_prob} (the units shut
     * down in the forward pass get no gradient).
     */
    public static Map<String, Tensor> backwardPropagationWithDropout(Tensor X, Tensor Y, DropoutForward forward,
                                                                    double keepProb) {
        List<Cache> caches = forward.forward().caches();
        int L = caches.size();
        Map<String, Tensor> grads = new LinkedHashMap<>();
        LinearGrads g;
        try (Tensor dZ = forward.A3().sub(Y)) {
            g = DeepNetStepByStepCompanion.linearBackward(dZ, caches.get(L - 1).linear());
        }
        grads.put("dW" + L, g.dW());
        grads.put("db" + L, g.db());
        Tensor dA = g.dAPrev();
        for (int l = L - 1; l >= 1; l--) {
            Tensor dropped;
            try (Tensor masked = dA.mul(forward.masks().get(l - 1))) {
                dropped = masked.div(keepProb);
            }
            grads.put("dA" + l, dropped);
            g = DeepNetStepByStepCompanion.linearActivationBackward(dropped, caches.get(l - 1), Activation.RELU);
            grads.put("dW" + l, g.dW());
            grads.put("db" + l, g.db());
            dA.close();
            dA = g.dAPrev();
        }
        grads.put("dA0", dA);
        return grads;
    }

    /**
     * {@code initialize_parameters(layer_dims)} of {@code reg_utils}: {@code np.random.seed(3)},
     * {@code W[l] = randn(n_l, n_{l-1}) / sqrt(n_{l-1})}, zero biases.
     */
    public static Map<String, Tensor> initializeParameters(int... layerDims) {
        return DeepNetApplicationCompanion.initializeParametersDeep(new RandomState(INIT_SEED), layerDims);
    }

    /**
     * What {@code model} gives.
     *
     * @param parameters the learned parameters
     * @param costs the cost at iterations 0, 1000, 2000, ...
     */
    public record Training(Map<String, Tensor> parameters, List<Double> costs) {
    }

    /**
     * {@code model(X, Y, learning_rate=0.3, num_iterations=30000, print_cost=True, lambd=0, keep_prob=1)}: the network
     * {@code [n_x, 20, 3, 1]}, plain when {@code lambd == 0} and {@code keep_prob == 1}, else L2-regularised or with
     * dropout (not both, as in the notebook); prints the cost every 10000 iterations and keeps it every 1000.
     *
     * @throws IllegalArgumentException when both {@code lambd != 0} and {@code keepProb < 1}
     */
    public static Training model(Tensor X, Tensor Y, double learningRate, int numIterations, boolean printCost,
                                 double lambd, double keepProb) {
        if (lambd != 0 && keepProb < 1) {
            throw new IllegalArgumentException("use L2 regularization or dropout, not both (the notebook asserts "
                    + "lambd == 0 or keep_prob == 1)");
        }
        Map<String, Tensor> parameters = initializeParameters(X.shape().dim(0), 20, 3, 1);
        List<Double> costs = new ArrayList<>();
        for (int i = 0; i < numIterations; i++) {
            try (MemoryScope scope = MemoryScope.open()) {
                double cost;
                Map<String, Tensor> grads;
                if (keepProb < 1) {
                    DropoutForward f = forwardPropagationWithDropout(X, parameters, keepProb);
                    cost = NotebookUtils.computeCost(f.A3(), Y);
                    grads = backwardPropagationWithDropout(X, Y, f, keepProb);
                } else {
                    ModelForward f = NotebookUtils.forwardPropagation(X, parameters);
                    if (lambd == 0) {
                        cost = NotebookUtils.computeCost(f.AL(), Y);
                        grads = NotebookUtils.backwardPropagation(X, Y, f);
                    } else {
                        cost = computeCostWithRegularization(f.AL(), Y, parameters, lambd);
                        grads = backwardPropagationWithRegularization(X, Y, f, lambd);
                    }
                }
                PlanarCompanion.assignAll(parameters, NotebookUtils.updateParameters(parameters, grads, learningRate));
                if (printCost && i % 10000 == 0) {
                    System.out.println("Cost after iteration " + i + ": " + cost);
                }
                if (i % 1000 == 0) {
                    costs.add(cost);
                }
            }
        }
        return new Training(parameters, List.copyOf(costs));
    }
}
