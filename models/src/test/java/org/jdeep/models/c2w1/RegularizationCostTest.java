package org.jdeep.models.c2w1;

import static org.jdeep.models.TestCli.jdeep;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jdeep.MemoryScope;
import org.jdeep.models.TestCli;
import org.jdeep.models.TestJson;
import org.jdeep.models.course.CourseData;
import org.jdeep.models.course.Settings;
import org.jdeep.models.course.Training;
import org.jdeep.nn.Module;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The L2-regularised cost {@code jdeep train regularization -o regularization=l2} prints and records is the
 * notebook's {@code compute_cost_with_regularization}: the cross-entropy plus {@code (lambd / 2m) sum ||W||_F^2},
 * against numpy running the notebook's code on the same data (tools/gen_field_regularization_costs.py wrote
 * field_regularization_costs.txt).
 */
class RegularizationCostTest {
    @TempDir
    Path dir;

    /** The numpy reference: name to values. */
    private static Map<String, double[]> reference() throws IOException {
        Map<String, double[]> out = new HashMap<>();
        try (InputStream in = RegularizationCostTest.class.getResourceAsStream("field_regularization_costs.txt")) {
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] p = line.trim().split(" ");
                double[] v = new double[p.length - 1];
                for (int i = 0; i < v.length; i++) {
                    v[i] = Double.parseDouble(p[i + 1]);
                }
                out.put(p[0], v);
            }
        }
        return out;
    }

    /** The generator drew the same field as FieldData: same coordinates, same labels. */
    private static void sameData(Map<String, double[]> ref) {
        try (MemoryScope scope = MemoryScope.open()) {
            var d = FieldData.generate(FieldData.TRAIN, 1);
            assertEquals(ref.get("x_sum")[0], d.x().sum().item(), 1e-12, "the numpy field's coordinates");
            assertEquals(ref.get("y_sum")[0], d.y().sum().item(), 0, "the numpy field's labels");
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void theCommandLinePrintsAndRecordsTheNotebooksRegularisedCost() throws IOException {
        Map<String, double[]> ref = reference();
        sameData(ref);
        Path run = dir.resolve("l2");
        TestCli.Result r = jdeep("train", "regularization", "-o", "regularization=l2", "--epochs", "1001",
                "--print-every", "500", "--no-plots", "--out", run.toString());
        assertEquals(0, r.status(), r.out() + r.err());
        double[] l2 = ref.get("l2"); // iteration, cost, iteration, cost, ...
        for (int k = 0; k < l2.length; k += 2) {
            String line = String.format(Locale.ROOT, "Cost after iteration %d: %f%n", (int) l2[k], l2[k + 1]);
            assertTrue(r.out().contains(line), "expected '" + line.strip() + "' in\n" + r.out());
        }
        // the first cost is numpy's 0.709407, the cross-entropy 0.667699 plus the initial weights' penalty 0.041707
        assertEquals(ref.get("none")[1] + ref.get("l2_penalty_at_start")[0], l2[1], 1e-15);
        Map<String, Object> record = (Map<String, Object>) TestJson.read(run.resolve("run.json"));
        List<Object> recorded = (List<Object>) TestJson.obj(record, "training").get("cost_by_iteration");
        assertEquals(l2.length / 2, recorded.size());
        for (int k = 0; k < recorded.size(); k++) {
            double[] row = TestJson.doubles(recorded.get(k));
            assertEquals(l2[2 * k], row[0], "iteration");
            assertEquals(l2[2 * k + 1], row[1], 1e-12 * l2[2 * k + 1], "recorded cost after iteration " + row[0]);
        }
    }

    /**
     * The penalty averages over the training set actually used ({@code m} = its size, here 100 of the option
     * {@code train=100}): the first L2 cost exceeds the plain one by numpy's penalty for m = 211 times 211 / 100.
     */
    @Test
    void thePenaltyDividesByTheTrainingSetsSize() throws IOException {
        double penalty211 = reference().get("l2_penalty_at_start")[0];
        RegularizationComparison model = new RegularizationComparison();
        double[] first = new double[2];
        String[] variants = {"none", "l2"};
        for (int v = 0; v < 2; v++) {
            Settings s = model.defaults().withEpochs(1)
                    .withOptions(Map.of("regularization", variants[v], "train", "100"));
            try (MemoryScope scope = MemoryScope.open(); CourseData d = model.data(s, null);
                 Module net = model.build(s, d.features())) {
                assertEquals(100, d.train().size());
                first[v] = Training.train(model, net, s, d, new PrintWriter(new StringWriter())).costs()[0];
            }
        }
        assertEquals(penalty211 * 211 / 100, first[1] - first[0], 1e-14);
    }

    @Test
    void aMalformedLambdaSaysWhichOption() {
        TestCli.Result r = jdeep("train", "regularization", "-o", "regularization=l2", "-o", "lambd=0.7x", "--epochs",
                "1", "--no-plots", "--out", dir.resolve("bad").toString());
        assertEquals(1, r.status(), r.out());
        assertEquals("jdeep: option lambd=0.7x: expected a number", r.err().strip());
    }
}
