/*
 * Course 2, week 2, "Optimization algorithms": 2.1 Mini-batch gradient descent, 2.2 Understanding mini-batch
 * gradient descent, 2.3 Exponentially weighted averages, 2.4 Understanding exponentially weighted averages, 2.5 Bias
 * correction in exponentially weighted averages, 2.6 Gradient descent with momentum, 2.7 RMSprop, 2.8 Adam
 * optimization algorithm (Kingma and Ba, 2015), 2.9 Learning rate decay, 2.10 The problem of local optima.
 * The programming assignment "Optimization Methods": mini-batch gradient descent, momentum and Adam on the moons,
 * then learning-rate decay with fixed-interval scheduling.
 */
package org.jdeep.models.c2w2;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jdeep.data.Dataset;
import org.jdeep.loss.BinaryCrossEntropy;
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
import org.jdeep.optim.Adam;
import org.jdeep.optim.AdamConfig;
import org.jdeep.optim.LearningRateSchedule;
import org.jdeep.optim.Momentum;
import org.jdeep.optim.MomentumConfig;
import org.jdeep.optim.Optimizer;
import org.jdeep.optim.SGD;
import org.jdeep.optim.SgdConfig;
import org.jdeep.random.RandomState;
import org.jdeep.train.History;
import org.jdeep.train.Trainer;
import org.jdeep.train.TrainingConfig;
import org.jdeep.train.TrainingListener;
import org.jdeep.types.DType;

/**
 * Optimisation algorithms compared on the moons: {@code LINEAR -> RELU -> LINEAR -> RELU -> LINEAR -> SIGMOID} with
 * layers {@code [2, 5, 2, 1]}, He-initialised (seed 3), 5000 epochs of mini-batches of 64 (the shuffling seed of
 * epoch i is {@code 10 + i + 1}), trained with
 * <ul>
 *   <li>{@code gd}: mini-batch gradient descent, α 0.0007 ({@link SGD}): about 72% accuracy after 5000 epochs;</li>
 *   <li>{@code momentum}: β 0.9 ({@link Momentum}): about the same here, the learning rate being so small;</li>
 *   <li>{@code adam}: β₁ 0.9, β₂ 0.999, ε 1e-8 ({@link Adam}): about 94%;</li>
 *   <li>learning-rate decay: α₀ / (1 + decay_rate · epoch) ({@code update_lr}, too fast: 65%) and the scheduled
 *       α₀ / (1 + decay_rate · ⌊epoch / 1000⌋) ({@code schedule_lr_decay}) with gd (α₀ 0.1: 94%), momentum (0.1:
 *       95%) and Adam (0.01: 94%), {@link LearningRateSchedule}.</li>
 * </ul>
 * <pre>
 * course (opt_utils.py, examples as columns)        jdeep (examples as rows)
 * np.random.seed(3); W = randn * sqrt(2 / n[l-1])    Initializer.he(Layout.COURSE), RandomState(3)
 * random_mini_batches(X, Y, 64, seed = 10 + i + 1)   Trainer (TrainingConfig(epochs, 64, seed 10))
 * compute_cost (summed, / m per epoch)               BinaryCrossEntropy.ofLogits, History.Epoch.loss
 * update_parameters_with_gd / _momentum / _adam      SGD / Momentum / Adam (t counts every mini-batch)
 * learning_rate = decay(learning_rate0, i, 1)        schedule(settings), applied after epoch i
 * </pre>
 * A seeded run prints the notebook's costs ({@code Cost after epoch 0: 0.702405} for gd ...); the test checks the
 * epoch costs against {@code OptimizationCompanion}'s numpy reference.
 *
 * <p>Options: {@code optimizer} (gd, momentum, adam), {@code beta}, {@code beta1}, {@code beta2}, {@code epsilon},
 * {@code decay} (none, update_lr, schedule) with {@code decay-rate} and {@code time-interval}, {@code init-seed}
 * (3, the notebook's; the settings' seed is the shuffling seed base, the notebook's 10). The learning rate
 * ({@code --lr}) is the notebook's {@code learning_rate0}, α₀: with a decay, {@code jdeep train} prints the rate
 * after each printed epoch under its cost, as the notebook does. The notebook's decay runs are
 * <pre>
 * jdeep train optimization --lr 0.1 -o optimizer=gd -o decay=update_lr          # 5000 epochs: 65%
 * jdeep train optimization --lr 0.1 -o optimizer=gd -o decay=schedule           # 94%
 * jdeep train optimization --lr 0.1 -o optimizer=momentum -o decay=schedule     # 95%
 * jdeep train optimization --lr 0.01 -o optimizer=adam -o decay=schedule        # 94%
 * </pre>
 */
public final class OptimizationComparison implements CourseModel {
    /** The notebook's layers after the input. */
    public static final int[] HIDDEN = {5, 2};
    /** The notebook's initialisation seed. */
    public static final long INIT_SEED = 3;

    /** The model, as the catalog lists it; it holds no state. */
    public OptimizationComparison() {
    }

    @Override
    public String name() {
        return "optimization";
    }

