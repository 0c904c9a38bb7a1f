package org.jdeep.models.course;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jdeep.Autograd;
import org.jdeep.MemoryScope;
import org.jdeep.Tensor;
import org.jdeep.data.Dataset;
import org.jdeep.eval.Metric;
import org.jdeep.loss.Loss;
import org.jdeep.nn.Module;
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
 */
public final class Training {
    private Training() {
    }

    /**
     * What a run measured.
     *
     * @param costs the cost of every iteration (full batch) or epoch (mini-batches), before that step's update
     * @param perIteration whether {@code costs} counts iterations (true) or epochs
     * @param seconds the wall time of the training loop
     */
    public record Result(double[] costs, boolean perIteration, double seconds) {
        /** Copies the costs. */
        public Result {
            costs = costs.clone();
        }

        /** The costs, a copy. */
        @Override
        public double[] costs() {
            return costs.clone();
        }

        /** The last cost. */
        public double finalCost() {
            return costs[costs.length - 1];
        }
    }

    /**
     * Trains {@code network} on {@code data.train()} with {@code model}'s cost and optimizer and {@code settings}.
     *
     * @param log where the cost lines go (System.out on the command line)
     * @return the costs and the time taken
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
     * Trains {@code network} on {@code data.train()} with {@code model}'s cost and optimizer and {@code settings}.
     *
     * @param log where the cost lines go
     * @return the costs and the time taken
     */
    public static Result train(CourseModel model, Module network, Settings settings, CourseData data, PrintWriter log) {
        Dataset train = data.train();
        long start = System.nanoTime();
        try (Optimizer optimizer = model.optimizer(network, settings)) {
            double[] costs = settings.fullBatch(train.size())
                    ? fullBatch(network, model.loss(), optimizer, train, settings, log)
                    : miniBatches(model, network, optimizer, data, settings, log);
            return new Result(costs, settings.fullBatch(train.size()), (System.nanoTime() - start) / 1e9);
        }
    }

    /** Batch gradient descent: {@code settings.epochs()} iterations over the whole set, in order. */
    @SuppressWarnings("try") // scopes are closed by try-with-resources, never read
    private static double[] fullBatch(Module network, Loss loss, Optimizer optimizer, Dataset train,
            Settings settings, PrintWriter log) {
        double[] costs = new double[settings.epochs()];
        network.train();
        for (int i = 0; i < costs.length; i++) {
            try (MemoryScope scope = MemoryScope.open()) {
                optimizer.zeroGrad();
                Tensor scores = network.forward(train.x());       // forward propagation, (m, n_y)
                Tensor cost = loss.compute(scores, train.y());      // compute_cost
                costs[i] = cost.item();
                cost.backward();                                    // backward propagation
                optimizer.step();                                   // update_parameters
            }
            if (i % settings.printEvery() == 0 || i == costs.length - 1) {
                log.printf("Cost after iteration %d: %f%n", i, costs[i]);
            }
        }
        return costs;
    }

    /** Mini-batch epochs through the api's {@link Trainer}. */
    private static double[] miniBatches(CourseModel model, Module network, Optimizer optimizer, CourseData data,
            Settings settings, PrintWriter log) {
        TrainingConfig config = new TrainingConfig(settings.epochs(), settings.batchSizeFor(data.train().size()),
                settings.seed());
        Trainer trainer = new Trainer(network, model.loss(), optimizer, config)
                .metrics(model.task().metrics().toArray(new Metric[0]))
                .listener(new TrainingListener() {
                    @Override
                    public void onEpoch(History.Epoch e) {
                        if (e.epoch() % settings.printEvery() == 0 || e.epoch() == settings.epochs() - 1) {
                            log.printf("Cost after epoch %d: %f%n", e.epoch(), e.loss());
                        }
                    }
                });
        return trainer.fit(data.train(), data.dev()).epochLosses();
    }

    /**
     * The cost ({@code "cost"}) and the task's metrics of {@code network} on {@code data}, in evaluation mode and
     * without recording gradients; the network is left in training mode.
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
