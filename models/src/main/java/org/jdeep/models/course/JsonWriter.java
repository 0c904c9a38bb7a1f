package org.jdeep.models.course;

import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Writes the run record's JSON: maps (in their order), lists, strings, numbers, booleans and null, indented by
 * two spaces. A non-finite number is written as a string ({@code "NaN"}, {@code "Infinity"}), which JSON has no
 * literal for. Numbers are Java's shortest round-trip form, so a double reads back exactly.
 */
final class JsonWriter {
    private JsonWriter() {
    }

    /** {@code value} as indented JSON text, ending without a newline. */
    static String write(Object value) {
        StringBuilder sb = new StringBuilder();
        write(sb, value, "");
        return sb.toString();
    }

    private static void write(StringBuilder sb, Object value, String indent) {
        if (value == null) {
            sb.append("null");
        } else if (value instanceof String s) {
            string(sb, s);
        } else if (value instanceof Boolean b) {
            sb.append(b);
        } else if (value instanceof Double || value instanceof Float) {
            double d = ((Number) value).doubleValue();
            if (Double.isFinite(d)) {
                sb.append(d);
            } else {
                string(sb, Double.toString(d));
            }
        } else if (value instanceof Number n) {
            sb.append(n);
        } else if (value instanceof Map<?, ?> map) {
            if (map.isEmpty()) {
                sb.append("{}");
                return;
            }
            String inner = indent + "  ";
            sb.append("{\n");
            Iterator<? extends Map.Entry<?, ?>> it = map.entrySet().iterator();
            while (it.hasNext()) {
                Map.Entry<?, ?> e = it.next();
                sb.append(inner);
                string(sb, String.valueOf(e.getKey()));
                sb.append(": ");
                write(sb, e.getValue(), inner);
                sb.append(it.hasNext() ? ",\n" : "\n");
            }
            sb.append(indent).append('}');
        } else if (value instanceof List<?> list) {
            boolean flat = list.stream().allMatch(v -> v == null || v instanceof Number || v instanceof String
                    || v instanceof Boolean);
            if (flat) {
                sb.append('[');
                for (int i = 0; i < list.size(); i++) {
                    write(sb, list.get(i), indent);
                    sb.append(i + 1 < list.size() ? ", " : "");
                }
                sb.append(']');
                return;
            }
            String inner = indent + "  ";
            sb.append("[\n");
            for (int i = 0; i < list.size(); i++) {
                sb.append(inner);
                write(sb, list.get(i), inner);
                sb.append(i + 1 < list.size() ? ",\n" : "\n");
            }
            sb.append(indent).append(']');
        } else if (value instanceof int[] a) {
            write(sb, java.util.Arrays.stream(a).boxed().toList(), indent);
        } else {
            string(sb, value.toString());
        }
    }

    private static void string(StringBuilder sb, String s) {
        sb.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                default -> {
                    if (c < 0x20) {
                        sb.append(String.format("\\u%04x", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        sb.append('"');
    }
}
