package org.jdeep.models;

import com.google.gson.JsonElement;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The tests' JSON files as plain Java values (objects as ordered maps, arrays as lists, numbers as doubles,
 * strings such as "inf" left as strings), parsed by the test-scope gson that the companion tests use too.
 */
public final class TestJson {
    private TestJson() {
    }

    /** Parses {@code text}. */
    public static Object parse(String text) {
        return plain(JsonParser.parseString(text));
    }

    private static Object plain(JsonElement e) {
        if (e.isJsonNull()) {
            return null;
        }
        if (e.isJsonObject()) {
            Map<String, Object> m = new LinkedHashMap<>();
            e.getAsJsonObject().entrySet().forEach(en -> m.put(en.getKey(), plain(en.getValue())));
            return m;
        }
        if (e.isJsonArray()) {
            List<Object> l = new ArrayList<>();
            e.getAsJsonArray().forEach(v -> l.add(plain(v)));
            return l;
        }
        var p = e.getAsJsonPrimitive();
        return p.isNumber() ? (Object) p.getAsDouble() : p.isBoolean() ? (Object) p.getAsBoolean() : p.getAsString();
    }

    /** Parses a file. */
    public static Object read(Path file) throws IOException {
        return parse(Files.readString(file, StandardCharsets.UTF_8));
    }

    /** Parses a class-path resource. */
    public static Object resource(Class<?> near, String name) throws IOException {
        try (InputStream in = near.getResourceAsStream(name)) {
            if (in == null) {
                throw new IOException("missing test resource " + name + " next to " + near.getName());
            }
            return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
    }

    /** {@code map.get(key)} as a map. */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> obj(Object map, String key) {
        return (Map<String, Object>) ((Map<String, Object>) map).get(key);
    }

    /** A list of numbers as doubles. */
    @SuppressWarnings("unchecked")
    public static double[] doubles(Object list) {
        List<Object> l = (List<Object>) list;
        double[] out = new double[l.size()];
        for (int k = 0; k < out.length; k++) {
            out[k] = ((Number) l.get(k)).doubleValue();
        }
        return out;
    }

    /** A nested list of numbers flattened in row-major order. */
    @SuppressWarnings("unchecked")
    public static double[] flat(Object nested) {
        List<Double> out = new ArrayList<>();
        flatten(nested, out);
        return out.stream().mapToDouble(Double::doubleValue).toArray();
    }

    @SuppressWarnings("unchecked")
    private static void flatten(Object v, List<Double> out) {
        if (v instanceof List<?> l) {
            l.forEach(x -> flatten(x, out));
        } else {
            out.add(((Number) v).doubleValue());
        }
    }
}