    @Override
    public String description() {
        return "a 3-layer ReLU network on the moons with mini-batch gradient descent, momentum or Adam, and lr decay";
    }

    @Override
    public List<String> lectures() {
        return List.of("C2W2 2.1 Mini-batch gradient descent", "C2W2 2.2 Understanding Mini-batch gradient descent",
                "C2W2 2.3 Exponentially weighted averages", "C2W2 2.4 Understanding Exponentially weighted averages",
                "C2W2 2.5 Bias correction in exponentially weighted averages",
                "C2W2 2.6 Gradient descent with momentum", "C2W2 2.7 RMSprop", "C2W2 2.8 Adam optimization algorithm",
                "C2W2 2.9 Learning rate decay", "C2W2 2.10 The problem of local optima");
    }

    /** The notebook's: 5000 epochs of mini-batches of 64 at 0.0007, shuffling seed 10, Adam. */
    @Override
    public Settings defaults() {
        return new Settings(5000, 64, 0.0007, 10, 1000, Map.of("optimizer", "adam"));
    }

    @Override
    public List<String> optionHelp() {
        return List.of("optimizer=adam    gd, momentum or adam", "beta=0.9 beta1=0.9 beta2=0.999 epsilon=1e-8",
                "decay=none        none, update_lr (lr / (1 + rate * epoch)) or schedule (every time-interval epochs);"
                        + " --lr is the initial rate",
                "decay-rate=1 time-interval=1000   the notebook's decay runs: --lr 0.1 with gd or momentum, 0.01 with"
                        + " adam",
                "init-seed=3       the seed of the He initialisation");
    }

    /** The notebook's moons, {@code make_moons(300, noise .2)} after seed 3; dev and test: fresh draws (seeds 4, 5). */
    @Override
    public CourseData data(Settings settings, Path path) throws IOException {
        if (path != null) {
            throw new IllegalArgumentException(name() + " trains on the course's moons, generated in code; it takes no "
                    + "--data");
        }
        return moons();
    }

    /** The notebook's {@code load_dataset()} as the training set, two fresh draws as dev and test. */
    public static CourseData moons() {
        Dataset train = PlanarData.moons(300, 0.2, 3);
        return new CourseData(train, PlanarData.moons(300, 0.2, 4), PlanarData.moons(300, 0.2, 5),
                "synthetic: make_moons(300, noise .2) seed 3 (dev seed 4, test seed 5)");
    }

    @Override
    public Module build(Settings settings, int features) {
        return network(features, new RandomState(Long.parseLong(settings.option("init-seed", Long.toString(INIT_SEED)))));
    }

    /** {@code Linear(n_x, 5) -> ReLU -> Linear(5, 2) -> ReLU -> Linear(2, 1)}, He weights in the course's order. */
    public static Sequential network(int features, RandomState rng) {
        Initializer he = Initializer.he(Layout.COURSE);
        return new Sequential(
                new Linear(features, HIDDEN[0], true, he, DType.FLOAT64, rng), new ReLU(),
                new Linear(HIDDEN[0], HIDDEN[1], true, he, DType.FLOAT64, rng), new ReLU(),
                new Linear(HIDDEN[1], 1, true, he, DType.FLOAT64, rng));
    }

    /** SGD, Momentum or Adam per the {@code optimizer} option, with the notebook's β, β₁, β₂ and ε by default. */
    @Override
    public Optimizer optimizer(Module network, Settings settings) {
        String name = settings.option("optimizer", "adam").toLowerCase(Locale.ROOT);
        double lr = settings.learningRate();
        return switch (name) {
            case "gd" -> new SGD(network.parameters(), new SgdConfig(lr));
            case "momentum" -> new Momentum(network.parameters(),
                    new MomentumConfig(lr, settings.doubleOption("beta", 0.9)));
            case "adam" -> new Adam(network.parameters(), new AdamConfig(lr, settings.doubleOption("beta1", 0.9),
                    settings.doubleOption("beta2", 0.999), settings.doubleOption("epsilon", 1e-8)));
            default -> throw new IllegalArgumentException("optimizer=" + name + ": choose gd, momentum or adam");
        };
    }

