/*
 * Course 2, week 1, "Practical aspects of Deep Learning": 1.10 Vanishing / Exploding gradients, 1.11 Weight
 * Initialization for Deep Networks; and Course 1, week 3, 3.11 Random Initialization.
 * The programming assignment "Initialization": the same three-layer network trained from zeros, from large
 * random weights and from He initialisation (He et al., 2015, "Delving Deep into Rectifiers").
 */
package org.jdeep.models.c2w1;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jdeep.data.Dataset;
import org.jdeep.models.c1w3.PlanarData;
import org.jdeep.models.course.CourseData;
import org.jdeep.models.course.CourseModel;
import org.jdeep.models.course.Settings;
import org.jdeep.models.course.Training;
import org.jdeep.nn.Linear;
import org.jdeep.nn.Module;
import org.jdeep.nn.ReLU;
import org.jdeep.nn.Sequential;
import org.jdeep.nn.init.Initializer;
import org.jdeep.nn.init.Layout;
import org.jdeep.random.RandomState;
import org.jdeep.types.DType;

/**
 * Why initialisation matters: {@code LINEAR -> RELU -> LINEAR -> RELU -> LINEAR -> SIGMOID} with layers
 * {@code [2, 10, 5, 1]}, trained for 15000 iterations of batch gradient descent at 0.01 on the course's circles,
 * from three starting points:
 * <ul>
 *   <li>{@code zeros}: every unit of a layer computes the same function and gets the same gradient, forever
 *       (symmetry is never broken): the cost stays at 0.693, accuracy 50%;</li>
 *   <li>{@code random}: {@code randn * 10}; the sigmoid saturates, the first cost is huge (the notebook prints
 *       {@code inf}; jdeep's logit-based cost is finite) and training is slow;</li>
 *   <li>{@code he}: {@code randn * sqrt(2 / n[l-1])}, which keeps the activations' variance steady through ReLU
 *       layers: about 99% train and 96% test accuracy.</li>
 * </ul>
 * <pre>
 * course (init_utils.py, examples as columns)          jdeep (examples as rows)
 * np.random.seed(3); W = randn(n[l], n[l-1]) * scale    Initializer (Layout.COURSE), RandomState(3)
 * forward_propagation, compute_loss                     Linear/ReLU..., BinaryCrossEntropy.ofLogits
 * backward_propagation, update_parameters               autograd, SGD(0.01)
 * </pre>
 * With {@code init=he} or {@code init=zeros} the costs are the notebook's (and {@code InitializationCompanion}'s).
 * Data: {@code make_circles(n_samples=300, noise=.05)} after {@code np.random.seed(1)} for training and
 * {@code (100, .05)} after {@code seed(2)} for testing, from {@link PlanarData#circles}.
 */
public final class InitializationComparison implements CourseModel {
    /** The initialisations the notebook compares, in its order. */
    public static final List<String> INITS = List.of("zeros", "random", "he");
    /** The notebook's layers after the input. */
    public static final int[] HIDDEN = {10, 5};

    /** The model, as the catalog lists it; it holds no state. */
    public InitializationComparison() {
    }

    @Override
    public String name() {
        return "initialization";
    }

    @Override
    public String description() {
        return "a 3-layer ReLU network on the circles from zeros, large random or He initial weights";
    }

    @Override
    public List<String> lectures() {
        return List.of("C2W1 1.10 Vanishing / Exploding gradients", "C2W1 1.11 Weight Initialization for Deep Networks",
                "C1W3 3.11 Random Initialization");
    }

    /** The notebook's: 15000 iterations of batch gradient descent at 0.01, seed 3, He initialisation. */
    @Override
    public Settings defaults() {
        return new Settings(15000, 0, 0.01, 3, 1000, Map.of("init", "he"));
    }

    @Override
    public List<String> optionHelp() {
        return List.of("init=he           zeros, random (randn * 10) or he (randn * sqrt(2 / n[l-1]))");
    }

