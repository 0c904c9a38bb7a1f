package org.jdeep.models.companion;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jdeep.Tensor;

/**
 * The companion's own golden cases, {@code companion_golden.txt}, written by {@code tools/gen_companion_golden.py}
 * with numpy from the notebooks' code: {@code case ID}, then {@code NAME SHAPE VALUES...} lines, then {@code end}.
 */
final class CompanionGolden {
    private static Map<String, Case> cases;

    private CompanionGolden() {
    }

    /** One named array: its shape ({@code []} for a number) and values in row-major order. */
    record Item(int[] shape, double[] values) {
    }

    /** One case's items by name. */
    record Case(String id, Map<String, Item> items) {
        Item item(String name) {
            Item it = items.get(name);
            assertNotNull(it, "golden case " + id + " has no item '" + name + "' (it has " + items.keySet() + ")");
            return it;
        }

        /** The item as a FLOAT64 tensor of its shape. */
        Tensor tensor(String name) {
            Item it = item(name);
            return Tensor.of(it.values(), it.shape());
        }

        /** The item's values. */
        double[] values(String name) {
            return item(name).values();
        }

        /** A one-value item. */
        double number(String name) {
            double[] v = values(name);
            if (v.length != 1) {
                throw new AssertionError("golden " + id + "." + name + " has " + v.length + " values, not one");
            }
            return v[0];
        }

        /** The items whose names are in {@code names}, as FLOAT64 tensors, in that order. */
        Map<String, Tensor> tensors(String... names) {
            Map<String, Tensor> out = new LinkedHashMap<>();
            for (String n : names) {
                out.put(n, tensor(n));
            }
            return out;
        }

        /** Asserts {@code actual} has the item's shape and values within {@code |a - e| <= atol + rtol |e|}. */
        void check(String name, Tensor actual, double rtol, double atol) {
            Item it = item(name);
            assertArrayEquals(it.shape(), actual.shape().dims(), id + "." + name + ": shape");
            Tolerance.check(id + "." + name, it.values(), actual.toDoubleArray(), rtol, atol);
        }

        /** Asserts a number equals the one-value item within the tolerance. */
        void check(String name, double actual, double rtol, double atol) {
            Tolerance.check(id + "." + name, new double[] {number(name)}, new double[] {actual}, rtol, atol);
        }

        /** Asserts a list of numbers equals the item's values within the tolerance. */
        void check(String name, List<Double> actual, double rtol, double atol) {
            Tolerance.check(id + "." + name, values(name), actual.stream().mapToDouble(Double::doubleValue).toArray(),
                    rtol, atol);
        }
    }

    /** The case called {@code id}. */
    static synchronized Case get(String id) {
        if (cases == null) {
            cases = load();
        }
        Case c = cases.get(id);
        assertNotNull(c, "no golden case '" + id + "' in companion_golden.txt: run python3 tools/gen_companion_golden.py");
        return c;
    }

    private static Map<String, Case> load() {
        Map<String, Case> out = new LinkedHashMap<>();
        try (InputStream in = CompanionGolden.class.getResourceAsStream("companion_golden.txt")) {
            if (in == null) {
                throw new IllegalStateException("companion_golden.txt is missing from the test resources");
            }
            BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            String id = null;
            Map<String, Item> items = null;
            for (String line; (line = r.readLine()) != null; ) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                if (line.startsWith("case ")) {
                    id = line.substring(5).trim();
                    items = new LinkedHashMap<>();
                } else if (line.equals("end")) {
                    out.put(id, new Case(id, items));
                    id = null;
                } else {
                    String[] parts = line.trim().split(" ");
                    int[] shape = parts[1].equals("-") ? new int[0]
                            : Arrays.stream(parts[1].split("x")).mapToInt(Integer::parseInt).toArray();
                    double[] values = new double[parts.length - 2];
                    for (int i = 0; i < values.length; i++) {
                        values[i] = Double.parseDouble(parts[i + 2]);
                    }
                    items.put(parts[0], new Item(shape, values));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }
}
