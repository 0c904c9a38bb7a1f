package org.jdeep.train;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.jdeep.Autograd;
import org.jdeep.MemoryScope;
import org.jdeep.Tensor;
import org.jdeep.data.Dataset;
import org.jdeep.data.MiniBatches;
import org.jdeep.eval.Metric;
import org.jdeep.io.SafeTensors;
import org.jdeep.loss.Loss;
import org.jdeep.nn.Module;
import org.jdeep.optim.LearningRateSchedule;
import org.jdeep.optim.Optimizer;

/**
 * The training loop of the course's {@code model(...)} (Course 2, week 2, "Optimization Methods"): for each epoch,
 * shuffle into mini-batches ({@link MiniBatches#shuffled(Dataset, int, long)} with seed {@code seed + epoch + 1}),
 * and for each batch forward, cost, backward, update; then evaluate the dev set, decay the learning rate, write a
 * checkpoint and check early stopping.
 * <pre>{@code
 * Adam adam = new Adam(model.parameters(), new AdamConfig(0.01));
 * Trainer trainer = new Trainer(model, BinaryCrossEntropy::ofLogits, adam, new TrainingConfig(100, 64))
 *         .metrics(Metric.binaryAccuracy(0))                     // on logits: z > 0 means a > 0.5
 *         .earlyStopping(new EarlyStopping("accuracy", 10));
 * History h = trainer.fit(split.train(), split.dev());
 * }</pre>
 * Each step runs inside a {@link MemoryScope}, so memory stays flat however long the run. The lectures behind the
 * pieces: Course 2, week 2, 2.1-2.2 Mini-batch gradient descent and 2.9 Learning rate decay; week 1, 1.2 Bias /
 * Variance (train against dev) and 1.8 Other regularization methods (early stopping).
 */
public final class Trainer {
    private final Module model;
    private final Loss loss;
    private final Optimizer optimizer;
    private final TrainingConfig config;
    private final List<Metric> metrics = new ArrayList<>();
    private final List<TrainingListener> listeners = new ArrayList<>();
    private LearningRateSchedule schedule = LearningRateSchedule.constant();
    private EarlyStopping earlyStopping;
    private Checkpoints checkpoints;
    private boolean progressBar = true;

    /**
     * A trainer of {@code model} minimising {@code loss} with {@code optimizer}.
     *
     * @param model the network; its {@code stateDict()} is what checkpoints and early stopping save
     * @param loss the cost, a mean over the batch (e.g. {@code BinaryCrossEntropy::ofLogits})
     * @param optimizer an optimizer made over {@code model.parameters()}
     * @param config epochs, mini-batch size and shuffling seed
     */
    public Trainer(Module model, Loss loss, Optimizer optimizer, TrainingConfig config) {
        this.model = model;
        this.loss = loss;
        this.optimizer = optimizer;
        this.config = config;
    }

    /** Adds metrics to compute on every batch and on the dev set; returns this trainer. */
    public Trainer metrics(Metric... more) {
        metrics.addAll(List.of(more));
        return this;
    }

    /** Sets the learning rate decay (Course 2, week 2, 2.9), applied after each epoch; returns this trainer. */
    public Trainer schedule(LearningRateSchedule decay) {
        this.schedule = decay;
        return this;
    }

    /**
     * Stops early on a dev-set value; {@link #fit} then needs a dev set. With {@code restoreBestWeights}, the model
     * gets the best epoch's state back at the end of the run. Returns this trainer.
     */
    public Trainer earlyStopping(EarlyStopping rule) {
        this.earlyStopping = rule;
        return this;
    }

    /** Saves checkpoints periodically; returns this trainer. */
    public Trainer checkpoints(Checkpoints every) {
        this.checkpoints = every;
        return this;
    }

    /** Adds a listener; returns this trainer. */
    public Trainer listener(TrainingListener listener) {
        listeners.add(listener);
        return this;
    }

    /** Shows or hides the terminal progress bar (shown by default, and only ever on a terminal); returns this. */
    public Trainer progressBar(boolean show) {
        this.progressBar = show;
        return this;
    }

