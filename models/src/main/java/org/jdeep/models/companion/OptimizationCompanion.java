package org.jdeep.models.companion;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jdeep.MemoryScope;
import org.jdeep.Tensor;
import org.jdeep.data.Dataset;
import org.jdeep.data.MiniBatches;
import org.jdeep.models.companion.DeepNetStepByStepCompanion.ModelForward;
import org.jdeep.optim.LearningRateSchedule;
import org.jdeep.random.RandomState;
import org.jdeep.types.DType;

/**
 * Course 2, week 2, programming assignment "Optimization Methods", in jdeep (lectures 2.1-2.2 Mini-batch gradient
 * descent, 2.3-2.5 Exponentially weighted averages and bias correction, 2.6 Gradient descent with momentum, 2.7
 * RMSprop, 2.8 Adam, 2.9 Learning rate decay).
 *
 * <p>Mini-batches come from {@link MiniBatches#shuffled(Dataset, int, long)}, which reproduces
 * {@code random_mini_batches}; the decays are {@link LearningRateSchedule.InverseTimeDecay} ({@code update_lr})
 * and {@link LearningRateSchedule.ScheduledDecay} ({@code schedule_lr_decay}). The update rules are written with
 * tensor operations on the notebook's dictionaries, as the notebook asks; their tests check each against jdeep's
 * optimizer of the same name ({@link org.jdeep.optim.SGD}, {@link org.jdeep.optim.Momentum},
 * {@link org.jdeep.optim.Adam}), which train the models of {@code org.jdeep.models.c2w2}.
 */
public final class OptimizationCompanion {
    /** The seed of {@code opt_utils.initialize_parameters}. */
    public static final long INIT_SEED = 3;
    /** The first mini-batch seed minus one: epoch i shuffles with {@code 10 + i + 1}. */
    public static final long SEED = 10;

    private OptimizationCompanion() {
    }

    /** {@code update_parameters_with_gd(parameters, grads, learning_rate)}: {@code W = W - learning_rate * dW}. */
    public static Map<String, Tensor> updateParametersWithGd(Map<String, Tensor> parameters, Map<String, Tensor> grads,
                                                             double learningRate) {
        return PlanarCompanion.gradientDescentStep(parameters, grads, learningRate);
    }

    /**
     * One mini-batch.
     *
     * @param X the batch's examples {@code (n_x, size)}
     * @param Y their labels {@code (1, size)}
     */
    public record MiniBatch(Tensor X, Tensor Y) {
    }

    /**
     * {@code random_mini_batches(X, Y, mini_batch_size=64, seed=0)}: {@code np.random.seed(seed)}, shuffle the
     * columns with {@code np.random.permutation(m)}, then cut them into batches of {@code mini_batch_size}, the last
     * one smaller when it does not divide m ({@link MiniBatches#shuffled(Dataset, int, long)}).
     *
     * @param X data {@code (n_x, m)}
     * @param Y labels {@code (1, m)}
     */
    public static List<MiniBatch> randomMiniBatches(Tensor X, Tensor Y, int miniBatchSize, long seed) {
        List<MiniBatch> out = new ArrayList<>();
        try (Dataset rows = Dataset.of(X.transpose(), Y.transpose())) {
            for (Dataset batch : MiniBatches.shuffled(rows, miniBatchSize, seed)) {
                try (batch) {
                    out.add(new MiniBatch(batch.x().transpose(), batch.y().transpose()));
                }
            }
        }
        return out;
    }

    /** {@code initialize_velocity(parameters)}: {@code v["dW1"]}, {@code v["db1"]}, ... zeros shaped like each parameter. */
    public static Map<String, Tensor> initializeVelocity(Map<String, Tensor> parameters) {
        Map<String, Tensor> v = new LinkedHashMap<>();
        parameters.forEach((name, p) -> v.put("d" + name, Tensor.zeros(DType.FLOAT64, p.shape().dims())));
        return v;
    }

    /**
     * What {@code update_parameters_with_momentum} returns.
     *
     * @param parameters the updated parameters
     * @param v the updated velocities
     */
    public record MomentumStep(Map<String, Tensor> parameters, Map<String, Tensor> v) {
    }

