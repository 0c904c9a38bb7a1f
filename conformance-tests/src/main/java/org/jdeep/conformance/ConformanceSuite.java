package org.jdeep.conformance;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.jdeep.BackendInfo;
import org.jdeep.Backends;
import org.jdeep.conformance.Compare.Stats;
import org.jdeep.spi.Backend;
import org.jdeep.types.DType;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.opentest4j.TestAbortedException;

/**
 * The conformance suite as JUnit 5 dynamic tests: backend → part → op → case. Run it with
 * {@link ConformanceTests} (extend that class in your own test sources) or return {@link #tests()} from a
 * {@code @TestFactory} of your own.
 *
 * <p>Parts: {@code spi} (every primitive called directly, against the suite's float64 host oracle, on views of
 * every layout), {@code tensor} (every Tensor op against numpy golden values, other layouts, FLOAT64 and other
 * backends), {@code grad} (autograd against central differences, FLOAT64 and other backends), {@code model} (a
 * seeded classifier's loss curve) and {@code course} (the Deep Learning Specialization's seeded cases).
 *
 * <p>System properties: {@code jdeep.conformance.backends} (comma-separated names; default every backend found),
 * {@code jdeep.conformance.require} (backends that must be able to run: one that cannot fails instead of
 * being skipped), {@code jdeep.conformance.parts} (default all five), {@code jdeep.conformance.shared} (the shared reference
 * folder; default {@code ../shared} of the repository), {@code jdeep.conformance.reportDir} (default
 * {@code target/conformance}) and {@code jdeep.conformance.mode} (a label for the report; default
 * {@code module-path} or {@code class-path} by how the suite was loaded). A backend asked for that is missing
 * or whose probe says it cannot run is reported as skipped with the reason, never passed.
 */
public final class ConformanceSuite {
    private ConformanceSuite() {
    }

    /** Every part of the suite, in order. */
    public static final List<String> PARTS = List.of("spi", "tensor", "grad", "model", "course");

    /**
     * What to run and where to write.
     *
     * @param backends the backends to check; empty means every backend found
     * @param parts the parts to run
     * @param sharedDir the shared reference folder, or null when it is absent
     * @param sharedSource where {@code sharedDir} was looked for, for the skip message
     * @param reportDir where the Markdown report goes
     * @param mode a label for the report (the launch mode)
     */
    public record Config(List<String> backends, Set<String> parts, Path sharedDir, String sharedSource,
                         Path reportDir, String mode, List<String> required) {

        /** A configuration that requires no backend to be available. */
        public Config(List<String> backends, Set<String> parts, Path sharedDir, String sharedSource, Path reportDir,
                      String mode) {
            this(backends, parts, sharedDir, sharedSource, reportDir, mode, List.of());
        }

        /** The configuration the system properties give. */
        public static Config fromSystemProperties() {
            List<String> backends = names(System.getProperty("jdeep.conformance.backends", ""));
            List<String> required = names(System.getProperty("jdeep.conformance.require", ""));
            Set<String> parts = new LinkedHashSet<>();
            for (String p : System.getProperty("jdeep.conformance.parts", "").split(",")) {
                if (!p.isBlank()) {
                    parts.add(p.trim().toLowerCase(Locale.ROOT));
                }
            }
            if (parts.isEmpty()) {
                parts.addAll(PARTS);
            }
            String shared = System.getProperty("jdeep.conformance.shared", "");
            Path sharedDir = null;
            String source;
            if (!shared.isBlank()) {
                source = shared;
                Path p = Path.of(shared);
                sharedDir = Files.isDirectory(p.resolve("reference/course")) ? p.normalize() : null;
            } else {
                source = "../shared or ../../shared from " + Path.of("").toAbsolutePath();
                for (String c : new String[] {"../shared", "../../shared"}) {
                    Path p = Path.of(c);
                    if (sharedDir == null && Files.isDirectory(p.resolve("reference/course"))) {
                        sharedDir = p.toAbsolutePath().normalize();
                    }
                }
            }
            String mode = System.getProperty("jdeep.conformance.mode", "");
            if (mode.isBlank()) {
                mode = ConformanceSuite.class.getModule().isNamed() ? "module-path" : "class-path";
            }
            Path reportDir = Path.of(System.getProperty("jdeep.conformance.reportDir", "target/conformance"));
            return new Config(List.copyOf(backends), Set.copyOf(parts), sharedDir, source, reportDir, mode,
                    List.copyOf(required));
        }

        private static List<String> names(String csv) {
            List<String> out = new ArrayList<>();
            for (String b : csv.split(",")) {
                if (!b.isBlank()) {
                    out.add(b.trim().toLowerCase(Locale.ROOT));
                }
            }
            return out;
        }
    }

    /** A backend to check: available, or skipped with the reason. */
    record Target(String name, boolean available, String detail) {
    }