    /**
     * Trains for the configured epochs, or until early stopping.
     *
     * @param train the training set
     * @param dev the dev set evaluated after each epoch, or null
     * @return what was measured
     * @throws IllegalArgumentException when early stopping is set without a dev set, or monitors an unknown name
     * @throws UncheckedIOException when a checkpoint cannot be written
     */
    public History fit(Dataset train, Dataset dev) {
        if (earlyStopping != null && (dev == null || !monitorable(earlyStopping.monitor()))) {
            throw new IllegalArgumentException("early stopping on '" + earlyStopping.monitor() + "' needs a dev set "
                    + "and \"loss\" or one of the metrics " + metrics.stream().map(Metric::name).toList());
        }
        History history = new History();
        double learningRate0 = optimizer.learningRate();
        int perEpoch = MiniBatches.sequential(train, config.batchSize()).count();
        ProgressBar bar = ProgressBar.onTerminal(progressBar, (long) perEpoch * config.epochs());
        Best best = new Best();
        long step = 0;
        String devStatus = "";
        try {
            for (int epoch = 0; epoch < config.epochs() && !best.stop; epoch++) {
                model.train();
                MiniBatches batches = MiniBatches.shuffled(train, config.batchSize(), config.seed() + epoch + 1);
                double lossSum = 0;
                Map<String, Double> metricSums = new LinkedHashMap<>();
                for (int k = 0; k < batches.count(); k++, step++) {
                    History.Iteration it = step(batches, k, epoch, step);
                    lossSum += it.loss() * it.batchSize();
                    it.metrics().forEach((name, v) -> metricSums.merge(name, v * it.batchSize(), Double::sum));
                    history.add(it);
                    listeners.forEach(l -> l.onIteration(it));
                    bar.update(step + 1, "epoch " + (epoch + 1) + "/" + config.epochs() + " loss " + fmt(it.loss())
                            + devStatus);
                }
                metricSums.replaceAll((name, sum) -> sum / train.size());
                Map<String, Double> devValues = dev == null ? Map.of() : evaluate(dev);
                devStatus = devValues.entrySet().stream().map(d -> " dev_" + d.getKey() + " " + fmt(d.getValue()))
                        .collect(Collectors.joining());
                History.Epoch e = new History.Epoch(epoch, optimizer.learningRate(), lossSum / train.size(), metricSums,
                        devValues);
                history.add(e);
                optimizer.setLearningRate(schedule.learningRate(learningRate0, epoch));
                if (checkpoints != null && (epoch + 1) % checkpoints.everyEpochs() == 0) {
                    save(checkpoints.file(epoch + 1), epoch + 1);
                }
                if (earlyStopping != null) {
                    best.update(epoch, devValues.get(earlyStopping.monitor()), history);
                }
                listeners.forEach(l -> l.onEpoch(e));
            }
            bar.finish();
            best.restore();
            return history;
        } finally {
            best.close();
        }
    }

    /** Mini-batch k: forward, cost, backward, update, metrics; every tensor made is freed at the end. */
    private History.Iteration step(MiniBatches batches, int k, int epoch, long step) {
        try (MemoryScope scope = MemoryScope.open()) {
            Dataset batch = batches.get(k);
            optimizer.clearGrad();
            Tensor output = model.forward(batch.x());
            Tensor cost = loss.compute(output, batch.y());
            cost.backward();
            optimizer.step();
            Map<String, Double> values = new LinkedHashMap<>();
            try (Autograd.NoGrad off = Autograd.noGrad()) {
                metrics.forEach(m -> values.put(m.name(), m.compute(output, batch.y())));
            }
            return new History.Iteration(epoch, step, batch.size(), cost.item(), values);
        }
    }

    /**
     * The cost ({@code "loss"}) and every metric on {@code data}, in evaluation mode and without recording
     * gradients, in batches of the configured size; the model is left in training mode.
     */
    public Map<String, Double> evaluate(Dataset data) {
        model.eval();
        try (Autograd.NoGrad off = Autograd.noGrad(); MemoryScope scope = MemoryScope.open()) {
            List<Tensor> outputs = new ArrayList<>();
            for (Dataset b : MiniBatches.sequential(data, config.batchSize())) {
                outputs.add(model.forward(b.x()));
            }
            Tensor output = Tensor.concat(outputs, 0);
            Map<String, Double> values = new LinkedHashMap<>();
            values.put("loss", loss.compute(output, data.y()).item());
            metrics.forEach(m -> values.put(m.name(), m.compute(output, data.y())));
            return values;
        } finally {
            model.train();
        }
    }

    private boolean monitorable(String name) {
        return name.equals("loss") || metrics.stream().anyMatch(m -> m.name().equals(name));
    }

    private void save(Path file, int epochsDone) {
        Map<String, String> meta = SafeTensors.provenance(config.seed(), config);
        meta.put("optimizer", optimizer.toString());
        meta.put("epoch", Integer.toString(epochsDone));
        try {
            SafeTensors.save(file, model.stateDict(), meta);
        } catch (IOException e) {
            throw new UncheckedIOException("checkpoint after epoch " + epochsDone + " failed: " + e.getMessage(), e);
        }
    }

    private static String fmt(double v) {
        return String.format("%.4f", v);
    }

    /** Early stopping's memory: the best monitored value, its epoch, and a copy of the model's state then. */
    private final class Best {
        private double value = Double.NaN;
        private Map<String, Tensor> state;
        private int since;
        private boolean stop;

        void update(int epoch, double v, History history) {
            boolean higher = !earlyStopping.monitor().equals("loss") && metrics.stream()
                    .filter(m -> m.name().equals(earlyStopping.monitor())).findFirst().orElseThrow().higherIsBetter();
            if (Double.isNaN(value) || (higher ? v > value : v < value)) {
                value = v;
                since = 0;
                history.setBestEpoch(epoch);
                if (earlyStopping.restoreBestWeights()) {
                    close();
                    state = new LinkedHashMap<>();
                    try (Autograd.NoGrad off = Autograd.noGrad()) {
                        model.stateDict().forEach((name, t) -> state.put(name, t.to(t.dtype())));
                    }
                }
            } else if (++since >= earlyStopping.patience()) {
                stop = true;
                history.setStoppedEarly();
            }
        }

        void restore() {
            if (state != null) {
                model.loadStateDict(state);
                close();
            }
        }

        private void close() {
            if (state != null) {
                state.values().forEach(Tensor::close);
                state = null;
            }
        }
    }
}
