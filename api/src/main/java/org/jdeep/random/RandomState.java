package org.jdeep.random;

import java.util.Arrays;
import org.jdeep.Tensor;

/**
 * numpy's legacy random generator, {@code np.random.RandomState} (MT19937 with numpy's legacy
 * distributions), reproduced value for value. The Deep Learning Specialization's notebooks draw all their
 * randomness from it through {@code np.random.seed(...)} and the module-level functions ({@code randn},
 * {@code rand}, {@code permutation}, ...), so one {@code RandomState} seeded like the notebook replays the
 * notebook's test inputs, initial weights, dropout masks and mini-batch orders.
 *
 * <p>State: the 624-word Mersenne Twister key and position, plus the cached second normal of the polar
 * Box-Muller method ({@code has_gauss}/{@code gauss}), which survives calls to other methods and is only
 * dropped by {@link #seed(long)}. Arrays are filled in C (row-major) order.
 *
 * <p>Exactness: uniforms, integers, permutations, shuffles, choices and binomials are bit-identical to
 * numpy. Normals use {@link Math#log}, whereas numpy calls the C library's {@code log}, which is not
 * correctly rounded; a small fraction of normals (about 0.04% against glibc) differ from numpy's in the
 * last bit or two, and the stream itself never shifts (the rejection test only uses uniforms). The binomial
 * samplers also call {@code log}/{@code exp}; a last-bit difference there could flip an accept/reject
 * decision only when a uniform lands within an ulp of the bound.
 *
 * <p>Not thread-safe; numpy serialises access with a lock, callers here must confine an instance to one
 * thread or synchronise.
 */
public final class RandomState {
    private static final long MAX_SEED = 0xffffffffL;
    /** numpy's tolerance on {@code sum(p) - 1} in {@code choice}: {@code sqrt(finfo(float64).eps)}. */
    private static final double CHOICE_ATOL = Math.sqrt(Math.ulp(1.0));

    private final MersenneTwister mt = new MersenneTwister();
    private final LegacyBinomial binomial = new LegacyBinomial();
    private boolean hasGauss;
    private double gauss;

    /**
     * A generator seeded like {@code np.random.RandomState(seed)} / {@code np.random.seed(seed)}.
     *
     * @param seed an integer in {@code [0, 2^32 - 1]}
     * @throws IllegalArgumentException for a seed outside that range (numpy raises
     *     {@code ValueError: Seed must be between 0 and 2**32 - 1}, also for seeds of 2^32 and above)
     */
    public RandomState(long seed) {
        seed(seed);
    }

    /**
     * Re-seeds in place like {@code np.random.seed(seed)}: numpy's {@code init_genrand} key, and the cached
     * normal is discarded.
     *
     * @param seed an integer in {@code [0, 2^32 - 1]}
     * @throws IllegalArgumentException for a seed outside that range
     */
    public void seed(long seed) {
        if (seed < 0 || seed > MAX_SEED) {
            throw new IllegalArgumentException("Seed must be between 0 and 2**32 - 1, got " + seed);
        }
        mt.seed((int) seed);
        hasGauss = false;
        gauss = 0.0;
        binomial.reset();
    }

    // ------------------------------------------------------------------------------------------ scalars

    /** One uniform double in {@code [0, 1)}, like {@code np.random.random_sample()} / {@code rand()}. */
    public double nextDouble() {
        return mt.nextDouble();
    }

    /**
     * One standard normal, like {@code np.random.randn()} / {@code standard_normal()}: numpy's legacy polar
     * Box-Muller ({@code legacy_gauss}), returning the cached value first when there is one.
     */
    public double nextGaussian() {
        if (hasGauss) {
            hasGauss = false;
            double g = gauss;
            gauss = 0.0;
            return g;
        }
        double x1;
        double x2;
        double r2;
        do {
            x1 = 2.0 * mt.nextDouble() - 1.0;
            x2 = 2.0 * mt.nextDouble() - 1.0;
            r2 = x1 * x1 + x2 * x2;
        } while (r2 >= 1.0 || r2 == 0.0);
        double f = Math.sqrt(-2.0 * Math.log(r2) / r2);
        gauss = f * x1;
        hasGauss = true;
        return f * x2;
    }

    // ------------------------------------------------------------------------------- array-based core

    /** {@code n} uniforms in {@code [0, 1)} in draw order ({@code random_sample(n)}). */
    double[] randomSample(int n) {
        double[] out = new double[n];
        mt.fillDoubles(out);
        return out;
    }

