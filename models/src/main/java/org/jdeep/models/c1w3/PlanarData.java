package org.jdeep.models.c1w3;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.jdeep.Tensor;
import org.jdeep.data.Dataset;
import org.jdeep.random.RandomState;

/**
 * The 2-D datasets of Course 1, week 3, "Planar data classification with one hidden layer", generated in code
 * from numpy's legacy {@link RandomState}, examples as rows: {@code X (m, 2)}, {@code Y (m, 1)} of 0/1.
 *
 * <ul>
 *   <li>{@link #flower(long)}: the course's {@code load_planar_dataset()} line for line; with seed 1 (the course's)
 *       it gives the notebook's 400 points (to the last bit of {@code sin}/{@code cos}, which the JDK and glibc
 *       may round differently).</li>
 *   <li>{@link #circles}, {@link #moons}: scikit-learn's {@code make_circles} / {@code make_moons} as the course
 *       calls them ({@code random_state=None}, so numpy's global generator), transcribed step by step: the same
 *       draws from the same generator in the same order give the same points as scikit-learn after
 *       {@code np.random.seed(seed)}.</li>
 *   <li>{@link #blobs}: {@code make_blobs(n_samples, n_features=2, centers, random_state=seed)} transcribed the
 *       same way, labels taken {@code % 2} as the notebook does.</li>
 *   <li>{@link #gaussianQuantiles}: {@code make_gaussian_quantiles(cov, n_samples, n_features=2, n_classes=2)}: the
 *       same distribution as scikit-learn (normals scaled by {@code sqrt(cov)}, the inner half by radius class 0),
 *       not necessarily the same points: scikit-learn draws through {@code multivariate_normal}, whose SVD may
 *       flip signs.</li>
 * </ul>
 * {@code tools/gen_planar_reference.py} writes the same sets with numpy; {@code PlanarDataTest} compares them.
 * Equivalent in distribution is the promise for every set; bit-identical (up to {@code sin}/{@code cos} ulps)
 * holds for the flower, circles, moons and blobs against that numpy transcription.
 */
public final class PlanarData {
    /** The names {@link #generate} accepts. */
    public static final List<String> NAMES = List.of("flower", "circles", "moons", "blobs", "gaussian");

    private PlanarData() {
    }

    /**
     * The named set with the course's sizes (flower 400 points; the others 200) drawn from {@code seed}.
     *
     * @throws IllegalArgumentException for an unknown name
     */
    public static Dataset generate(String name, long seed) {
        return generate(name, seed, seed);
    }

    /**
     * Another draw of the named set's problem: {@code generate(name, seed)} when {@code drawSeed == seed}, otherwise
     * fresh points of the same distribution from {@code drawSeed} (for the blobs, around the same centres, which
     * {@code seed} places). Dev and test sets are made this way.
     *
     * @throws IllegalArgumentException for an unknown name
     */
    public static Dataset generate(String name, long seed, long drawSeed) {
        return switch (name.toLowerCase(Locale.ROOT)) {
            case "flower" -> flower(drawSeed);
            case "circles", "noisy_circles" -> circles(200, 0.5, 0.3, drawSeed);
            case "moons", "noisy_moons" -> moons(200, 0.2, drawSeed);
            case "blobs" -> seed == drawSeed ? blobs(200, 6, seed) : blobs(200, 6, seed, drawSeed);
            case "gaussian", "gaussian_quantiles" -> gaussianQuantiles(200, 0.5, drawSeed);
            default -> throw new IllegalArgumentException("unknown planar dataset '" + name + "'; choose one of " + NAMES);
        };
    }

