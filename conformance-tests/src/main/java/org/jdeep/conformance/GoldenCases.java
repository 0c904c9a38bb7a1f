package org.jdeep.conformance;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.jdeep.conformance.Tolerances.Family;
import org.jdeep.random.RandomState;
import org.jdeep.types.DType;
import org.jdeep.types.Shape;

/** The numpy golden cases of {@code tensor_cases.txt} (format: {@code tools/gen_conformance_golden.py}). */
final class GoldenCases {
    private GoldenCases() {
    }

    /** A host array: dtype, dims and row-major values (as doubles, exact for every dtype). */
    record Host(DType dtype, int[] shape, double[] values) {
        int size() {
            return values.length;
        }

        /** The same values in another dtype (exact from FLOAT32 or INT32 to FLOAT64). */
        Host as(DType to) {
            return new Host(to, shape, Compare.roundTo(values, to));
        }
    }

    /** The expected output: full values, or values at some flat indices only (large cases). */
    record Expected(DType dtype, int[] shape, double[] values, int[] sampleIndices) {
        boolean sampled() {
            return sampleIndices != null;
        }

        /** {@code actual} restricted to the indices given, when sampled. */
        double[] select(double[] actual) {
            if (!sampled()) {
                return actual;
            }
            double[] r = new double[sampleIndices.length];
            for (int i = 0; i < r.length; i++) {
                r[i] = sampleIndices[i] < actual.length ? actual[sampleIndices[i]] : Double.NaN;
            }
            return r;
        }
    }

    /** One case: a Tensor operation on inputs, with its expected result. */
    record Case(String name, List<Host> inputs, String[] op, Expected expected, Family family, int[] grad) {
        /** The op's name (the first token). */
        String opName() {
            return op[0];
        }

        /** The dtype named in the case ("op.f32.xxx"), else the expected output's. */
        DType dtype() {
            String[] parts = name.split("\\.");
            if (parts.length > 1) {
                DType d = parseDType(parts[1]);
                if (d != null) {
                    return d;
                }
            }
            return expected.dtype();
        }
    }

    static List<Case> load() {
        try (InputStream in = GoldenCases.class.getResourceAsStream("tensor_cases.txt")) {
            if (in == null) {
                throw new IllegalStateException("tensor_cases.txt is missing from the conformance suite's resources");
            }
            return parse(new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<Case> parse(BufferedReader r) throws IOException {
        List<Case> cases = new ArrayList<>();
        String line;
        String name = null;
        List<Host> inputs = null;
        String[] op = null;
        Expected expected = null;
        Family family = Family.EXACT;
        int[] grad = null;
        while ((line = r.readLine()) != null) {
            if (line.isEmpty() || line.startsWith("#") || line.startsWith("numpy ")) {
                continue;
            }
            String[] t = line.split(" ");
            switch (t[0]) {
                case "case" -> {
                    name = t[1];
                    inputs = new ArrayList<>();
                    op = null;
                    expected = null;
                    family = Family.EXACT;
                    grad = null;
                }
                case "in" -> inputs.add(parseInput(t));
                case "op" -> op = Arrays.copyOfRange(t, 1, t.length);
                case "out" -> expected = parseExpected(t);
                case "family" -> family = Family.valueOf(t[1]);
                case "grad" -> {
                    grad = new int[t.length - 1];
                    for (int i = 1; i < t.length; i++) {
                        grad[i - 1] = Integer.parseInt(t[i]);
                    }
                }
                case "end" -> cases.add(new Case(name, List.copyOf(inputs), op, expected, family, grad));
                default -> throw new IllegalStateException("tensor_cases.txt: unknown record " + line);
            }
        }
        return cases;
    }

    static DType parseDType(String s) {
        return switch (s) {
            case "f32" -> DType.FLOAT32;
            case "f64" -> DType.FLOAT64;
            case "i32" -> DType.INT32;
            default -> null;
        };
    }

    static int[] parseShape(String s) {
        if (s.equals("-")) {
            return new int[0];
        }
        String[] p = s.split("x");
        int[] d = new int[p.length];
        for (int i = 0; i < p.length; i++) {
            d[i] = Integer.parseInt(p[i]);
        }
        return d;
    }

    static double parseValue(String s, DType dtype) {
        return switch (dtype) {
            case FLOAT32 -> Float.parseFloat(s);
            case FLOAT64 -> Double.parseDouble(s);
            case INT32 -> Integer.parseInt(s);
        };
    }

    private static Host parseInput(String[] t) {
        DType dt = parseDType(t[1]);
        int[] shape = parseShape(t[2]);
        int n = Shape.of(shape).size();
        double[] v = new double[n];
        if (t.length > 3 && t[3].equals("rand")) {
            RandomState rs = new RandomState(Long.parseLong(t[4]));
            double low = Double.parseDouble(t[5]);
            double high = Double.parseDouble(t[6]);
            for (int i = 0; i < n; i++) {
                v[i] = HostMath.store(low + (high - low) * rs.nextDouble(), dt);
            }
        } else {
            for (int i = 0; i < n; i++) {
                v[i] = parseValue(t[3 + i], dt);
            }
        }
        return new Host(dt, shape, v);
    }

    private static Expected parseExpected(String[] t) {
        DType dt = parseDType(t[1]);
        int[] shape = parseShape(t[2]);
        if (t.length > 3 && t[3].equals("sample")) {
            int k = (t.length - 4) / 2;
            int[] idx = new int[k];
            double[] v = new double[k];
            for (int i = 0; i < k; i++) {
                idx[i] = Integer.parseInt(t[4 + 2 * i]);
                v[i] = parseValue(t[5 + 2 * i], dt);
            }
            return new Expected(dt, shape, v, idx);
        }
        double[] v = new double[t.length - 3];
        for (int i = 0; i < v.length; i++) {
            v[i] = parseValue(t[3 + i], dt);
        }
        return new Expected(dt, shape, v, null);
    }
}
