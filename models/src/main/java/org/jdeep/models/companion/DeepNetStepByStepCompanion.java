package org.jdeep.models.companion;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jdeep.Tensor;
import org.jdeep.loss.BinaryCrossEntropy;
import org.jdeep.nn.init.Initializer;
import org.jdeep.random.RandomState;
import org.jdeep.types.DType;

/**
 * Course 1, week 4, programming assignment "Building your Deep Neural Network: Step by Step", in jdeep (lectures
 * 4.1 Deep L-layer neural network, 4.2-4.3 Forward and backward propagation in a deep network, 4.4 Getting your
 * matrix dimensions right, 4.6 Building blocks of deep neural networks).
 *
 * <p>The L-layer network {@code [LINEAR -> RELU] x (L-1) -> LINEAR -> SIGMOID} on column examples
 * {@code A[l] (n_l, m)}, with {@code W[l] (n_l, n_{l-1})} and {@code b[l] (n_l, 1)}. The backward functions are the
 * notebook's hand-written ones, with the same tensor operations the forward pass uses; their tests check them
 * against autograd. (jdeep's own {@link org.jdeep.nn.Linear} is batch-first: its weight is this {@code W[l].T}.)
 */
public final class DeepNetStepByStepCompanion {
    /** The seed {@code initialize_parameters} sets. */
    public static final long TWO_LAYER_SEED = 1;
    /** The seed {@code initialize_parameters_deep} sets. */
    public static final long DEEP_SEED = 3;

    private DeepNetStepByStepCompanion() {
    }

    /** The activation of a layer, the notebook's {@code activation} string {@code "sigmoid"} or {@code "relu"}. */
    public enum Activation {
        /** {@code 1 / (1 + exp(-Z))}. */
        SIGMOID,
        /** {@code max(0, Z)}. */
        RELU;

        /**
         * The activation named as in the notebook.
         *
         * @throws IllegalArgumentException for another name
         */
        public static Activation of(String name) {
            return switch (name) {
                case "sigmoid" -> SIGMOID;
                case "relu" -> RELU;
                default -> throw new IllegalArgumentException("activation must be \"sigmoid\" or \"relu\", got \""
                        + name + "\"");
            };
        }
    }

    /**
     * {@code initialize_parameters(n_x, n_h, n_y)} of the 2-layer network: {@code np.random.seed(1)}, then
     * {@code W1 = randn(n_h, n_x) * 0.01}, {@code b1 = zeros}, {@code W2 = randn(n_y, n_h) * 0.01}, {@code b2 = zeros}.
     */
    public static Map<String, Tensor> initializeParameters(int nX, int nH, int nY) {
        return initializeParameters(nX, nH, nY, new RandomState(TWO_LAYER_SEED));
    }

    /** {@link #initializeParameters(int, int, int)} drawing from {@code rng} instead of seeding 1. */
    public static Map<String, Tensor> initializeParameters(int nX, int nH, int nY, RandomState rng) {
        return PlanarCompanion.initializeParameters(nX, nH, nY, rng);
    }

    /**
     * {@code initialize_parameters_deep(layer_dims)}: {@code np.random.seed(3)}, then for l = 1..L-1
     * {@code W[l] = randn(layer_dims[l], layer_dims[l-1]) * 0.01} and {@code b[l] = zeros((layer_dims[l], 1))}.
     */
    public static Map<String, Tensor> initializeParametersDeep(int... layerDims) {
        return initializeParametersDeep(new RandomState(DEEP_SEED), layerDims);
    }

    /** {@link #initializeParametersDeep(int...)} drawing from {@code rng} instead of seeding 3. */
    public static Map<String, Tensor> initializeParametersDeep(RandomState rng, int... layerDims) {
        return deepParameters(Initializer.normal(0.01), rng, layerDims);
    }

    /**
     * {@code W[l]} drawn by {@code init} in the course's {@code (n_l, n_{l-1})} order and {@code b[l]} zeros, for
     * l = 1..L-1. {@code init} must draw in row-major order of the shape it is given (the AS_SHAPE layout).
     */
    static Map<String, Tensor> deepParameters(Initializer init, RandomState rng, int... layerDims) {
        Map<String, Tensor> p = new LinkedHashMap<>();
        for (int l = 1; l < layerDims.length; l++) {
            p.put("W" + l, init.draw(rng, layerDims[l], layerDims[l - 1]));
            p.put("b" + l, Tensor.zeros(DType.FLOAT64, layerDims[l], 1));
        }
        return p;
    }

