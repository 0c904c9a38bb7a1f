package org.jdeep.models.companion;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jdeep.MemoryScope;
import org.jdeep.Tensor;
import org.jdeep.models.companion.DeepNetStepByStepCompanion.ModelForward;
import org.jdeep.nn.init.Initializer;
import org.jdeep.nn.init.Layout;
import org.jdeep.random.RandomState;
import org.jdeep.types.DType;

/**
 * Course 2, week 1, programming assignment "Initialization", in jdeep (lectures 1.10 Vanishing / Exploding
 * gradients, 1.11 Weight Initialization for Deep Networks; Course 1, week 3, 3.11 Random Initialization): the same
 * three-layer network trained from zeros (symmetry is never broken), from large random weights ({@code * 10}: the
 * sigmoid saturates and the first cost is infinite) and from He initialisation ({@code * sqrt(2 / n_{l-1})}).
 *
 * <p>The random initialisers are jdeep's {@link Initializer} presets: {@link Initializer#normal(double)} draws the
 * course's {@code (n_l, n_{l-1})} shape directly, and {@link Initializer#he(Layout)} with {@link Layout#COURSE}
 * draws the same normals for jdeep's {@code (in, out)} layout, transposed back here.
 */
public final class InitializationCompanion {
    /** The seed the notebook's random and He initialisers set. */
    public static final long SEED = 3;
    /** The notebook's {@code model} learning rate. */
    public static final double LEARNING_RATE = 0.01;
    /** The notebook's {@code model} iterations. */
    public static final int NUM_ITERATIONS = 15000;

    private InitializationCompanion() {
    }

    /** {@code initialize_parameters_zeros(layers_dims)}: every W and b zero. */
    public static Map<String, Tensor> initializeParametersZeros(int... layersDims) {
        Map<String, Tensor> p = new LinkedHashMap<>();
        for (int l = 1; l < layersDims.length; l++) {
            p.put("W" + l, Tensor.zeros(DType.FLOAT64, layersDims[l], layersDims[l - 1]));
            p.put("b" + l, Tensor.zeros(DType.FLOAT64, layersDims[l], 1));
        }
        return p;
    }

    /**
     * {@code initialize_parameters_random(layers_dims)}: {@code np.random.seed(3)}, then
     * {@code W[l] = randn(n_l, n_{l-1}) * 10}, zero biases.
     */
    public static Map<String, Tensor> initializeParametersRandom(int... layersDims) {
        return initializeParametersRandom(new RandomState(SEED), layersDims);
    }

    /** {@link #initializeParametersRandom(int...)} drawing from {@code rng}. */
    public static Map<String, Tensor> initializeParametersRandom(RandomState rng, int... layersDims) {
        return DeepNetStepByStepCompanion.deepParameters(Initializer.normal(10), rng, layersDims);
    }

    /**
     * {@code initialize_parameters_he(layers_dims)}: {@code np.random.seed(3)}, then
     * {@code W[l] = randn(n_l, n_{l-1}) * sqrt(2 / n_{l-1})}, zero biases.
     */
    public static Map<String, Tensor> initializeParametersHe(int... layersDims) {
        return initializeParametersHe(new RandomState(SEED), layersDims);
    }

    /** {@link #initializeParametersHe(int...)} drawing from {@code rng}: {@link Initializer#he(Layout)}, course layout. */
    public static Map<String, Tensor> initializeParametersHe(RandomState rng, int... layersDims) {
        Map<String, Tensor> p = new LinkedHashMap<>();
        Initializer he = Initializer.he(Layout.COURSE);
        for (int l = 1; l < layersDims.length; l++) {
            try (Tensor jdeepLayout = he.draw(rng, layersDims[l - 1], layersDims[l]); Tensor w = jdeepLayout.transpose()) {
                p.put("W" + l, w.to(DType.FLOAT64)); // the course's (n_l, n_{l-1}), contiguous
            }
            p.put("b" + l, Tensor.zeros(DType.FLOAT64, layersDims[l], 1));
        }
        return p;
    }

    /** The notebook's three initialisations, by the name {@code model} takes. */
    public enum Initialization {
        /** {@link #initializeParametersZeros(int...)}. */
        ZEROS,
        /** {@link #initializeParametersRandom(int...)}. */
        RANDOM,
        /** {@link #initializeParametersHe(int...)}. */
        HE;

        /**
         * The initialisation named {@code "zeros"}, {@code "random"} or {@code "he"}.
         *
         * @throws IllegalArgumentException for another name
         */
        public static Initialization of(String name) {
            return switch (name) {
                case "zeros" -> ZEROS;
                case "random" -> RANDOM;
                case "he" -> HE;
                default -> throw new IllegalArgumentException("initialization must be \"zeros\", \"random\" or \"he\", "
                        + "got \"" + name + "\"");
            };
        }

        /** The parameters of a network of these layer sizes, seeded as the notebook seeds. */
        public Map<String, Tensor> initialize(int... layersDims) {
            return switch (this) {
                case ZEROS -> initializeParametersZeros(layersDims);
                case RANDOM -> initializeParametersRandom(layersDims);
                case HE -> initializeParametersHe(layersDims);
            };
        }
    }

    /**
     * What {@code model} gives.
     *
     * @param parameters the learned parameters
     * @param costs the cost at iterations 0, 1000, 2000, ... (printed by the notebook)
     */
    public record Training(Map<String, Tensor> parameters, List<Double> costs) {
    }

    /**
     * {@code model(X, Y, learning_rate=0.01, num_iterations=15000, print_cost=True, initialization="he")}: the
     * network {@code [n_x, 10, 5, 1]} with {@code init_utils}' forward and backward propagation
     * ({@link NotebookUtils}), trained by batch gradient descent.
     */
    public static Training model(Tensor X, Tensor Y, double learningRate, int numIterations, boolean printCost,
                                 Initialization initialization) {
        int[] layersDims = {X.shape().dim(0), 10, 5, 1};
        Map<String, Tensor> parameters = initialization.initialize(layersDims);
        return train(X, Y, parameters, learningRate, numIterations, printCost, 1000);
    }

    /** Batch gradient descent with {@link NotebookUtils}, printing and keeping the cost every {@code every} steps. */
    static Training train(Tensor X, Tensor Y, Map<String, Tensor> parameters, double learningRate, int numIterations,
                          boolean printCost, int every) {
        List<Double> costs = new ArrayList<>();
        for (int i = 0; i < numIterations; i++) {
            try (MemoryScope scope = MemoryScope.open()) {
                ModelForward f = NotebookUtils.forwardPropagation(X, parameters);
                double cost = NotebookUtils.computeCost(f.AL(), Y);
                Map<String, Tensor> grads = NotebookUtils.backwardPropagation(X, Y, f);
                PlanarCompanion.assignAll(parameters, NotebookUtils.updateParameters(parameters, grads, learningRate));
                if (i % every == 0) {
                    costs.add(cost);
                    if (printCost) {
                        System.out.println("Cost after iteration " + i + ": " + cost);
                    }
                }
            }
        }
        return new Training(parameters, List.copyOf(costs));
    }
}
