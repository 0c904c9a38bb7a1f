package org.jdeep.models.companion;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Element-wise comparison with numpy's {@code allclose} rule, {@code |actual - expected| <= atol + rtol |expected|}. */
final class Tolerance {
    private Tolerance() {
    }

    /** Asserts the arrays have one length and agree element by element (infinities must match exactly). */
    static void check(String what, double[] expected, double[] actual, double rtol, double atol) {
        assertEquals(expected.length, actual.length, what + ": number of values");
        for (int i = 0; i < expected.length; i++) {
            double e = expected[i];
            double a = actual[i];
            boolean ok = Double.isNaN(e) ? Double.isNaN(a)
                    : Double.isInfinite(e) ? e == a
                    : Math.abs(a - e) <= atol + rtol * Math.abs(e);
            if (!ok) {
                throw new AssertionError(what + "[" + i + "]: expected " + e + ", got " + a + " (difference "
                        + Math.abs(a - e) + ", allowed " + (atol + rtol * Math.abs(e)) + " = atol " + atol + " + rtol "
                        + rtol + " * |expected|)");
            }
        }
    }
}
