package org.jdeep.models;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.jdeep.Backends;
import org.jdeep.MemoryScope;
import org.jdeep.Tensor;
import org.jdeep.models.course.CourseData;
import org.jdeep.models.course.CourseModel;
import org.jdeep.models.course.Settings;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every catalog model trains on the {@code opencl} backend as on {@code cpu} (the acceptance of the course models:
 * the models without convolution, which are all of Courses 1-3's, train on opencl where it is present). Each runs
 * a short seeded run on both backends, with the same settings and data: on opencl its cost must fall and its
 * training accuracy reach the threshold stated in {@link #CASES}; every cost, every parameter and the final
 * metrics must agree with the cpu run to a relative {@value #TOLERANCE} (both run in float64; only the order of
 * the sums differs).
 *
 * <p>The runs are short because PoCL (OpenCL on the CPU, as on the build machine and in CI) spends about 20 ms on
 * one training step of these small networks: learning rates are raised and images shrunk to 8-12 pixels so that
 * each model learns within a few hundred steps. Without an OpenCL platform the tests are skipped with the probe's
 * reason; under {@code CI=true} that is a failure instead, since CI installs PoCL.
 */
class OpenClTrainingTest {
    /** The relative agreement required between cpu and opencl. */
    static final double TOLERANCE = 1e-9;

    /**
     * One short run: the model's defaults with these changes, and the training accuracy it must reach on opencl.
     *
     * @param model the catalog name
     * @param epochs iterations (full batch) or epochs
     * @param learningRate the learning rate, or 0 for the model's
     * @param options model options
     * @param minAccuracy the training accuracy required after the run
     */
    record Case(String model, int epochs, double learningRate, Map<String, String> options, double minAccuracy) {
        Settings settings(CourseModel m) {
            Settings s = m.defaults().withEpochs(epochs).withOptions(options);
            return learningRate > 0 ? s.withLearningRate(learningRate) : s;
        }

        @Override
        public String toString() {
            return model + (options.isEmpty() ? "" : " " + options);
        }
    }

    /** The short runs: at least one per catalog model. */
    static final List<Case> CASES = List.of(
            new Case("logistic-regression", 100, 0.05, Map.of("image-size", "8"), 0.9),
            new Case("planar", 150, 0, Map.of(), 0.8),                                   // the flower
            new Case("two-layer", 100, 0.2, Map.of("image-size", "8"), 0.9),
            new Case("deep", 100, 0, Map.of("image-size", "8"), 0.9),
            new Case("initialization", 200, 0.5, Map.of("init", "he"), 0.7),           // the circles
            new Case("regularization", 100, 0, Map.of("regularization", "l2"), 0.75),   // the L2 penalty
            new Case("regularization", 100, 0, Map.of("regularization", "dropout"), 0.75),
            new Case("optimization", 20, 0.01, Map.of("decay", "schedule", "time-interval", "10"), 0.7), // Adam, decay
            new Case("softmax-bn", 8, 0, Map.of("image-size", "12", "train", "300", "dev", "60", "test", "60"), 0.8));

    static Stream<Arguments> cases() {
        return CASES.stream().map(Arguments::of);
    }

    private static String unavailable;

    /** Skips (or, under CI=true, fails) the calling test when the opencl backend cannot run here, with its reason. */
    private static synchronized void requireOpenCl() {
        if (unavailable == null) {
            unavailable = Backends.list().stream().filter(b -> b.name().equals("opencl")).findFirst()
                    .map(b -> b.available() ? "" : b.detail())
                    .orElse("no opencl backend on the test path (backends found: " + Backends.list() + ")");
        }
        if (!unavailable.isEmpty()) {
            if ("true".equals(System.getenv("CI"))) {
                fail("the opencl backend is required under CI=true but cannot run: " + unavailable);
            }
            Assumptions.abort("opencl unavailable: " + unavailable);
        }
    }

    /** What a run gave, as plain numbers (its tensors are freed before it returns). */
    private record Outcome(String backend, double[] costs, Map<String, double[]> parameters,
                           Map<String, Map<String, Double>> metrics) {
    }

    @SuppressWarnings("try") // scopes are closed by try-with-resources, never read
    private static Outcome run(String backend, CourseModel model, Settings settings) throws IOException {
        try (Backends.Scope b = Backends.using(backend); MemoryScope scope = MemoryScope.open();
             CourseData data = model.data(settings, null)) {
            assertEquals(backend, data.train().x().backend().name(), "the data's backend");
            TestRuns.Run r = TestRuns.train(model, settings, data);
            r.parameters().forEach((name, t) -> assertEquals(backend, t.backend().name(), name + "'s backend"));
            Map<String, double[]> parameters = new LinkedHashMap<>();
            r.parameters().forEach((name, t) -> parameters.put(name, t.toDoubleArray()));
            r.parameters().values().forEach(Tensor::close);
            return new Outcome(backend, r.costs(), parameters, r.metrics());
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void trainsOnOpenClAsOnCpu(Case c) throws IOException {
        requireOpenCl();
        CourseModel model = Catalog.find(c.model()).orElseThrow();
        Settings s = c.settings(model);
        Outcome cpu = run("cpu", model, s);
        Outcome ocl = run("opencl", model, s);

        double[] costs = ocl.costs();
        assertTrue(costs[costs.length - 1] < costs[0], c + " on opencl: the cost did not fall, " + costs[0] + " -> "
                + costs[costs.length - 1]);
        double accuracy = ocl.metrics().get("train").get("accuracy");
        assertTrue(accuracy >= c.minAccuracy(), c + " on opencl: training accuracy " + accuracy + " < "
                + c.minAccuracy());

        TestRuns.assertClose(c + ": opencl costs against cpu", cpu.costs(), costs, TOLERANCE, 0);
        assertEquals(cpu.parameters().keySet(), ocl.parameters().keySet(), c.toString());
        cpu.parameters().forEach((name, want) -> TestRuns.assertClose(c + ": opencl " + name + " against cpu", want,
                ocl.parameters().get(name), TOLERANCE, 1e-12));
        cpu.metrics().forEach((split, values) -> values.forEach((metric, want) -> TestRuns.assertClose(
                c + ": opencl " + split + " " + metric + " against cpu", new double[] {want},
                new double[] {ocl.metrics().get(split).get(metric)}, TOLERANCE, 1e-12)));
    }

    /** A model added to the catalog needs a short run here (a convolutional one would say why it has none). */
    @Test
    void everyCatalogModelHasAShortRun() {
        for (CourseModel m : Catalog.all()) {
            assertNotNull(CASES.stream().filter(c -> c.model().equals(m.name())).findFirst().orElse(null),
                    m.name() + " has no short opencl run in OpenClTrainingTest.CASES: add one");
        }
        for (Case c : CASES) {
            assertTrue(Catalog.find(c.model()).isPresent(), c.model() + " is not in the catalog");
        }
    }
}
