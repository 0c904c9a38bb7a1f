/*
 * Course 3, "Structuring Machine Learning Projects", applied to a Course 2 model. Week 1: 1.2 Orthogonalization,
 * 1.3 Single number evaluation metric, 1.4 Satisficing and Optimizing metric, 1.5 Train/dev/test distributions,
 * 1.6 Size of the dev and test sets, 1.8 Why human-level performance?, 1.9 Avoidable bias, 1.10 Understanding
 * human-level performance, 1.12 Improving your model performance. Week 2: 2.1 Carrying out error analysis, 2.4
 * Training and testing on different distributions, 2.5 Bias and Variance with mismatched data distributions, 2.6
 * Addressing data mismatch.
 */
package org.jdeep.models.c3;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jdeep.MemoryScope;
import org.jdeep.data.Dataset;
import org.jdeep.eval.BiasVarianceDiagnosis;
import org.jdeep.eval.DataSplits;
import org.jdeep.eval.ErrorAnalysis;
import org.jdeep.eval.LearningCurve;
import org.jdeep.eval.ModelChoice;
import org.jdeep.eval.SingleNumber;
import org.jdeep.loss.BinaryCrossEntropy;
import org.jdeep.models.c1w3.PlanarData;
import org.jdeep.models.c2w2.OptimizationComparison;
import org.jdeep.models.course.Training;
import org.jdeep.nn.Module;
import org.jdeep.optim.Adam;
import org.jdeep.optim.AdamConfig;
import org.jdeep.optim.LearningRateSchedule;
import org.jdeep.optim.Momentum;
import org.jdeep.optim.MomentumConfig;
import org.jdeep.optim.Optimizer;
import org.jdeep.optim.SGD;
import org.jdeep.optim.SgdConfig;
import org.jdeep.random.RandomState;
import org.jdeep.train.Trainer;
import org.jdeep.train.TrainingConfig;

/**
 * Course 3's tools ({@code org.jdeep.eval}) run on Course 2's moons network ({@link OptimizationComparison#network}):
 * <ol>
 *   <li>one distribution: train/dev/test split with {@link DataSplits#recommendedFractions}, a train-dev set held out
 *       of the training set, and the {@link BiasVarianceDiagnosis} against a human-level error;</li>
 *   <li>mismatched distributions: many "source" moons (noise 0.2) and few "target" moons (noise 0.35, the blurrier
 *       pictures from the phone app of 2.4): dev and test from the target only
 *       ({@link DataSplits#forTargetDistribution}); the diagnosis now shows a data-mismatch gap;</li>
 *   <li>{@link ErrorAnalysis} of the target dev set's mistakes, tagged by where the point lies: "off its moon"
 *       (moved by the noise farther than 0.3 from its arc: irreducible), "closer to the other moon", "near the
 *       boundary" (a score within 1 of 0) and "target-only noise level";</li>
 *   <li>{@link ModelChoice}: gradient descent, momentum and Adam, maximising dev accuracy subject to a training
 *       time limit;</li>
 *   <li>a {@link LearningCurve} over growing training sets.</li>
 * </ol>
 * The moons' error cannot go below the overlap the noise creates; this demo takes 2% as the human-level error (a
 * person drawing the boundary by eye on noise-0.2 moons), an assumption, not a measurement.
 */
public final class StrategyDemo {
    /** The human-level error assumed for the moons. */
    public static final double HUMAN_LEVEL = 0.02;

    private StrategyDemo() {
    }

    /**
     * What the demo found.
     *
     * @param sameDistribution the diagnosis with one distribution
     * @param mismatched the diagnosis with dev/test from the target distribution
     * @param errorAnalysis the tally of the target dev set's mistakes
     * @param choice the optimizer chosen by the satisficing/optimizing rule
     * @param learningCurve errors over growing training sets
     */
    public record Report(BiasVarianceDiagnosis sameDistribution, BiasVarianceDiagnosis mismatched,
                         ErrorAnalysis errorAnalysis, ModelChoice.Result choice, LearningCurve learningCurve) {
    }

