package org.jdeep.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.jdeep.conformance.broken.BrokenBackendProvider;
import org.junit.jupiter.api.Test;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;
import org.junit.platform.launcher.listeners.TestExecutionSummary;

/**
 * Runs the suite the way a third party does (the JUnit Platform Launcher on {@link ConformanceTests}, the
 * backend chosen with {@code jdeep.conformance.backends}) against {@code "broken"}, the CPU backend with a
 * wrong {@code tanh} and a {@code matmul} that ignores the strides of {@code b}, and asserts that the suite
 * reports failures for exactly the primitives that are broken, and for Tensor ops only where they use them.
 */
class BrokenBackendTest {

    @Test
    void theSuiteCatchesWrongNumbersAndMishandledStrides() throws Exception {
        assertTrue(Boolean.getBoolean(BrokenBackendProvider.ENABLE),
                "run in the broken-backend Surefire execution, which sets -D" + BrokenBackendProvider.ENABLE);
        System.setProperty("jdeep.conformance.backends", "broken");
        Report.clear();
        LauncherDiscoveryRequest request = LauncherDiscoveryRequestBuilder.request()
                .selectors(selectClass(ConformanceTests.class)).build();
        Launcher launcher = LauncherFactory.create();
        SummaryGeneratingListener listener = new SummaryGeneratingListener();
        launcher.execute(request, listener);
        TestExecutionSummary summary = listener.getSummary();
        assertTrue(summary.getTotalFailureCount() > 0, "the suite reported no failure on a broken backend");

        Map<Report.Key, Report.Row> rows = Report.rows();
        Set<String> failingSpi = new TreeSet<>();
        Set<String> passingSpi = new TreeSet<>();
        Set<String> failingOps = new TreeSet<>();
        for (Map.Entry<Report.Key, Report.Row> e : rows.entrySet()) {
            Report.Key k = e.getKey();
            assertEquals("broken", k.backend(), "only the broken backend is under test: " + k);
            boolean failed = e.getValue().failed() > 0;
            if (k.part().equals("spi")) {
                (failed ? failingSpi : passingSpi).add(k.op());
            } else if ((k.part().equals("tensor") || k.part().equals("grad")) && failed) {
                failingOps.add(k.op());
            }
        }
        // exactly the two broken primitives fail at the SPI level; every other primitive passes
        assertEquals(Set.of("unary.TANH", "matmul"), failingSpi, "SPI primitives reported failing");
        assertTrue(passingSpi.contains("unary.EXP") && passingSpi.contains("copy") && passingSpi.contains("reduce.SUM"),
                "the other primitives pass: " + passingSpi);
        // Tensor ops fail only where they call a broken primitive, and both are caught there too
        assertEquals(Set.of("tanh", "matmul"), failingOps, "Tensor ops reported failing");
        // the model trains with both: its loss curve no longer agrees with numpy and the CPU backend
        assertTrue(rows.entrySet().stream().anyMatch(e -> e.getKey().part().equals("model")
                && e.getValue().failed() > 0), "the model's loss curve must fail");

        // ConformanceTests' @AfterAll wrote the report of that run
        ConformanceSuite.Config config = ConformanceSuite.Config.fromSystemProperties();
        Path report = config.reportDir().resolve("conformance-report-" + config.mode() + ".md");
        String md = Files.readString(report);
        assertTrue(md.contains("| spi | unary.TANH | broken | f32 | FAIL"), "report row for tanh:\n" + md);
        assertTrue(md.contains("| spi | matmul | broken | f64 | FAIL"), "report row for matmul");
    }
}