    /** {@code n} standard normals in draw order ({@code standard_normal(n)}). */
    double[] gaussians(int n) {
        double[] out = new double[n];
        for (int i = 0; i < n; i++) {
            out[i] = nextGaussian();
        }
        return out;
    }

    /**
     * numpy's {@code random_interval(max)}: an integer uniform on {@code [0, max]} by masked rejection, one
     * 32-bit word per try for {@code max < 2^32}, one 64-bit word (high word first) per try above.
     */
    long randomInterval(long max) {
        if (max == 0) {
            return 0;
        }
        long mask = mask(max);
        long value;
        if (max <= MAX_SEED) {
            do {
                value = mt.nextUnsignedInt() & mask;
            } while (value > max);
        } else {
            do {
                value = mt.nextLong() & mask;
            } while (Long.compareUnsigned(value, max) > 0);
        }
        return value;
    }

    /** numpy's {@code gen_mask}: the smallest {@code 2^k - 1 >= max}. */
    private static long mask(long max) {
        long mask = max;
        mask |= mask >>> 1;
        mask |= mask >>> 2;
        mask |= mask >>> 4;
        mask |= mask >>> 8;
        mask |= mask >>> 16;
        mask |= mask >>> 32;
        return mask;
    }

    /**
     * {@code cnt} integers {@code low + [0, rng]} as numpy's {@code random_bounded_uint64_fill} with
     * {@code use_masked = true} draws them for a range below 2^32 - 1 (no draw at all when {@code rng == 0}).
     */
    int[] boundedInts(long low, long rng, int cnt) {
        int[] out = new int[cnt];
        if (rng == 0) {
            Arrays.fill(out, (int) low);
            return out;
        }
        // rng <= 2^32 - 2 here (int bounds), so numpy's 32-bit masked path applies.
        long mask = mask(rng);
        for (int i = 0; i < cnt; i++) {
            long v;
            do {
                v = mt.nextUnsignedInt() & mask;
            } while (v > rng);
            out[i] = (int) (low + v);
        }
        return out;
    }

    // ---------------------------------------------------------------------------------- public arrays

    /**
     * Uniform doubles in {@code [0, 1)} of the given shape, like {@code np.random.rand(d0, ..., dk)}
     * (numpy's {@code random_sample}: 53-bit doubles from two 32-bit words). Neither uses nor clears the
     * cached normal. No dimensions gives a scalar tensor.
     *
     * @throws IllegalArgumentException for a negative dimension
     */
    public Tensor rand(int... shape) {
        return Tensor.of(randomSample(size(shape)), shape.clone());
    }

    /**
     * Standard normals of the given shape, like {@code np.random.randn(d0, ..., dk)} (numpy's legacy
     * polar Box-Muller {@code legacy_gauss}, in C order, starting with any cached value).
     *
     * @throws IllegalArgumentException for a negative dimension
     */
    public Tensor randn(int... shape) {
        return Tensor.of(gaussians(size(shape)), shape.clone());
    }

    /**
     * Uniform doubles {@code low + (high - low) * u} of the given shape, like
     * {@code np.random.uniform(low, high, size)}. As in numpy, {@code low > high} is allowed (the values
     * then lie in {@code (high, low]}).
     *
     * @throws IllegalArgumentException when {@code high - low} is not finite (numpy: "Range exceeds valid
     *     bounds") or for a negative dimension
     */
    public Tensor uniform(double low, double high, int... shape) {
        double range = high - low;
        if (!Double.isFinite(range)) {
            throw new IllegalArgumentException("uniform: Range exceeds valid bounds (high - low = " + range + ")");
        }
        int n = size(shape);
        double[] out = new double[n];
        for (int i = 0; i < n; i++) {
            out[i] = low + range * mt.nextDouble();
        }
        return Tensor.of(out, shape.clone());
    }

    /**
     * Normals {@code mean + std * gauss} of the given shape, like {@code np.random.normal(loc, scale, size)}
     * (numpy's {@code legacy_normal}).
     *
     * @throws IllegalArgumentException for a negative {@code std} (numpy: "scale < 0", including -0.0) or a
     *     negative dimension
     */
    public Tensor normal(double mean, double std, int... shape) {
        if (!Double.isNaN(std) && Math.copySign(1.0, std) < 0) {
            throw new IllegalArgumentException("normal: scale < 0 (std = " + std + ")");
        }
        int n = size(shape);
        double[] out = new double[n];
        for (int i = 0; i < n; i++) {
            out[i] = mean + std * nextGaussian();
        }
        return Tensor.of(out, shape.clone());
    }