    /**
     * Runs the five steps, training each network for {@code epochs} epochs of Adam (learning rate 0.01, scheduled
     * decay), and prints what it finds to {@code log}.
     */
    public static Report run(int epochs, PrintWriter log) {
        try (MemoryScope scope = MemoryScope.open()) {
            RandomState rng = new RandomState(0);

            // 1. one distribution: 60/20/20 for a small set, a train-dev set out of the training set
            Dataset all = PlanarData.moons(1500, 0.2, 7);
            double[] f = DataSplits.recommendedFractions(all.size());
            Dataset.Split split = all.split(f[0], f[1], rng);
            DataSplits.TrainDev td = DataSplits.trainDev(split.train(), 0.1, rng);
            log.printf(Locale.ROOT, "1. one distribution: %d examples split %.0f/%.0f/%.0f; train %d, train-dev %d, dev %d, "
                    + "test %d%n", all.size(), 100 * f[0], 100 * f[1], 100 * f[2], td.train().size(), td.trainDev().size(),
                    split.dev().size(), split.test().size());
            Module net = train(td.train(), "adam", epochs);
            BiasVarianceDiagnosis same = BiasVarianceDiagnosis.of(HUMAN_LEVEL, error(net, td.train()),
                    error(net, td.trainDev()), error(net, split.dev())).withTestError(error(net, split.test()));
            log.print(same);

            // 2. mismatched distributions: dev and test from the target only
            Dataset source = PlanarData.moons(1200, 0.2, 8);
            Dataset target = PlanarData.moons(500, 0.35, 9);
            Dataset.Split mixed = DataSplits.forTargetDistribution(source, target, 150, 150, rng);
            DataSplits.TrainDev mtd = DataSplits.trainDev(mixed.train(), 0.1, rng);
            log.printf(Locale.ROOT, "%n2. mismatched: train %d (1200 source + 200 target), train-dev %d, dev %d and test %d "
                    + "from the target%n", mtd.train().size(), mtd.trainDev().size(), mixed.dev().size(), mixed.test().size());
            Module net2 = train(mtd.train(), "adam", epochs);
            BiasVarianceDiagnosis mismatch = BiasVarianceDiagnosis.of(HUMAN_LEVEL, error(net2, mtd.train()),
                    error(net2, mtd.trainDev()), error(net2, mixed.dev())).withTestError(error(net2, mixed.test()));
            log.print(mismatch);

            // 3. error analysis of the target dev set's mistakes
            Dataset dev = mixed.dev();
            double[] scores = Training.scores(net2, dev.x());
            double[] x = dev.x().toDoubleArray();
            int[] actual = labels(dev);
            int[] predicted = new int[scores.length];
            for (int i = 0; i < scores.length; i++) {
                predicted[i] = scores[i] > 0 ? 1 : 0;
            }
            ErrorAnalysis analysis = ErrorAnalysis.of(predicted, actual, i -> tags(x[2 * i], x[2 * i + 1], actual[i],
                    scores[i]));
            log.printf("%n3. ");
            log.print(analysis);

            // 4. satisficing and optimizing: the best dev accuracy among the optimizers that train fast enough
            List<ModelChoice.Candidate> candidates = new ArrayList<>();
            for (String opt : List.of("gd", "momentum", "adam")) {
                long t0 = System.nanoTime();
                Module m = train(td.train(), opt, epochs);
                double ms = (System.nanoTime() - t0) / 1e6;
                candidates.add(new ModelChoice.Candidate(opt, Map.of("dev_accuracy", 1 - error(m, split.dev()),
                        "train_ms", ms, "f1", f1(m, split.dev()))));
                m.close();
            }
            double limit = 4 * candidates.stream().mapToDouble(c -> c.values().get("train_ms")).min().orElse(1);
            ModelChoice rule = ModelChoice.optimizing("dev_accuracy", true).satisficingAtMost("train_ms", limit);
            ModelChoice.Result choice = rule.choose(candidates);
            log.printf(Locale.ROOT, "%n4. %s:%n   %s%n", rule, choice);

            // 5. a learning curve: more data helps while the dev error still falls
            LearningCurve curve = LearningCurve.measure(td.train(), LearningCurve.sizes(td.train().size(), 4), subset -> {
                try (Module m = train(subset, "adam", epochs)) {
                    return new LearningCurve.Errors(error(m, subset), error(m, split.dev()));
                }
            });
            log.printf("%n5. learning curve (Adam, %d epochs each):%n", epochs);
            log.print(curve);
            log.flush();
            net.close();
            net2.close();
            return new Report(same, mismatch, analysis, choice, curve);
        }
    }

