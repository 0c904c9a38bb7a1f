package org.jdeep.random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.jdeep.Tensor;
import org.jdeep.types.DType;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * {@link RandomState} against numpy's legacy {@code RandomState}: the call sequences of
 * {@code golden.txt} (written by {@code tools/gen_random_golden.py}; see it for the line format) replayed
 * on one generator per {@code new} record. Uniforms, integers, permutations, shuffles, binomials and
 * choices must be identical; normals within {@value #NORMAL_ULPS} ulp (numpy's normals use the C library's
 * {@code log}, not correctly rounded).
 */
class RandomStateTest {
    private static final int NORMAL_ULPS = 4;
    private static final String GOLDEN = "golden.txt";

    /** One record of the golden file. */
    private record Line(int number, String op, String[] args, String[] values) {
        @Override
        public String toString() {
            return GOLDEN + ":" + number + " " + op + "|" + String.join(" ", args);
        }
    }

    private static List<Line> readGolden() throws IOException {
        List<Line> lines = new ArrayList<>();
        try (InputStream in = RandomStateTest.class.getResourceAsStream(GOLDEN)) {
            if (in == null) {
                throw new IOException("test resource " + GOLDEN + " not found next to " + RandomStateTest.class);
            }
            BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            String s;
            int n = 0;
            while ((s = r.readLine()) != null) {
                n++;
                if (s.isBlank() || s.startsWith("#")) {
                    continue;
                }
                String[] f = s.split("\\|", -1);
                if (f.length != 3) {
                    throw new IOException(GOLDEN + ":" + n + ": expected op|args|values, got " + s);
                }
                lines.add(new Line(n, f[0], words(f[1]), words(f[2])));
            }
        }
        return lines;
    }

    private static String[] words(String s) {
        return s.isEmpty() ? new String[0] : s.split(" ");
    }

