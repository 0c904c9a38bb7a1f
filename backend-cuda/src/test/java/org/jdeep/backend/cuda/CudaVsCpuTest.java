package org.jdeep.backend.cuda;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.ArrayList;
import java.util.List;
import org.jdeep.spi.Backend;
import org.jdeep.spi.Probe;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Every primitive on the GPU against the CPU backend ({@link PrimitiveChecks}). Skipped, with the probe's
 * reason, where there is no usable GPU; on a GPU machine without Maven, {@code tools/gpu_check.sh} runs it
 * with the JUnit console launcher.
 */
class CudaVsCpuTest {

    private static Probe probe;
    private static Backend cpu;
    private static Backend gpu;

    @BeforeAll
    static void open() {
        probe = new CudaBackendProvider().probe();
        if (probe.available()) {
            cpu = Twin.openCpu();
            gpu = new CudaBackendProvider().open();
        }
    }

    @AfterAll
    static void close() {
        if (gpu != null) {
            gpu.close();
        }
        if (cpu != null) {
            cpu.close();
        }
    }

    /** Reported as skipped, with the probe's reason, where there is no GPU; else every PTX module must load. */
    @Test
    void gpuIsUsableAndEveryKernelLoads() {
        assumeTrue(probe.available(), "skipped, no usable GPU: " + probe.detail());
        Assertions.assertTrue(gpu.device().contains("compute capability"), gpu.device());
        ((CudaBackend) gpu).loadAllKernels();
    }

    @TestFactory
    List<DynamicTest> everyPrimitiveMatchesTheCpuBackend() {
        assumeTrue(probe.available(), "skipped, no usable GPU: " + probe.detail());
        List<DynamicTest> tests = new ArrayList<>();
        long seed = 20_240_601;
        for (PrimitiveChecks.Check check : PrimitiveChecks.all()) {
            long s = seed++;
            tests.add(DynamicTest.dynamicTest(check.name(), () -> {
                PrimitiveChecks.Result r = PrimitiveChecks.run(check, cpu, gpu, s);
                if (r.error() != null) {
                    Assertions.fail(check.name() + " threw", r.error());
                }
                Assertions.assertTrue(r.passed(), r.failure());
                Assertions.assertTrue(r.cases() > 0, "no case ran");
            }));
        }
        return tests;
    }
}
