package org.jdeep.backend.cuda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The probe in the ways a user can launch jdeep, each in a fresh JVM running {@code ProbeMain} (what
 * {@code backends} does): on the class path with and without JCuda's jars, on the module path (where JCuda
 * cannot read its natives jar, so {@link JCudaNatives} extracts the library to {@code java.io.tmpdir} for it,
 * unless {@code -Djava.library.path} already holds it), and
 * against {@code src/test/c/fake_libcuda.c}, a stand-in driver compiled with gcc, which lets the probe reach
 * "no device", "old driver" and "available", and lets the backend open, load every PTX module, allocate, copy
 * and launch every kernel, all without a GPU. Every scenario must end with one {@code detail=} line and exit 0.
 */
class ProbeLaunchModesTest {

    private static Path mainClasses;
    private static Path testClasses;
    private static Path spiJar;
    private static Path jcudaJar;
    private static Path nativesJar;

    @TempDir
    static Path tmp;

    @BeforeAll
    static void locate() {
        mainClasses = Path.of("target", "classes").toAbsolutePath();
        testClasses = Path.of("target", "test-classes").toAbsolutePath();
        spiJar = TestPaths.classPathEntry("jdeep-spi");
        jcudaJar = TestPaths.classPathEntry("jcuda-12.6.0");
        nativesJar = TestPaths.classPathEntry("jcuda-natives-12.6.0-linux-x86_64");
    }

    /** The in-process probe's verdict, to know whether this machine has a driver at all. */
    private static boolean noDriverHere() {
        return new CudaBackendProvider().probe().detail().contains("libcuda.so.1 was not found");
    }

    // ----- class path -----

    @Test
    void classPathWithoutDriverSaysSo() throws Exception {
        assumeTrue(noDriverHere(), "this machine has an NVIDIA driver");
        Result r = run(classPath(true, true), List.of(), Map.of());
        r.assertUnavailable("no NVIDIA driver: libcuda.so.1 was not found");
        assertEquals("threw the probe's reason", r.value("open"), r.out);
    }

    @Test
    void classPathWithoutNativesJarSaysSo() throws Exception {
        assumeTrue(noDriverHere(), "this machine has an NVIDIA driver");
        Result r = run(classPath(true, false), List.of(), Map.of());
        r.assertUnavailable("JCuda's native library libJCudaDriver-12.6.0-linux-x86_64.so could not be loaded");
        assertTrue(r.value("detail").contains("put org.jcuda:jcuda-natives:12.6.0:linux-x86_64 on the class path"),
                r.out);
    }

    @Test
    void classPathWithoutJCudaSaysSo() throws Exception {
        Result r = run(classPath(false, false), List.of(), Map.of());
        r.assertUnavailable("the JCuda jar (org.jcuda:jcuda:12.6.0) is not on the class path");
    }

    // ----- module path: the backend and the SPI as named modules, JCuda as the automatic module "jcuda" -----

    @Test
    void modulePathWithoutJCudaModuleSaysSo() throws Exception {
        Result r = run(List.of(testClasses), modulePath(List.of()), Map.of());
        r.assertUnavailable("add --add-modules jcuda");
    }

    @Test
    void modulePathExtractsTheNativesForJCudaAndReachesTheDriver() throws Exception {
        assumeTrue(noDriverHere(), "this machine has an NVIDIA driver");
        Result r = run(List.of(testClasses), modulePath(List.of("--add-modules", "jcuda")), Map.of());
        // JCuda's library loads from the copy the backend wrote; what is missing now is the driver.
        r.assertUnavailable("no NVIDIA driver: libcuda.so.1 was not found");
        assertTrue(Files.size(r.tmpdir().resolve(CudaDriver.JCUDA_LIBRARY)) > 1_000_000, r.out);
        try (Stream<Path> left = Files.list(r.tmpdir())) {
            assertEquals(List.of(CudaDriver.JCUDA_LIBRARY), left.map(p -> p.getFileName().toString())
                    .filter(n -> n.startsWith(CudaDriver.JCUDA_LIBRARY)).toList(), "no .part file left behind");
        }
    }

