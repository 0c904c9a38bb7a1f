package org.jdeep.eval;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import org.jdeep.data.Dataset;

/**
 * A learning curve: the training and dev errors of a model trained on growing parts of the training set (Course 2,
 * week 1, 1.2 Bias / Variance and 1.3 Basic recipe for machine learning; Course 3, week 1, 1.9-1.12). When the dev
 * error stays well above the training error as the set grows, more data helps (variance); when both level off far
 * above human level, more data will not help, a bigger model will (avoidable bias).
 * <pre>{@code
 * LearningCurve curve = LearningCurve.measure(train, LearningCurve.sizes(train.size(), 5), subset -> {
 *     Module model = trainOn(subset);                   // any training
 *     return new LearningCurve.Errors(errorOf(model, subset), errorOf(model, dev));
 * });
 * System.out.println(curve);                             // a table: m, training error, dev error
 * curve.diagnose(0.01).focus();                          // at the full size, against 1% human-level error
 * }</pre>
 */
public final class LearningCurve {
    private final List<Point> points;

    private LearningCurve(List<Point> points) {
        this.points = Collections.unmodifiableList(points);
    }

    /**
     * The errors of one model.
     *
     * @param train its error on the examples it was trained on
     * @param dev its error on the dev set
     */
    public record Errors(double train, double dev) {
    }

    /**
     * One point of the curve.
     *
     * @param examples the number of training examples
     * @param trainError the error on them
     * @param devError the error on the dev set
     */
    public record Point(int examples, double trainError, double devError) {
        /** {@code devError - trainError}, the variance at this size. */
        public double gap() {
            return devError - trainError;
        }
    }

    /**
     * Trains and evaluates on the first {@code sizes[k]} examples of {@code train} (views, in order: shuffle the set
     * first if its order means anything), for each size.
     *
     * @param experiment trains a model on the given subset and returns its training and dev errors
     * @throws IllegalArgumentException for a size outside {@code [1, train.size()]} or sizes not increasing
     */
    public static LearningCurve measure(Dataset train, int[] sizes, Function<Dataset, Errors> experiment) {
        int previous = 0;
        for (int m : sizes) {
            if (m < 1 || m > train.size() || m <= previous) {
                throw new IllegalArgumentException("learning curve sizes must increase within [1, " + train.size()
                        + "], got " + java.util.Arrays.toString(sizes));
            }
            previous = m;
        }
        List<Point> out = new ArrayList<>();
        for (int m : sizes) {
            try (Dataset subset = train.slice(0, m)) {
                Errors e = experiment.apply(subset);
                if (e == null) {
                    throw new IllegalArgumentException("learning curve: the experiment returned no errors for " + m
                            + " examples");
                }
                out.add(new Point(m, e.train(), e.dev()));
            }
        }
        return new LearningCurve(out);
    }

    /** A curve from points measured elsewhere, in increasing size. */
    public static LearningCurve of(List<Point> points) {
        if (points.isEmpty()) {
            throw new IllegalArgumentException("a learning curve needs at least one point");
        }
        return new LearningCurve(new ArrayList<>(points));
    }

    /**
     * {@code count} sizes from about {@code m / count} to {@code m}, evenly spaced (at least 1 each, increasing).
     *
     * @throws IllegalArgumentException for {@code m < 1} or {@code count < 1}
     */
    public static int[] sizes(int m, int count) {
        if (m < 1 || count < 1) {
            throw new IllegalArgumentException("sizes(" + m + ", " + count + "): both must be >= 1");
        }
        int k = Math.min(count, m);
        int[] out = new int[k];
        for (int i = 0; i < k; i++) {
            out[i] = (int) Math.round((double) m * (i + 1) / k);
        }
        return out;
    }

    /** The points, smallest training set first. */
    public List<Point> points() {
        return points;
    }

    /** The point of the largest training set. */
    public Point last() {
        return points.get(points.size() - 1);
    }

    /** The bias/variance diagnosis at the largest size against {@code humanLevel}. */
    public BiasVarianceDiagnosis diagnose(double humanLevel) {
        return BiasVarianceDiagnosis.of(humanLevel, last().trainError(), last().devError());
    }

    /**
     * Whether the dev error was still falling over the last step of the curve: a sign that more data would
     * still help.
     */
    public boolean devErrorStillFalling() {
        return points.size() >= 2 && last().devError() < points.get(points.size() - 2).devError();
    }

    /** The curve as CSV: {@code examples,train_error,dev_error} and one line per point. */
    public String toCsv() {
        StringBuilder s = new StringBuilder("examples,train_error,dev_error\n");
        for (Point p : points) {
            s.append(p.examples()).append(',').append(p.trainError()).append(',').append(p.devError()).append('\n');
        }
        return s.toString();
    }

    /** A table: training examples, training error, dev error, their gap, in percent. */
    @Override
    public String toString() {
        StringBuilder s = new StringBuilder(String.format(Locale.ROOT, "%10s %12s %10s %8s%n", "examples",
                "train error", "dev error", "gap"));
        for (Point p : points) {
            s.append(String.format(Locale.ROOT, "%10d %11.2f%% %9.2f%% %7.2f%%%n", p.examples(), 100 * p.trainError(),
                    100 * p.devError(), 100 * p.gap()));
        }
        return s.toString();
    }
}