    /** One dynamic test per generator ({@code new SEED} up to the next {@code new}) and per bad seed. */
    @TestFactory
    Stream<DynamicTest> goldenSequences() throws IOException {
        List<Line> all = readGolden();
        List<DynamicTest> tests = new ArrayList<>();
        assertEquals("numpy", all.get(0).op(), "the file starts with the numpy version");
        int i = 1;
        while (i < all.size()) {
            Line head = all.get(i);
            switch (head.op()) {
                case "bad_seed" -> {
                    long seed = Long.parseLong(head.args()[0]);
                    tests.add(DynamicTest.dynamicTest(head.toString(), () -> {
                        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                                () -> new RandomState(seed));
                        assertTrue(e.getMessage().contains("Seed must be between 0 and 2**32 - 1"), e.getMessage());
                    }));
                    i++;
                }
                case "new" -> {
                    int j = i + 1;
                    while (j < all.size() && !all.get(j).op().equals("new") && !all.get(j).op().equals("bad_seed")) {
                        j++;
                    }
                    List<Line> block = all.subList(i, j);
                    tests.add(DynamicTest.dynamicTest(head + " (" + block.size() + " records)", () -> replay(block)));
                    i = j;
                }
                default -> throw new IOException(head + ": a block must start with new or bad_seed");
            }
        }
        return tests.stream();
    }

    private static void replay(List<Line> block) {
        RandomState rs = new RandomState(Long.parseLong(block.get(0).args()[0]));
        for (Line l : block.subList(1, block.size())) {
            String[] a = l.args();
            switch (l.op()) {
                case "seed" -> rs.seed(Long.parseLong(a[0]));
                case "state" -> {
                    int k = Integer.parseInt(a[0]);
                    int[] key = rs.key();
                    long[] got = new long[k + 1];
                    got[0] = rs.position();
                    for (int t = 0; t < k; t++) {
                        got[t + 1] = key[t] & 0xffffffffL;
                    }
                    assertArrayEquals(longs(l.values()), got, l::toString);
                }
                case "rand" -> assertDoubles(l, rs.rand(shape(a[0])), shape(a[0]), false, 0);
                case "randn" -> assertDoubles(l, rs.randn(shape(a[0])), shape(a[0]), true, 0);
                case "rand_tail" -> assertTail(l, rs.randomSample(Integer.parseInt(a[0])), false);
                case "randn_tail" -> assertTail(l, rs.gaussians(Integer.parseInt(a[0])), true);
                case "uniform" -> assertDoubles(l, rs.uniform(d(a[0]), d(a[1]), shape(a[2])), shape(a[2]), false, 0);
                case "normal" -> assertDoubles(l, rs.normal(d(a[0]), d(a[1]), shape(a[2])), shape(a[2]), true,
                        d(a[0]));
                case "randint" -> assertInts(l, rs.randint(Integer.parseInt(a[0]), Integer.parseInt(a[1]),
                        shape(a[2])), shape(a[2]));
                case "binomial" -> assertInts(l, rs.binomial(Integer.parseInt(a[0]), d(a[1]), shape(a[2])),
                        shape(a[2]));
                case "permutation" -> assertArrayEquals(ints(l.values()), rs.permutation(Integer.parseInt(a[0])),
                        l::toString);
                case "shuffle" -> {
                    int[] x = ints(a);
                    rs.shuffle(x);
                    assertArrayEquals(ints(l.values()), x, l::toString);
                }
                case "choice" -> {
                    double[] p = a[3].equals("none") ? null
                            : Arrays.stream(a[3].split(",")).mapToDouble(Double::parseDouble).toArray();
                    int[] got = rs.choice(Integer.parseInt(a[0]), Integer.parseInt(a[1]),
                            Boolean.parseBoolean(a[2]), p);
                    assertArrayEquals(ints(l.values()), got, l::toString);
                }
                default -> fail(l + ": unknown op " + l.op());
            }
        }
    }

    private static void assertDoubles(Line l, Tensor t, int[] shape, boolean normal, double mean) {
        try (t) {
            assertEquals(DType.FLOAT64, t.dtype(), l::toString);
            assertArrayEquals(shape, t.shape().dims(), l::toString);
            assertClose(l, doubles(l.values()), t.toDoubleArray(), normal, mean);
        }
    }

    private static void assertInts(Line l, Tensor t, int[] shape) {
        try (t) {
            assertEquals(DType.INT32, t.dtype(), l::toString);
            assertArrayEquals(shape, t.shape().dims(), l::toString);
            assertArrayEquals(ints(l.values()), t.toIntArray(), l::toString);
        }
    }

    private static void assertTail(Line l, double[] all, boolean normal) {
        int k = Integer.parseInt(l.args()[1]);
        assertClose(l, doubles(l.values()), Arrays.copyOfRange(all, all.length - k, all.length), normal, 0);
    }

    /** Uniforms exactly; normals ({@code mean + std * g}) within a few ulp of the value and of {@code value - mean}. */
    private static void assertClose(Line l, double[] expected, double[] actual, boolean normal, double mean) {
        assertEquals(expected.length, actual.length, () -> l + ": length");
        for (int i = 0; i < expected.length; i++) {
            double e = expected[i];
            double a = actual[i];
            if (!normal) {
                if (Double.doubleToLongBits(e) != Double.doubleToLongBits(a)) {
                    fail(l + ": element " + i + ": expected " + e + " but was " + a);
                }
            } else {
                double tol = NORMAL_ULPS * (Math.ulp(e) + Math.ulp(e - mean));
                if (!(Math.abs(e - a) <= tol)) {
                    fail(l + ": element " + i + ": expected " + e + " but was " + a + " (more than " + NORMAL_ULPS
                            + " ulp)");
                }
            }
        }
    }

    private static int[] shape(String s) {
        return s.equals("-") ? new int[0] : Arrays.stream(s.split("x")).mapToInt(Integer::parseInt).toArray();
    }

    private static double d(String s) {
        return Double.parseDouble(s);
    }

    private static double[] doubles(String[] s) {
        return Arrays.stream(s).mapToDouble(Double::parseDouble).toArray();
    }

    private static int[] ints(String[] s) {
        return Arrays.stream(s).mapToInt(Integer::parseInt).toArray();
    }

    private static long[] longs(String[] s) {
        return Arrays.stream(s).mapToLong(Long::parseLong).toArray();
    }

    // ---------------------------------------------------------------------- hand-written checks

    @Test
    void seedOneMatchesTheReadmeWords() {
        RandomState rs = new RandomState(1);
        int[] key = rs.key();
        assertEquals(1L, key[0] & 0xffffffffL);
        assertEquals(1812433254L, key[1] & 0xffffffffL);
        assertEquals(3713160357L, key[2] & 0xffffffffL);
        MersenneTwister mt = new MersenneTwister();
        mt.seed(1);
        assertEquals(1791095845L, mt.nextUnsignedInt());
        assertEquals(4282876139L, mt.nextUnsignedInt());
    }

    @Test
    void courseStreamSeedOne() {
        RandomState rs = new RandomState(1);
        double[] n = rs.gaussians(5);
        double[] expected = {1.6243453636632417, -0.6117564136500754, -0.5281717522634557, -1.0729686221561705,
            0.8654076293246785};
        for (int i = 0; i < 5; i++) {
            assertEquals(expected[i], n[i], NORMAL_ULPS * Math.ulp(expected[i]));
        }
        assertArrayEquals(new double[] {0.4191945144032948, 0.6852195003967595, 0.20445224973151743},
                rs.randomSample(3));
        assertArrayEquals(new int[] {8, 3, 5, 9, 0, 6, 1, 7, 4, 2}, rs.permutation(10));
        // the first of these comes from the gauss cache left by randn(5)
        assertEquals(-2.3015386968802827, rs.nextGaussian(), NORMAL_ULPS * Math.ulp(2.3));
        assertEquals(0.7299755964138446, rs.nextGaussian(), NORMAL_ULPS * Math.ulp(0.73));
    }

    @Test
    void gaussCacheSurvivesOtherCallsAndIsDroppedBySeed() {
        RandomState a = new RandomState(3);
        a.nextGaussian();
        a.rand(4).close();
        a.permutation(5);
        double cached = a.nextGaussian();
        RandomState b = new RandomState(3);
        b.gaussians(1);
        double[] x = new double[1];
        b.randomSample(4);
        b.permutation(5);
        x[0] = b.nextGaussian();
        assertEquals(cached, x[0]);

        RandomState c = new RandomState(3);
        c.nextGaussian();
        c.seed(3);
        assertEquals(new RandomState(3).nextGaussian(), c.nextGaussian());
    }

    @Test
    void tensorsAndScalarShapes() {
        RandomState rs = new RandomState(0);
        try (Tensor t = rs.randn(12288, 20)) {
            assertArrayEquals(new int[] {12288, 20}, t.shape().dims());
            assertEquals(DType.FLOAT64, t.dtype());
        }
        try (Tensor s = new RandomState(0).rand()) {
            assertEquals(0, s.shape().rank());
            assertEquals(0.5488135039273248, s.toDoubleArray()[0]);
        }
        try (Tensor e = rs.rand(0, 3)) {
            assertEquals(0, e.toDoubleArray().length);
        }
    }

    @Test
    void bernoulliMaskIsOneDrawPerElement() {
        RandomState a = new RandomState(1);
        a.binomial(1, 0.8, 7).close();
        RandomState b = new RandomState(1);
        b.randomSample(7);
        assertEquals(b.nextDouble(), a.nextDouble());
    }

    @Test
    void largeIntervalsUse64BitWords() {
        RandomState a = new RandomState(5);
        long v = a.randomInterval(0x1_0000_0000L); // mask 2^33-1, 64-bit words, high word first
        MersenneTwister mt = new MersenneTwister();
        mt.seed(5);
        long w;
        do {
            w = mt.nextLong() & 0x1_ffff_ffffL;
        } while (w > 0x1_0000_0000L);
        assertEquals(w, v);
        assertEquals(0, a.randomInterval(0));
    }

    @Test
    void rejectsBadArguments() {
        RandomState rs = new RandomState(0);
        assertMessage("Seed must be between 0 and 2**32 - 1", () -> new RandomState(-5));
        assertMessage("Seed must be between 0 and 2**32 - 1", () -> rs.seed(1L << 32));
        assertMessage("negative dimensions are not allowed", () -> rs.rand(2, -1));
        assertMessage("negative dimensions are not allowed", () -> rs.randn(-3));
        assertMessage("low >= high", () -> rs.randint(5, 5, 2));
        assertMessage("low >= high", () -> rs.randint(6, 5, 2));
        assertMessage("Range exceeds valid bounds", () -> rs.uniform(0, Double.POSITIVE_INFINITY, 2));
        assertMessage("Range exceeds valid bounds", () -> rs.uniform(Double.NaN, 1, 2));
        assertMessage("scale < 0", () -> rs.normal(0, -1, 2));
        assertMessage("scale < 0", () -> rs.normal(0, -0.0, 2));
        assertMessage("n < 0", () -> rs.binomial(-1, 0.5, 2));
        assertMessage("p < 0, p > 1 or p is NaN", () -> rs.binomial(3, 1.5, 2));
        assertMessage("p < 0, p > 1 or p is NaN", () -> rs.binomial(3, -0.1, 2));
        assertMessage("p < 0, p > 1 or p is NaN", () -> rs.binomial(3, Double.NaN, 2));
        assertMessage("permutation", () -> rs.permutation(-1));
        assertMessage("Cannot take a larger sample than population", () -> rs.choice(3, 4, false, null));
        assertMessage("probabilities do not sum to 1", () -> rs.choice(3, 2, true, new double[] {0.5, 0.5, 0.1}));
        assertMessage("probabilities are not non-negative",
                () -> rs.choice(3, 2, true, new double[] {0.5, 0.6, -0.1}));
        assertMessage("probabilities contain NaN", () -> rs.choice(3, 2, true, new double[] {0.5, Double.NaN, 0.5}));
        assertMessage("'a' and 'p' must have same size", () -> rs.choice(3, 2, true, new double[] {0.5, 0.5}));
        assertMessage("Fewer non-zero entries in p than size",
                () -> rs.choice(3, 3, false, new double[] {0.5, 0.5, 0}));
        assertMessage("a must be greater than 0 unless no samples are taken", () -> rs.choice(0, 2, true, null));
        assertMessage("negative dimensions are not allowed", () -> rs.choice(3, -1, true, null));
        assertEquals(0, rs.choice(0, 0, true, null).length);
        // within numpy's tolerance sqrt(eps) = 1.49e-8 the sum is accepted
        assertEquals(2, rs.choice(2, 2, true, new double[] {0.5, 0.5 + 1e-8}).length);
        // a failed validation draws nothing
        RandomState fresh = new RandomState(0);
        assertThrows(IllegalArgumentException.class, () -> fresh.randint(1, 1, 3));
        assertEquals(0.5488135039273248, fresh.nextDouble());
    }

    @Test
    void differentSeedsDiffer() {
        assertNotEquals(new RandomState(0).nextDouble(), new RandomState(1).nextDouble());
        assertFalse(Arrays.equals(new RandomState(0).permutation(20), new RandomState(1).permutation(20)));
    }

    private static void assertMessage(String part, org.junit.jupiter.api.function.Executable call) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call);
        assertTrue(e.getMessage().contains(part), () -> "message \"" + e.getMessage() + "\" lacks \"" + part + "\"");
    }
}
