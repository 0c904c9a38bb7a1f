/*
 * Course 2, week 1, "Practical aspects of Deep Learning": 1.1 Train / Dev / Test sets, 1.2 Bias / Variance, 1.4
 * Regularization, 1.5 Why regularization reduces overfitting?, 1.6 Dropout Regularization, 1.7 Understanding Dropout.
 * The programming assignment "Regularization": the same network without regularisation, with L2 regularisation
 * and with inverted dropout (Srivastava et al., 2014).
 */
package org.jdeep.models.c2w1;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.jdeep.loss.L2Penalty;
import org.jdeep.models.course.CourseData;
import org.jdeep.models.course.CourseModel;
import org.jdeep.models.course.Settings;
import org.jdeep.models.course.Training;
import org.jdeep.nn.Dropout;
import org.jdeep.nn.Linear;
import org.jdeep.nn.Module;
import org.jdeep.nn.ReLU;
import org.jdeep.nn.Sequential;
import org.jdeep.nn.init.Initializer;
import org.jdeep.nn.init.Layout;
import org.jdeep.random.RandomState;
import org.jdeep.types.DType;

/**
 * Reducing overfitting: {@code LINEAR -> RELU -> LINEAR -> RELU -> LINEAR -> SIGMOID} with layers
 * {@code [2, 20, 3, 1]}, 30000 iterations of batch gradient descent at 0.3, trained three ways:
 * <ul>
 *   <li>{@code none}: fits the noise of the training set (high variance);</li>
 *   <li>{@code l2}: the cost gains {@code (lambd / 2m) sum ||W||^2} ({@link #l2Penalty}, m the training set's
 *       size), so each {@code dW} gains {@code (lambd / m) W} ("weight decay"), which autograd adds; the printed
 *       cost is the notebook's {@code compute_cost_with_regularization}, penalty included (the train and test
 *       costs reported after training are the cross-entropy alone, which compares across splits);</li>
 *   <li>{@code dropout}: {@link Dropout} after each hidden ReLU, keeping each unit with probability
 *       {@code keep_prob} and scaling by {@code 1/keep_prob}. jdeep draws a fresh mask at every step, as dropout
 *       is meant to work; the notebook re-seeds before every forward pass, so it drops the same units at every
 *       iteration (its exact numbers are {@code RegularizationCompanion}'s).</li>
 * </ul>
 * <pre>
 * course (reg_utils.py)                                   jdeep
 * np.random.seed(3); W = randn(n[l], n[l-1]) / sqrt(n[l-1])   Initializer.xavier(Layout.COURSE), RandomState(3)
 * compute_cost_with_regularization, backward_..._with_l2     BinaryCrossEntropy + L2Penalty(lambd, m), autograd
 * forward/backward_propagation_with_dropout              Dropout(keep_prob, RandomState(1), Layout.COURSE)
 * </pre>
 * Data: {@link FieldData}, a synthetic stand-in for the notebook's football field ({@code train}, {@code test}
 * examples; seeds {@code data-seed} and {@code data-seed + 1}).
 */
public final class RegularizationComparison implements CourseModel {
    /** The variants the notebook compares, in its order. */
    public static final List<String> VARIANTS = List.of("none", "l2", "dropout");
    /** The notebook's {@code lambd}. */
    public static final double LAMBD = 0.7;
    /** The notebook's {@code keep_prob}. */
    public static final double KEEP_PROB = 0.86;
    /** The notebook's layers after the input. */
    public static final int[] HIDDEN = {20, 3};

    /** The model, as the catalog lists it; it holds no state. */
    public RegularizationComparison() {
    }

    @Override
    public String name() {
        return "regularization";
    }

    @Override
    public String description() {
        return "a 3-layer ReLU network on noisy 2-D data, without regularization, with L2 or with dropout";
    }

    @Override
    public List<String> lectures() {
        return List.of("C2W1 1.1 Train / Dev / Test sets", "C2W1 1.2 Bias /Variance", "C2W1 1.4 Regularization",
                "C2W1 1.5 Why regularization reduces overfitting?", "C2W1 1.6 Dropout Regularization",
                "C2W1 1.7 dropout Understanding Dropout");
    }

    /** The notebook's: 30000 iterations at 0.3, seed 3, no regularisation ({@code lambd} 0.7, {@code keep_prob} 0.86). */
    @Override
    public Settings defaults() {
        return new Settings(30000, 0, 0.3, 3, 10000, Map.of("regularization", "none"));
    }

    @Override
    public List<String> optionHelp() {
        return List.of("regularization=none   none, l2 or dropout",
                "lambd=0.7         the L2 strength lambda", "keep_prob=0.86    dropout's probability of keeping a unit",
                "train=211 test=200 data-seed=1   the synthetic field's sizes and seed");
    }

