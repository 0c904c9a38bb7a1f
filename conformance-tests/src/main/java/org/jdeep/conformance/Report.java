package org.jdeep.conformance;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * What the suite found, aggregated per part (spi, tensor, grad, model, course, nd4j) × op × backend × dtype:
 * pass, fail or skipped, with the largest absolute and relative error seen against any reference. Written as
 * Markdown under {@code target/conformance/} and summarised on the console when the suite ends.
 */
public final class Report {
    private static final Map<Key, Row> ROWS = new TreeMap<>();
    private static final Map<String, String> BACKENDS = new LinkedHashMap<>();
    private static final long START = System.nanoTime();

    private Report() {
    }

    /** One line of the report. */
    public record Key(String part, String op, String backend, String dtype) implements Comparable<Key> {
        @Override
        public int compareTo(Key o) {
            int c = part.compareTo(o.part);
            c = c != 0 ? c : op.compareTo(o.op);
            c = c != 0 ? c : backend.compareTo(o.backend);
            return c != 0 ? c : dtype.compareTo(o.dtype);
        }
    }

    /** The aggregate of every check that fell on one {@link Key}. */
    public static final class Row {
        int passed;
        int failed;
        int skipped;
        int known;
        double maxAbs;
        double maxRel;
        final TreeSet<String> references = new TreeSet<>();
        final List<String> failures = new ArrayList<>();
        String skipReason;

        Row() {
        }

        /** Checks that passed. */
        public int passed() {
            return passed;
        }

        /** Checks that failed. */
        public int failed() {
            return failed;
        }

        /** Checks skipped. */
        public int skipped() {
            return skipped;
        }

        /** Descriptions of the first failures. */
        public List<String> failures() {
            return Collections.unmodifiableList(failures);
        }

        /** Checks that failed because of a known issue (see KnownIssues). */
        public int known() {
            return known;
        }

        String status() {
            if (failed > 0) {
                return "FAIL " + failed + "/" + (failed + passed + known);
            }
            if (known > 0) {
                return "KNOWN ISSUE " + known + "/" + (passed + known) + ": " + String.join("; ", failures).replace("|", "/");
            }
            if (passed > 0) {
                return "pass " + passed;
            }
            return "SKIPPED";
        }
    }

    /** Notes a backend under test and its probe line (or why it is skipped). */
    static synchronized void backend(String name, String detail) {
        BACKENDS.put(name, detail);
    }

    /** Records one check's comparisons; it passes when every one does. */
    static synchronized boolean record(Key key, List<Compare.Stats> stats) {
        Row row = ROWS.computeIfAbsent(key, k -> new Row());
        boolean ok = true;
        for (Compare.Stats s : stats) {
            row.references.add(s.reference());
            if (!Double.isNaN(s.maxAbs())) {
                row.maxAbs = Math.max(row.maxAbs, s.maxAbs());
                row.maxRel = Math.max(row.maxRel, s.maxRel());
            }
            if (!s.ok()) {
                ok = false;
                if (row.failures.size() < 3) {
                    row.failures.add(s.detail());
                }
            }
        }
        if (ok) {
            row.passed++;
        } else {
            row.failed++;
        }
        return ok;
    }

    /** Records a check that raised an exception. */
    static synchronized void error(Key key, String message) {
        Row row = ROWS.computeIfAbsent(key, k -> new Row());
        row.failed++;
        if (row.failures.size() < 3) {
            row.failures.add(message);
        }
    }

    /** Records a check that fails because of a known issue. */
    static synchronized void known(Key key, String issue) {
        Row row = ROWS.computeIfAbsent(key, k -> new Row());
        row.known++;
        if (row.failures.size() < 3) {
            row.failures.add(issue);
        }
    }

    /** Records a skipped check with its reason. */
    static synchronized void skip(Key key, String reason) {
        Row row = ROWS.computeIfAbsent(key, k -> new Row());
        row.skipped++;
        row.skipReason = reason;
    }

    /** A snapshot of every row. */
    public static synchronized Map<Key, Row> rows() {
        return new TreeMap<>(ROWS);
    }

    /** Forgets the rows and the note of one backend (for the suite's own tests). */
    static synchronized void forget(String backend) {
        ROWS.keySet().removeIf(k -> k.backend().equals(backend));
        BACKENDS.remove(backend);
    }

    /** Forgets every row (for a test that runs the suite several times in one JVM). */
    public static synchronized void clear() {
        ROWS.clear();
        BACKENDS.clear();
    }

