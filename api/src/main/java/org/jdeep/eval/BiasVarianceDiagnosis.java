package org.jdeep.eval;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Where a model's error comes from, and what to do next (Course 3, week 1, 1.8 Why human-level performance?, 1.9
 * Avoidable bias, 1.10 Understanding human-level performance, 1.11 Surpassing human-level performance, 1.12
 * Improving your model performance; week 2, 2.4 Training and testing on different distributions, 2.5 Bias and
 * Variance with mismatched data distributions, 2.6 Addressing data mismatch). Errors are fractions (0.08 for 8%).
 * <pre>
 * human-level error   (proxy for Bayes error)
 *        |  avoidable bias      = training error  - human-level error
 * training error
 *        |  variance            = train-dev error - training error     (dev error - training error without a
 * train-dev error                                                        train-dev set)
 *        |  data mismatch       = dev error       - train-dev error
 * dev error
 *        |  overfitting the dev = test error      - dev error
 * test error
 * </pre>
 * The largest gap is the problem to work on first ({@link #focus()}), with the course's remedies
 * ({@link #recommendations()}). The lecture's examples: human 1%, train 8%, dev 10% gives avoidable bias 7% and
 * variance 2%: focus on bias; human 7.5%, train 8%, dev 10% gives 0.5% and 2%: focus on variance.
 *
 * @param humanLevel the human-level error, the best a team of experts achieves (see {@link #bayesProxy})
 * @param trainError the error on the training set
 * @param trainDevError the error on the train-dev set (training distribution, not trained on), or NaN when there is
 *     none (train and dev then come from one distribution)
 * @param devError the error on the dev set
 * @param testError the error on the test set, or NaN
 */
public record BiasVarianceDiagnosis(double humanLevel, double trainError, double trainDevError, double devError,
                                    double testError) {

    /** The problem to work on first. */
    public enum Focus {
        /** The training error is far from human level: the model underfits. */
        AVOIDABLE_BIAS,
        /** The model does much worse on unseen examples of its training distribution: it overfits. */
        VARIANCE,
        /** The model does much worse on the dev distribution than on its training distribution. */
        DATA_MISMATCH,
        /** The test error is much above the dev error: the dev set has been tuned to. */
        DEV_SET_OVERFITTING,
        /** No gap is positive: the model is at human level everywhere measured. */
        NONE
    }

    /** Validates the errors. */
    public BiasVarianceDiagnosis {
        SingleNumber.checkFraction("human-level error", humanLevel);
        SingleNumber.checkFraction("training error", trainError);
        SingleNumber.checkFraction("dev error", devError);
        if (!Double.isNaN(trainDevError)) {
            SingleNumber.checkFraction("train-dev error", trainDevError);
        }
        if (!Double.isNaN(testError)) {
            SingleNumber.checkFraction("test error", testError);
        }
    }

    /** Train and dev from one distribution: avoidable bias and variance (Course 3, week 1, 1.9). */
    public static BiasVarianceDiagnosis of(double humanLevel, double trainError, double devError) {
        return new BiasVarianceDiagnosis(humanLevel, trainError, Double.NaN, devError, Double.NaN);
    }

    /** With a train-dev set: avoidable bias, variance and data mismatch (Course 3, week 2, 2.5). */
    public static BiasVarianceDiagnosis of(double humanLevel, double trainError, double trainDevError, double devError) {
        return new BiasVarianceDiagnosis(humanLevel, trainError, trainDevError, devError, Double.NaN);
    }

    /** This diagnosis with a test error, to measure overfitting of the dev set. */
    public BiasVarianceDiagnosis withTestError(double test) {
        return new BiasVarianceDiagnosis(humanLevel, trainError, trainDevError, devError, test);
    }

    /**
     * The proxy for Bayes error among several human-level errors: the best (lowest) one (Course 3, week 1, 1.10: a
     * typical human 3%, a typical doctor 1%, an experienced doctor 0.7%, a team of experienced doctors 0.5%: use 0.5%).
     *
     * @throws IllegalArgumentException for no values
     */
    public static double bayesProxy(double... humanErrors) {
        if (humanErrors.length == 0) {
            throw new IllegalArgumentException("bayesProxy needs at least one human-level error");
        }
        double best = humanErrors[0];
        for (double e : humanErrors) {
            SingleNumber.checkFraction("human-level error", e);
            best = Math.min(best, e);
        }
        return best;
    }

    /** Whether a train-dev error was given. */
    public boolean hasTrainDev() {
        return !Double.isNaN(trainDevError);
    }

    /** {@code training error - human-level error}; negative once the model surpasses human level. */
    public double avoidableBias() {
        return trainError - humanLevel;
    }

    /** {@code train-dev error - training error}, or {@code dev error - training error} without a train-dev set. */
    public double variance() {
        return (hasTrainDev() ? trainDevError : devError) - trainError;
    }

    /** {@code dev error - train-dev error}; NaN without a train-dev set. */
    public double dataMismatch() {
        return hasTrainDev() ? devError - trainDevError : Double.NaN;
    }

    /** {@code test error - dev error}; NaN without a test error. */
    public double devSetOverfitting() {
        return testError - devError;
    }

    /** Whether the training error is below human level, where human level no longer bounds the avoidable bias (1.11). */
    public boolean surpassesHumanLevel() {
        return trainError < humanLevel;
    }

    /** The largest positive gap, avoidable bias first on a tie; {@link Focus#NONE} when none is positive. */
    public Focus focus() {
        Focus best = Focus.NONE;
        double size = 0;
        double[] gaps = {avoidableBias(), variance(), dataMismatch(), devSetOverfitting()};
        Focus[] names = {Focus.AVOIDABLE_BIAS, Focus.VARIANCE, Focus.DATA_MISMATCH, Focus.DEV_SET_OVERFITTING};
        for (int i = 0; i < gaps.length; i++) {
            if (gaps[i] > size) {
                size = gaps[i];
                best = names[i];
            }
        }
        return best;
    }

    /** The course's remedies for a problem (Course 3, week 1, 1.12; week 2, 2.6). */
    public static List<String> remedies(Focus focus) {
        return switch (focus) {
            case AVOIDABLE_BIAS -> List.of("train a bigger model (more hidden units or layers)",
                    "train longer or with a better optimization algorithm (momentum, RMSprop, Adam)",
                    "search for a better architecture or hyperparameters");
            case VARIANCE -> List.of("get more training data",
                    "regularize (L2, dropout, data augmentation, early stopping)",
                    "search for a better architecture or hyperparameters");
            case DATA_MISMATCH -> List.of("carry out manual error analysis to understand how the training set differs "
                            + "from the dev/test sets",
                    "make the training data more similar to the dev/test data (e.g. artificial data synthesis), or "
                            + "collect more data like the dev/test sets");
            case DEV_SET_OVERFITTING -> List.of("get a bigger dev set");
            case NONE -> List.of("the model is at human level on every set measured; progress from here is slower: "
                    + "look for the examples where humans still do better");
        };
    }

    /** The remedies for {@link #focus()}, followed by a caution when the model surpasses human level. */
    public List<String> recommendations() {
        List<String> out = new ArrayList<>(remedies(focus()));
        if (surpassesHumanLevel()) {
            out.add("the training error is below the human-level error: the human-level proxy no longer tells how "
                    + "much bias is avoidable (Course 3, week 1, 1.11)");
        }
        return out;
    }

    /** A report in the course's words, every gap in percent and the recommended next step. */
    @Override
    public String toString() {
        StringBuilder s = new StringBuilder();
        s.append(line("human-level error", humanLevel)).append(line("training error", trainError));
        if (hasTrainDev()) {
            s.append(line("train-dev error", trainDevError));
        }
        s.append(line("dev error", devError));
        if (!Double.isNaN(testError)) {
            s.append(line("test error", testError));
        }
        s.append(line("avoidable bias", avoidableBias())).append(line("variance", variance()));
        if (hasTrainDev()) {
            s.append(line("data mismatch", dataMismatch()));
        }
        if (!Double.isNaN(testError)) {
            s.append(line("dev set overfitting", devSetOverfitting()));
        }
        s.append("focus on: ").append(focus().name().toLowerCase(Locale.ROOT).replace('_', ' ')).append('\n');
        for (String r : recommendations()) {
            s.append("  - ").append(r).append('\n');
        }
        return s.toString();
    }

    private static String line(String name, double value) {
        return String.format(Locale.ROOT, "%-20s %6.2f%%%n", name, 100 * value);
    }
}