    /**
     * {@code update_parameters_with_momentum(parameters, grads, v, beta, learning_rate)}:
     * {@code v = beta v + (1 - beta) dW}, {@code W = W - learning_rate v} (no bias correction), as new tensors.
     */
    public static MomentumStep updateParametersWithMomentum(Map<String, Tensor> parameters, Map<String, Tensor> grads,
                                                            Map<String, Tensor> v, double beta, double learningRate) {
        Map<String, Tensor> newParameters = new LinkedHashMap<>();
        Map<String, Tensor> newV = new LinkedHashMap<>();
        parameters.forEach((name, p) -> {
            String d = "d" + name;
            try (MemoryScope scope = MemoryScope.open()) {
                Tensor vel = v.get(d).mul(beta).add(grads.get(d).mul(1 - beta));
                Tensor updated = p.sub(vel.mul(learningRate));
                scope.keep(vel, updated);
                newV.put(d, vel);
                newParameters.put(name, updated);
            }
        });
        return new MomentumStep(newParameters, newV);
    }

    /**
     * What {@code initialize_adam} returns.
     *
     * @param v the first moments, zeros
     * @param s the second moments, zeros
     */
    public record AdamState(Map<String, Tensor> v, Map<String, Tensor> s) {
    }

    /** {@code initialize_adam(parameters)}: {@code v} and {@code s}, zeros keyed {@code dW1, db1, ...}. */
    public static AdamState initializeAdam(Map<String, Tensor> parameters) {
        return new AdamState(initializeVelocity(parameters), initializeVelocity(parameters));
    }

    /**
     * What {@code update_parameters_with_adam} returns.
     *
     * @param parameters the updated parameters
     * @param v the updated first moments
     * @param s the updated second moments
     * @param vCorrected the bias-corrected first moments
     * @param sCorrected the bias-corrected second moments
     */
    public record AdamStep(Map<String, Tensor> parameters, Map<String, Tensor> v, Map<String, Tensor> s,
                           Map<String, Tensor> vCorrected, Map<String, Tensor> sCorrected) {
    }

    /**
     * {@code update_parameters_with_adam(parameters, grads, v, s, t, learning_rate=0.01, beta1=0.9, beta2=0.999,
     * epsilon=1e-8)}:
     * <pre>
     * v = beta1 v + (1 - beta1) dW          v_corrected = v / (1 - beta1^t)
     * s = beta2 s + (1 - beta2) dW^2        s_corrected = s / (1 - beta2^t)
     * W = W - learning_rate * v_corrected / (sqrt(s_corrected) + epsilon)
     * </pre>
     *
     * @param t the number of Adam steps taken so far, this one included (from 1)
     */
    public static AdamStep updateParametersWithAdam(Map<String, Tensor> parameters, Map<String, Tensor> grads,
                                                    Map<String, Tensor> v, Map<String, Tensor> s, int t,
                                                    double learningRate, double beta1, double beta2, double epsilon) {
        Map<String, Tensor> p2 = new LinkedHashMap<>();
        Map<String, Tensor> v2 = new LinkedHashMap<>();
        Map<String, Tensor> s2 = new LinkedHashMap<>();
        Map<String, Tensor> vc = new LinkedHashMap<>();
        Map<String, Tensor> sc = new LinkedHashMap<>();
        parameters.forEach((name, p) -> {
            String d = "d" + name;
            try (MemoryScope scope = MemoryScope.open()) {
                Tensor g = grads.get(d);
                Tensor vNew = v.get(d).mul(beta1).add(g.mul(1 - beta1));
                Tensor vCorrected = vNew.div(1 - Math.pow(beta1, t));
                Tensor sNew = s.get(d).mul(beta2).add(g.square().mul(1 - beta2));
                Tensor sCorrected = sNew.div(1 - Math.pow(beta2, t));
                Tensor updated = p.sub(vCorrected.mul(learningRate).div(sCorrected.sqrt().add(epsilon)));
                scope.keep(vNew, vCorrected, sNew, sCorrected, updated);
                v2.put(d, vNew);
                vc.put(d, vCorrected);
                s2.put(d, sNew);
                sc.put(d, sCorrected);
                p2.put(name, updated);
            }
        });
        return new AdamStep(p2, v2, s2, vc, sc);
    }

