package org.jdeep.models.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
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

/**
 * The command line in both launch modes users have: on the module path (backends found through
 * {@code provides}) and on the class path (found through {@code META-INF/services}), each in a fresh JVM.
 */
class LauncherTest {
    private static final Path LIB = Path.of(System.getProperty("jdeep.models.lib", "target/lib"));
    private static final Path CLASSES = Path.of(System.getProperty("jdeep.models.classes", "target/classes"));

    private record Result(int status, String out) {
    }

    private static String path() throws IOException {
        try (Stream<Path> jars = Files.list(LIB)) {
            return Stream.concat(Stream.of(CLASSES), jars.sorted()).map(Path::toString)
                    .collect(Collectors.joining(File.pathSeparator));
        }
    }

    private static Result java(List<String> args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(args);
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "jdeep did not finish: " + out);
        return new Result(p.exitValue(), out);
    }

    private static Result onModulePath(String... args) throws IOException, InterruptedException {
        List<String> a = new ArrayList<>(List.of("--module-path", path(), "-m",
                "org.jdeep.models/org.jdeep.models.cli.Main"));
        a.addAll(List.of(args));
        return java(a);
    }

    @Test
    void backendsOnTheModulePathListsTheCpuBackendAsAvailable() throws Exception {
        Result r = onModulePath("backends");
        assertEquals(0, r.status(), r.out());
        assertTrue(r.out().contains("selected: cpu"), r.out());
        assertTrue(r.out().lines().anyMatch(l -> l.startsWith("cpu") && l.contains(" available ")), r.out());
    }

    @Test
    void backendsOnTheClassPathFindsTheCpuBackendThroughMetaInfServices() throws Exception {
        Result r = java(List.of("--add-modules", "jdk.incubator.vector", "-cp", path(),
                "org.jdeep.models.cli.Main", "backends"));
        assertEquals(0, r.status(), r.out());
        assertTrue(r.out().lines().anyMatch(l -> l.startsWith("cpu") && l.contains(" available ")), r.out());
    }

    @Test
    void onTheClassPathWithoutTheVectorModuleTheCpuBackendSaysWhatToAdd() throws Exception {
        Result r = java(List.of("-cp", path(), "org.jdeep.models.cli.Main", "backends"));
        assertEquals(0, r.status(), r.out());
        assertTrue(r.out().lines().anyMatch(l -> l.startsWith("cpu") && l.contains("unavailable")
                && l.contains("--add-modules jdk.incubator.vector")), r.out());
    }

    @Test
    void demoRunsOnTheCpuBackend() throws Exception {
        Result r = onModulePath("demo");
        assertEquals(0, r.status(), r.out());
        assertTrue(r.out().contains("backend: cpu"), r.out());
        // np.random.seed(1); np.random.randn(3, 2)[0] = [1.62434536, -0.61175641]
        assertTrue(r.out().contains("1.62434536"), r.out());
        assertTrue(r.out().contains("sigmoid([-1000, 0, 1000]) = [0.  0.5 1. ]"), r.out());
    }

    @Test
    void aMissingBackendFailsWithTheReasonInsteadOfFallingBack() throws Exception {
        List<String> a = new ArrayList<>(List.of("-Djdeep.backend=opencl", "--module-path", path(), "-m",
                "org.jdeep.models/org.jdeep.models.cli.Main", "demo"));
        Result r = java(a);
        assertEquals(1, r.status(), r.out());
        assertTrue(r.out().contains("backend 'opencl' (asked for with -Djdeep.backend=opencl) was not found."),
                r.out());
        assertTrue(r.out().contains("cpu (available)"), r.out());
    }

    @Test
    void anUnknownCommandPrintsUsage() throws Exception {
        Result r = onModulePath("train-everything");
        assertEquals(2, r.status(), r.out());
        assertTrue(r.out().contains("usage: jdeep <command>"), r.out());
    }
}
