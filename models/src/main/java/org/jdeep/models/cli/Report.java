package org.jdeep.models.cli;

import java.io.PrintWriter;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import org.jdeep.Backends;

/** Shared pieces of the commands: the backend scope and the metrics table. */
final class Report {
    private Report() {
    }

    /**
     * The backend scope for {@code --backend NAME}, or null (the default backend) without the option; closing it
     * restores the previous backend. Try-with-resources accepts the null.
     *
     * @throws org.jdeep.BackendUnavailableException when that backend is missing or cannot run here
     */
    static Backends.Scope backend(String name) {
        return name == null || name.isBlank() ? null : Backends.using(name);
    }

    /**
     * Prints one row per split and one column per value: accuracy-like values (in [0, 1], named accuracy) as
     * percentages as the course prints them, the rest with four decimals.
     */
    static void metrics(PrintWriter out, Map<String, Map<String, Double>> bySplit) {
        Set<String> columns = new LinkedHashSet<>();
        bySplit.values().forEach(m -> columns.addAll(m.keySet()));
        StringBuilder head = new StringBuilder(String.format("%-7s", ""));
        columns.forEach(c -> head.append(String.format("%12s", c)));
        out.println(head.toString().stripTrailing());
        bySplit.forEach((split, values) -> {
            StringBuilder row = new StringBuilder(String.format("%-7s", split));
            for (String c : columns) {
                Double v = values.get(c);
                row.append(String.format("%12s", v == null ? "-" : format(c, v)));
            }
            out.println(row);
        });
    }

    private static String format(String column, double v) {
        if (column.equals("accuracy")) {
            return String.format("%.2f%%", 100 * v);
        }
        return String.format("%.4f", v);
    }
}
