package org.jdeep.models.c2w1;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import org.jdeep.MemoryScope;
import org.jdeep.models.companion.RegularizationCompanion;
import org.jdeep.models.course.CourseData;
import org.jdeep.models.course.Settings;
import org.jdeep.models.course.Training;
import org.jdeep.nn.Module;
import org.junit.jupiter.api.Test;

class RegularizationComparisonTest {
    private final RegularizationComparison model = new RegularizationComparison();

    /**
     * The api network trained by the command line's loop starts at the notebook's cost and ends where the notebook's
     * code (the companion) ends.
     */
    @Test
    void plainAndL2MatchTheNotebooksCode() throws IOException {
        for (String variant : List.of("none", "l2")) {
            Settings s = model.defaults().withEpochs(300).withOption("regularization", variant);
            try (MemoryScope scope = MemoryScope.open(); CourseData d = model.data(s, null); Module net = model.build(s, 2)) {
                Training.Result r = Training.train(model, net, s, d, new PrintWriter(new StringWriter()));
                RegularizationCompanion.Training c = RegularizationCompanion.model(d.train().x().transpose(),
                        d.train().y().transpose(), 0.3, 300, false, variant.equals("l2") ? RegularizationComparison.LAMBD : 0,
                        1);
                // with l2, both costs are compute_cost_with_regularization: the cross-entropy plus the penalty
                assertEquals(c.costs().get(0), r.costs()[0], 1e-12, variant + ": cost after iteration 0");
                String[] layers = {"0", "2", "4"};
                for (int l = 1; l <= 3; l++) {
                    double[] w = net.parameters().get(layers[l - 1] + ".weight").toDoubleArray();
                    double[] course = c.parameters().get("W" + l).transpose().to(org.jdeep.types.DType.FLOAT64)
                            .toDoubleArray();
                    for (int i = 0; i < w.length; i++) {
                        assertEquals(course[i], w[i], 1e-9 * Math.max(1, Math.abs(course[i])), variant + " W" + l);
                    }
                }
            }
        }
    }

    @Test
    void regularisationNarrowsTheGapBetweenTrainAndTest() throws IOException {
        StringWriter out = new StringWriter();
        List<RegularizationComparison.Outcome> r = model.compare(model.defaults().withEpochs(8000), new PrintWriter(out));
        assertEquals(List.of("none", "l2", "dropout"), r.stream().map(RegularizationComparison.Outcome::variant).toList());
        RegularizationComparison.Outcome none = r.get(0);
        RegularizationComparison.Outcome l2 = r.get(1);
        RegularizationComparison.Outcome dropout = r.get(2);
        double gapNone = none.trainAccuracy() - none.testAccuracy();
        assertTrue(l2.trainAccuracy() - l2.testAccuracy() < gapNone, out.toString());
        assertTrue(dropout.testAccuracy() > 0.75, out.toString());
        assertTrue(l2.testAccuracy() > 0.75, out.toString());
    }
}
