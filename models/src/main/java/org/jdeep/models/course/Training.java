package org.jdeep.models.course;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.jdeep.Autograd;
import org.jdeep.MemoryScope;
import org.jdeep.Tensor;
import org.jdeep.data.Dataset;
import org.jdeep.eval.Metric;
import org.jdeep.loss.L2Penalty;
import org.jdeep.loss.Loss;
import org.jdeep.nn.Module;
import org.jdeep.optim.LearningRateSchedule;
import org.jdeep.optim.Optimizer;
import org.jdeep.train.History;
import org.jdeep.train.Trainer;
import org.jdeep.train.TrainingConfig;
import org.jdeep.train.TrainingListener;

/**
 * Trains a course model and measures it, the same way for every model.
 *
 * <p>With the whole training set as the batch ({@link Settings#fullBatch(int)}, Course 1's way) each iteration is
 * the notebook's loop body: forward propagation, cost, backward propagation, update (Course 1, week 2, 2.4 Gradient
 * Descent and 2.10 Gradient Descent on m Examples; week 3, 3.9 Gradient descent for neural networks), with the cost
 * printed as the notebook prints it, {@code "Cost after iteration 100: 0.584506"}. The examples keep their order,
 * so a seeded run reproduces the notebook's numbers. With mini-batches the {@link Trainer} runs the epochs
 * (shuffled as the course's {@code random_mini_batches}, seed {@code seed + epoch + 1}; Course 2, week 2, 2.1),
 * with its progress bar on a terminal.
 *
 * <p>The cost minimised is the model's {@link CourseModel#loss()} plus its {@link CourseModel#l2Penalty} when it has
 * one (Course 2, week 1, 1.4: the notebook's {@code compute_cost_with_regularization}, printed with the penalty).
 * The learning rate starts at {@link Settings#learningRate()} (α₀, {@code --lr}) and follows the model's
 * {@link CourseModel#schedule} (Course 2, week 2, 2.9): after epoch (or iteration) {@code i} it becomes
 * {@code schedule.learningRate(α₀, i)}, printed under the cost as the notebook prints it,
 * {@code "learning rate after epoch 1000: 0.050000"}, when the schedule decays.
 */
public final class Training {
    private Training() {
    }

    /**
     * What a run measured.
     *
     * @param costs the cost of every iteration (full batch) or epoch (mini-batches), before that step's update,
     *     with the L2 penalty when the model has one
     * @param learningRates the learning rate after every iteration or epoch: the rate the next one runs at, the
     *     notebook's {@code learning_rate} at the end of its loop body (α₀ throughout without decay)
     * @param perIteration whether {@code costs} counts iterations (true) or epochs
     * @param seconds the wall time of the training loop
     */
    public record Result(double[] costs, double[] learningRates, boolean perIteration, double seconds) {
        /** Copies the arrays, which must be as long as each other. */
        public Result {
            if (costs.length != learningRates.length) {
                throw new IllegalArgumentException("Training.Result: " + costs.length + " costs but "
                        + learningRates.length + " learning rates");
            }
            costs = costs.clone();
            learningRates = learningRates.clone();
        }

        /** The costs, a copy. */
        @Override
        public double[] costs() {
            return costs.clone();
        }

        /** The learning rates after each iteration or epoch, a copy. */
        @Override
        public double[] learningRates() {
            return learningRates.clone();
        }

        /** The last cost. */
        public double finalCost() {
            return costs[costs.length - 1];
        }
    }

    /**
     * Trains {@code network} on {@code data.train()} with {@code model}'s cost, optimizer and learning-rate schedule
     * and {@code settings}.
     *
     * @param log where the cost lines go (System.out on the command line)
     * @return the costs, the learning rates and the time taken
     * @throws IllegalArgumentException when one of the model's options is malformed
     */
    public static Result train(CourseModel model, Module network, Settings settings, CourseData data, PrintStream log) {
        PrintWriter w = new PrintWriter(new java.io.OutputStreamWriter(log, StandardCharsets.UTF_8), true);
        try {
            return train(model, network, settings, data, w);
        } finally {
            w.flush();
        }
    }

