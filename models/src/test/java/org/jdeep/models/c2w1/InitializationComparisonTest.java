package org.jdeep.models.c2w1;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.Map;
import org.jdeep.MemoryScope;
import org.jdeep.Tensor;
import org.jdeep.models.companion.InitializationCompanion;
import org.jdeep.models.course.CourseData;
import org.jdeep.models.course.Settings;
import org.jdeep.models.course.Training;
import org.jdeep.nn.Module;
import org.junit.jupiter.api.Test;

class InitializationComparisonTest {
    private final InitializationComparison model = new InitializationComparison();

    @Test
    void heWeightsAreTheNotebooksTransposed() {
        try (MemoryScope scope = MemoryScope.open(); Module net = model.build(model.defaults(), 2)) {
            Map<String, Tensor> course = InitializationCompanion.initializeParametersHe(2, 10, 5, 1);
            String[] layers = {"0", "2", "4"};
            for (int l = 1; l <= 3; l++) {
                assertEquals(List.of(), diff(course.get("W" + l).transpose(), net.parameters().get(layers[l - 1] + ".weight")));
            }
        }
    }

    private static List<Integer> diff(Tensor a, Tensor b) {
        double[] x = a.toDoubleArray();
        double[] y = b.toDoubleArray();
        assertEquals(x.length, y.length);
        java.util.ArrayList<Integer> out = new java.util.ArrayList<>();
        for (int i = 0; i < x.length; i++) {
            if (Double.compare(x[i], y[i]) != 0) {
                out.add(i);
            }
        }
        return out;
    }

    @Test
    void jdeepsLayersTrainAsTheNotebookDoes() {
        // the api network (Linear, ReLU, BinaryCrossEntropy.ofLogits, autograd, SGD) against the companion's
        // hand-written notebook code, 1001 iterations from He and from zeros
        for (String init : List.of("he", "zeros")) {
            Settings s = model.defaults().withEpochs(1001).withOption("init", init);
            try (MemoryScope scope = MemoryScope.open(); CourseData d = InitializationComparison.circles();
                 Module net = model.build(s, 2)) {
                Training.Result r = Training.train(model, net, s, d, new PrintWriter(new StringWriter()));
                InitializationCompanion.Training c = InitializationCompanion.model(d.train().x().transpose(),
                        d.train().y().transpose(), 0.01, 1001, false,
                        InitializationCompanion.Initialization.of(init));
                assertEquals(c.costs().get(0), r.costs()[0], 1e-12, init + ": cost at iteration 0");
                assertEquals(c.costs().get(1), r.costs()[1000], 1e-10, init + ": cost at iteration 1000");
                double[] w = net.parameters().get("4.weight").toDoubleArray();
                double[] course = c.parameters().get("W3").toDoubleArray();
                for (int i = 0; i < w.length; i++) {
                    assertEquals(course[i], w[i], 1e-9 * Math.max(1, Math.abs(course[i])), init + ": W3");
                }
            }
        }
    }

    @Test
    void largeRandomWeightsStartFarWorseThanHe() {
        Settings s = model.defaults().withEpochs(1);
        try (MemoryScope scope = MemoryScope.open(); CourseData d = InitializationComparison.circles();
             Module random = model.build(s.withOption("init", "random"), 2);
             Module he = model.build(s.withOption("init", "he"), 2)) {
            double costRandom = Training.evaluate(model, random, d.train()).get("cost");
            double costHe = Training.evaluate(model, he, d.train()).get("cost");
            assertTrue(Double.isFinite(costRandom), "the logit-based cost stays finite where the notebook prints inf");
            assertTrue(costRandom > 5 * costHe, costRandom + " vs " + costHe);
        }
    }

    @Test
    void theComparisonRanksTheInitialisationsAsTheNotebook() {
        StringWriter out = new StringWriter();
        // the notebook's full 15000 iterations (a few seconds): He reaches 99% / 96%, large random 83% / 86%
        List<InitializationComparison.Outcome> r = model.compare(model.defaults(), new PrintWriter(out));
        assertEquals(List.of("zeros", "random", "he"), r.stream().map(InitializationComparison.Outcome::init).toList());
        assertEquals(0.5, r.get(0).trainAccuracy(), 1e-12, "zeros never break symmetry");
        assertTrue(r.get(2).trainAccuracy() > 0.98 && r.get(2).testAccuracy() > 0.95, out.toString());
        assertTrue(r.get(2).trainAccuracy() > r.get(1).trainAccuracy(), out.toString());
        assertTrue(out.toString().contains("Cost after iteration 0: 0.693147"), out.toString());
        assertTrue(out.toString().contains("Cost after iteration 0: 0.883054"), "He's first cost, as the notebook prints");
    }
}
