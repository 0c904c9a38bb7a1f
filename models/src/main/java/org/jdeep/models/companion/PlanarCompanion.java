package org.jdeep.models.companion;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jdeep.MemoryScope;
import org.jdeep.Tensor;
import org.jdeep.loss.BinaryCrossEntropy;
import org.jdeep.nn.init.Initializer;
import org.jdeep.random.RandomState;
import org.jdeep.types.DType;

/**
 * Course 1, week 3, programming assignment "Planar data classification with one hidden layer", in jdeep
 * (lectures 3.1-3.5 the network's representation, output and vectorisation; 3.6 Activation functions (tanh);
 * 3.9-3.10 Gradient descent and backpropagation for neural networks; 3.11 Random Initialization).
 *
 * <p>The network: {@code X (n_x, m) -> LINEAR (n_h) -> TANH -> LINEAR (n_y) -> SIGMOID}, parameters
 * {@code W1 (n_h, n_x), b1 (n_h, 1), W2 (n_y, n_h), b2 (n_y, 1)}. {@link #backwardPropagation} is the notebook's
 * hand-derived back-propagation written with tensor operations; its test checks it against autograd.
 */
public final class PlanarCompanion {
    /** The notebook's {@code n_h} in {@code layer_sizes}. */
    public static final int HIDDEN = 4;
    /** The notebook's learning rate in {@code update_parameters}. */
    public static final double LEARNING_RATE = 1.2;
    /** The seed the 2021+ notebook's {@code nn_model} sets before {@code initialize_parameters}. */
    public static final long NN_MODEL_SEED = 3;

    private PlanarCompanion() {
    }

    /**
     * The layer sizes.
     *
     * @param nX the size of the input layer
     * @param nH the size of the hidden layer
     * @param nY the size of the output layer
     */
    public record LayerSizes(int nX, int nH, int nY) {
    }

    /** {@code layer_sizes(X, Y)}: {@code (X.shape[0], 4, Y.shape[0])}. */
    public static LayerSizes layerSizes(Tensor X, Tensor Y) {
        return new LayerSizes(X.shape().dim(0), HIDDEN, Y.shape().dim(0));
    }

    /**
     * {@code initialize_parameters(n_x, n_h, n_y)}: {@code W1 = randn(n_h, n_x) * 0.01}, {@code b1 = zeros},
     * {@code W2 = randn(n_y, n_h) * 0.01}, {@code b2 = zeros}, drawn in this order from {@code rng}
     * ({@link Initializer#normal(double)}, which draws the given shape in row-major order as numpy does). The
     * 2021+ notebook seeds 2 before calling it ({@code new RandomState(2)}).
     */
    public static Map<String, Tensor> initializeParameters(int nX, int nH, int nY, RandomState rng) {
        Initializer small = Initializer.normal(0.01);
        Map<String, Tensor> p = new LinkedHashMap<>();
        p.put("W1", small.draw(rng, nH, nX));
        p.put("b1", Tensor.zeros(DType.FLOAT64, nH, 1));
        p.put("W2", small.draw(rng, nY, nH));
        p.put("b2", Tensor.zeros(DType.FLOAT64, nY, 1));
        return p;
    }

    /**
     * What {@code forward_propagation} returns.
     *
     * @param A2 the sigmoid output {@code (n_y, m)}
     * @param cache {@code Z1, A1, Z2, A2}
     */
    public record Forward(Tensor A2, Map<String, Tensor> cache) {
    }

    /**
     * {@code forward_propagation(X, parameters)}: {@code Z1 = W1 X + b1}, {@code A1 = tanh(Z1)},
     * {@code Z2 = W2 A1 + b2}, {@code A2 = sigmoid(Z2)}.
     */
    public static Forward forwardPropagation(Tensor X, Map<String, Tensor> parameters) {
        Tensor Z1 = linear(parameters.get("W1"), X, parameters.get("b1"));
        Tensor A1 = Z1.tanh();
        Tensor Z2 = linear(parameters.get("W2"), A1, parameters.get("b2"));
        Tensor A2 = Z2.sigmoid();
        Map<String, Tensor> cache = new LinkedHashMap<>();
        cache.put("Z1", Z1);
        cache.put("A1", A1);
        cache.put("Z2", Z2);
        cache.put("A2", A2);
        return new Forward(A2, cache);
    }

    /** {@code W A + b}. */
    static Tensor linear(Tensor W, Tensor A, Tensor b) {
        try (Tensor wa = W.matmul(A)) {
            return wa.add(b);
        }
    }

    /**
     * {@code compute_cost(A2, Y)}: the cross-entropy {@code -(1/m) sum(Y log(A2) + (1 - Y) log(1 - A2))}
     * ({@link BinaryCrossEntropy#ofProbabilities}); {@code A2} may be {@code (1, m)} or {@code (m)}.
     */
    public static double computeCost(Tensor A2, Tensor Y) {
        try (Tensor a = A2.reshape(-1); Tensor y = Y.reshape(-1); Tensor cost = BinaryCrossEntropy.ofProbabilities(a, y)) {
            return cost.item();
        }
    }

