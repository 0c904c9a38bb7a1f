package org.jdeep.models.c2w1;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

class GradientCheckingDemoTest {

    @Test
    void correctGradientsPassAndBothPlantedMistakesAreCaught() {
        StringWriter out = new StringWriter();
        GradientCheckingDemo.Report r = GradientCheckingDemo.run(new PrintWriter(out, true));
        assertTrue(r.asExpected(), out.toString());
        assertTrue(r.autograd().difference() < 2e-7, out.toString());
        assertEquals(1.1890913024229996e-07, r.handWritten(), 1e-8, "the notebook's difference, within its own test's tolerance");
        assertEquals(0.2850931567761623, r.planted(), 1e-6, "the notebook's difference with its planted mistakes");
        assertTrue(r.detachedPenalty().difference() > 1e-3, out.toString());
        assertTrue(r.detachedPenalty().worst().parameter().endsWith("weight"),
                "the missing gradient is the penalty's, on a weight: " + r.detachedPenalty());
        assertTrue(out.toString().contains("There is a mistake in the backward propagation!"), out.toString());
    }
}
