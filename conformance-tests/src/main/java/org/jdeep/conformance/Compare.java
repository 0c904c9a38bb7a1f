package org.jdeep.conformance;

import java.util.Arrays;
import org.jdeep.conformance.Tolerances.Tolerance;
import org.jdeep.types.DType;

/** Element-by-element comparison of a result with a reference, with the error statistics the report shows. */
final class Compare {
    private Compare() {
    }

    /**
     * The outcome of one comparison.
     *
     * @param reference what was compared against ("numpy", "float64", "cpu", ...)
     * @param n number of elements compared
     * @param failures elements outside the tolerance
     * @param maxAbs largest |actual - expected| over finite pairs
     * @param maxRel largest |actual - expected| / |expected| over finite pairs with expected != 0
     * @param detail a description of the first failure, or null
     */
    record Stats(String reference, int n, int failures, double maxAbs, double maxRel, String detail) {
        boolean ok() {
            return failures == 0;
        }

        static Stats failure(String reference, String detail) {
            return new Stats(reference, 0, 1, Double.NaN, Double.NaN, detail);
        }
    }

    /**
     * Compares {@code actual} with {@code expected}.
     *
     * @param magnitude per element {@code k * sum(|terms|)} for sums and products, or null
     */
    static Stats compare(String reference, double[] actual, double[] expected, DType dtype, Tolerance tol,
                         double[] magnitude) {
        if (actual.length != expected.length) {
            return Stats.failure(reference, "length " + actual.length + " != expected " + expected.length);
        }
        double u = Tolerances.unitRoundoff(dtype);
        int failures = 0;
        double maxAbs = 0;
        double maxRel = 0;
        String detail = null;
        for (int i = 0; i < actual.length; i++) {
            double a = actual[i];
            double e = expected[i];
            boolean ok;
            if (a == e || (Double.isNaN(a) && Double.isNaN(e))) {
                ok = true;
            } else if (Double.isNaN(a) || Double.isNaN(e) || Double.isInfinite(a) || Double.isInfinite(e)) {
                ok = false;
            } else {
                double d = Math.abs(a - e);
                maxAbs = Math.max(maxAbs, d);
                if (e != 0) {
                    maxRel = Math.max(maxRel, d / Math.abs(e));
                }
                double bound = tol.atol() + tol.rtol() * Math.abs(e);
                if (magnitude != null && tol.roundoff() > 0) {
                    bound += tol.roundoff() * u * magnitude[i] * 1.01;
                }
                ok = !tol.exact() && d <= bound;
            }
            if (!ok) {
                failures++;
                if (detail == null) {
                    detail = "element " + i + ": got " + a + ", expected " + e + " (" + reference + ", " + tol + ")";
                }
            }
        }
        return new Stats(reference, actual.length, failures, maxAbs, maxRel,
                detail == null ? null : failures + " of " + actual.length + " elements differ; first: " + detail);
    }

    /** Compares dimensions; a mismatch is one failure. */
    static Stats compareShape(String reference, int[] actual, int[] expected) {
        if (Arrays.equals(actual, expected)) {
            return new Stats(reference, 0, 0, 0, 0, null);
        }
        return Stats.failure(reference, "shape " + Arrays.toString(actual) + " != expected " + Arrays.toString(expected));
    }

    /** Rounds each value to the dtype as storing it would (float cast, or int cast for INT32). */
    static double[] roundTo(double[] v, DType dtype) {
        double[] r = v.clone();
        if (dtype == DType.FLOAT32) {
            for (int i = 0; i < r.length; i++) {
                r[i] = (float) r[i];
            }
        } else if (dtype == DType.INT32) {
            for (int i = 0; i < r.length; i++) {
                r[i] = (int) r[i];
            }
        }
        return r;
    }
}
