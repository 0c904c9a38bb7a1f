package org.jdeep.models.c1w4;

import static org.jdeep.models.TestRuns.assertClose;

import java.util.Map;
import org.jdeep.Tensor;
import org.jdeep.data.Dataset;
import org.jdeep.models.CourseReference;
import org.jdeep.models.TestJson;
import org.jdeep.models.TestRuns;
import org.jdeep.models.course.CourseData;
import org.jdeep.models.course.CourseModel;
import org.jdeep.models.course.Settings;
import org.jdeep.nn.Module;
import org.junit.jupiter.api.Test;

/**
 * The week 4 application's models against the course's reference cases: {@code initialize_parameters} (seed 1),
 * {@code two_layer_model} and {@code L_layer_model} for two iterations on the test's 10 x 10 inputs, parameters and
 * printed costs, with the cases' own tolerances.
 */
class CourseModelsReferenceTest {

    @Test
    void twoLayerInitialisationIsTheNotebooks() throws Exception {
        Map<String, Object> c = CourseReference.get("c1w4_initialize_parameters_1");
        Map<String, Object> in = TestJson.obj(c, "inputs");
        Map<String, Object> out = TestJson.obj(c, "outputs");
        TwoLayerNet model = new TwoLayerNet();
        Settings s = model.defaults().withOption("hidden", Integer.toString(((Number) in.get("n_h")).intValue()));
        try (Module net = model.build(s, ((Number) in.get("n_x")).intValue())) {
            assertClose("W1", CourseReference.data(out, "W1"), net.parameters().get("0.weight").toDoubleArray(), 1e-12, 0);
            assertClose("W2", CourseReference.data(out, "W2"), net.parameters().get("2.weight").toDoubleArray(), 1e-12, 0);
        }
    }

    @Test
    void twoLayerModelMatchesTheReferenceCase() throws Exception {
        TwoLayerNet model = new TwoLayerNet();
        Map<String, Object> c = CourseReference.get("c1w4_two_layer_model_1");
        double[] dims = TestJson.doubles(TestJson.obj(c, "params").get("layers_dims"));
        check(c, model, model.defaults().withOption("hidden", Integer.toString((int) dims[1])), 2);
    }

    @Test
    void lLayerModelMatchesTheReferenceCase() throws Exception {
        DeepNet model = new DeepNet();
        Map<String, Object> c = CourseReference.get("c1w4_L_layer_model_1");
        double[] dims = TestJson.doubles(TestJson.obj(c, "params").get("layers_dims"));
        StringBuilder hidden = new StringBuilder();
        for (int l = 1; l < dims.length - 1; l++) {
            hidden.append(l == 1 ? "" : ",").append((int) dims[l]);
        }
        check(c, model, model.defaults().withOption("layers", hidden.toString()), dims.length - 1);
    }

    /** Trains as the case says and compares every W[l], b[l] and the costs. */
    private static void check(Map<String, Object> c, CourseModel model, Settings base, int layers) {
        Map<String, Object> in = TestJson.obj(c, "inputs");
        Map<String, Object> out = TestJson.obj(c, "outputs");
        Map<String, Object> params = TestJson.obj(c, "params");
        Settings s = base.withEpochs(((Number) params.get("num_iterations")).intValue())
                .withLearningRate(((Number) params.get("learning_rate")).doubleValue());
        int[] xs = CourseReference.shape(in, "X");
        Dataset train = TestRuns.fromColumns(CourseReference.data(in, "X"), xs[0], xs[1], CourseReference.data(in, "Y"));
        TestRuns.Run run;
        try (CourseData data = new CourseData(train, null, null, (String) c.get("id"))) {
            run = TestRuns.train(model, s, data);
        }
        Map<String, Object> tol = TestJson.obj(TestJson.obj(c, "tolerance"), "outputs");
        double rtol = ((Number) tol.get("rtol")).doubleValue();
        double atol = ((Number) tol.get("atol")).doubleValue();
        assertClose("cost after iteration 0", TestJson.doubles(out.get("costs")), new double[] {run.costs()[0]},
                rtol, atol);
        assertClose("last cost", new double[] {((Number) out.get("printed_last_cost")).doubleValue()},
                new double[] {run.costs()[run.costs().length - 1]}, rtol, atol);
        // Sequential(CourseLinear, ReLU, ..., CourseLinear): layer l is child 2(l-1); its weight is W[l] itself
        for (int l = 1; l <= layers; l++) {
            String p = Integer.toString(2 * (l - 1));
            assertClose("W" + l, CourseReference.data(out, "W" + l), run.parameters().get(p + ".weight").toDoubleArray(),
                    rtol, atol);
            assertClose("b" + l, CourseReference.data(out, "b" + l), run.parameters().get(p + ".bias").toDoubleArray(),
                    rtol, atol);
        }
        run.parameters().values().forEach(Tensor::close);
    }
}