    /** {@link FieldData}: {@code train} points from {@code data-seed}, {@code test} from {@code data-seed + 1}. */
    @Override
    public CourseData data(Settings settings, Path path) throws IOException {
        if (path != null) {
            throw new IllegalArgumentException(name() + " trains on synthetic field data generated in code; it takes "
                    + "no --data");
        }
        long seed = Long.parseLong(settings.option("data-seed", "1"));
        int train = settings.intOption("train", FieldData.TRAIN);
        int test = settings.intOption("test", FieldData.TEST);
        return new CourseData(FieldData.generate(train, seed), null, FieldData.generate(test, seed + 1),
                "synthetic field: " + train + " training points (seed " + seed + "), " + test + " test points (seed "
                        + (seed + 1) + ")");
    }

    @Override
    public Module build(Settings settings, int features) {
        String variant = variant(settings);
        double keepProb = variant.equals("dropout") ? settings.doubleOption("keep_prob", KEEP_PROB) : 1;
        return network(features, keepProb, new RandomState(settings.seed()), new RandomState(1));
    }

    private static String variant(Settings settings) {
        String v = settings.option("regularization", "none").toLowerCase(Locale.ROOT);
        if (!VARIANTS.contains(v)) {
            throw new IllegalArgumentException("regularization=" + v + ": choose one of " + VARIANTS);
        }
        return v;
    }

    /**
     * {@code Linear(n_x, 20) -> ReLU [-> Dropout] -> Linear(20, 3) -> ReLU [-> Dropout] -> Linear(3, 1)}, weights
     * {@code randn / sqrt(n[l-1])} from {@code init}, dropout masks from {@code masks} when {@code keepProb < 1}.
     */
    public static Sequential network(int features, double keepProb, RandomState init, RandomState masks) {
        Initializer xavier = Initializer.xavier(Layout.COURSE);
        List<Module> layers = new ArrayList<>();
        layers.add(new Linear(features, HIDDEN[0], true, xavier, DType.FLOAT64, init));
        layers.add(new ReLU());
        if (keepProb < 1) {
            layers.add(new Dropout(keepProb, masks, Layout.COURSE));
        }
        layers.add(new Linear(HIDDEN[0], HIDDEN[1], true, xavier, DType.FLOAT64, init));
        layers.add(new ReLU());
        if (keepProb < 1) {
            layers.add(new Dropout(keepProb, masks, Layout.COURSE));
        }
        layers.add(new Linear(HIDDEN[1], 1, true, xavier, DType.FLOAT64, init));
        return new Sequential(layers);
    }

    /**
     * With {@code regularization=l2}, the penalty {@code (lambd / 2m) sum ||W||^2} of the notebook's
     * {@code compute_cost_with_regularization}, {@code lambd} from the option of that name (the notebook's 0.7);
     * otherwise none.
     *
     * @throws IllegalArgumentException for an unknown variant or a malformed or negative {@code lambd}
     */
    @Override
    public Optional<L2Penalty> l2Penalty(Settings settings, int m) {
        if (!variant(settings).equals("l2")) {
            return Optional.empty();
        }
        return Optional.of(new L2Penalty(settings.doubleOption("lambd", LAMBD), m));
    }

    @Override
    public List<String> classNames() {
        return List.of("red (0)", "blue (1)");
    }

    /**
     * One run of the comparison.
     *
     * @param variant none, l2 or dropout
     * @param costs the cost of every iteration
     * @param trainAccuracy the training accuracy at the end
     * @param testAccuracy the test accuracy at the end
     */
    public record Outcome(String variant, double[] costs, double trainAccuracy, double testAccuracy) {
    }

    /** The notebook's comparison: the three variants with {@code settings}, costs printed to {@code log}. */
    public List<Outcome> compare(Settings settings, PrintWriter log) throws IOException {
        List<Outcome> out = new ArrayList<>();
        try (CourseData d = data(settings, null)) {
            for (String v : VARIANTS) {
                Settings s = settings.withOption("regularization", v);
                log.println("regularization=" + v);
                try (Module net = build(s, d.features())) {
                    Training.Result r = Training.train(this, net, s, d, log);
                    out.add(new Outcome(v, r.costs(), Training.evaluate(this, net, d.train()).get("accuracy"),
                            Training.evaluate(this, net, d.test()).get("accuracy")));
                }
                Outcome o = out.get(out.size() - 1);
                log.printf(Locale.ROOT, "regularization=%s: train accuracy %.1f%%, test accuracy %.1f%%%n", v,
                        100 * o.trainAccuracy(), 100 * o.testAccuracy());
            }
        }
        return out;
    }

    /** Runs the comparison (an optional argument: the number of iterations). */
    public static void main(String[] args) throws IOException {
        RegularizationComparison model = new RegularizationComparison();
        Settings s = model.defaults();
        if (args.length > 0) {
            s = s.withEpochs(Integer.parseInt(args[0]));
        }
        model.compare(s, new PrintWriter(System.out, true));
    }
}
