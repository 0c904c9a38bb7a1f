package org.jdeep.models.c2w1;

import org.jdeep.Tensor;
import org.jdeep.data.Dataset;
import org.jdeep.random.RandomState;

/**
 * A stand-in for the regularisation notebook's data (Course 2, week 1, "Regularization"): in the course, the
 * positions on a football field where the French goalkeeper kicked the ball and which team's player headed it
 * ({@code data.mat}: 211 training and 200 test points; blue = France, red = the other team). Here, points drawn
 * uniformly over the same field, {@code x0} in {@code [-0.75, 0.45]} and {@code x1} in {@code [-0.75, 0.6]},
 * labelled 1 above the wavy line {@code x1 = 0.25 sin(5 x0) - 0.05} and 0 below, with 10% of the labels flipped: a
 * simple boundary plus noise that a big network overfits, as on the real field.
 */
public final class FieldData {
    /** The notebook's training set size. */
    public static final int TRAIN = 211;
    /** The notebook's test set size. */
    public static final int TEST = 200;
    /** The fraction of labels flipped. */
    public static final double NOISE = 0.10;

    private FieldData() {
    }

    /**
     * {@code m} points from {@code new RandomState(seed)}: for each point two uniforms for the position, then one
     * for the label flip, in that order. X {@code (m, 2)}, Y {@code (m, 1)} of 0/1.
     */
    public static Dataset generate(int m, long seed) {
        RandomState rng = new RandomState(seed);
        double[] x = new double[2 * m];
        double[] y = new double[m];
        for (int i = 0; i < m; i++) {
            double x0 = -0.75 + 1.2 * rng.nextDouble();
            double x1 = -0.75 + 1.35 * rng.nextDouble();
            boolean above = x1 > 0.25 * Math.sin(5 * x0) - 0.05;
            boolean flip = rng.nextDouble() < NOISE;
            x[2 * i] = x0;
            x[2 * i + 1] = x1;
            y[i] = above ^ flip ? 1 : 0;
        }
        return Dataset.of(Tensor.of(x, m, 2), Tensor.of(y, m, 1));
    }
}