    /** The moons network trained on {@code data} with {@code optimizer} (Adam: 0.01 with the notebook's schedule). */
    static Module train(Dataset data, String optimizer, int epochs) {
        Module net = OptimizationComparison.network(2, new RandomState(OptimizationComparison.INIT_SEED));
        try (Optimizer opt = switch (optimizer) {
            case "gd" -> new SGD(net.parameters(), new SgdConfig(0.1));
            case "momentum" -> new Momentum(net.parameters(), new MomentumConfig(0.1));
            default -> new Adam(net.parameters(), new AdamConfig(0.01));
        }) {
            new Trainer(net, BinaryCrossEntropy::ofLogits, opt, new TrainingConfig(epochs, 64))
                    .schedule(new LearningRateSchedule.ScheduledDecay(1, Math.max(1, epochs / 5))).progressBar(false)
                    .fit(data, null);
        }
        return net;
    }

    /** {@code 1 - accuracy} of the network on {@code data}, predicting 1 where the score is above 0. */
    static double error(Module net, Dataset data) {
        return SingleNumber.error(predictions(net, data), labels(data));
    }

    private static double f1(Module net, Dataset data) {
        return org.jdeep.eval.ConfusionMatrix.of(predictions(net, data), labels(data), 2).f1(1);
    }

    private static int[] predictions(Module net, Dataset data) {
        double[] s = Training.scores(net, data.x());
        int[] p = new int[s.length];
        for (int i = 0; i < s.length; i++) {
            p[i] = s[i] > 0 ? 1 : 0;
        }
        return p;
    }

    private static int[] labels(Dataset data) {
        double[] y = data.y().toDoubleArray();
        int[] out = new int[y.length];
        for (int i = 0; i < y.length; i++) {
            out[i] = (int) y[i];
        }
        return out;
    }

    /** The error-analysis tags of a misclassified point, from its distance to each moon's arc and its score. */
    static List<String> tags(double x0, double x1, int label, double score) {
        double own = label == 0 ? outerArc(x0, x1) : innerArc(x0, x1);
        double other = label == 0 ? innerArc(x0, x1) : outerArc(x0, x1);
        List<String> t = new ArrayList<>();
        if (own > 0.3) {
            t.add("off its moon");
        }
        if (other < own) {
            t.add("closer to the other moon");
        }
        if (Math.abs(score) < 1) {
            t.add("near the boundary");
        }
        return t;
    }

    /** Distance to class 0's arc: the upper half of the unit circle. */
    private static double outerArc(double x, double y) {
        return arc(x, y, 0, 0, true);
    }

    /** Distance to class 1's arc: the lower half of the unit circle centred at (1, 0.5). */
    private static double innerArc(double x, double y) {
        return arc(x, y, 1, 0.5, false);
    }

    private static double arc(double x, double y, double cx, double cy, boolean upper) {
        double dx = x - cx;
        double dy = y - cy;
        boolean onSide = upper ? dy >= 0 : dy <= 0;
        if (onSide) {
            return Math.abs(Math.hypot(dx, dy) - 1);
        }
        return Math.min(Math.hypot(x - (cx - 1), y - cy), Math.hypot(x - (cx + 1), y - cy)); // the arc's end points
    }

    /** Runs the demo (an optional argument: epochs per training, default 300). */
    public static void main(String[] args) {
        run(args.length > 0 ? Integer.parseInt(args[0]) : 300, new PrintWriter(System.out, true));
    }
}