    /**
     * {@code update_lr(learning_rate0, epoch_num, decay_rate)}: {@code learning_rate0 / (1 + decay_rate * epoch_num)}
     * ({@link LearningRateSchedule.InverseTimeDecay}).
     */
    public static double updateLr(double learningRate0, int epochNum, double decayRate) {
        return new LearningRateSchedule.InverseTimeDecay(decayRate).learningRate(learningRate0, epochNum);
    }

    /**
     * {@code schedule_lr_decay(learning_rate0, epoch_num, decay_rate, time_interval=1000)}:
     * {@code learning_rate0 / (1 + decay_rate * floor(epoch_num / time_interval))}
     * ({@link LearningRateSchedule.ScheduledDecay}).
     */
    public static double scheduleLrDecay(double learningRate0, int epochNum, double decayRate, int timeInterval) {
        return new LearningRateSchedule.ScheduledDecay(decayRate, timeInterval).learningRate(learningRate0, epochNum);
    }

    /** {@code schedule_lr_decay} with the notebook's {@code time_interval=1000}. */
    public static double scheduleLrDecay(double learningRate0, int epochNum, double decayRate) {
        return scheduleLrDecay(learningRate0, epochNum, decayRate,
                LearningRateSchedule.ScheduledDecay.DEFAULT_TIME_INTERVAL);
    }

    /** A learning-rate decay as {@code model} calls it: {@code decay(learning_rate0, epoch_num, decay_rate)}. */
    @FunctionalInterface
    public interface Decay {
        /** The learning rate after epoch {@code epochNum}. */
        double apply(double learningRate0, int epochNum, double decayRate);
    }

    /**
     * {@code compute_cost(a3, Y)} of {@code opt_utils}: the SUM of the per-example losses over the mini-batch (the
     * model divides the epoch's total by m).
     */
    public static double computeCost(Tensor a3, Tensor Y) {
        try (Tensor l = NotebookUtils.logprobs(a3, Y); Tensor s = l.sum()) {
            return s.item();
        }
    }

    /** The optimizer {@code model} uses, named as in the notebook. */
    public enum Optimizer {
        /** {@code "gd"}: (mini-batch) gradient descent. */
        GD,
        /** {@code "momentum"}. */
        MOMENTUM,
        /** {@code "adam"}. */
        ADAM;

        /**
         * The optimizer named {@code "gd"}, {@code "momentum"} or {@code "adam"}.
         *
         * @throws IllegalArgumentException for another name
         */
        public static Optimizer of(String name) {
            return switch (name) {
                case "gd" -> GD;
                case "momentum" -> MOMENTUM;
                case "adam" -> ADAM;
                default -> throw new IllegalArgumentException("optimizer must be \"gd\", \"momentum\" or \"adam\", got \""
                        + name + "\"");
            };
        }
    }

    /**
     * The notebook's {@code model} arguments, with its defaults ({@link #defaults(Optimizer)}).
     *
     * @param optimizer gd, momentum or adam
     * @param learningRate the initial learning rate {@code learning_rate0}
     * @param miniBatchSize the mini-batch size
     * @param beta the momentum's beta
     * @param beta1 Adam's beta1
     * @param beta2 Adam's beta2
     * @param epsilon Adam's epsilon
     * @param numEpochs the number of epochs
     * @param decay the learning-rate decay applied after each epoch, or null
     * @param decayRate its {@code decay_rate}
     */
    public record Hyperparameters(Optimizer optimizer, double learningRate, int miniBatchSize, double beta,
                                  double beta1, double beta2, double epsilon, int numEpochs, Decay decay,
                                  double decayRate) {
        /** A copy with another learning rate. */
        public Hyperparameters withLearningRate(double value) {
            return new Hyperparameters(optimizer, value, miniBatchSize, beta, beta1, beta2, epsilon, numEpochs, decay,
                    decayRate);
        }

        /** A copy with another number of epochs. */
        public Hyperparameters withNumEpochs(int value) {
            return new Hyperparameters(optimizer, learningRate, miniBatchSize, beta, beta1, beta2, epsilon, value, decay,
                    decayRate);
        }

        /** A copy with a learning-rate decay. */
        public Hyperparameters withDecay(Decay value, double rate) {
            return new Hyperparameters(optimizer, learningRate, miniBatchSize, beta, beta1, beta2, epsilon, numEpochs,
                    value, rate);
        }
    }

