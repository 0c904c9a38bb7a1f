package org.jdeep.random;

/**
 * The MT19937 core of numpy's legacy generator: 624 32-bit words, numpy's integer seeding
 * ({@code init_genrand}), the standard twist and tempering, and numpy's 53-bit double.
 *
 * <p>Words are kept in Java {@code int}s and handled as unsigned 32-bit values ({@code >>>}, widened with
 * {@code & 0xffffffffL} where a comparison needs it). Not thread-safe.
 */
final class MersenneTwister {
    static final int N = 624;
    private static final int M = 397;
    private static final int MATRIX_A = 0x9908b0df;
    private static final int UPPER_MASK = 0x80000000;
    private static final int LOWER_MASK = 0x7fffffff;

    private final int[] mt = new int[N];
    private int pos = N;

    /** numpy's {@code mt19937_seed} (Matsumoto's {@code init_genrand}) for a 32-bit seed. */
    void seed(int seed) {
        int s = seed;
        mt[0] = s;
        for (int i = 1; i < N; i++) {
            s = 1812433253 * (s ^ (s >>> 30)) + i;
            mt[i] = s;
        }
        pos = N;
    }

    /** The next 32-bit output, as the bits of an {@code int} (read it unsigned). */
    int nextInt() {
        if (pos >= N) {
            twist();
        }
        int y = mt[pos++];
        y ^= y >>> 11;
        y ^= (y << 7) & 0x9d2c5680;
        y ^= (y << 15) & 0xefc60000;
        y ^= y >>> 18;
        return y;
    }

    /** The next 32-bit output widened to an unsigned {@code long} in {@code [0, 2^32)}. */
    long nextUnsignedInt() {
        return nextInt() & 0xffffffffL;
    }

    /** numpy's {@code next_uint64} for MT19937: the first word is the high half. */
    long nextLong() {
        long hi = nextUnsignedInt();
        return (hi << 32) | nextUnsignedInt();
    }

    /** numpy's {@code mt19937_next_double}: 27 bits of one word, then 26 of the next, over 2^53. */
    double nextDouble() {
        int a = nextInt() >>> 5;
        int b = nextInt() >>> 6;
        return (a * 67108864.0 + b) / 9007199254740992.0;
    }

    /** Fills {@code out} with {@link #nextDouble()} values, in order. */
    void fillDoubles(double[] out) {
        for (int i = 0; i < out.length; i++) {
            out[i] = nextDouble();
        }
    }

    private void twist() {
        int[] k = mt;
        int i = 0;
        for (; i < N - M; i++) {
            int y = (k[i] & UPPER_MASK) | (k[i + 1] & LOWER_MASK);
            k[i] = k[i + M] ^ (y >>> 1) ^ (-(y & 1) & MATRIX_A);
        }
        for (; i < N - 1; i++) {
            int y = (k[i] & UPPER_MASK) | (k[i + 1] & LOWER_MASK);
            k[i] = k[i + (M - N)] ^ (y >>> 1) ^ (-(y & 1) & MATRIX_A);
        }
        int y = (k[N - 1] & UPPER_MASK) | (k[0] & LOWER_MASK);
        k[N - 1] = k[M - 1] ^ (y >>> 1) ^ (-(y & 1) & MATRIX_A);
        pos = 0;
    }

    /** A copy of the 624 key words (numpy's {@code get_state()[1]}), for tests. */
    int[] key() {
        return mt.clone();
    }

    /** The position in the key (numpy's {@code get_state()[2]}), for tests. */
    int position() {
        return pos;
    }
}
