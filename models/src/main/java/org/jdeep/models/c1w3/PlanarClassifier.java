/*
 * Course 1, week 3, "Shallow neural networks": 3.1 Neural Network Overview, 3.2 Neural Network Representation,
 * 3.3 Computing a Neural Network's output, 3.4 Vectorizing across multiple examples, 3.6 Activation functions
 * (tanh in the hidden layer, sigmoid at the output), 3.9 Gradient descent for neural networks, 3.10
 * Backpropagation intuition, 3.11 Random Initialization (W = randn * 0.01, b = 0).
 * The programming assignment "Planar data classification with one hidden layer" (nn_model).
 */
package org.jdeep.models.c1w3;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.jdeep.data.Dataset;
import org.jdeep.models.course.CourseData;
import org.jdeep.models.course.CourseModel;
import org.jdeep.models.course.Settings;
import org.jdeep.nn.Linear;
import org.jdeep.nn.Module;
import org.jdeep.nn.Sequential;
import org.jdeep.nn.Tanh;
import org.jdeep.nn.init.Initializer;
import org.jdeep.nn.init.Layout;
import org.jdeep.random.RandomState;
import org.jdeep.types.DType;

/**
 * A neural network with one hidden layer of tanh units classifying points in the plane: the course's
 * {@code nn_model(X, Y, n_h=4, num_iterations=10000, learning_rate=1.2)} on the flower, where logistic regression
 * manages 47% and this network 90%.
 * <pre>
 * course (examples as columns)                 jdeep (examples as rows)
 * Z1 = W1 X + b1;  A1 = tanh(Z1)               Linear(2, n_h) then Tanh:  (m, 2) -> (m, n_h)
 * Z2 = W2 A1 + b2; A2 = sigmoid(Z2)            Linear(n_h, 1):            (m, n_h) -> (m, 1) scores Z2
 * cost = -(1/m) sum(Y log A2 + (1-Y) log(1-A2))   BinaryCrossEntropy.ofLogits(Z2, Y)
 * W = W - learning_rate * dW                   SGD(1.2), gradients by autograd
 * </pre>
 * Initialisation as the notebook's {@code initialize_parameters}: {@code np.random.seed(2)}, then
 * {@code W1 = randn(n_h, n_x) * 0.01}, {@code W2 = randn(n_y, n_h) * 0.01}, biases zero, drawn in the course's
 * order with {@link Layout#COURSE} (so {@code --seed 2}, the default, gives the notebook's weights, transposed).
 * A seeded run prints the notebook's costs: {@code Cost after iteration 0: 0.693048} ...
 *
 * <p>Options: {@code hidden} (n_h, default 4; the notebook also tries 1, 2, 3, 4, 5, 20, 50), {@code dataset}
 * (flower, circles, moons, blobs, gaussian; see {@link PlanarData}) and {@code data-seed} (the generator's seed,
 * the course's 1 for the flower, 5 for the blobs). The training set is the course's; the dev and test sets are
 * fresh draws of the same problem with {@code data-seed + 1} and {@code data-seed + 2}
 * ({@link PlanarData#generate(String, long, long)}).
 */
public final class PlanarClassifier implements CourseModel {

    /** The model, with the course's defaults ({@link #defaults()}). */
    public PlanarClassifier() {
    }

    @Override
    public String name() {
        return "planar";
    }

    @Override
    public String description() {
        return "one hidden layer (tanh) classifying 2-D points: the flower, circles, moons, blobs, gaussian quantiles";
    }

    @Override
    public List<String> lectures() {
        return List.of("C1W3 3.1 Neural Network Overview", "C1W3 3.2 Neural Network Representation",
                "C1W3 3.3 Computing a Neural Network's output", "C1W3 3.4 Vectorizing across multiple examples",
                "C1W3 3.6 Activation functions", "C1W3 3.9 Gradient descent for neural networks",
                "C1W3 3.10 Backpropagation intuition", "C1W3 3.11 Random Initialization");
    }

    /** The notebook's: 10000 iterations of batch gradient descent at 1.2, seed 2, the cost every 1000. */
    @Override
    public Settings defaults() {
        return new Settings(10000, 0, 1.2, 2, 1000);
    }

    @Override
    public List<String> optionHelp() {
        return List.of("hidden=4          hidden units n_h",
                "dataset=flower    flower, circles, moons, blobs or gaussian",
                "data-seed=N       the data generator's seed (flower 1, blobs 5, others 1)");
    }

    /** The chosen planar set as the training set, two fresh draws as dev and test; {@code --data} is not used. */
    @Override
    public CourseData data(Settings settings, Path path) throws IOException {
        if (path != null) {
            throw new IllegalArgumentException("planar generates its data in code; choose a set with "
                    + "--option dataset=NAME (" + String.join(", ", PlanarData.NAMES) + ") instead of --data");
        }
        String name = settings.option("dataset", "flower");
        long seed = Long.parseLong(settings.option("data-seed", name.startsWith("blobs") ? "5" : "1"));
        Dataset train = PlanarData.generate(name, seed);
        Dataset dev = PlanarData.generate(name, seed, seed + 1);
        Dataset test = PlanarData.generate(name, seed, seed + 2);
        return new CourseData(train, dev, test, "synthetic: " + name + ", seed " + seed + " (dev " + (seed + 1)
                + ", test " + (seed + 2) + ")");
    }

    /** {@code Linear(n_x, n_h) -> Tanh -> Linear(n_h, 1)}, weights {@code randn * 0.01} in the course's order. */
    @Override
    public Module build(Settings settings, int features) {
        int hidden = settings.intOption("hidden", 4);
        return network(features, hidden, new RandomState(settings.seed()));
    }

    /**
     * The network of {@code nn_model}, with weights drawn from {@code rng} as {@code initialize_parameters} draws
     * them: W1 {@code (n_h, n_x)} then W2 {@code (1, n_h)}, each {@code randn * 0.01}.
     */
    public static Sequential network(int features, int hidden, RandomState rng) {
        Initializer small = Initializer.normal(0.01, Layout.COURSE);
        return new Sequential(
                new Linear(features, hidden, true, small, DType.FLOAT64, rng),   // W1 (n_x, n_h), b1 (n_h)
                new Tanh(),
                new Linear(hidden, 1, true, small, DType.FLOAT64, rng));         // W2 (n_h, 1), b2 (1)
    }

    @Override
    public List<String> classNames() {
        return List.of("red (0)", "blue (1)");
    }
}