    /**
     * The notebook's {@code linear_cache}.
     *
     * @param A the layer's input {@code A_prev (n_{l-1}, m)}
     * @param W the weights {@code (n_l, n_{l-1})}
     * @param b the bias {@code (n_l, 1)}
     */
    public record LinearCache(Tensor A, Tensor W, Tensor b) {
    }

    /**
     * The notebook's {@code cache} of one layer: {@code (linear_cache, activation_cache)}.
     *
     * @param linear the inputs of the linear step
     * @param Z the pre-activation {@code (n_l, m)}, the activation cache
     */
    public record Cache(LinearCache linear, Tensor Z) {
    }

    /**
     * What {@code linear_forward} returns.
     *
     * @param Z the pre-activation {@code W A + b}, {@code (n_l, m)}
     * @param cache {@code (A, W, b)}
     */
    public record LinearForward(Tensor Z, LinearCache cache) {
    }

    /** {@code linear_forward(A, W, b)}: {@code Z = W A + b} ({@code (n_l, n_{l-1}) x (n_{l-1}, m) + (n_l, 1)}). */
    public static LinearForward linearForward(Tensor A, Tensor W, Tensor b) {
        return new LinearForward(PlanarCompanion.linear(W, A, b), new LinearCache(A, W, b));
    }

    /** {@code sigmoid(Z)} of {@code dnn_utils}: {@code 1 / (1 + exp(-Z))} (its cache is Z itself). */
    public static Tensor sigmoid(Tensor Z) {
        return Z.sigmoid();
    }

    /** {@code relu(Z)} of {@code dnn_utils}: {@code max(0, Z)} (its cache is Z itself). */
    public static Tensor relu(Tensor Z) {
        return Z.relu();
    }

    /**
     * What {@code linear_activation_forward} returns.
     *
     * @param A the activation {@code g(Z)}, {@code (n_l, m)}
     * @param cache the linear cache and Z
     */
    public record ActivationForward(Tensor A, Cache cache) {
    }

    /** {@code linear_activation_forward(A_prev, W, b, activation)} with the activation named as in the notebook. */
    public static ActivationForward linearActivationForward(Tensor aPrev, Tensor W, Tensor b, String activation) {
        return linearActivationForward(aPrev, W, b, Activation.of(activation));
    }

    /** {@code linear_activation_forward(A_prev, W, b, activation)}: {@code A = g(W A_prev + b)}. */
    public static ActivationForward linearActivationForward(Tensor aPrev, Tensor W, Tensor b, Activation activation) {
        LinearForward lin = linearForward(aPrev, W, b);
        Tensor A = activation == Activation.SIGMOID ? sigmoid(lin.Z()) : relu(lin.Z());
        return new ActivationForward(A, new Cache(lin.cache(), lin.Z()));
    }

    /**
     * What {@code L_model_forward} returns.
     *
     * @param AL the output probabilities {@code (1, m)}
     * @param caches one cache per layer, layer 1 first
     */
    public record ModelForward(Tensor AL, List<Cache> caches) {
    }

    /**
     * {@code L_model_forward(X, parameters)}: {@code [LINEAR -> RELU] x (L-1) -> LINEAR -> SIGMOID}, L being the
     * number of weight matrices in {@code parameters}.
     */
    public static ModelForward lModelForward(Tensor X, Map<String, Tensor> parameters) {
        int L = parameters.size() / 2;
        List<Cache> caches = new ArrayList<>();
        Tensor A = X;
        for (int l = 1; l < L; l++) {
            ActivationForward f = linearActivationForward(A, parameters.get("W" + l), parameters.get("b" + l),
                    Activation.RELU);
            caches.add(f.cache());
            A = f.A();
        }
        ActivationForward out = linearActivationForward(A, parameters.get("W" + L), parameters.get("b" + L),
                Activation.SIGMOID);
        caches.add(out.cache());
        return new ModelForward(out.A(), caches);
    }

    /**
     * {@code compute_cost(AL, Y)}: {@code -(1/m) sum(Y log(AL) + (1 - Y) log(1 - AL))}, by
     * {@link BinaryCrossEntropy#ofProbabilities} on the {@code m} columns.
     */
    public static double computeCost(Tensor AL, Tensor Y) {
        return PlanarCompanion.computeCost(AL, Y);
    }

    /**
     * What {@code linear_backward} and {@code linear_activation_backward} return.
     *
     * @param dAPrev the gradient of the cost with respect to the layer's input, {@code (n_{l-1}, m)}
     * @param dW the gradient with respect to W, {@code (n_l, n_{l-1})}
     * @param db the gradient with respect to b, {@code (n_l, 1)}
     */
    public record LinearGrads(Tensor dAPrev, Tensor dW, Tensor db) {
    }

