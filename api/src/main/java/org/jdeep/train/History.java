package org.jdeep.train;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a {@link Trainer#fit} run measured: the cost and metrics of every mini-batch step (the noisy curve of Course
 * 2, week 2, 2.2 Understanding mini-batch gradient descent) and of every epoch, with the dev set's where there is
 * one (Course 2, week 1, 1.2 Bias / Variance: compare train and dev).
 */
public final class History {
    private final List<Iteration> iterations = new ArrayList<>();
    private final List<Epoch> epochs = new ArrayList<>();
    private int bestEpoch = -1;
    private boolean stoppedEarly;

    /**
     * One mini-batch step.
     *
     * @param epoch the epoch, from 0
     * @param iteration the step's index in the whole run, from 0
     * @param batchSize the number of examples in the batch
     * @param loss the batch's cost
     * @param metrics the batch's metrics by name
     */
    public record Iteration(int epoch, long iteration, int batchSize, double loss, Map<String, Double> metrics) {
        /** Copies the metrics, keeping their order. */
        public Iteration {
            metrics = Collections.unmodifiableMap(new LinkedHashMap<>(metrics));
        }
    }

    /**
     * One epoch.
     *
     * @param epoch the epoch, from 0
     * @param learningRate the learning rate the epoch ran at
     * @param loss the training cost, the mean of the batches' costs weighted by their sizes (the course's
     *     {@code cost_total / m})
     * @param metrics the training metrics, the batches' values weighted by their sizes (exact for accuracy)
     * @param dev the dev set's {@code "loss"} and metrics, computed on the whole set after the epoch; empty without
     *     a dev set
     */
    public record Epoch(int epoch, double learningRate, double loss, Map<String, Double> metrics,
                        Map<String, Double> dev) {
        /** Copies the maps, keeping their order. */
        public Epoch {
            metrics = Collections.unmodifiableMap(new LinkedHashMap<>(metrics));
            dev = Collections.unmodifiableMap(new LinkedHashMap<>(dev));
        }
    }

    void add(Iteration it) {
        iterations.add(it);
    }

    void add(Epoch e) {
        epochs.add(e);
    }

    void setBestEpoch(int epoch) {
        bestEpoch = epoch;
    }

    void setStoppedEarly() {
        stoppedEarly = true;
    }

    /** Every mini-batch step, in order (read-only). */
    public List<Iteration> iterations() {
        return Collections.unmodifiableList(iterations);
    }

    /** Every epoch, in order (read-only). */
    public List<Epoch> epochs() {
        return Collections.unmodifiableList(epochs);
    }

    /**
     * The last epoch's record.
     *
     * @throws IllegalStateException before any epoch
     */
    public Epoch last() {
        if (epochs.isEmpty()) {
            throw new IllegalStateException("the history has no epoch yet");
        }
        return epochs.get(epochs.size() - 1);
    }

    /** The training cost of each epoch, for plotting. */
    public double[] epochLosses() {
        return epochs.stream().mapToDouble(Epoch::loss).toArray();
    }

    /** The epoch with the best monitored dev value under early stopping, or -1 without early stopping. */
    public int bestEpoch() {
        return bestEpoch;
    }

    /** Whether early stopping ended the run before the configured number of epochs. */
    public boolean stoppedEarly() {
        return stoppedEarly;
    }
}