    static List<Target> targets(Config config) {
        Map<String, BackendInfo> found = new LinkedHashMap<>();
        for (BackendInfo b : Backends.list()) {
            found.put(b.name(), b);
        }
        List<String> names = config.backends().isEmpty() ? new ArrayList<>(found.keySet()) : config.backends();
        List<Target> out = new ArrayList<>();
        for (String n : names) {
            BackendInfo b = found.get(n);
            if (b == null) {
                out.add(new Target(n, false, "backend '" + n + "' was not found on the " + config.mode()
                        + " (found: " + String.join(", ", found.keySet()) + ")"));
            } else if (!b.available()) {
                out.add(new Target(n, false, b.detail()));
            } else {
                String device;
                try {
                    Backend be = Backends.get(n);
                    device = be.device();
                } catch (RuntimeException e) {
                    out.add(new Target(n, false, "failed to open: " + e.getMessage()));
                    continue;
                }
                out.add(new Target(n, true, device));
            }
        }
        return out;
    }

    /** The dynamic tests for the configuration the system properties give. */
    public static Stream<DynamicNode> tests() {
        return tests(Config.fromSystemProperties());
    }

    /** The dynamic tests for {@code config}. */
    public static Stream<DynamicNode> tests(Config config) {
        TensorChecks.clear();
        ModelCheck.clear();
        List<Target> targets = targets(config);
        List<String> partners = new ArrayList<>();
        for (Target t : targets) {
            if (t.available()) {
                partners.add(t.name());
            }
        }
        if (!partners.contains("cpu") && !config.backends().isEmpty()) {
            // the reference backend joins cross-backend comparisons whenever it is here
            for (BackendInfo b : Backends.list()) {
                if (b.name().equals("cpu") && b.available()) {
                    partners.add("cpu");
                }
            }
        }
        List<DynamicNode> nodes = new ArrayList<>();
        for (Target t : targets) {
            Report.backend(t.name(), (t.available() ? "" : config.required().contains(t.name())
                    ? "REQUIRED BUT UNAVAILABLE: " : "SKIPPED: ") + t.detail());
            if (!t.available() && config.required().contains(t.name())) {
                Report.Key key = new Report.Key("backend", "(all)", t.name(), "-");
                nodes.add(DynamicTest.dynamicTest("backend " + t.name() + " (required)", () -> {
                    Report.error(key, "required by -Djdeep.conformance.require but cannot run: " + t.detail());
                    throw new AssertionError("backend " + t.name() + " is required (jdeep.conformance.require) but "
                            + "cannot run here: " + t.detail());
                }));
                continue;
            }
            if (!t.available()) {
                Report.Key key = new Report.Key("backend", "(all)", t.name(), "-");
                nodes.add(DynamicTest.dynamicTest("backend " + t.name() + " (skipped)", () -> {
                    Report.skip(key, t.detail());
                    Assumptions.abort("backend " + t.name() + " cannot be checked: " + t.detail());
                }));
                continue;
            }
            List<DynamicNode> parts = new ArrayList<>();
            if (config.parts().contains("spi")) {
                parts.add(spi(t.name()));
            }
            if (config.parts().contains("tensor")) {
                parts.add(tensor(t.name(), partners));
            }
            if (config.parts().contains("grad")) {
                parts.add(grad(t.name(), partners));
            }
            if (config.parts().contains("model")) {
                parts.add(model(t.name(), partners));
            }
            if (config.parts().contains("course")) {
                parts.add(course(t.name(), config));
            }
            nodes.add(DynamicContainer.dynamicContainer("backend " + t.name() + " (" + t.detail() + ")", parts));
        }
        return nodes.stream();
    }

    /** Writes the report of everything run so far in this JVM and prints the summary. */
    public static Path writeReport() {
        return Report.write(Config.fromSystemProperties());
    }

    // ------------------------------------------------------------------ parts

    private static DynamicNode spi(String backend) {
        Map<String, List<DynamicNode>> byOp = new LinkedHashMap<>();
        for (SpiChecks.Check c : SpiChecks.all()) {
            Report.Key key = new Report.Key("spi", c.op(), backend, name(c.dtype()));
            byOp.computeIfAbsent(c.op(), k -> new ArrayList<>()).add(test(name(c.dtype()) + " " + c.name(), key,
                    () -> c.body().run(Backends.get(backend))));
        }
        return containers("spi", byOp);
    }

    private static DynamicNode tensor(String backend, List<String> partners) {
        Map<String, List<DynamicNode>> byOp = new LinkedHashMap<>();
        for (GoldenCases.Case c : GoldenCases.load()) {
            Report.Key key = new Report.Key("tensor", c.opName(), backend, name(c.dtype()));
            byOp.computeIfAbsent(c.opName(), k -> new ArrayList<>()).add(test(c.name(), key,
                    () -> TensorChecks.forward(backend, c, partners), KnownIssues.reason("tensor", c.name())));
        }
        return containers("tensor", byOp);
    }