    /**
     * The course's flower, {@code load_planar_dataset()}:
     * <pre>
     * np.random.seed(1); m = 400; N = 200; D = 2; a = 4
     * for j in range(2):
     *     t = np.linspace(j*3.12, (j+1)*3.12, N) + np.random.randn(N)*0.2   # theta
     *     r = a*np.sin(4*t) + np.random.randn(N)*0.2                        # radius
     *     X[ix] = np.c_[r*np.sin(t), r*np.cos(t)]; Y[ix] = j
     * </pre>
     *
     * @param seed the course's is 1
     */
    public static Dataset flower(long seed) {
        RandomState rng = new RandomState(seed);
        int m = 400;
        int n = m / 2;
        double a = 4;
        double[] x = new double[m * 2];
        double[] y = new double[m];
        for (int j = 0; j < 2; j++) {
            double[] lin = linspace(j * 3.12, (j + 1) * 3.12, n, true);
            double[] t = new double[n];
            for (int i = 0; i < n; i++) {
                t[i] = lin[i] + rng.nextGaussian() * 0.2;
            }
            for (int i = 0; i < n; i++) {
                double r = a * Math.sin(4 * t[i]) + rng.nextGaussian() * 0.2;
                int row = n * j + i;
                x[2 * row] = r * Math.sin(t[i]);
                x[2 * row + 1] = r * Math.cos(t[i]);
                y[row] = j;
            }
        }
        return Dataset.of(Tensor.of(x, m, 2), Tensor.of(y, m, 1));
    }

    /**
     * scikit-learn's {@code make_circles(n_samples=n, factor=factor, noise=noise)} after
     * {@code np.random.seed(seed)}: an outer circle (class 0) and an inner one of radius {@code factor} (class 1),
     * shuffled, plus Gaussian noise. The course's C1W3 call: n 200, factor .5, noise .3.
     */
    public static Dataset circles(int n, double factor, double noise, long seed) {
        int nOut = n / 2;
        int nIn = n - nOut;
        double[] lo = linspace(0, 2 * Math.PI, nOut, false);
        double[] li = linspace(0, 2 * Math.PI, nIn, false);
        double[] x = new double[2 * n];
        double[] y = new double[n];
        for (int i = 0; i < nOut; i++) {
            x[2 * i] = Math.cos(lo[i]);
            x[2 * i + 1] = Math.sin(lo[i]);
        }
        for (int i = 0; i < nIn; i++) {
            x[2 * (nOut + i)] = Math.cos(li[i]) * factor;
            x[2 * (nOut + i) + 1] = Math.sin(li[i]) * factor;
            y[nOut + i] = 1;
        }
        return shuffleAndNoise(x, y, noise, new RandomState(seed));
    }

    /**
     * scikit-learn's {@code make_moons(n_samples=n, noise=noise)} after {@code np.random.seed(seed)}: two
     * interleaving half circles, shuffled, plus Gaussian noise. The course's C1W3 call: n 200, noise .2 (Course 2,
     * week 2 uses n 300, noise .2, seed 3).
     */
    public static Dataset moons(int n, double noise, long seed) {
        int nOut = n / 2;
        int nIn = n - nOut;
        double[] lo = linspace(0, Math.PI, nOut, true);
        double[] li = linspace(0, Math.PI, nIn, true);
        double[] x = new double[2 * n];
        double[] y = new double[n];
        for (int i = 0; i < nOut; i++) {
            x[2 * i] = Math.cos(lo[i]);
            x[2 * i + 1] = Math.sin(lo[i]);
        }
        for (int i = 0; i < nIn; i++) {
            x[2 * (nOut + i)] = 1 - Math.cos(li[i]);
            x[2 * (nOut + i) + 1] = 1 - Math.sin(li[i]) - 0.5;
            y[nOut + i] = 1;
        }
        return shuffleAndNoise(x, y, noise, new RandomState(seed));
    }

    /**
     * scikit-learn's {@code make_blobs(n_samples=n, n_features=2, centers=centers, random_state=seed)}: centres
     * uniform in [-10, 10)^2, then unit-variance normals around each in turn, shuffled; the label is the centre's
     * index {@code % 2}, as the course's {@code Y = Y % 2} (the course: n 200, centers 6, seed 5).
     */
    public static Dataset blobs(int n, int centers, long seed) {
        RandomState rng = new RandomState(seed);
        return blobsAround(centres(rng, centers), n, rng);
    }

    /**
     * More points around the centres of {@link #blobs blobs(n, centers, seed)}, drawn from
     * {@code new RandomState(pointSeed)}: a dev or test set of the same problem.
     */
    public static Dataset blobs(int n, int centers, long seed, long pointSeed) {
        return blobsAround(centres(new RandomState(seed), centers), n, new RandomState(pointSeed));
    }