    /**
     * Integers uniform on {@code [low, high)} of the given shape as an INT32 tensor, like
     * {@code np.random.randint(low, high, size)} with numpy's default int64 dtype: masked rejection sampling
     * on 32-bit words ({@code random_bounded_uint64_fill} with {@code use_masked}); a one-value range draws
     * nothing.
     *
     * @throws IllegalArgumentException when {@code low >= high} or for a negative dimension
     */
    public Tensor randint(int low, int high, int... shape) {
        if (low >= high) {
            throw new IllegalArgumentException("randint: low >= high (low = " + low + ", high = " + high + ")");
        }
        int n = size(shape);
        return Tensor.of(boundedInts(low, (long) high - low - 1, n), shape.clone());
    }

    /**
     * A random permutation of {@code 0..n-1}, like {@code np.random.permutation(n)}: {@code arange(n)}
     * shuffled by {@link #shuffle(int[])}.
     *
     * @throws IllegalArgumentException for a negative {@code n} (numpy returns an empty array)
     */
    public int[] permutation(int n) {
        if (n < 0) {
            throw new IllegalArgumentException("permutation: n must be non-negative, got " + n);
        }
        int[] a = new int[n];
        for (int i = 0; i < n; i++) {
            a[i] = i;
        }
        shuffle(a);
        return a;
    }

    /**
     * Shuffles {@code array} in place like {@code np.random.shuffle} of a 1-D array: Fisher-Yates from the
     * end, {@code for i = n-1 .. 1: swap(a[i], a[random_interval(i)])}.
     */
    public void shuffle(int[] array) {
        for (int i = array.length - 1; i > 0; i--) {
            int j = (int) randomInterval(i);
            int t = array[i];
            array[i] = array[j];
            array[j] = t;
        }
    }

    /**
     * Binomial counts of the given shape as an INT32 tensor, like {@code np.random.binomial(n, p, size)}
     * (numpy's {@code legacy_random_binomial}: inversion when {@code min(p, 1-p) * n <= 30}, BTPE otherwise,
     * with numpy's cached set-up constants; {@code binomial(1, keep_prob, shape)} is a Bernoulli mask).
     *
     * @throws IllegalArgumentException for {@code n < 0}, {@code p} outside {@code [0, 1]} or NaN, or a
     *     negative dimension
     */
    public Tensor binomial(int n, double p, int... shape) {
        if (n < 0) {
            throw new IllegalArgumentException("binomial: n < 0 (n = " + n + ")");
        }
        if (!(p >= 0.0 && p <= 1.0)) {
            throw new IllegalArgumentException("binomial: p < 0, p > 1 or p is NaN (p = " + p + ")");
        }
        int cnt = size(shape);
        int[] out = new int[cnt];
        for (int i = 0; i < cnt; i++) {
            out[i] = (int) binomial.sample(mt, p, n);
        }
        return Tensor.of(out, shape.clone());
    }