    /**
     * Trains {@code network} on {@code data.train()} with {@code model}'s cost, optimizer and learning-rate schedule
     * and {@code settings}.
     *
     * @param log where the cost lines go
     * @return the costs, the learning rates and the time taken
     * @throws IllegalArgumentException when one of the model's options is malformed
     */
    public static Result train(CourseModel model, Module network, Settings settings, CourseData data, PrintWriter log) {
        Dataset train = data.train();
        Loss cost = cost(model, network, settings, train.size());
        LearningRateSchedule schedule = model.schedule(settings);
        boolean fullBatch = settings.fullBatch(train.size());
        long start = System.nanoTime();
        try (Optimizer optimizer = model.optimizer(network, settings)) {
            double[] rates = new double[settings.epochs()];
            double[] costs = fullBatch
                    ? fullBatch(network, cost, optimizer, schedule, train, settings, rates, log)
                    : miniBatches(model, network, cost, optimizer, schedule, data, settings, rates, log);
            return new Result(costs, rates, fullBatch, (System.nanoTime() - start) / 1e9);
        }
    }

    /**
     * The cost training minimises: {@code model.loss()}, plus the L2 penalty over {@code network}'s weights when the
     * model has one for {@code m} training examples (recorded by autograd, so the gradient includes it).
     */
    private static Loss cost(CourseModel model, Module network, Settings settings, int m) {
        Loss loss = model.loss();
        Optional<L2Penalty> l2 = model.l2Penalty(settings, m);
        if (l2.isEmpty()) {
            return loss;
        }
        L2Penalty penalty = l2.get();
        return (scores, y) -> loss.compute(scores, y).add(penalty.of(network));
    }

    /** Whether {@code schedule} changes the learning rate (anything but the constant one). */
    public static boolean decays(LearningRateSchedule schedule) {
        return !(schedule instanceof LearningRateSchedule.Constant);
    }

    /**
     * The learning rate of a run in words, e.g. {@code "0.1 / (1 + 1.0 * floor(epoch / 1000)) (schedule_lr_decay)"}
     * or {@code "constant 0.3"} (the numbers as {@link Double#toString(double)} writes them).
     *
     * @param schedule the model's schedule
     * @param learningRate0 α₀
     * @param perIteration whether the schedule counts iterations (full batch) rather than epochs
     */
    public static String describe(LearningRateSchedule schedule, double learningRate0, boolean perIteration) {
        String step = perIteration ? "iteration" : "epoch";
        if (schedule instanceof LearningRateSchedule.InverseTimeDecay d) {
            return learningRate0 + " / (1 + " + d.decayRate() + " * " + step + ") (update_lr)";
        }
        if (schedule instanceof LearningRateSchedule.ScheduledDecay d) {
            return learningRate0 + " / (1 + " + d.decayRate() + " * floor(" + step + " / " + d.timeInterval()
                    + ")) (schedule_lr_decay)";
        }
        if (schedule instanceof LearningRateSchedule.ExponentialDecay d) {
            return d.base() + "^" + step + " * " + learningRate0;
        }
        return "constant " + learningRate0;
    }

