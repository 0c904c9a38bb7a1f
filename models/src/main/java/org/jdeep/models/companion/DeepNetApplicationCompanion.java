package org.jdeep.models.companion;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jdeep.MemoryScope;
import org.jdeep.Tensor;
import org.jdeep.models.companion.DeepNetStepByStepCompanion.Activation;
import org.jdeep.models.companion.DeepNetStepByStepCompanion.ActivationForward;
import org.jdeep.models.companion.DeepNetStepByStepCompanion.LinearGrads;
import org.jdeep.models.companion.DeepNetStepByStepCompanion.ModelForward;
import org.jdeep.nn.init.Initializer;
import org.jdeep.nn.init.Layout;
import org.jdeep.random.RandomState;

/**
 * Course 1, week 4, programming assignment "Deep Neural Network - Application", in jdeep (lectures 4.1 Deep
 * L-layer neural network, 4.5 Why deep representations?, 4.7 Parameters vs Hyperparameters): the two-layer and
 * the L-layer binary image classifiers, trained by batch gradient descent from the building blocks of
 * {@link DeepNetStepByStepCompanion}.
 *
 * <p>Data: the course's cat / non-cat images flattened to {@code X (12288, m)} and scaled by 1/255; any binary
 * data set in the same layout works (see {@code org.jdeep.models.data} for reading the course's {@code .h5}
 * files).
 */
public final class DeepNetApplicationCompanion {
    /** The seed both models and this notebook's {@code initialize_parameters_deep} set. */
    public static final long SEED = 1;
    /** The notebook's default learning rate. */
    public static final double LEARNING_RATE = 0.0075;

    private DeepNetApplicationCompanion() {
    }

    /**
     * {@code initialize_parameters_deep(layer_dims)} of this notebook's {@code dnn_app_utils}: {@code np.random.seed(1)},
     * then {@code W[l] = randn(n_l, n_{l-1}) / sqrt(n_{l-1})} (Xavier's scale, Course 2, week 1, 1.11) and zero
     * biases.
     */
    public static Map<String, Tensor> initializeParametersDeep(int... layerDims) {
        return initializeParametersDeep(new RandomState(SEED), layerDims);
    }

    /**
     * {@link #initializeParametersDeep(int...)} drawing from {@code rng}. The weights come from
     * {@link Initializer#xavier(Layout)} with {@link Layout#COURSE}, which draws the notebook's {@code (n_l,
     * n_{l-1})} normals and returns jdeep's {@code (in, out)} layout; the transpose gives back the course's W
     * (values equal to the notebook's up to the last bit: {@code randn * sqrt(1/n)} against {@code randn / sqrt(n)}).
     */
    public static Map<String, Tensor> initializeParametersDeep(RandomState rng, int... layerDims) {
        Map<String, Tensor> p = new LinkedHashMap<>();
        Initializer xavier = Initializer.xavier(Layout.COURSE);
        for (int l = 1; l < layerDims.length; l++) {
            try (Tensor jdeepLayout = xavier.draw(rng, layerDims[l - 1], layerDims[l]); Tensor w = jdeepLayout.transpose()) {
                p.put("W" + l, w.to(w.dtype())); // contiguous (n_l, n_{l-1})
            }
            p.put("b" + l, Tensor.zeros(org.jdeep.types.DType.FLOAT64, layerDims[l], 1));
        }
        return p;
    }

    /**
     * What the models return.
     *
     * @param parameters the learned parameters
     * @param costs the cost at iterations 0, 100, 200, ...
     * @param lastCost the cost of the last iteration (the notebook prints it too)
     */
    public record Training(Map<String, Tensor> parameters, List<Double> costs, double lastCost) {
    }

