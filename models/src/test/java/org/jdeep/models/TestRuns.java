package org.jdeep.models;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Map;
import org.jdeep.Tensor;
import org.jdeep.data.Dataset;
import org.jdeep.models.course.CourseData;
import org.jdeep.models.course.CourseModel;
import org.jdeep.models.course.Settings;
import org.jdeep.models.course.Training;
import org.jdeep.nn.Module;

/** Helpers for tests that train a course model. */
public final class TestRuns {
    private TestRuns() {
    }

    /** What a run gave: the costs, the printed lines and the metrics by split. */
    public record Run(double[] costs, String printed, Map<String, Map<String, Double>> metrics,
                      Map<String, Tensor> parameters) {
    }

    /** Builds, trains and evaluates {@code model} on {@code data} with {@code settings}; closes the network. */
    public static Run train(CourseModel model, Settings settings, CourseData data) {
        StringWriter text = new StringWriter();
        try (Module network = model.build(settings, data.features())) {
            Training.Result r = Training.train(model, network, settings, data, new PrintWriter(text, true));
            // the course's own test cases sometimes use real-valued Y, which has no accuracy; class ids are integers
            boolean labels = java.util.Arrays.stream(data.train().y().toDoubleArray()).allMatch(v -> v == Math.rint(v));
            Map<String, Map<String, Double>> metrics = labels ? Training.evaluateAll(model, network, data) : Map.of();
            Map<String, Tensor> params = new java.util.LinkedHashMap<>();
            network.parameters().forEach((k, v) -> params.put(k, v.to(v.dtype())));
            return new Run(r.costs(), text.toString(), metrics, params);
        }
    }

    /** A dataset of course-layout arrays: {@code X (n_x, m)} and {@code Y (1, m)} given row-major, as rows. */
    public static Dataset fromColumns(double[] x, int nx, int m, double[] y) {
        try (Tensor xc = Tensor.of(x, nx, m); Tensor yc = Tensor.of(y, 1, m);
             Tensor xt = xc.transpose(); Tensor yt = yc.transpose()) {
            return Dataset.of(xt.to(xt.dtype()), yt.to(yt.dtype()));
        }
    }

    /** |a - e| <= atol + rtol |e| for every element, with a message naming the first that is not. */
    public static void assertClose(String what, double[] expected, double[] actual, double rtol, double atol) {
        org.junit.jupiter.api.Assertions.assertEquals(expected.length, actual.length, what + ": sizes");
        for (int i = 0; i < expected.length; i++) {
            double tol = atol + rtol * Math.abs(expected[i]);
            if (!(Math.abs(actual[i] - expected[i]) <= tol)) {
                org.junit.jupiter.api.Assertions.fail(what + "[" + i + "]: expected " + expected[i] + ", got " + actual[i]
                        + " (difference " + Math.abs(actual[i] - expected[i]) + ", tolerance " + tol + ")");
            }
        }
    }
}