    private static DynamicNode grad(String backend, List<String> partners) {
        Map<String, List<DynamicNode>> byOp = new LinkedHashMap<>();
        for (GoldenCases.Case c : GoldenCases.load()) {
            if (!TensorChecks.hasGradient(c)) {
                continue;
            }
            Report.Key key = new Report.Key("grad", c.opName(), backend, name(c.dtype()));
            byOp.computeIfAbsent(c.opName(), k -> new ArrayList<>()).add(test(c.name(), key,
                    () -> TensorChecks.gradient(backend, c, partners)));
        }
        return containers("grad", byOp);
    }

    private static DynamicNode model(String backend, List<String> partners) {
        List<DynamicNode> tests = new ArrayList<>();
        for (DType dt : new DType[] {DType.FLOAT64, DType.FLOAT32}) {
            Report.Key key = new Report.Key("model", "two-layer classifier", backend, name(dt));
            tests.add(test("two-layer classifier, " + ModelCheck.STEPS + " steps, " + name(dt), key,
                    () -> ModelCheck.check(backend, dt, partners)));
        }
        return DynamicContainer.dynamicContainer("model", tests);
    }

    private static DynamicNode course(String backend, Config config) {
        List<DynamicNode> tests = new ArrayList<>();
        List<CourseCases.CourseCase> shared = CourseCases.shared(config.sharedDir());
        List<CourseCases.CourseCase> all = new ArrayList<>(CourseCases.own());
        if (shared == null) {
            Report.Key key = new Report.Key("course", "(shared c1c2_public.json)", backend, "f64");
            String why = "the shared reference folder is absent (looked for " + config.sharedSource()
                    + "; set -Djdeep.conformance.shared=PATH): only the suite's own course copies run";
            tests.add(DynamicTest.dynamicTest("shared course cases (skipped)", () -> {
                Report.skip(key, why);
                Assumptions.abort(why);
            }));
        } else {
            all.addAll(shared);
        }
        for (CourseCases.CourseCase c : all) {
            Report.Key key = new Report.Key("course", c.origin() + " " + c.function(), backend, "f64");
            String why = CourseCases.unsupported(c);
            String display = c.origin() + " " + c.id();
            if (why != null) {
                tests.add(DynamicTest.dynamicTest(display + " (not reproduced)", () -> {
                    Report.skip(new Report.Key("course", c.origin() + " " + c.function(), backend, "f64"), why);
                    Assumptions.abort(why);
                }));
                continue;
            }
            tests.add(test(display, key, () -> CourseCases.run(backend, c)));
        }
        return DynamicContainer.dynamicContainer("course", tests);
    }

    private static DynamicNode containers(String part, Map<String, List<DynamicNode>> byOp) {
        List<DynamicNode> ops = new ArrayList<>();
        byOp.forEach((op, tests) -> ops.add(DynamicContainer.dynamicContainer(op, tests)));
        return DynamicContainer.dynamicContainer(part, ops);
    }

    static String name(DType d) {
        return switch (d) {
            case FLOAT32 -> "f32";
            case FLOAT64 -> "f64";
            case INT32 -> "i32";
        };
    }

    /** A dynamic test that records its comparisons in the report and fails with the first failure's detail. */
    static DynamicTest test(String display, Report.Key key, Supplier<List<Stats>> body) {
        return test(display, key, body, null);
    }

    /**
     * As {@link #test(String, Report.Key, Supplier)}; with a {@code knownIssue}, a failure is reported as that
     * known issue and skipped, and a pass fails (the entry in {@link KnownIssues} must go).
     */
    static DynamicTest test(String display, Report.Key key, Supplier<List<Stats>> body, String knownIssue) {
        return DynamicTest.dynamicTest(display, () -> {
            List<Stats> stats;
            try {
                stats = body.get();
            } catch (TestAbortedException e) {
                Report.skip(key, e.getMessage());
                throw e;
            } catch (RuntimeException | Error e) {
                if (knownIssue != null) {
                    Report.known(key, display + ": " + knownIssue);
                    Assumptions.abort("known issue: " + knownIssue + " (" + e + ")");
                }
                Report.error(key, display + " threw " + e);
                throw new AssertionError(key.backend() + " " + key.part() + " " + display + " threw " + e, e);
            }
            if (knownIssue != null) {
                boolean ok = stats != null && stats.stream().allMatch(Stats::ok);
                if (!ok) {
                    Report.known(key, display + ": " + knownIssue);
                    Assumptions.abort("known issue: " + knownIssue);
                }
                Report.error(key, display + " passes now: remove it from KnownIssues (" + knownIssue + ")");
                throw new AssertionError(display + " passes now: remove its entry from KnownIssues");
            }
            if (stats == null) {
                Report.skip(key, "optional interface not implemented");
                Assumptions.abort("optional: the backend does not implement it");
            }
            if (!Report.record(key, stats)) {
                List<String> details = new ArrayList<>();
                for (Stats s : stats) {
                    if (!s.ok()) {
                        details.add("[" + s.reference() + "] " + s.detail());
                    }
                }
                throw new AssertionError(key.backend() + " " + key.part() + " " + display + ": "
                        + String.join("; ", details.subList(0, Math.min(3, details.size()))));
            }
        });
    }
}
