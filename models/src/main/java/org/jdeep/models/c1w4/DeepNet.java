/*
 * Course 1, week 4, "Deep Neural Networks": 4.1 Deep L-layer neural network, 4.2 Forward and backward
 * propagation, 4.3 Forward propagation in a Deep Network, 4.4 Getting your matrix dimensions right, 4.5 Why deep
 * representations?, 4.6 Building blocks of deep neural networks, 4.7 Parameters vs Hyperparameters.
 * The programming assignments "Building your Deep Neural Network: Step by Step" (L_model_forward,
 * L_model_backward) and "Deep Neural Network for Image Classification: Application" (L_layer_model).
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
 * The L-layer network of the week 4 application, [LINEAR -> RELU] x (L-1) -> LINEAR -> SIGMOID, on cat / non-cat
 * images: the course's {@code L_layer_model(X, Y, layers_dims=[12288, 20, 7, 5, 1], learning_rate=0.0075,
 * num_iterations=2500)}.
 * <pre>
 * course                                                    jdeep
 * np.random.seed(1); initialize_parameters_deep(layers_dims)
 *   W[l] = randn(n[l], n[l-1]) / sqrt(n[l-1]), b[l] = 0     Initializer.xavier(Layout.COURSE), seed 1
 * L_model_forward: relu for l < L, sigmoid at L             CourseLinear -> ReLU ... -> CourseLinear (scores)
 * compute_cost, L_model_backward, update_parameters         BinaryCrossEntropy.ofLogits, autograd, SGD(0.0075)
 * </pre>
 * On the course's images it prints {@code Cost after iteration 0: 0.7717493284237686} and reaches train accuracy
 * 98.6% and test accuracy 80% after 2500 iterations. The benchmark {@code DeepNetBenchmark} times this loop against
 * numpy's on 209 synthetic images (docs/performance.md).
 *
 * <p>Options: {@code layers} (the hidden layers' sizes, default {@code 20,7,5}) and the image data's
 * ({@link BinaryImages#load}).
 */
public final class DeepNet implements CourseModel {
    /** The course's hidden layers of {@code [12288, 20, 7, 5, 1]}. */
    public static final int[] COURSE_HIDDEN = {20, 7, 5};

    /** The model, with the course's defaults ({@link #defaults()}). */
    public DeepNet() {
    }

    @Override
    public String name() {
        return "deep";
    }

    @Override
    public String description() {
        return "an L-layer network [n_x, 20, 7, 5, 1] (ReLU, sigmoid) classifying cat / non-cat images";
    }

    @Override
    public List<String> lectures() {
        return List.of("C1W4 4.1 Deep L-layer neural network", "C1W4 4.2 Forward and backward propagation",
                "C1W4 4.3 Forward propagation in a Deep Network", "C1W4 4.4 Getting your matrix dimensions right",
                "C1W4 4.5 Why deep representations?", "C1W4 4.6 Building blocks of deep neural networks",
                "C1W4 4.7 Parameters vs Hyperparameters");
    }

    /** The notebook's: 2500 iterations at 0.0075, seed 1, the cost every 100. */
    @Override
    public Settings defaults() {
        return new Settings(2500, 0, 0.0075, 1, 100);
    }

    @Override
    public List<String> optionHelp() {
        List<String> help = new ArrayList<>(List.of("layers=20,7,5     the hidden layers' sizes"));
        help.addAll(BinaryImages.optionHelp());
        return help;
    }

    @Override
    public CourseData data(Settings settings, Path path) throws IOException {
        return BinaryImages.load(settings, path);
    }

    @Override
    public Module build(Settings settings, int features) {
        return network(features, settings.intsOption("layers", COURSE_HIDDEN), new RandomState(settings.seed()));
    }

    /**
     * {@code [features, hidden..., 1]}: a {@link CourseLinear} and {@link ReLU} per hidden layer, then a
     * {@link CourseLinear} to one score; each weight {@code W[l] = randn(n[l], n[l-1]) / sqrt(n[l-1])} drawn from
     * {@code rng} in layer order, as {@code initialize_parameters_deep} draws them, and stored in that layout (see
     * {@link CourseLinear} for why).
     */
    public static Sequential network(int features, int[] hidden, RandomState rng) {
        Initializer xavier = Initializer.xavier(Layout.COURSE);
        List<Module> layers = new ArrayList<>();
        int in = features;
        for (int h : hidden) {
            layers.add(new CourseLinear(in, h, xavier, rng));   // W[l] (n[l], n[l-1]), b[l] (n[l])
            layers.add(new ReLU());
            in = h;
        }
        layers.add(new CourseLinear(in, 1, xavier, rng));       // W[L] (1, n[L-1]), b[L] (1)
        return new Sequential(layers);
    }

    @Override
    public List<String> classNames() {
        return BinaryImages.CLASSES;
    }
}