    /**
     * {@code linear_backward(dZ, cache)}:
     * {@code dW = (1/m) dZ A_prev^T}, {@code db = (1/m) sum(dZ, axis=1, keepdims)}, {@code dA_prev = W^T dZ}.
     */
    public static LinearGrads linearBackward(Tensor dZ, LinearCache cache) {
        int m = cache.A().shape().dim(1);
        Tensor dW;
        try (Tensor at = cache.A().transpose(); Tensor prod = dZ.matmul(at)) {
            dW = prod.mul(1.0 / m);
        }
        Tensor db;
        try (Tensor s = dZ.sum(1, true)) {
            db = s.mul(1.0 / m);
        }
        Tensor dAPrev;
        try (Tensor wt = cache.W().transpose()) {
            dAPrev = wt.matmul(dZ);
        }
        return new LinearGrads(dAPrev, dW, db);
    }

    /** {@code relu_backward(dA, Z)} of {@code dnn_utils}: {@code dZ = dA} where {@code Z > 0}, else 0. */
    public static Tensor reluBackward(Tensor dA, Tensor Z) {
        try (Tensor positive = Z.gt(0); Tensor zero = Tensor.scalar(0.0)) {
            return Tensor.where(positive, dA, zero);
        }
    }

    /** {@code sigmoid_backward(dA, Z)} of {@code dnn_utils}: {@code dZ = dA * s * (1 - s)}, {@code s = sigmoid(Z)}. */
    public static Tensor sigmoidBackward(Tensor dA, Tensor Z) {
        try (Tensor s = Z.sigmoid(); Tensor ds = dA.mul(s); Tensor negS = s.neg(); Tensor oneMinusS = negS.add(1.0)) {
            return ds.mul(oneMinusS);
        }
    }

    /** {@code linear_activation_backward(dA, cache, activation)} with the activation named as in the notebook. */
    public static LinearGrads linearActivationBackward(Tensor dA, Cache cache, String activation) {
        return linearActivationBackward(dA, cache, Activation.of(activation));
    }

    /** {@code linear_activation_backward(dA, cache, activation)}: the activation's backward, then {@link #linearBackward}. */
    public static LinearGrads linearActivationBackward(Tensor dA, Cache cache, Activation activation) {
        try (Tensor dZ = activation == Activation.SIGMOID ? sigmoidBackward(dA, cache.Z()) : reluBackward(dA, cache.Z())) {
            return linearBackward(dZ, cache.linear());
        }
    }

    /**
     * {@code L_model_backward(AL, Y, caches)}: starts from {@code dAL = -(Y / AL - (1 - Y) / (1 - AL))}, runs the
     * sigmoid layer's backward, then the ReLU layers' from L-1 down to 1.
     *
     * @return {@code dA0 .. dA{L-1}}, {@code dW1 .. dWL}, {@code db1 .. dbL}, keyed as in the notebook
     *     ({@code grads["dA" + l]} is the gradient of the input of layer l + 1)
     */
    public static Map<String, Tensor> lModelBackward(Tensor AL, Tensor Y, List<Cache> caches) {
        int L = caches.size();
        Map<String, Tensor> grads = new LinkedHashMap<>();
        Tensor dAL;
        try (Tensor y = Y.reshape(AL.shape().dims()); Tensor yOverA = y.div(AL); Tensor negY = y.neg();
             Tensor oneMinusY = negY.add(1.0); Tensor negA = AL.neg(); Tensor oneMinusA = negA.add(1.0);
             Tensor ratio = oneMinusY.div(oneMinusA); Tensor diff = yOverA.sub(ratio)) {
            dAL = diff.neg();
        }
        LinearGrads last;
        try (dAL) {
            last = linearActivationBackward(dAL, caches.get(L - 1), Activation.SIGMOID);
        }
        grads.put("dA" + (L - 1), last.dAPrev());
        grads.put("dW" + L, last.dW());
        grads.put("db" + L, last.db());
        for (int l = L - 2; l >= 0; l--) {
            LinearGrads g = linearActivationBackward(grads.get("dA" + (l + 1)), caches.get(l), Activation.RELU);
            grads.put("dA" + l, g.dAPrev());
            grads.put("dW" + (l + 1), g.dW());
            grads.put("db" + (l + 1), g.db());
        }
        return grads;
    }

    /**
     * {@code update_parameters(params, grads, learning_rate)}: {@code W[l] = W[l] - learning_rate * dW[l]},
     * {@code b[l] = b[l] - learning_rate * db[l]}, as new tensors.
     */
    public static Map<String, Tensor> updateParameters(Map<String, Tensor> parameters, Map<String, Tensor> grads,
                                                       double learningRate) {
        return PlanarCompanion.gradientDescentStep(parameters, grads, learningRate);
    }
}
