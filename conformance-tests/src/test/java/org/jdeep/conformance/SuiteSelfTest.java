package org.jdeep.conformance;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jdeep.BackendInfo;
import org.jdeep.Backends;
import org.jdeep.conformance.Compare.Stats;
import org.jdeep.conformance.Layout.Kind;
import org.jdeep.types.DType;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.opentest4j.TestAbortedException;

/** Tests of the suite's own machinery: comparisons, tolerances, layouts, the JSON reader, and skipping. */
class SuiteSelfTest {

    @Test
    void nanMatchesNanAndInfinitiesMustMatchExactly() {
        Stats s = Compare.compare("t", new double[] {Double.NaN, Double.POSITIVE_INFINITY, 1.0},
                new double[] {Double.NaN, Double.POSITIVE_INFINITY, 1.0}, DType.FLOAT32, Tolerances.EXACT, null);
        assertTrue(s.ok());
        assertFalse(Compare.compare("t", new double[] {1e300}, new double[] {Double.POSITIVE_INFINITY}, DType.FLOAT64,
                Tolerances.of(Tolerances.Family.COMPOSITE, DType.FLOAT64), null).ok());
        assertFalse(Compare.compare("t", new double[] {0}, new double[] {Double.NaN}, DType.FLOAT64,
                Tolerances.of(Tolerances.Family.ELEMENTWISE, DType.FLOAT64), null).ok());
    }

    @Test
    void float64ToleranceCatchesSinglePrecisionArithmetic() {
        double e = Math.exp(0.3);
        Stats s = Compare.compare("t", new double[] {(float) e}, new double[] {e}, DType.FLOAT64,
                Tolerances.of(Tolerances.Family.TRANSCENDENTAL, DType.FLOAT64), null);
        assertFalse(s.ok(), "a float64 result computed in float32 must fail");
    }

    @Test
    void summationBoundAdmitsReorderingButNotAMissingTerm() {
        int n = 1000;
        double[] x = new double[n];
        double exact = 0;
        float naive = 0;
        double sumAbs = 0;
        for (int i = 0; i < n; i++) {
            x[i] = (float) Math.sin(i) * 3;
            exact += x[i];
            naive += (float) x[i];
            sumAbs += Math.abs(x[i]);
        }
        Tolerances.Tolerance tol = Tolerances.of(Tolerances.Family.REDUCTION, DType.FLOAT32);
        double[] mag = {n * sumAbs};
        assertTrue(Compare.compare("t", new double[] {naive}, new double[] {(float) exact}, DType.FLOAT32, tol, mag).ok());
        assertFalse(Compare.compare("t", new double[] {(float) (exact - x[7])}, new double[] {(float) exact},
                DType.FLOAT32, tol, mag).ok(), "a missing term must fail");
    }

    @Test
    void layoutsAddressEveryElementOnceInsideTheBuffer() {
        int[] shape = {3, 4, 5};
        for (Kind k : new Kind[] {Kind.CONTIGUOUS, Kind.PADDED, Kind.PERMUTED, Kind.REVERSED, Kind.MIXED}) {
            Layout l = Layout.of(shape, k);
            int[] pos = l.positions();
            assertEquals(60, pos.length);
            assertEquals(60, java.util.Arrays.stream(pos).distinct().count(), k + " overlaps itself");
            for (int p : pos) {
                assertTrue(p >= 0 && p < l.length, k + " leaves the buffer");
            }
        }
        assertArrayEquals(new int[] {2, 2, 2, 2}, Layout.zero(new int[] {2, 2}).positions());
    }

    @Test
    void jsonReaderReadsTheCourseSchema() {
        Object o = Json.parse("{\"a\": [1, 2.5e-3, -4], \"b\": {\"s\": \"x\\\"y\"}, \"c\": true, \"d\": null}");
        Map<?, ?> m = (Map<?, ?>) o;
        assertEquals(List.of(1.0, 2.5e-3, -4.0), m.get("a"));
        assertEquals("x\"y", ((Map<?, ?>) m.get("b")).get("s"));
        assertThrows(IllegalArgumentException.class, () -> Json.parse("{\"a\": }"));
    }

    @Test
    void aMissingOrUnavailableBackendIsSkippedWithItsReasonNeverPassed() throws Throwable {
        ConformanceSuite.Config config = new ConformanceSuite.Config(List.of("no-such-backend", "broken"),
                Set.of("spi"), null, "nowhere", Path.of("target/conformance"), "self-test");
        List<DynamicNode> nodes = ConformanceSuite.tests(config).toList();
        assertEquals(2, nodes.size());
        for (DynamicNode n : nodes) {
            DynamicTest t = (DynamicTest) n;
            TestAbortedException e = assertThrows(TestAbortedException.class, () -> t.getExecutable().execute());
            assertTrue(e.getMessage().contains("was not found") || e.getMessage().contains("enabled only by"),
                    e.getMessage());
        }
        Report.forget("no-such-backend");
    }

    @Test
    void cudaIsCheckedWhereItRunsAndOtherwiseSkippedWithItsProbesReasonNeverRequired() {
        Optional<BackendInfo> cuda = Backends.list().stream().filter(b -> b.name().equals("cuda")).findFirst();
        assumeTrue(cuda.isPresent(), "the cuda backend is not a test dependency here (-Djdeep.conformance.onlyCpu)");
        ConformanceSuite.Config config = new ConformanceSuite.Config(List.of("cuda"), Set.of("spi"), null, "nowhere",
                Path.of("target/conformance"), "self-test");
        List<ConformanceSuite.Target> targets = ConformanceSuite.targets(config);
        assertEquals(1, targets.size());
        ConformanceSuite.Target t = targets.get(0);
        assertEquals(cuda.get().available(), t.available(), t.toString());
        if (!t.available()) {
            assertEquals(cuda.get().detail(), t.detail(), "the probe's own line");
            assertTrue(t.detail().startsWith("cuda: ") && !t.detail().contains("\n"), t.detail());
        }
        // CI (CI=true) requires cpu and opencl: it has no GPU, so cuda must never be required there.
        assertFalse(ConformanceSuite.Config.fromSystemProperties().required().contains("cuda"));
    }

    @Test
    void everyGoldenCaseParsesAndNamesItsDtype() {
        List<GoldenCases.Case> cases = GoldenCases.load();
        assertTrue(cases.size() > 1000, "golden cases: " + cases.size());
        for (GoldenCases.Case c : cases) {
            assertTrue(c.op() != null && c.expected() != null, c.name());
        }
    }
}