    /** Batch gradient descent: {@code settings.epochs()} iterations over the whole set, in order. */
    @SuppressWarnings("try") // scopes are closed by try-with-resources, never read
    private static double[] fullBatch(Module network, Loss loss, Optimizer optimizer, LearningRateSchedule schedule,
            Dataset train, Settings settings, double[] rates, PrintWriter log) {
        double[] costs = new double[settings.epochs()];
        double learningRate0 = optimizer.learningRate();
        boolean decays = decays(schedule);
        network.train();
        for (int i = 0; i < costs.length; i++) {
            try (MemoryScope scope = MemoryScope.open()) {
                optimizer.clearGrad();
                Tensor scores = network.forward(train.x());       // forward propagation, (m, n_y)
                Tensor cost = loss.compute(scores, train.y());      // compute_cost (_with_regularization)
                costs[i] = cost.item();
                cost.backward();                                    // backward propagation
                optimizer.step();                                   // update_parameters
            }
            optimizer.setLearningRate(schedule.learningRate(learningRate0, i));
            rates[i] = optimizer.learningRate();
            if (i % settings.printEvery() == 0 || i == costs.length - 1) {
                log.printf("Cost after iteration %d: %f%n", i, costs[i]);
                if (decays) {
                    log.printf("learning rate after iteration %d: %f%n", i, rates[i]);
                }
            }
        }
        return costs;
    }

    /** Mini-batch epochs through the api's {@link Trainer}, which applies the schedule after each epoch. */
    private static double[] miniBatches(CourseModel model, Module network, Loss loss, Optimizer optimizer,
            LearningRateSchedule schedule, CourseData data, Settings settings, double[] rates, PrintWriter log) {
        TrainingConfig config = new TrainingConfig(settings.epochs(), settings.batchSizeFor(data.train().size()),
                settings.seed());
        boolean decays = decays(schedule);
        Trainer trainer = new Trainer(network, loss, optimizer, config)
                .metrics(model.task().metrics().toArray(new Metric[0]))
                .schedule(schedule)
                .listener(new TrainingListener() {
                    @Override
                    public void onEpoch(History.Epoch e) {
                        rates[e.epoch()] = optimizer.learningRate(); // the Trainer has applied the schedule
                        if (e.epoch() % settings.printEvery() == 0 || e.epoch() == settings.epochs() - 1) {
                            log.printf("Cost after epoch %d: %f%n", e.epoch(), e.loss());
                            if (decays) {
                                log.printf("learning rate after epoch %d: %f%n", e.epoch(), rates[e.epoch()]);
                            }
                        }
                    }
                });
        return trainer.fit(data.train(), data.dev()).epochLosses();
    }

    /**
     * The cost ({@code "cost"}: {@link CourseModel#loss()} alone, without the L2 penalty, so that splits compare)
     * and the task's metrics of {@code network} on {@code data}, in evaluation mode and without recording
     * gradients; the network is left in training mode.
     */
    @SuppressWarnings("try") // scopes are closed by try-with-resources, never read
    public static Map<String, Double> evaluate(CourseModel model, Module network, Dataset data) {
        Map<String, Double> values = new LinkedHashMap<>();
        network.eval();
        try (Autograd.NoGrad off = Autograd.noGrad(); MemoryScope scope = MemoryScope.open()) {
            Tensor scores = network.forward(data.x());
            values.put("cost", model.loss().compute(scores, data.y()).item());
            for (Metric m : model.task().metrics()) {
                values.put(m.name(), m.compute(scores, data.y()));
            }
        } finally {
            network.train();
        }
        return values;
    }

    /** {@link #evaluate} on every split of {@code data}, by split name. */
    public static Map<String, Map<String, Double>> evaluateAll(CourseModel model, Module network, CourseData data) {
        Map<String, Map<String, Double>> out = new LinkedHashMap<>();
        data.splits().forEach((name, d) -> out.put(name, evaluate(model, network, d)));
        return out;
    }

    /**
     * The network's scores for {@code x} {@code (m, n_x)}, in evaluation mode without gradients, as a plain array
     * of {@code m * n_y} values (row-major).
     */
    @SuppressWarnings("try") // scopes are closed by try-with-resources, never read
    public static double[] scores(Module network, Tensor x) {
        network.eval();
        try (Autograd.NoGrad off = Autograd.noGrad(); MemoryScope scope = MemoryScope.open()) {
            return network.forward(x).toDoubleArray();
        } finally {
            network.train();
        }
    }
}