    /**
     * {@code size} indices drawn from {@code 0..n-1}, like {@code np.random.choice(n, size, replace, p)}
     * in the legacy generator: with replacement and {@code p}, {@code searchsorted(cdf, random_sample(size),
     * 'right')} on {@code cdf = cumsum(p) / cumsum(p)[-1]}; with replacement and no {@code p},
     * {@code randint(0, n, size)}; without replacement and no {@code p}, {@code permutation(n)[:size]};
     * without replacement and with {@code p}, numpy's rounds of {@code rand(size - found)} draws, zeroing
     * the probabilities already chosen and keeping first occurrences.
     *
     * @param p the probabilities of the {@code n} outcomes, or {@code null} for uniform
     * @throws IllegalArgumentException with numpy's message for {@code n <= 0} with {@code size > 0}, a
     *     negative size, {@code p} of the wrong length, containing NaN or negative entries or not summing to
     *     1 within {@code sqrt(eps)}, {@code size > n} without replacement, or fewer non-zero entries in
     *     {@code p} than {@code size} without replacement
     */
    public int[] choice(int n, int size, boolean replace, double[] p) {
        if (size < 0) {
            throw new IllegalArgumentException("choice: negative dimensions are not allowed (size = " + size + ")");
        }
        if (n <= 0 && size != 0) {
            throw new IllegalArgumentException("choice: a must be greater than 0 unless no samples are taken (n = "
                    + n + ")");
        }
        if (n < 0) {
            throw new IllegalArgumentException("choice: n must be non-negative, got " + n);
        }
        if (p != null) {
            if (p.length != n) {
                throw new IllegalArgumentException("choice: 'a' and 'p' must have same size (n = " + n
                        + ", p.length = " + p.length + ")");
            }
            double sum = kahanSum(p);
            if (Double.isNaN(sum)) {
                throw new IllegalArgumentException("choice: probabilities contain NaN");
            }
            for (double v : p) {
                if (v < 0) {
                    throw new IllegalArgumentException("choice: probabilities are not non-negative (" + v + ")");
                }
            }
            if (Math.abs(sum - 1.0) > CHOICE_ATOL) {
                throw new IllegalArgumentException("choice: probabilities do not sum to 1 (sum = " + sum + ")");
            }
        }
        if (replace) {
            if (p != null) {
                double[] cdf = normalisedCumsum(p);
                int[] idx = new int[size];
                for (int i = 0; i < size; i++) {
                    idx[i] = searchsortedRight(cdf, mt.nextDouble());
                }
                return idx;
            }
            if (size == 0) {
                return new int[0];
            }
            return boundedInts(0, n - 1L, size);
        }
        if (size > n) {
            throw new IllegalArgumentException("choice: Cannot take a larger sample than population when "
                    + "'replace=False' (size = " + size + ", n = " + n + ")");
        }
        if (p == null) {
            return Arrays.copyOf(permutation(n), size);
        }
        int nonZero = 0;
        for (double v : p) {
            if (v > 0) {
                nonZero++;
            }
        }
        if (nonZero < size) {
            throw new IllegalArgumentException("choice: Fewer non-zero entries in p than size (" + nonZero
                    + " < " + size + ")");
        }
        double[] pp = p.clone();
        int[] found = new int[size];
        int nUniq = 0;
        boolean[] seen = new boolean[n];
        while (nUniq < size) {
            double[] x = randomSample(size - nUniq);
            for (int i = 0; i < nUniq; i++) {
                pp[found[i]] = 0.0;
            }
            double[] cdf = normalisedCumsum(pp);
            // np.unique(new, return_index=True), re-sorted by index: first occurrences in draw order.
            int start = nUniq;
            for (double u : x) {
                int v = searchsortedRight(cdf, u);
                if (!seen[v]) {
                    seen[v] = true;
                    found[nUniq++] = v;
                }
            }
            for (int i = start; i < nUniq; i++) {
                seen[found[i]] = false;
            }
        }
        return found;
    }

    // --------------------------------------------------------------------------------------- helpers

    /** numpy's {@code kahan_sum} from {@code mtrand.pyx} (compensated, starting from {@code p[0]}). */
    private static double kahanSum(double[] p) {
        if (p.length == 0) {
            return 0.0;
        }
        double sum = p[0];
        double c = 0.0;
        for (int i = 1; i < p.length; i++) {
            double y = p[i] - c;
            double t = sum + y;
            c = (t - sum) - y;
            sum = t;
        }
        return sum;
    }

    /** {@code cdf = p.cumsum(); cdf /= cdf[-1]} (sequential sums, each divided by the total). */
    private static double[] normalisedCumsum(double[] p) {
        double[] cdf = new double[p.length];
        double s = 0.0;
        for (int i = 0; i < p.length; i++) {
            s += p[i];
            cdf[i] = s;
        }
        double last = cdf[cdf.length - 1];
        for (int i = 0; i < cdf.length; i++) {
            cdf[i] /= last;
        }
        return cdf;
    }

    /** {@code searchsorted(cdf, u, side='right')}: the number of entries {@code <= u} of a sorted array. */
    private static int searchsortedRight(double[] cdf, double u) {
        int lo = 0;
        int hi = cdf.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (cdf[mid] <= u) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    /** The number of elements of {@code shape}; numpy's "negative dimensions are not allowed". */
    private static int size(int[] shape) {
        long n = 1;
        for (int d : shape) {
            if (d < 0) {
                throw new IllegalArgumentException("negative dimensions are not allowed: " + Arrays.toString(shape));
            }
            n *= d;
            if (n > Integer.MAX_VALUE) {
                throw new IllegalArgumentException("shape " + Arrays.toString(shape) + " has more than 2^31-1 elements");
            }
        }
        return (int) n;
    }

    /** A copy of the Mersenne Twister key (numpy's {@code get_state()[1]}), for tests. */
    int[] key() {
        return mt.key();
    }

    /** The key position (numpy's {@code get_state()[2]}), for tests. */
    int position() {
        return mt.position();
    }
}