    /**
     * The learning-rate decay of the {@code decay} option, from α₀ = {@link Settings#learningRate()}
     * ({@code --lr}): {@code none}, {@code update_lr} ({@link LearningRateSchedule.InverseTimeDecay}) or
     * {@code schedule} ({@link LearningRateSchedule.ScheduledDecay} every {@code time-interval} epochs), at
     * {@code decay-rate}.
     *
     * @throws IllegalArgumentException for an unknown {@code decay}, a malformed or negative {@code decay-rate} or
     *     {@code time-interval}, or one of them given where it has no effect ({@code decay-rate} without a decay,
     *     {@code time-interval} without {@code decay=schedule}), rather than ignoring it
     */
    @Override
    public LearningRateSchedule schedule(Settings settings) {
        String decay = settings.option("decay", "none").toLowerCase(Locale.ROOT);
        double rate = settings.doubleOption("decay-rate", 1);
        if (rate < 0) {
            throw new IllegalArgumentException("option decay-rate=" + settings.option("decay-rate", "")
                    + ": the decay rate must be >= 0");
        }
        boolean interval = settings.options().containsKey("time-interval");
        switch (decay) {
            case "none" -> {
                if (settings.options().containsKey("decay-rate") || interval) {
                    throw new IllegalArgumentException((interval ? "time-interval" : "decay-rate")
                            + " has no effect without a learning-rate decay: add --option decay=update_lr or "
                            + "--option decay=schedule");
                }
                return LearningRateSchedule.constant();
            }
            case "update_lr" -> {
                if (interval) {
                    throw new IllegalArgumentException("time-interval has no effect with decay=update_lr, which "
                            + "decays after every epoch: use --option decay=schedule for a fixed interval");
                }
                return new LearningRateSchedule.InverseTimeDecay(rate);
            }
            case "schedule" -> {
                int epochs = settings.intOption("time-interval",
                        LearningRateSchedule.ScheduledDecay.DEFAULT_TIME_INTERVAL);
                if (epochs < 1) {
                    throw new IllegalArgumentException("option time-interval=" + epochs
                            + ": the interval must be at least 1 epoch");
                }
                return new LearningRateSchedule.ScheduledDecay(rate, epochs);
            }
            default -> throw new IllegalArgumentException("decay=" + decay + ": choose none, update_lr or schedule");
        }
    }

    @Override
    public List<String> classNames() {
        return List.of("red (0)", "blue (1)");
    }

    /** The notebook's seven runs: name, then the settings' overrides. */
    public static List<Run> notebookRuns() {
        return List.of(new Run("gd", "gd", 0.0007, "none"), new Run("momentum", "momentum", 0.0007, "none"),
                new Run("adam", "adam", 0.0007, "none"), new Run("gd_update_lr", "gd", 0.1, "update_lr"),
                new Run("gd_schedule", "gd", 0.1, "schedule"), new Run("momentum_schedule", "momentum", 0.1, "schedule"),
                new Run("adam_schedule", "adam", 0.01, "schedule"));
    }

    /**
     * One of the notebook's runs.
     *
     * @param name e.g. {@code "adam_schedule"}
     * @param optimizer gd, momentum or adam
     * @param learningRate the initial learning rate
     * @param decay none, update_lr or schedule
     */
    public record Run(String name, String optimizer, double learningRate, String decay) {
        /** {@code base} with this run's optimizer, learning rate and decay. */
        public Settings apply(Settings base) {
            return base.withLearningRate(learningRate).withOption("optimizer", optimizer).withOption("decay", decay);
        }
    }

    /**
     * A finished run.
     *
     * @param name the run's name
     * @param history every epoch's cost and learning rate
     * @param trainAccuracy the training accuracy at the end (what the notebook reports)
     */
    public record Outcome(String name, History history, double trainAccuracy) {
    }

    /**
     * Trains one configuration with jdeep's {@link Trainer}, printing {@code "Cost after epoch %d: %f"} every
     * {@code printEvery} epochs (and the learning rate when it decays), as the notebook does.
     */
    public Outcome train(String runName, Settings settings, CourseData data, PrintWriter log) {
        LearningRateSchedule schedule = schedule(settings);
        boolean decays = Training.decays(schedule);
        try (Module net = build(settings, data.features()); Optimizer opt = optimizer(net, settings)) {
            Trainer trainer = new Trainer(net, BinaryCrossEntropy::ofLogits, opt,
                    new TrainingConfig(settings.epochs(), settings.batchSizeFor(data.train().size()), settings.seed()))
                    .schedule(schedule).progressBar(false)
                    .listener(new TrainingListener() {
                        @Override
                        public void onEpoch(History.Epoch e) {
                            if (log != null && e.epoch() % settings.printEvery() == 0) {
                                log.printf(Locale.ROOT, "Cost after epoch %d: %f%n", e.epoch(), e.loss());
                                if (decays) {
                                    log.printf(Locale.ROOT, "learning rate after epoch %d: %f%n", e.epoch(),
                                            opt.learningRate());
                                }
                            }
                        }
                    });
            History h = trainer.fit(data.train(), null);
            return new Outcome(runName, h, Training.evaluate(this, net, data.train()).get("accuracy"));
        }
    }

    /** The notebook's seven runs with {@code base}'s epochs and print interval, reporting each accuracy. */
    public List<Outcome> compare(Settings base, PrintWriter log) {
        List<Outcome> out = new ArrayList<>();
        try (CourseData d = moons()) {
            for (Run r : notebookRuns()) {
                log.println(r.name() + ":");
                Outcome o = train(r.name(), r.apply(base), d, log);
                log.printf(Locale.ROOT, "%s: accuracy %.4f%n", r.name(), o.trainAccuracy());
                out.add(o);
            }
        }
        return out;
    }

    /** Runs the notebook's comparison (an optional argument: the number of epochs). */
    public static void main(String[] args) {
        OptimizationComparison model = new OptimizationComparison();
        Settings s = model.defaults();
        if (args.length > 0) {
            s = s.withEpochs(Integer.parseInt(args[0]));
        }
        model.compare(s, new PrintWriter(System.out, true));
    }
}