    /**
     * {@code backward_propagation(parameters, cache, X, Y)}, by hand as in the lecture (3.10):
     * <pre>
     * dZ2 = A2 - Y
     * dW2 = (1/m) dZ2 A1^T            db2 = (1/m) sum(dZ2, axis=1, keepdims)
     * dZ1 = W2^T dZ2 * (1 - A1^2)     (tanh'(z) = 1 - tanh(z)^2)
     * dW1 = (1/m) dZ1 X^T             db1 = (1/m) sum(dZ1, axis=1, keepdims)
     * </pre>
     *
     * @return {@code dW1, db1, dW2, db2}
     */
    public static Map<String, Tensor> backwardPropagation(Map<String, Tensor> parameters, Map<String, Tensor> cache,
                                                          Tensor X, Tensor Y) {
        int m = X.shape().dim(1);
        Tensor W2 = parameters.get("W2");
        Tensor A1 = cache.get("A1");
        Tensor A2 = cache.get("A2");
        Tensor dZ2 = A2.sub(Y);
        Tensor dW2 = dZ2.matmul(A1.transpose()).mul(1.0 / m);
        Tensor db2 = dZ2.sum(1, true).mul(1.0 / m);
        Tensor dZ1 = W2.transpose().matmul(dZ2).mul(A1.square().neg().add(1.0));
        Tensor dW1 = dZ1.matmul(X.transpose()).mul(1.0 / m);
        Tensor db1 = dZ1.sum(1, true).mul(1.0 / m);
        Map<String, Tensor> grads = new LinkedHashMap<>();
        grads.put("dW1", dW1);
        grads.put("db1", db1);
        grads.put("dW2", dW2);
        grads.put("db2", db2);
        return grads;
    }

    /**
     * {@code update_parameters(parameters, grads, learning_rate=1.2)}: {@code theta = theta - learning_rate * dtheta}
     * for every parameter, as new tensors (the notebook works on copies too).
     */
    public static Map<String, Tensor> updateParameters(Map<String, Tensor> parameters, Map<String, Tensor> grads,
                                                       double learningRate) {
        return gradientDescentStep(parameters, grads, learningRate);
    }

    /** {@code theta - learningRate * grads["d" + name]} for each parameter, the step {@link org.jdeep.optim.SGD} takes. */
    static Map<String, Tensor> gradientDescentStep(Map<String, Tensor> parameters, Map<String, Tensor> grads,
                                                   double learningRate) {
        Map<String, Tensor> out = new LinkedHashMap<>();
        parameters.forEach((name, p) -> {
            Tensor g = grads.get("d" + name);
            if (g == null) {
                throw new IllegalArgumentException("no gradient d" + name + " among " + grads.keySet());
            }
            try (Tensor step = g.mul(learningRate)) {
                out.put(name, p.sub(step));
            }
        });
        return out;
    }

    /**
     * What {@code nn_model} gives.
     *
     * @param parameters the learned parameters
     * @param costs the cost at iterations 0, 1000, 2000, ... (what the notebook prints)
     */
    public record NnModel(Map<String, Tensor> parameters, List<Double> costs) {
    }

    /**
     * {@code nn_model(X, Y, n_h, num_iterations=10000, print_cost=False)} of the 2021+ notebook, which seeds 3
     * before initialising.
     */
    public static NnModel nnModel(Tensor X, Tensor Y, int nH, int numIterations, boolean printCost) {
        return nnModel(X, Y, nH, numIterations, printCost, new RandomState(NN_MODEL_SEED));
    }

    /**
     * {@code nn_model} drawing the initial parameters from {@code rng} (the pre-2021 notebook seeds 2 inside
     * {@code initialize_parameters}: pass {@code new RandomState(2)}): for each iteration forward propagation,
     * cost, backward propagation and a gradient-descent update at learning rate 1.2.
     */
    public static NnModel nnModel(Tensor X, Tensor Y, int nH, int numIterations, boolean printCost, RandomState rng) {
        LayerSizes sizes = layerSizes(X, Y);
        Map<String, Tensor> parameters = initializeParameters(sizes.nX(), nH, sizes.nY(), rng);
        List<Double> costs = new ArrayList<>();
        for (int i = 0; i < numIterations; i++) {
            try (MemoryScope scope = MemoryScope.open()) {
                Forward f = forwardPropagation(X, parameters);
                double cost = computeCost(f.A2(), Y);
                Map<String, Tensor> grads = backwardPropagation(parameters, f.cache(), X, Y);
                assignAll(parameters, updateParameters(parameters, grads, LEARNING_RATE));
                if (i % 1000 == 0) {
                    costs.add(cost);
                    if (printCost) {
                        System.out.printf("Cost after iteration %d: %f%n", i, cost);
                    }
                }
            }
        }
        return new NnModel(parameters, List.copyOf(costs));
    }

    /**
     * Writes each {@code values} entry into the tensor of the same name in {@code target}, in place: how the
     * training loops here carry parameters (and optimizer state) from one iteration to the next without keeping
     * each iteration's tensors alive.
     */
    static void assignAll(Map<String, Tensor> target, Map<String, Tensor> values) {
        target.forEach((name, t) -> t.assign(values.get(name)));
    }

    /** {@code predict(parameters, X)}: 1.0 where {@code A2 > 0.5}, else 0.0, {@code (1, m)}. */
    public static Tensor predict(Map<String, Tensor> parameters, Tensor X) {
        try (MemoryScope scope = MemoryScope.open()) {
            Tensor p = forwardPropagation(X, parameters).A2().gt(0.5);
            scope.keep(p);
            return p;
        }
    }
}
