package org.jdeep.models.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The CUDA backend in the command line, in fresh JVMs launched as {@code ./jdeep} does (module path, every jar of
 * target/lib resolved) and on the class path: {@code backends} lists {@code cuda} with its probe's one-line
 * reason where it cannot run, and {@code -Djdeep.backend=cuda} then ends a command with that reason on one line
 * and status 1, without a stack trace and without training on another backend. On a machine with a GPU the same
 * tests expect {@code cuda} available and a short training run on it.
 *
 * <p>Each JVM gets an empty {@code java.io.tmpdir}: JCuda loads its native library from there when it finds a
 * copy, so a copy left by an earlier class-path run would hide whether the module path can load it alone.
 */
class CudaLauncherTest {
    private static final Path LIB = Path.of(System.getProperty("jdeep.models.lib", "target/lib"));
    private static final Path CLASSES = Path.of(System.getProperty("jdeep.models.classes", "target/classes"));
    private static final String JCUDA_LIBRARY = "libJCudaDriver-12.6.0-linux-x86_64.so";

    @TempDir
    Path tmp;

    private record Result(int status, String out) {
        /** The line {@code backends} prints for {@code cuda}. */
        String cudaLine() {
            List<String> lines = out.lines().filter(l -> l.startsWith("cuda ")).toList();
            assertEquals(1, lines.size(), "one cuda line in:\n" + out);
            return lines.get(0);
        }
    }

    private static String path() throws IOException {
        try (Stream<Path> jars = Files.list(LIB)) {
            return Stream.concat(Stream.of(CLASSES), jars.sorted()).map(Path::toString)
                    .collect(Collectors.joining(File.pathSeparator));
        }
    }

    private Result java(Path tmpdir, List<String> args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.add("-Djava.io.tmpdir=" + tmpdir);
        cmd.addAll(args);
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "jdeep did not finish: " + out);
        return new Result(p.exitValue(), out);
    }

    /** As ./jdeep launches, with {@code jvmOptions} before the module path. */
    private Result onModulePath(Path tmpdir, List<String> jvmOptions, String... args)
            throws IOException, InterruptedException {
        List<String> a = new ArrayList<>(List.of("-Djava.awt.headless=true"));
        a.addAll(jvmOptions);
        a.addAll(List.of("--module-path", path(), "--add-modules", "ALL-MODULE-PATH", "-m",
                "org.jdeep.models/org.jdeep.models.cli.Main"));
        a.addAll(List.of(args));
        return java(tmpdir, a);
    }

    private Path freshTmp(String name) throws IOException {
        return Files.createDirectories(tmp.resolve(name));
    }

    /** The machine has no NVIDIA driver library where the loader looks by default. */
    private static boolean noDriverHere() {
        boolean driverLibrary = Files.exists(Path.of("/usr/lib/x86_64-linux-gnu/libcuda.so.1"))
                || Files.exists(Path.of("/usr/lib64/libcuda.so.1")) || Files.exists(Path.of("/usr/lib/libcuda.so.1"));
        return !driverLibrary && System.getenv("LD_LIBRARY_PATH") == null;
    }

    /** The reason in a {@code backends} line: {@code cuda     unavailable  REASON}. */
    private static String reason(String cudaLine) {
        return cudaLine.substring(cudaLine.indexOf("unavailable") + "unavailable".length()).strip();
    }

    @Test
    void backendsOnTheModulePathListsCudaWithItsReason() throws Exception {
        Path tmpdir = freshTmp("module-path");
        Result r = onModulePath(tmpdir, List.of(), "backends");
        assertEquals(0, r.status(), r.out());
        assertTrue(r.out().lines().anyMatch(l -> l.startsWith("cpu") && l.contains(" available ")), r.out());
        String cuda = r.cudaLine();
        if (cuda.contains(" unavailable ")) {
            assertTrue(reason(cuda).startsWith("cuda: "), cuda);
            assertTrue(reason(cuda).length() > "cuda: ".length(), cuda);
        } else {
            assertTrue(cuda.contains(" available "), cuda);
        }
        if (noDriverHere()) {
            // JCuda's own library loaded on the module path (the backend extracted it to the empty tmpdir):
            // what is missing is the driver, not anything of jdeep's or JCuda's.
            assertEquals("cuda     unavailable  cuda: no NVIDIA driver: libcuda.so.1 was not found (JCuda's native "
                    + "library loaded, but the driver library it links is missing; install the NVIDIA driver, R580+ "
                    + "for CUDA 13)", cuda);
            assertTrue(Files.size(tmpdir.resolve(JCUDA_LIBRARY)) > 0, "extracted for JCuda");
        }
        assertFalse(r.out().contains("Exception"), r.out());
    }

    @Test
    void backendsOnTheClassPathListsCudaTheSameWay() throws Exception {
        Result module = onModulePath(freshTmp("module"), List.of(), "backends");
        Result cp = java(freshTmp("class-path"), List.of("--add-modules", "jdk.incubator.vector", "-cp", path(),
                "org.jdeep.models.cli.Main", "backends"));
        assertEquals(0, cp.status(), cp.out());
        assertEquals(module.cudaLine(), cp.cudaLine(), "the same probe result in both launch modes");
    }

    @Test
    void trainOnCudaEndsWithTheProbesReasonOnOneLineOrTrainsOnTheGpu(@TempDir Path runs) throws Exception {
        Path tmpdir = freshTmp("train");
        String cuda = onModulePath(tmpdir, List.of(), "backends").cudaLine();
        Result r = onModulePath(tmpdir, List.of("-Djdeep.backend=cuda"), "train", "planar", "--epochs", "10",
                "--out", runs.resolve("planar").toString());
        if (cuda.contains(" unavailable ")) {
            assertEquals(1, r.status(), r.out());
            List<String> jdeepLines = r.out().lines().filter(l -> l.startsWith("jdeep: ")).toList();
            assertEquals(1, jdeepLines.size(), r.out());
            String line = jdeepLines.get(0);
            assertTrue(line.startsWith("jdeep: backend 'cuda' (asked for with -Djdeep.backend=cuda) cannot run here: "
                    + reason(cuda)), line);
            assertFalse(r.out().contains("\tat "), "no stack trace:\n" + r.out());
            assertFalse(r.out().contains("Cost after iteration"), "no fallback to another backend:\n" + r.out());
            assertFalse(Files.exists(runs.resolve("planar")), "no run saved");
        } else {
            assertEquals(0, r.status(), r.out());
            assertTrue(r.out().contains("jdeep train planar on cuda"), r.out());
            assertTrue(r.out().contains("Cost after iteration 0: 0.693048"), r.out());
        }
    }
}
