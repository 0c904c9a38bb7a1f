package org.jdeep.models.companion;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jdeep.Tensor;

/**
 * The course's seeded reference cases, {@code c1c2_public.json}, read in place from the shared folder: the system
 * property {@code jdeep.shared} when set, else {@code ../shared} next to the repository root (found by walking up
 * from the working directory to the folder holding {@code pom.xml} and {@code models/}). Tests that need a case
 * are skipped, with a message saying so, when the file is absent.
 *
 * <p>Each check compares with the case's {@code outputs} under {@code tolerance.outputs}, and, where the case
 * has it, with the value the notebook printed ({@code expected_from_notebook}) under that tolerance (per key where
 * given).
 */
final class CourseReference {
    private static final String FILE = "reference/course/c1c2_public.json";
    private static Map<String, JsonObject> cases;
    private static String absent;

    private CourseReference() {
    }

    /** The shared folder, or null when it cannot be found. */
    static Path sharedDir() {
        String property = System.getProperty("jdeep.shared");
        if (property != null && !property.isBlank()) {
            return Path.of(property).toAbsolutePath().normalize();
        }
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            if (Files.isRegularFile(p.resolve("pom.xml")) && Files.isDirectory(p.resolve("models"))) {
                return p.resolveSibling("shared").normalize();
            }
        }
        return null;
    }

    private static synchronized Map<String, JsonObject> load() {
        if (cases != null || absent != null) {
            return cases;
        }
        Path dir = sharedDir();
        Path f = dir == null ? null : dir.resolve(FILE);
        if (f == null || !Files.isRegularFile(f)) {
            absent = "the course reference cases are absent (" + (f == null ? "no repository root found" : f)
                    + "): set -Djdeep.shared=PATH to the shared folder to run this check";
            return null;
        }
        try {
            JsonObject root = JsonParser.parseString(Files.readString(f, StandardCharsets.UTF_8)).getAsJsonObject();
            Map<String, JsonObject> out = new LinkedHashMap<>();
            for (JsonElement c : root.getAsJsonArray("cases")) {
                out.put(c.getAsJsonObject().get("id").getAsString(), c.getAsJsonObject());
            }
            cases = out;
            return cases;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The case called {@code id}; skips the test when the shared folder is absent. */
    static Case get(String id) {
        Map<String, JsonObject> all = load();
        assumeTrue(all != null, () -> "skipped: " + absent);
        JsonObject c = all.get(id);
        assertNotNull(c, "the course reference has no case '" + id + "'");
        return new Case(id, c);
    }

    /** The ids of every case of {@code function}; skips the test when the shared folder is absent. */
    static List<String> idsOf(String function) {
        Map<String, JsonObject> all = load();
        assumeTrue(all != null, () -> "skipped: " + absent);
        List<String> out = new ArrayList<>();
        all.forEach((id, c) -> {
            if (c.get("function").getAsString().equals(function)) {
                out.add(id);
            }
        });
        return out;
    }

    /** One case. */
    record Case(String id, JsonObject json) {

        JsonObject inputs() {
            return json.getAsJsonObject("inputs");
        }

        JsonObject params() {
            return json.has("params") ? json.getAsJsonObject("params") : new JsonObject();
        }

        JsonObject outputs() {
            return json.getAsJsonObject("outputs");
        }

        /** An input array or number as a FLOAT64 tensor. */
        Tensor in(String name) {
            return tensor(element(inputs(), name));
        }

        /** A nested input dictionary of arrays, e.g. {@code parameters}, in its order. */
        Map<String, Tensor> inMap(String name) {
            Map<String, Tensor> out = new LinkedHashMap<>();
            for (Map.Entry<String, JsonElement> e : element(inputs(), name).getAsJsonObject().entrySet()) {
                out.put(e.getKey(), tensor(e.getValue()));
            }
            return out;
        }

        double inNumber(String name) {
            return element(inputs(), name).getAsDouble();
        }

        double param(String name) {
            return element(params(), name).getAsDouble();
        }

        private JsonElement element(JsonObject o, String name) {
            JsonElement e = o.get(name);
            assertNotNull(e, id + ": no '" + name + "' in " + o.keySet());
            return e;
        }

        /** Asserts {@code actual} equals output {@code key} (and the notebook's printed value, if the case has one). */
        void check(String key, Tensor actual) {
            check(key, actual.shape().dims(), actual.toDoubleArray());
        }

        /** The same for a number. */
        void check(String key, double actual) {
            check(key, null, new double[] {actual});
        }

        /** The same for a list of numbers. */
        void check(String key, List<Double> actual) {
            check(key, null, actual.stream().mapToDouble(Double::doubleValue).toArray());
        }

        /** The same for an output nested in a dictionary, e.g. {@code check("parameters", "W1", W1)}. */
        void check(String outer, String key, Tensor actual) {
            JsonElement out = element(element(outputs(), outer).getAsJsonObject(), key);
            double[] tol = tolerance("outputs", null);
            compare(id + ".outputs." + outer + "." + key, out, actual.shape().dims(), actual.toDoubleArray(), tol);
            JsonObject nb = json.getAsJsonObject("expected_from_notebook");
            if (nb != null && nb.has(outer) && nb.getAsJsonObject(outer).has(key)) {
                compare(id + ".notebook." + outer + "." + key, nb.getAsJsonObject(outer).get(key), null,
                        actual.toDoubleArray(), tolerance("expected_from_notebook", outer));
            }
        }

        private void check(String key, int[] shape, double[] actual) {
            compare(id + ".outputs." + key, element(outputs(), key), shape, actual, tolerance("outputs", key));
            JsonObject nb = json.getAsJsonObject("expected_from_notebook");
            if (nb != null && nb.has(key)) {
                compare(id + ".notebook." + key, nb.get(key), null, actual, tolerance("expected_from_notebook", key));
            }
        }

        /** {rtol, atol} of tolerance.{which}, its per_key entry for {@code key} when there is one. */
        private double[] tolerance(String which, String key) {
            JsonObject t = json.getAsJsonObject("tolerance").getAsJsonObject(which);
            if (key != null && t.has("per_key") && t.getAsJsonObject("per_key").has(key)) {
                t = t.getAsJsonObject("per_key").getAsJsonObject(key);
            }
            return new double[] {t.get("rtol").getAsDouble(), t.get("atol").getAsDouble()};
        }

        private static void compare(String what, JsonElement expected, int[] shape, double[] actual, double[] tol) {
            if (shape != null && expected.isJsonObject() && expected.getAsJsonObject().has("shape")) {
                int[] s = toInts(expected.getAsJsonObject().getAsJsonArray("shape"));
                if (!(s.length == 0 && shape.length == 0)) {
                    assertArrayEquals(s, shape, what + ": shape");
                }
            }
            Tolerance.check(what, flatten(expected), actual, tol[0], tol[1]);
        }
    }

    /** {shape, data} or a number or nested lists as a FLOAT64 tensor (nested lists: flattened, 1-D). */
    static Tensor tensor(JsonElement e) {
        if (e.isJsonObject() && e.getAsJsonObject().has("data")) {
            int[] shape = toInts(e.getAsJsonObject().getAsJsonArray("shape"));
            return Tensor.of(flatten(e), shape);
        }
        if (e.isJsonPrimitive()) {
            return Tensor.scalar(number(e));
        }
        double[] v = flatten(e);
        return Tensor.of(v, v.length);
    }

    /** Every number in {@code e} in order: {shape, data} objects, nested lists, or one number. */
    static double[] flatten(JsonElement e) {
        List<Double> out = new ArrayList<>();
        flatten(e, out);
        return out.stream().mapToDouble(Double::doubleValue).toArray();
    }

    private static void flatten(JsonElement e, List<Double> out) {
        if (e.isJsonObject() && e.getAsJsonObject().has("data")) {
            flatten(e.getAsJsonObject().get("data"), out);
        } else if (e.isJsonArray()) {
            for (JsonElement x : e.getAsJsonArray()) {
                flatten(x, out);
            }
        } else {
            out.add(number(e));
        }
    }

    private static double number(JsonElement e) {
        if (e.getAsJsonPrimitive().isBoolean()) {
            return e.getAsBoolean() ? 1 : 0;
        }
        if (e.getAsJsonPrimitive().isString()) {
            String s = e.getAsString();
            return s.equals("inf") ? Double.POSITIVE_INFINITY : s.equals("-inf") ? Double.NEGATIVE_INFINITY
                    : Double.parseDouble(s);
        }
        return e.getAsDouble();
    }

    private static int[] toInts(JsonArray a) {
        int[] out = new int[a.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = a.get(i).getAsInt();
        }
        return out;
    }
}
