package org.jdeep.models.c3;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import org.jdeep.eval.BiasVarianceDiagnosis.Focus;
import org.junit.jupiter.api.Test;

class StrategyDemoTest {

    @Test
    void theToolkitDiagnosesTheMoonsNetwork() {
        StringWriter out = new StringWriter();
        StrategyDemo.Report r = StrategyDemo.run(60, new PrintWriter(out, true));
        String log = out.toString();
        // with dev and test drawn from the noisier target distribution, mismatch shows up
        assertTrue(r.mismatched().dataMismatch() > r.sameDistribution().variance(), log);
        assertTrue(r.mismatched().devError() > r.mismatched().trainDevError(), log);
        assertTrue(r.errorAnalysis().errorRate() > 0, log);
        assertEquals(150, r.errorAnalysis().examples());
        assertNotNull(r.choice().chosen(), log);
        assertEquals(4, r.learningCurve().points().size());
        assertTrue(log.contains("focus on:") && log.contains("error analysis:") && log.contains("subject to"), log);
    }

    @Test
    void tagsFollowTheMoonsGeometry() {
        assertEquals(List.of(), StrategyDemo.tags(0, 1, 0, -3));                 // on the outer arc, confident
        assertTrue(StrategyDemo.tags(1, -0.5, 0, 3).contains("closer to the other moon"));
        assertTrue(StrategyDemo.tags(0, 1, 0, 0.5).contains("near the boundary"));
        assertTrue(StrategyDemo.tags(0, 1.6, 0, -3).contains("off its moon"));
        assertTrue(Focus.values().length >= 4);
    }
}
