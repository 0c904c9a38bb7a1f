package org.jdeep.models.c1w3;

import static org.jdeep.models.TestRuns.assertClose;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.jdeep.Tensor;
import org.jdeep.data.Dataset;
import org.jdeep.models.CourseReference;
import org.jdeep.models.TestJson;
import org.jdeep.models.TestRuns;
import org.jdeep.models.course.CourseData;
import org.jdeep.models.course.Settings;
import org.junit.jupiter.api.Test;

/**
 * The one-hidden-layer network reproduces the notebook: its initial weights, its printed costs on the flower, and
 * the course's reference case for {@code nn_model}.
 */
class PlanarClassifierTest {
    private final PlanarClassifier model = new PlanarClassifier();

    /**
     * What the pre-2021 notebook printed for {@code nn_model(X, Y, n_h=4, num_iterations=10000, print_cost=True)}
     * on the flower, iterations 0, 1000, ..., 7000. Later the run turns chaotic (the course reference's README:
     * ulp-level changes move the cost at 8000 by 1.5e-5), so 8000 and 9000 are not compared; numpy gives
     * 0.219427 and 0.218550 there, jdeep 0.219445 and 0.218604, the notebook printed 0.218607 at 9000.
     * {@code -Djdeep.test.planarIterations=N} checks fewer (or, up to 9000, more against numpy only).
     */
    private static final String[] NOTEBOOK = {"0.693048", "0.288083", "0.254385", "0.233864", "0.226792",
        "0.222644", "0.219731", "0.217504"};

    @Test
    void reproducesTheNotebooksPrintedCostsOnTheFlower() throws Exception {
        int checked = Integer.getInteger("jdeep.test.planarIterations", 7000);
        Settings s = model.defaults().withEpochs(checked + 1);
        TestRuns.Run run;
        try (CourseData data = model.data(s, null)) {
            run = TestRuns.train(model, s, data);
        }
        Map<String, Object> ref = TestJson.obj(TestJson.obj(
                TestJson.resource(PlanarClassifierTest.class, "planar_reference.json"), "nn_model"), "v_pre2021");
        double[] numpy = TestJson.doubles(ref.get("costs_every_1000"));
        for (int k = 0; k * 1000 <= checked; k++) {
            double cost = run.costs()[k * 1000];
            if (k < NOTEBOOK.length) {
                assertEquals(NOTEBOOK[k], String.format("%f", cost), "cost after iteration " + k * 1000);
            }
            // to 7000 jdeep and numpy agree to rounding; later the chaotic phase amplifies it (see NOTEBOOK)
            assertEquals(numpy[k], cost, k <= 7 ? 1e-9 : 1e-4, "cost after iteration " + k * 1000 + " against numpy");
            assertTrue(run.printed().contains(String.format("Cost after iteration %d: %f%n", k * 1000, cost)),
                    run.printed());
        }
    }

    @Test
    void initialWeightsAreTheNotebooksInitializeParameters() throws Exception {
        // initialize_parameters(n_x=2, n_h=4, n_y=1) with np.random.seed(2): W = randn * 0.01, W1 drawn first
        Map<String, Object> c = CourseReference.get("c1w3_initialize_parameters_nb");
        Map<String, Object> out = TestJson.obj(c, "outputs");
        try (var net = model.build(model.defaults(), 2)) {
            assertClose("W1", CourseReference.data(out, "W1"), transpose(net.parameters().get("0.weight")), 1e-12, 0);
            assertClose("b1", CourseReference.data(out, "b1"), net.parameters().get("0.bias").toDoubleArray(), 0, 0);
            assertClose("W2", CourseReference.data(out, "W2"), transpose(net.parameters().get("2.weight")), 1e-12, 0);
            assertClose("b2", CourseReference.data(out, "b2"), net.parameters().get("2.bias").toDoubleArray(), 0, 0);
        }
    }

    @Test
    void matchesTheCoursesNnModelReferenceCase() throws Exception {
        Map<String, Object> c = CourseReference.get("c1w3_nn_model_old");
        Map<String, Object> in = TestJson.obj(c, "inputs");
        Map<String, Object> out = TestJson.obj(c, "outputs");
        Map<String, Object> params = TestJson.obj(c, "params");
        int iterations = ((Number) params.get("num_iterations")).intValue();
        Settings s = model.defaults().withEpochs(iterations)
                .withLearningRate(((Number) params.get("learning_rate")).doubleValue())
                .withOption("hidden", Integer.toString(((Number) params.get("n_h")).intValue()));
        int[] xs = CourseReference.shape(in, "X");
        Dataset train = TestRuns.fromColumns(CourseReference.data(in, "X"), xs[0], xs[1], CourseReference.data(in, "Y"));
        TestRuns.Run run;
        try (CourseData data = new CourseData(train, null, null, "c1w3_nn_model_old")) {
            run = TestRuns.train(model, s, data);
        }
        Map<String, Object> tol = TestJson.obj(TestJson.obj(c, "tolerance"), "outputs");
        double rtol = ((Number) tol.get("rtol")).doubleValue();
        double atol = ((Number) tol.get("atol")).doubleValue();
        double[] costs = TestJson.doubles(out.get("costs_every_1000"));
        for (int k = 0; k < costs.length; k++) {
            assertClose("cost after iteration " + 1000 * k, new double[] {costs[k]},
                    new double[] {run.costs()[1000 * k]}, rtol, atol);
        }
        // W1 (n_h, n_x) in the course is weight.T here; b1 (n_h, 1) is bias (n_h)
        assertClose("W1", CourseReference.data(out, "W1"), transpose(run.parameters().get("0.weight")), rtol, atol);
        assertClose("b1", CourseReference.data(out, "b1"), run.parameters().get("0.bias").toDoubleArray(), rtol, atol);
        assertClose("W2", CourseReference.data(out, "W2"), transpose(run.parameters().get("2.weight")), rtol, atol);
        assertClose("b2", CourseReference.data(out, "b2"), run.parameters().get("2.bias").toDoubleArray(), rtol, atol);
        run.parameters().values().forEach(Tensor::close);
    }

    @Test
    void learnsEveryPlanarSetWithAFewHundredIterations() throws Exception {
        Map<String, Double> minimum = Map.of("flower", 0.85, "circles", 0.75, "moons", 0.85, "blobs", 0.78,
                "gaussian", 0.85);
        for (String name : PlanarData.NAMES) {
            Settings s = model.defaults().withEpochs(1000).withOption("dataset", name);
            try (CourseData data = model.data(s, null)) {
                TestRuns.Run run = TestRuns.train(model, s, data);
                run.parameters().values().forEach(Tensor::close);
                double dev = run.metrics().get("dev").get("accuracy");
                assertTrue(dev >= minimum.get(name), name + ": dev accuracy " + dev + " after 1000 iterations; "
                        + run.metrics());
            }
        }
    }

    private static double[] transpose(Tensor t) {
        try (Tensor tt = t.transpose(); Tensor c = tt.to(tt.dtype())) {
            return c.toDoubleArray();
        }
    }
}