    /**
     * {@code two_layer_model(X, Y, layers_dims, learning_rate=0.0075, num_iterations=3000, print_cost=False)}:
     * {@code LINEAR -> RELU -> LINEAR -> SIGMOID}, seeded 1, trained by batch gradient descent with the hand-written
     * backward functions.
     *
     * @param layersDims {@code (n_x, n_h, n_y)}
     */
    public static Training twoLayerModel(Tensor X, Tensor Y, int[] layersDims, double learningRate, int numIterations,
                                         boolean printCost) {
        Map<String, Tensor> parameters = DeepNetStepByStepCompanion.initializeParameters(layersDims[0], layersDims[1],
                layersDims[2], new RandomState(SEED));
        List<Double> costs = new ArrayList<>();
        double cost = Double.NaN;
        for (int i = 0; i < numIterations; i++) {
            try (MemoryScope scope = MemoryScope.open()) {
                ActivationForward f1 = DeepNetStepByStepCompanion.linearActivationForward(X, parameters.get("W1"),
                        parameters.get("b1"), Activation.RELU);
                ActivationForward f2 = DeepNetStepByStepCompanion.linearActivationForward(f1.A(), parameters.get("W2"),
                        parameters.get("b2"), Activation.SIGMOID);
                cost = DeepNetStepByStepCompanion.computeCost(f2.A(), Y);
                Tensor A2 = f2.A();
                Tensor dA2 = Y.div(A2).sub(Y.neg().add(1.0).div(A2.neg().add(1.0))).neg();
                LinearGrads g2 = DeepNetStepByStepCompanion.linearActivationBackward(dA2, f2.cache(), Activation.SIGMOID);
                LinearGrads g1 = DeepNetStepByStepCompanion.linearActivationBackward(g2.dAPrev(), f1.cache(),
                        Activation.RELU);
                Map<String, Tensor> grads = Map.of("dW1", g1.dW(), "db1", g1.db(), "dW2", g2.dW(), "db2", g2.db());
                PlanarCompanion.assignAll(parameters,
                        DeepNetStepByStepCompanion.updateParameters(parameters, grads, learningRate));
            }
            record(i, numIterations, cost, costs, printCost);
        }
        return new Training(parameters, List.copyOf(costs), cost);
    }

    /**
     * {@code L_layer_model(X, Y, layers_dims, learning_rate=0.0075, num_iterations=3000, print_cost=False)}:
     * {@code [LINEAR -> RELU] x (L-1) -> LINEAR -> SIGMOID} initialised by {@link #initializeParametersDeep(int...)}
     * and trained with {@code L_model_forward}, {@code compute_cost}, {@code L_model_backward} and
     * {@code update_parameters}.
     */
    public static Training lLayerModel(Tensor X, Tensor Y, int[] layersDims, double learningRate, int numIterations,
                                       boolean printCost) {
        Map<String, Tensor> parameters = initializeParametersDeep(new RandomState(SEED), layersDims);
        List<Double> costs = new ArrayList<>();
        double cost = Double.NaN;
        for (int i = 0; i < numIterations; i++) {
            try (MemoryScope scope = MemoryScope.open()) {
                ModelForward f = DeepNetStepByStepCompanion.lModelForward(X, parameters);
                cost = DeepNetStepByStepCompanion.computeCost(f.AL(), Y);
                Map<String, Tensor> grads = DeepNetStepByStepCompanion.lModelBackward(f.AL(), Y, f.caches());
                PlanarCompanion.assignAll(parameters,
                        DeepNetStepByStepCompanion.updateParameters(parameters, grads, learningRate));
            }
            record(i, numIterations, cost, costs, printCost);
        }
        return new Training(parameters, List.copyOf(costs), cost);
    }

    /** The notebook's bookkeeping: print every 100 iterations and at the last, keep every 100th cost. */
    private static void record(int i, int numIterations, double cost, List<Double> costs, boolean printCost) {
        if (printCost && (i % 100 == 0 || i == numIterations - 1)) {
            System.out.println("Cost after iteration " + i + ": " + cost);
        }
        if (i % 100 == 0) {
            costs.add(cost);
        }
    }

    /**
     * {@code predict(X, y, parameters)}: the L-layer network's predictions {@code (1, m)}, 1.0 where
     * {@code AL > 0.5}; prints {@code "Accuracy: "} the fraction of predictions equal to {@code y} when {@code y}
     * is given.
     *
     * @param y the true labels {@code (1, m)}, or null
     */
    public static Tensor predict(Tensor X, Tensor y, Map<String, Tensor> parameters) {
        Tensor p;
        try (MemoryScope scope = MemoryScope.open()) {
            p = DeepNetStepByStepCompanion.lModelForward(X, parameters).AL().gt(0.5);
            scope.keep(p);
            if (y != null) {
                System.out.println("Accuracy: " + p.eq(y).mean().item());
            }
        }
        return p;
    }
}
