package org.jdeep.backend.cuda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole GPU check ({@link CudaCheck}: every primitive, dtype and layout against the CPU backend) run
 * through the real Java backend, JCuda and its native library, on the fake driver whose launches execute
 * jdeep's kernels on the CPU (the .cu sources compiled as host C++, each CUDA thread a fiber, switching at
 * __syncthreads and warp shuffles). This checks the kernels' logic, index arithmetic, reduction trees,
 * chunking and tiling without a GPU; what it cannot check (device math accuracy, the hardware memory model,
 * the driver's PTX JIT, speed) is listed in docs/backend-cuda.md.
 */
class EmulatedGpuTest {

    @TempDir
    static Path tmp;

    @Test
    void everyPrimitiveMatchesTheCpuBackendOnTheEmulator() throws Exception {
        FakeDriver.Built fake = FakeDriver.build(tmp);
        assumeTrue(fake != null && fake.emulated(), "gcc and g++ are needed to build the kernel emulator");
        Map<String, String> env = ProbeLaunchModesTest.fakeDriverEnvironment(fake, "device");
        env.put("FAKE_CUDA_MEM_MB", "4096");
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--add-modules", "jdk.incubator.vector", "-Djava.io.tmpdir=" + Files.createTempDirectory(tmp, "jvm"),
                "-cp", TestPaths.testClassPath(), "org.jdeep.backend.cuda.CudaCheck", "--no-bench"));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        pb.environment().putAll(env);
        Path log = tmp.resolve("cuda-check.txt");
        pb.redirectOutput(log.toFile());
        Process p = pb.start();
        if (!p.waitFor(600, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("CudaCheck on the emulator timed out");
        }
        String out = Files.readString(log, StandardCharsets.UTF_8);
        assertTrue(out.contains("probe: cuda: jdeep fake GPU"), out);
        String last = out.strip().lines().reduce((a, b) -> b).orElse("");
        assertTrue(last.matches("\\d+ passed, 0 failed"), "CudaCheck on the emulator:\n" + out);
        assertEquals(0, p.exitValue(), out);
        int passed = Integer.parseInt(last.substring(0, last.indexOf(' ')));
        assertEquals(PrimitiveChecks.all().size(), passed, out);
        System.out.println("emulated GPU check: " + last + " (log: " + log + ")");
    }
}