    /** {@code uniform(-10, 10, (centers, 2))}, row-major. */
    private static double[] centres(RandomState rng, int centers) {
        double[] c = new double[centers * 2];
        for (int i = 0; i < c.length; i++) {
            c[i] = -10.0 + 20.0 * rng.nextDouble();
        }
        return c;
    }

    private static Dataset blobsAround(double[] c, int n, RandomState rng) {
        int centers = c.length / 2;
        int[] per = new int[centers];
        Arrays.fill(per, n / centers);
        for (int i = 0; i < n % centers; i++) {
            per[i]++;
        }
        double[] x = new double[2 * n];
        double[] y = new double[n];
        int row = 0;
        for (int k = 0; k < centers; k++) {
            for (int i = 0; i < per[k]; i++, row++) {
                x[2 * row] = c[2 * k] + 1.0 * rng.nextGaussian();
                x[2 * row + 1] = c[2 * k + 1] + 1.0 * rng.nextGaussian();
                y[row] = k % 2;
            }
        }
        return reorder(x, y, rng.permutation(n));
    }

    /**
     * Gaussian quantiles, scikit-learn's {@code make_gaussian_quantiles(cov=cov, n_samples=n, n_features=2,
     * n_classes=2)} in distribution: {@code sqrt(cov) * randn(n, 2)}, sorted by squared distance from the origin
     * (stable), the nearer half class 0 and the rest class 1, then shuffled. The course: n 200, cov .5.
     */
    public static Dataset gaussianQuantiles(int n, double cov, long seed) {
        RandomState rng = new RandomState(seed);
        double scale = Math.sqrt(cov);
        double[] raw = new double[2 * n];
        for (int i = 0; i < raw.length; i++) {
            raw[i] = scale * rng.nextGaussian();
        }
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (p, q) -> Double.compare(raw[2 * p] * raw[2 * p] + raw[2 * p + 1] * raw[2 * p + 1],
                raw[2 * q] * raw[2 * q] + raw[2 * q + 1] * raw[2 * q + 1]));
        double[] x = new double[2 * n];
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            x[2 * i] = raw[2 * order[i]];
            x[2 * i + 1] = raw[2 * order[i] + 1];
            y[i] = i < n / 2 ? 0 : 1;
        }
        return reorder(x, y, rng.permutation(n));
    }

    /** scikit-learn's {@code shuffle} (legacy shuffle of arange(n), rows reordered), then {@code X += normal(0, noise, (n, 2))}. */
    private static Dataset shuffleAndNoise(double[] x, double[] y, double noise, RandomState rng) {
        int n = y.length;
        int[] idx = rng.permutation(n);
        double[] sx = new double[2 * n];
        double[] sy = new double[n];
        for (int i = 0; i < n; i++) {
            sx[2 * i] = x[2 * idx[i]];
            sx[2 * i + 1] = x[2 * idx[i] + 1];
            sy[i] = y[idx[i]];
        }
        for (int i = 0; i < 2 * n; i++) {
            sx[i] += 0.0 + noise * rng.nextGaussian();
        }
        return Dataset.of(Tensor.of(sx, n, 2), Tensor.of(sy, n, 1));
    }

    private static Dataset reorder(double[] x, double[] y, int[] idx) {
        int n = y.length;
        double[] sx = new double[2 * n];
        double[] sy = new double[n];
        for (int i = 0; i < n; i++) {
            sx[2 * i] = x[2 * idx[i]];
            sx[2 * i + 1] = x[2 * idx[i] + 1];
            sy[i] = y[idx[i]];
        }
        return Dataset.of(Tensor.of(sx, n, 2), Tensor.of(sy, n, 1));
    }

    /**
     * numpy's {@code linspace(start, stop, n, endpoint)}: {@code i * step + start} with {@code step = (stop - start)
     * / (n - 1)} ({@code / n} without the endpoint), the last value set to {@code stop} exactly with the endpoint.
     */
    static double[] linspace(double start, double stop, int n, boolean endpoint) {
        double[] out = new double[n];
        int div = endpoint ? n - 1 : n;
        double step = (stop - start) / div;
        for (int i = 0; i < n; i++) {
            out[i] = i * step + start;
        }
        if (endpoint && n > 1) {
            out[n - 1] = stop;
        }
        return out;
    }
}