    @Test
    void modulePathWithoutTheNativesJarSaysSo() throws Exception {
        Result r = run(List.of(testClasses), modulePath(List.of("--add-modules", "jcuda"), false), Map.of());
        r.assertUnavailable("JCuda's native library libJCudaDriver-12.6.0-linux-x86_64.so could not be loaded");
        assertTrue(r.value("detail").contains("but the natives jar (org.jcuda:jcuda-natives:12.6.0:linux-x86_64) is "
                + "not on the module path; or pass -Djava.library.path=DIR"), r.out);
    }

    @Test
    void modulePathWithLibraryPathReachesTheDriver() throws Exception {
        assumeTrue(noDriverHere(), "this machine has an NVIDIA driver");
        Result r = run(List.of(testClasses), modulePath(List.of("--add-modules", "jcuda",
                "-Djava.library.path=" + extractedNatives())), Map.of());
        // JCuda's library loads from java.library.path; what is missing now is the driver.
        r.assertUnavailable("no NVIDIA driver: libcuda.so.1 was not found");
        assertTrue(!Files.exists(r.tmpdir().resolve(CudaDriver.JCUDA_LIBRARY)), "nothing extracted");
    }

    // ----- a stand-in driver -----

    @Test
    void fakeDriverWithoutDevice() throws Exception {
        Result r = run(classPath(true, true), List.of(), fakeDriver("nodevice"));
        r.assertUnavailable("no CUDA device: the NVIDIA driver is installed but cuInit found no GPU");
        assertTrue(r.value("detail").contains("CUDA_ERROR_NO_DEVICE"), r.out);
    }

    @Test
    void fakeStubDriver() throws Exception {
        Result r = run(classPath(true, true), List.of(), fakeDriver("stub"));
        r.assertUnavailable("stub library, not an NVIDIA driver");
    }

    @Test
    void fakeOldDriver() throws Exception {
        Result r = run(classPath(true, true), List.of(), fakeDriver("olddriver"));
        r.assertUnavailable("the NVIDIA driver supports CUDA 12.4, but jdeep's kernels are PTX 9.0");
    }

    @Test
    void fakeDeviceIsDescribedAndDrivesEveryKernel() throws Exception {
        Result r = run(classPath(true, true), List.of(), fakeDriver("device"), "exercise");
        assertEquals("true", r.value("available"), r.out);
        assertEquals("cuda: jdeep fake GPU (device 0, compute capability 7.5, 4 SMs, 0.1 GiB), driver supports "
                + "CUDA 13.0, JCuda 12.6.0", r.value("detail"), r.out);
        assertEquals("ok", r.value("memory"), r.out);
        String oom = r.value("oom");
        assertTrue(oom.startsWith("cuda: out of GPU memory allocating 2147483647 FLOAT64 elements = 17179869176 "
                + "bytes (16.0 GiB) on jdeep fake GPU: "), r.out);
        assertTrue(oom.contains("bytes) free of 0.1 GiB (cuMemGetInfo)"), r.out);
        assertEquals("ok", r.value("ops"), r.out);
        assertEquals("ok", r.value("closed"), r.out);
        assertTrue(!r.err.contains("fake libcuda"), "the fake driver complained:\n" + r.err);
    }

    @Test
    void fakeDeviceOnTheModulePath() throws Exception {
        // No -Djava.library.path: the plain module-path launch, as ./jdeep makes it.
        Result r = run(List.of(testClasses), modulePath(List.of("--add-modules", "jcuda")), fakeDriver("device"),
                "exercise");
        assertEquals("true", r.value("available"), r.out);
        assertEquals("ok", r.value("ops"), r.out);
        assertEquals("ok", r.value("closed"), r.out);
    }

    @Test
    void fakeDeviceOutOfRangeOrdinal() throws Exception {
        Map<String, String> env = fakeDriver("device");
        Result r = run(classPath(true, true), List.of("-Djdeep.cuda.device=3"), env);
        r.assertUnavailable("-Djdeep.cuda.device=3 but the driver reports 1 device (index 0)");
    }

    // ----- plumbing -----

    private static List<Path> classPath(boolean jcuda, boolean natives) {
        List<Path> cp = new ArrayList<>(List.of(testClasses, mainClasses, spiJar));
        if (jcuda) {
            cp.add(jcudaJar);
        }
        if (natives) {
            cp.add(nativesJar);
        }
        return cp;
    }