    /** The course's circles: 300 training points (seed 1), 100 test points (seed 2); {@code --data} is not used. */
    @Override
    public CourseData data(Settings settings, Path path) throws IOException {
        if (path != null) {
            throw new IllegalArgumentException(name() + " trains on the course's circles, generated in code; it takes "
                    + "no --data");
        }
        return circles();
    }

    /** The notebook's {@code load_dataset()}: {@code make_circles(300, noise .05)} and {@code (100, .05)}. */
    public static CourseData circles() {
        Dataset train = PlanarData.circles(300, 0.8, 0.05, 1);
        Dataset test = PlanarData.circles(100, 0.8, 0.05, 2);
        return new CourseData(train, null, test, "synthetic: make_circles(300, noise .05) seed 1; test (100) seed 2");
    }

    @Override
    public Module build(Settings settings, int features) {
        return network(features, initializer(settings.option("init", "he")), new RandomState(settings.seed()));
    }

    /**
     * The initializer called {@code name}: {@code zeros}, {@code random} ({@code randn * 10}) or {@code he}, each
     * random one drawing in the course's order ({@link Layout#COURSE}).
     *
     * @throws IllegalArgumentException for another name
     */
    public static Initializer initializer(String name) {
        return switch (name.toLowerCase(Locale.ROOT)) {
            case "zeros" -> Initializer.zeros();
            case "random" -> Initializer.normal(10, Layout.COURSE);
            case "he" -> Initializer.he(Layout.COURSE);
            default -> throw new IllegalArgumentException("init=" + name + ": choose one of " + INITS);
        };
    }

    /** {@code Linear(n_x, 10) -> ReLU -> Linear(10, 5) -> ReLU -> Linear(5, 1)}, weights from {@code init}. */
    public static Sequential network(int features, Initializer init, RandomState rng) {
        return new Sequential(
                new Linear(features, HIDDEN[0], true, init, DType.FLOAT64, rng), new ReLU(),
                new Linear(HIDDEN[0], HIDDEN[1], true, init, DType.FLOAT64, rng), new ReLU(),
                new Linear(HIDDEN[1], 1, true, init, DType.FLOAT64, rng));
    }

    @Override
    public List<String> classNames() {
        return List.of("red (0)", "blue (1)");
    }

    /**
     * One run of the comparison.
     *
     * @param init the initialisation
     * @param costs the cost of every iteration
     * @param trainAccuracy the training accuracy at the end
     * @param testAccuracy the test accuracy at the end
     */
    public record Outcome(String init, double[] costs, double trainAccuracy, double testAccuracy) {
    }

    /**
     * The notebook's comparison: trains the network from each initialisation with {@code settings} (its
     * {@code init} option ignored), printing the costs to {@code log}, and reports the accuracies.
     */
    public List<Outcome> compare(Settings settings, PrintWriter log) {
        List<Outcome> out = new ArrayList<>();
        try (CourseData d = circles()) {
            for (String init : INITS) {
                Settings s = settings.withOption("init", init);
                log.println("init=" + init);
                try (Module net = build(s, d.features())) {
                    Training.Result r = Training.train(this, net, s, d, log);
                    out.add(new Outcome(init, r.costs(), Training.evaluate(this, net, d.train()).get("accuracy"),
                            Training.evaluate(this, net, d.test()).get("accuracy")));
                }
                Outcome o = out.get(out.size() - 1);
                log.printf(Locale.ROOT, "init=%s: train accuracy %.1f%%, test accuracy %.1f%%%n", init,
                        100 * o.trainAccuracy(), 100 * o.testAccuracy());
            }
        }
        return out;
    }

    /** Runs the comparison with the notebook's settings (an optional argument: the number of iterations). */
    public static void main(String[] args) {
        InitializationComparison model = new InitializationComparison();
        Settings s = model.defaults();
        if (args.length > 0) {
            s = s.withEpochs(Integer.parseInt(args[0]));
        }
        PrintWriter log = new PrintWriter(System.out, true);
        model.compare(s, log);
    }
}