    /** Writes the Markdown report and prints the summary; returns the file written. */
    public static synchronized Path write(ConformanceSuite.Config config) {
        Path dir = config.reportDir();
        Path file = dir.resolve("conformance-report-" + config.mode() + ".md");
        try {
            Files.createDirectories(dir);
            Files.writeString(file, markdown(config), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("conformance report " + file, e);
        }
        System.out.println(summary(config, file));
        return file;
    }

    private static String markdown(ConformanceSuite.Config config) {
        StringBuilder sb = new StringBuilder();
        sb.append("# jdeep conformance report (").append(config.mode()).append(")\n\n");
        sb.append("Launch mode: ").append(config.mode()).append(" (suite module ")
                .append(Report.class.getModule().isNamed() ? "on the module path" : "on the class path")
                .append("). Java ").append(System.getProperty("java.version")).append(". Run time ")
                .append(elapsed()).append(".\n\n");
        sb.append("## Backends\n\n| backend | probe |\n|---|---|\n");
        BACKENDS.forEach((k, v) -> sb.append("| ").append(k).append(" | ").append(v.replace("|", "/")).append(" |\n"));
        sb.append("\n## Totals\n\n").append(totalsTable()).append('\n');
        sb.append("## Results\n\nOne row per part × op × backend × dtype. *status*: `pass N` (N checks passed), "
                + "`FAIL k/N`, or `SKIPPED` with the reason. *max abs* and *max rel* are the largest errors seen "
                + "against any reference in *references* (numpy: golden values from tools/gen_conformance_golden.py; "
                + "host: the suite's float64 scalar oracle; float64: the same computation in FLOAT64; layouts: the "
                + "same op on transposed, sliced, stepped and reversed views; numeric: central differences; another "
                + "backend's name: cross-backend agreement; nd4j: ND4J).\n\n");
        sb.append("| part | op | backend | dtype | status | max abs | max rel | references |\n");
        sb.append("|---|---|---|---|---|---|---|---|\n");
        for (Map.Entry<Key, Row> e : ROWS.entrySet()) {
            Key k = e.getKey();
            Row r = e.getValue();
            sb.append("| ").append(k.part).append(" | ").append(k.op).append(" | ").append(k.backend).append(" | ")
                    .append(k.dtype).append(" | ").append(r.failed == 0 && r.passed == 0 && r.known == 0 ? "SKIPPED: "
                            + r.skipReason.replace("|", "/") : r.status())
                    .append(" | ").append(fmt(r.maxAbs)).append(" | ").append(fmt(r.maxRel)).append(" | ")
                    .append(String.join(", ", r.references)).append(" |\n");
        }
        List<Map.Entry<Key, Row>> failing = failing();
        if (!failing.isEmpty()) {
            sb.append("\n## Failures\n\n");
            for (Map.Entry<Key, Row> e : failing) {
                Key k = e.getKey();
                sb.append("- **").append(k.part).append(' ').append(k.op).append(" on ").append(k.backend).append(' ')
                        .append(k.dtype).append("**: ");
                sb.append(String.join("; ", e.getValue().failures).replace("\n", " ")).append('\n');
            }
        }
        sb.append("\n## Tolerances\n\n").append(Tolerances.markdownTable());
        return sb.toString();
    }

    private static List<Map.Entry<Key, Row>> failing() {
        List<Map.Entry<Key, Row>> out = new ArrayList<>();
        for (Map.Entry<Key, Row> e : ROWS.entrySet()) {
            if (e.getValue().failed > 0) {
                out.add(e);
            }
        }
        return out;
    }

    private static String totalsTable() {
        Map<String, int[]> byBackend = new TreeMap<>();
        for (Map.Entry<Key, Row> e : ROWS.entrySet()) {
            int[] t = byBackend.computeIfAbsent(e.getKey().backend, b -> new int[4]);
            t[0] += e.getValue().passed;
            t[1] += e.getValue().failed;
            t[2] += e.getValue().skipped;
            t[3] += e.getValue().known;
        }
        StringBuilder sb = new StringBuilder("| backend | passed | failed | skipped | known issues |\n|---|---|---|---|---|\n");
        byBackend.forEach((b, t) -> sb.append("| ").append(b).append(" | ").append(t[0]).append(" | ").append(t[1])
                .append(" | ").append(t[2]).append(" | ").append(t[3]).append(" |\n"));
        return sb.toString();
    }

    private static String summary(ConformanceSuite.Config config, Path file) {
        StringBuilder sb = new StringBuilder();
        sb.append("\n==== jdeep conformance (").append(config.mode()).append(", ").append(elapsed()).append(") ====\n");
        BACKENDS.forEach((k, v) -> sb.append("  backend ").append(k).append(": ").append(v).append('\n'));
        Map<String, int[]> byBackend = new TreeMap<>();
        for (Map.Entry<Key, Row> e : ROWS.entrySet()) {
            int[] t = byBackend.computeIfAbsent(e.getKey().backend, b -> new int[4]);
            t[0] += e.getValue().passed;
            t[1] += e.getValue().failed;
            t[2] += e.getValue().skipped;
            t[3] += e.getValue().known;
        }
        byBackend.forEach((b, t) -> sb.append(String.format(Locale.ROOT,
                "  %-10s %6d passed %6d failed %6d skipped %3d known issues%n", b, t[0], t[1], t[2], t[3])));
        for (Map.Entry<Key, Row> e : ROWS.entrySet()) {
            if (e.getValue().known > 0 && e.getValue().failed == 0) {
                Key k = e.getKey();
                sb.append("  KNOWN ISSUE ").append(k.part).append(' ').append(k.op).append(' ').append(k.backend)
                        .append(' ').append(k.dtype).append(": ").append(e.getValue().failures.get(0)).append('\n');
            }
        }
        List<Map.Entry<Key, Row>> failing = failing();
        for (Map.Entry<Key, Row> e : failing.subList(0, Math.min(failing.size(), 40))) {
            Key k = e.getKey();
            sb.append("  FAIL ").append(k.part).append(' ').append(k.op).append(' ').append(k.backend).append(' ')
                    .append(k.dtype).append(": ").append(e.getValue().failures.isEmpty() ? ""
                            : e.getValue().failures.get(0)).append('\n');
        }
        if (failing.size() > 40) {
            sb.append("  ... ").append(failing.size() - 40).append(" more failing rows\n");
        }
        sb.append("  report: ").append(file.toAbsolutePath()).append('\n');
        return sb.toString();
    }

    private static String elapsed() {
        Duration d = Duration.ofNanos(System.nanoTime() - START);
        return String.format(Locale.ROOT, "%.1f s", d.toMillis() / 1000.0);
    }

    private static String fmt(double v) {
        return v == 0 ? "0" : String.format(Locale.ROOT, "%.2e", v);
    }
}