    /** JVM options that put the SPI, the backend and JCuda's jars on the module path. */
    private static List<String> modulePath(List<String> extra) {
        return modulePath(extra, true);
    }

    private static List<String> modulePath(List<String> extra, boolean natives) {
        List<String> opts = new ArrayList<>();
        opts.add("--module-path");
        opts.add(join(natives ? List.of(spiJar, mainClasses, jcudaJar, nativesJar)
                : List.of(spiJar, mainClasses, jcudaJar)));
        opts.add("--add-modules");
        opts.add("org.jdeep.backend.cuda");
        opts.addAll(extra);
        return opts;
    }

    private static String extractedNatives() throws IOException {
        Path dir = tmp.resolve("natives");
        Path lib = dir.resolve(CudaDriver.JCUDA_LIBRARY);
        if (!Files.exists(lib)) {
            Files.createDirectories(dir);
            try (ZipFile zip = new ZipFile(nativesJar.toFile())) {
                ZipEntry e = zip.getEntry("lib/" + CudaDriver.JCUDA_LIBRARY);
                try (InputStream in = zip.getInputStream(e)) {
                    Files.copy(in, lib, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
        return dir.toString();
    }

    /** LD_LIBRARY_PATH with the fake libcuda.so.1, compiled once; skips the test without gcc. */
    private static Map<String, String> fakeDriver(String mode) throws Exception {
        FakeDriver.Built fake = FakeDriver.build(tmp);
        assumeTrue(fake != null, "gcc is needed to build the fake driver");
        return fakeDriverEnvironment(fake, mode);
    }

    static Map<String, String> fakeDriverEnvironment(FakeDriver.Built fake, String mode) {
        Map<String, String> env = new HashMap<>();
        String old = System.getenv("LD_LIBRARY_PATH");
        env.put("LD_LIBRARY_PATH", fake.dir() + (old == null || old.isEmpty() ? "" : File.pathSeparator + old));
        env.put("FAKE_CUDA_MODE", mode);
        return env;
    }

    private static String join(List<Path> paths) {
        List<String> s = new ArrayList<>();
        for (Path p : paths) {
            s.add(p.toString());
        }
        return String.join(File.pathSeparator, s);
    }

    /** What a JVM printed, and the {@code java.io.tmpdir} it was given. */
    record Result(int exit, String out, String err, Path tmpdir) {
        String value(String key) {
            for (String line : out.lines().toList()) {
                if (line.startsWith(key + "=")) {
                    return line.substring(key.length() + 1);
                }
            }
            throw new AssertionError("no " + key + "= line in:\n" + out + "\nstderr:\n" + err);
        }

        void assertUnavailable(String reasonPart) {
            assertEquals(0, exit, "exit status; stdout:\n" + out + "\nstderr:\n" + err);
            assertEquals("true", value("found"), out);
            assertEquals("false", value("available"), out);
            String detail = value("detail");
            assertTrue(detail.startsWith("cuda: "), detail);
            assertTrue(detail.contains(reasonPart), "expected \"" + reasonPart + "\" in: " + detail);
            assertTrue(!detail.contains("\n"), detail);
            assertTrue(!err.contains("Exception in thread"), err);
        }
    }

    private static Result run(List<Path> classPath, List<String> jvmOptions, Map<String, String> env,
                              String... args) throws Exception {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        // A fresh temporary folder: JCuda extracts its library there and reuses a copy it finds.
        Path jvmTmp = Files.createTempDirectory(tmp, "jvm");
        cmd.add("-Djava.io.tmpdir=" + jvmTmp);
        cmd.addAll(jvmOptions);
        cmd.add("-cp");
        cmd.add(join(classPath));
        cmd.add("org.jdeep.backend.cuda.probe.ProbeMain");
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd);
        pb.environment().putAll(env);
        Path out = Files.createTempFile(tmp, "out", ".txt");
        Path err = Files.createTempFile(tmp, "err", ".txt");
        pb.redirectOutput(out.toFile());
        pb.redirectError(err.toFile());
        Process p = pb.start();
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("timed out: " + cmd);
        }
        return new Result(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                Files.readString(err, StandardCharsets.UTF_8), jvmTmp);
    }
}
