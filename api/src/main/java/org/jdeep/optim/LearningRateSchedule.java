package org.jdeep.optim;

/**
 * Learning rate decay (Course 2, week 2, 2.9 Learning rate decay): the learning rate for an epoch, from the
 * initial rate {@code learningRate0} (the course's {@code learning_rate0}, α₀) and the epoch number. Slowly
 * reducing α lets mini-batch gradient descent take large steps early and settle in a tighter region near the
 * minimum later. The course's training loop sets the rate after each epoch:
 * <pre>
 * for i in range(num_epochs):
 *     ...                                                   # epoch i, mini-batches at the current rate
 *     learning_rate = schedule_lr_decay(learning_rate0, i, decay_rate, time_interval)
 * </pre>
 * and {@link org.jdeep.train.Trainer} does the same: epoch 0 runs at α₀, epoch {@code i + 1} at
 * {@code learningRate(α₀, i)}.
 */
public sealed interface LearningRateSchedule {

    /**
     * The learning rate after epoch {@code epoch}.
     *
     * @param learningRate0 the initial learning rate α₀
     * @param epoch the epoch number, from 0
     * @return the decayed learning rate
     * @throws IllegalArgumentException for a negative epoch
     */
    double learningRate(double learningRate0, int epoch);

    /** The same rate for every epoch (no decay). */
    static LearningRateSchedule constant() {
        return new Constant();
    }

    private static void checkEpoch(int epoch) {
        if (epoch < 0) {
            throw new IllegalArgumentException("learning rate schedule: the epoch must be >= 0, got " + epoch);
        }
    }

    private static double checkRate(double decayRate) {
        if (!(decayRate >= 0) || Double.isInfinite(decayRate)) {
            throw new IllegalArgumentException("learning rate decay: decayRate must be a finite number >= 0, got "
                    + decayRate);
        }
        return decayRate;
    }

    /** No decay: {@code α = α₀}. */
    record Constant() implements LearningRateSchedule {
        @Override
        public double learningRate(double learningRate0, int epoch) {
            checkEpoch(epoch);
            return learningRate0;
        }
    }

    /**
     * {@code α = α₀ / (1 + decayRate * epoch)}, the lecture's first formula and the course's
     * {@code update_lr(learning_rate0, epoch_num, decay_rate)}.
     *
     * @param decayRate the course's {@code decay_rate}, {@code >= 0}
     */
    record InverseTimeDecay(double decayRate) implements LearningRateSchedule {
        /** Validates {@code decayRate}. */
        public InverseTimeDecay {
            checkRate(decayRate);
        }

        @Override
        public double learningRate(double learningRate0, int epoch) {
            checkEpoch(epoch);
            return learningRate0 / (1 + decayRate * epoch);
        }
    }

    /**
     * Fixed-interval scheduling, the course's {@code schedule_lr_decay(learning_rate0, epoch_num, decay_rate,
     * time_interval=1000)}: {@code α = α₀ / (1 + decayRate * floor(epoch / timeInterval))}, a rate that drops
     * in steps every {@code timeInterval} epochs rather than after each.
     *
     * @param decayRate the course's {@code decay_rate}, {@code >= 0}
     * @param timeInterval the course's {@code time_interval}, {@code >= 1} (the course's default is 1000)
     */
    record ScheduledDecay(double decayRate, int timeInterval) implements LearningRateSchedule {
        /** The course's default {@code time_interval}. */
        public static final int DEFAULT_TIME_INTERVAL = 1000;

        /** Validates both arguments. */
        public ScheduledDecay {
            checkRate(decayRate);
            if (timeInterval < 1) {
                throw new IllegalArgumentException("scheduled learning rate decay: timeInterval must be >= 1, got "
                        + timeInterval);
            }
        }

        /** A schedule with the course's default interval of 1000 epochs. */
        public ScheduledDecay(double decayRate) {
            this(decayRate, DEFAULT_TIME_INTERVAL);
        }

        @Override
        public double learningRate(double learningRate0, int epoch) {
            checkEpoch(epoch);
            return learningRate0 / (1 + decayRate * Math.floorDiv(epoch, timeInterval));
        }
    }

    /**
     * Exponential decay, the lecture's {@code α = 0.95^epoch_num · α₀}: {@code α = base^epoch · α₀}.
     *
     * @param base the factor per epoch, in {@code (0, 1]}; the lecture's example is 0.95
     */
    record ExponentialDecay(double base) implements LearningRateSchedule {
        /** The lecture's example base. */
        public static final double DEFAULT_BASE = 0.95;

        /** Validates {@code base}. */
        public ExponentialDecay {
            if (!(base > 0 && base <= 1)) {
                throw new IllegalArgumentException("exponential learning rate decay: base must be in (0, 1], got "
                        + base);
            }
        }

        /** The lecture's {@code 0.95^epoch_num · α₀}. */
        public ExponentialDecay() {
            this(DEFAULT_BASE);
        }

        @Override
        public double learningRate(double learningRate0, int epoch) {
            checkEpoch(epoch);
            return Math.pow(base, epoch) * learningRate0;
        }
    }
}
