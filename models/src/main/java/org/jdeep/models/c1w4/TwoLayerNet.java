/*
 * Course 1, week 4, "Deep Neural Networks": 4.1 Deep L-layer neural network, 4.2 Forward and backward
 * propagation, 4.3 Forward propagation in a Deep Network, 4.4 Getting your matrix dimensions right, 4.6 Building
 * blocks of deep neural networks, 4.7 Parameters vs Hyperparameters; with week 3's 3.6 Activation functions (ReLU)
 * and 3.11 Random Initialization.
 * The programming assignment "Deep Neural Network for Image Classification: Application" (two_layer_model).
 */
package org.jdeep.models.c1w4;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.jdeep.models.course.BinaryImages;
import org.jdeep.models.course.CourseData;
import org.jdeep.models.course.CourseLinear;
import org.jdeep.models.course.CourseModel;
import org.jdeep.models.course.Settings;
import org.jdeep.nn.Module;
import org.jdeep.nn.ReLU;
import org.jdeep.nn.Sequential;
import org.jdeep.nn.init.Initializer;
import org.jdeep.nn.init.Layout;
import org.jdeep.random.RandomState;

/**
 * The two-layer network of the week 4 application, LINEAR -> RELU -> LINEAR -> SIGMOID, on cat / non-cat images:
 * the course's {@code two_layer_model(X, Y, layers_dims=(12288, 7, 1), learning_rate=0.0075,
 * num_iterations=2500)}.
 * <pre>
 * course                                              jdeep
 * np.random.seed(1); initialize_parameters(n_x, n_h, n_y)
 *   W1 = randn(n_h, n_x) * 0.01, W2 = randn(n_y, n_h) * 0.01   Initializer.normal(0.01, Layout.COURSE), seed 1
 * A1 = relu(W1 X + b1); A2 = sigmoid(W2 A1 + b2)      CourseLinear(12288, 7) -> ReLU -> CourseLinear(7, 1) (scores)
 * compute_cost, linear_activation_backward, update    BinaryCrossEntropy.ofLogits, autograd, SGD(0.0075)
 * </pre>
 * On the course's images it prints {@code Cost after iteration 0: 0.6930497356599888} and reaches train accuracy
 * 100% and test accuracy 72% after 2500 iterations.
 *
 * <p>Options: {@code hidden} (n_h, default 7) and the image data's ({@link BinaryImages#load}).
 */
public final class TwoLayerNet implements CourseModel {

    /** The model, with the course's defaults ({@link #defaults()}). */
    public TwoLayerNet() {
    }

    @Override
    public String name() {
        return "two-layer";
    }

    @Override
    public String description() {
        return "a two-layer network (ReLU, sigmoid) classifying cat / non-cat images";
    }

    @Override
    public List<String> lectures() {
        return List.of("C1W4 4.1 Deep L-layer neural network", "C1W4 4.2 Forward and backward propagation",
                "C1W4 4.3 Forward propagation in a Deep Network", "C1W4 4.4 Getting your matrix dimensions right",
                "C1W4 4.6 Building blocks of deep neural networks", "C1W4 4.7 Parameters vs Hyperparameters",
                "C1W3 3.6 Activation functions", "C1W3 3.11 Random Initialization");
    }

    /** The notebook's: 2500 iterations at 0.0075, seed 1, the cost every 100. */
    @Override
    public Settings defaults() {
        return new Settings(2500, 0, 0.0075, 1, 100);
    }

    @Override
    public List<String> optionHelp() {
        List<String> help = new ArrayList<>(List.of("hidden=7          hidden units n_h"));
        help.addAll(BinaryImages.optionHelp());
        return help;
    }

    @Override
    public CourseData data(Settings settings, Path path) throws IOException {
        return BinaryImages.load(settings, path);
    }

    /**
     * {@code CourseLinear(n_x, n_h) -> ReLU -> CourseLinear(n_h, 1)}, weights {@code randn * 0.01} drawn and stored in
     * the course's layout ({@link CourseLinear}: faster than {@link org.jdeep.nn.Linear} for 12288 inputs).
     */
    @Override
    public Module build(Settings settings, int features) {
        RandomState rng = new RandomState(settings.seed());
        int hidden = settings.intOption("hidden", 7);
        Initializer small = Initializer.normal(0.01, Layout.COURSE);
        return new Sequential(
                new CourseLinear(features, hidden, small, rng),   // W1 (n_h, n_x), b1 (n_h)
                new ReLU(),
                new CourseLinear(hidden, 1, small, rng));         // W2 (1, n_h), b2 (1)
    }

    @Override
    public List<String> classNames() {
        return BinaryImages.CLASSES;
    }
}