    /**
     * The notebook's defaults: {@code learning_rate=0.0007, mini_batch_size=64, beta=0.9, beta1=0.9, beta2=0.999,
     * epsilon=1e-8, num_epochs=5000}, no decay, {@code decay_rate=1}.
     */
    public static Hyperparameters defaults(Optimizer optimizer) {
        return new Hyperparameters(optimizer, 0.0007, 64, 0.9, 0.9, 0.999, 1e-8, 5000, null, 1);
    }

    /**
     * What {@code model} gives.
     *
     * @param parameters the learned parameters
     * @param costs the epoch's average cost every 100 epochs (epoch 0, 100, ...)
     * @param learningRates the learning rate after every 100th epoch's decay (equal to the initial one without decay)
     */
    public record Training(Map<String, Tensor> parameters, List<Double> costs, List<Double> learningRates) {
    }

    /**
     * {@code model(X, Y, layers_dims, optimizer, learning_rate=0.0007, mini_batch_size=64, beta=0.9, beta1=0.9,
     * beta2=0.999, epsilon=1e-8, num_epochs=5000, print_cost=True, decay=None, decay_rate=1)}: He-initialised
     * parameters (seed 3), then for each epoch i the mini-batches of seed {@code 10 + i + 1}, each with forward
     * propagation, cost, backward propagation and the optimizer's update (Adam's t counts mini-batches over all
     * epochs); after the epoch the decay, if any, sets the learning rate from the initial one.
     */
    public static Training model(Tensor X, Tensor Y, int[] layersDims, Hyperparameters h, boolean printCost) {
        int m = X.shape().dim(1);
        Map<String, Tensor> parameters = InitializationCompanion.initializeParametersHe(new RandomState(INIT_SEED),
                layersDims);
        Map<String, Tensor> v = null;
        Map<String, Tensor> s = null;
        if (h.optimizer() == Optimizer.MOMENTUM) {
            v = initializeVelocity(parameters);
        } else if (h.optimizer() == Optimizer.ADAM) {
            AdamState state = initializeAdam(parameters);
            v = state.v();
            s = state.s();
        }
        double learningRate = h.learningRate();
        int t = 0;
        long seed = SEED;
        List<Double> costs = new ArrayList<>();
        List<Double> rates = new ArrayList<>();
        for (int i = 0; i < h.numEpochs(); i++) {
            seed = seed + 1;
            double costTotal = 0;
            try (MemoryScope epoch = MemoryScope.open()) {
                for (MiniBatch batch : randomMiniBatches(X, Y, h.miniBatchSize(), seed)) {
                    try (MemoryScope step = MemoryScope.open()) {
                        ModelForward f = NotebookUtils.forwardPropagation(batch.X(), parameters);
                        costTotal += computeCost(f.AL(), batch.Y());
                        Map<String, Tensor> grads = NotebookUtils.backwardPropagation(batch.X(), batch.Y(), f);
                        switch (h.optimizer()) {
                            case GD -> PlanarCompanion.assignAll(parameters,
                                    updateParametersWithGd(parameters, grads, learningRate));
                            case MOMENTUM -> {
                                MomentumStep r = updateParametersWithMomentum(parameters, grads, v, h.beta(),
                                        learningRate);
                                PlanarCompanion.assignAll(parameters, r.parameters());
                                PlanarCompanion.assignAll(v, r.v());
                            }
                            case ADAM -> {
                                t = t + 1;
                                AdamStep r = updateParametersWithAdam(parameters, grads, v, s, t, learningRate,
                                        h.beta1(), h.beta2(), h.epsilon());
                                PlanarCompanion.assignAll(parameters, r.parameters());
                                PlanarCompanion.assignAll(v, r.v());
                                PlanarCompanion.assignAll(s, r.s());
                            }
                        }
                    }
                }
            }
            double costAvg = costTotal / m;
            if (h.decay() != null) {
                learningRate = h.decay().apply(h.learningRate(), i, h.decayRate());
            }
            if (printCost && i % 1000 == 0) {
                System.out.printf("Cost after epoch %d: %f%n", i, costAvg);
                if (h.decay() != null) {
                    System.out.printf("learning rate after epoch %d: %f%n", i, learningRate);
                }
            }
            if (i % 100 == 0) {
                costs.add(costAvg);
                rates.add(learningRate);
            }
        }
        return new Training(parameters, List.copyOf(costs), List.copyOf(rates));
    }
}
