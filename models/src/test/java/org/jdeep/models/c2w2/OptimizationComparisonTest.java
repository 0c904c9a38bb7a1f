package org.jdeep.models.c2w2;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jdeep.MemoryScope;
import org.jdeep.models.course.CourseData;
import org.jdeep.models.course.Settings;
import org.jdeep.train.History;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * jdeep's optimizers, schedules and Trainer reproduce the notebook's training loops on the moons: the epoch costs
 * and learning rates against the numpy reference that tools/gen_companion_golden.py wrote for the companion.
 */
class OptimizationComparisonTest {
    private final OptimizationComparison model = new OptimizationComparison();

    /** Item {@code name} of golden case {@code id}, from the companion's golden file. */
    static double[] golden(String id, String name) throws IOException {
        try (InputStream in = OptimizationComparisonTest.class.getResourceAsStream(
                "/org/jdeep/models/companion/companion_golden.txt")) {
            String[] lines = new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n");
            boolean inCase = false;
            for (String line : lines) {
                if (line.equals("case " + id)) {
                    inCase = true;
                } else if (line.equals("end")) {
                    inCase = false;
                } else if (inCase && line.startsWith(name + " ")) {
                    String[] p = line.split(" ");
                    double[] v = new double[p.length - 2];
                    for (int i = 0; i < v.length; i++) {
                        v[i] = Double.parseDouble(p[i + 2]);
                    }
                    return v;
                }
            }
        }
        throw new AssertionError("no golden " + id + "." + name);
    }

    private static final Map<String, OptimizationComparison.Run> RUNS = new HashMap<>();

    static {
        OptimizationComparison.notebookRuns().forEach(r -> RUNS.put(r.name(), r));
    }

    @ParameterizedTest
    @ValueSource(strings = {"gd", "momentum", "adam", "gd_update_lr", "gd_schedule", "momentum_schedule", "adam_schedule"})
    void trainerReproducesTheNotebooksLoop(String name) throws IOException {
        double[] costs = golden("c2w2_model_" + name + "_201", "costs");
        double[] rates = golden("c2w2_model_" + name + "_201", "rates");
        Settings s = RUNS.get(name).apply(model.defaults()).withEpochs(201);
        try (MemoryScope scope = MemoryScope.open(); CourseData d = OptimizationComparison.moons()) {
            OptimizationComparison.Outcome o = model.train(name, s, d, null);
            List<History.Epoch> epochs = o.history().epochs();
            for (int k = 0; k < costs.length; k++) {
                History.Epoch e = epochs.get(100 * k);
                assertEquals(costs[k], e.loss(), 1e-10, name + ": cost after epoch " + 100 * k);
                if (100 * k + 1 < epochs.size()) {
                    // the rate epoch 100k + 1 runs at is the one the notebook sets after epoch 100k
                    assertEquals(rates[k], epochs.get(100 * k + 1).learningRate(), 1e-15,
                            name + ": learning rate after epoch " + 100 * k);
                }
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"adam", "gd_schedule"})
    void printsTheNotebooksCostsOverTheFullRun(String name) throws IOException {
        double[] printed = golden("c2w2_model_" + name + "_5000", "printed");
        double accuracy = golden("c2w2_model_" + name + "_5000", "accuracy")[0];
        StringWriter out = new StringWriter();
        try (MemoryScope scope = MemoryScope.open(); CourseData d = OptimizationComparison.moons()) {
            OptimizationComparison.Outcome o = model.train(name, RUNS.get(name).apply(model.defaults()), d,
                    new PrintWriter(out, true));
            for (int i = 0; i < printed.length; i++) {
                String line = String.format(java.util.Locale.ROOT, "Cost after epoch %d: %f", 1000 * i, printed[i]);
                assertTrue(out.toString().contains(line), "expected '" + line + "' in\n" + out);
            }
            assertEquals(accuracy, o.trainAccuracy(), 1e-12);
        }
    }
}
