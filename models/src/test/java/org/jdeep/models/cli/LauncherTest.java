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
import org.junit.jupiter.api.io.TempDir;

/**
 * The command line in both launch modes users have: on the module path as {@code ./jdeep} runs it (backends found
 * through {@code provides}, every jar of target/lib resolved) and on the class path (found through
 * {@code META-INF/services}), each in a fresh JVM.
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

    /** As ./jdeep launches: every jar of target/lib resolved, headless. */
    private static Result onModulePath(String... args) throws IOException, InterruptedException {
        List<String> a = new ArrayList<>(List.of("-Djava.awt.headless=true", "--module-path", path(),
                "--add-modules", "ALL-MODULE-PATH", "-m", "org.jdeep.models/org.jdeep.models.cli.Main"));
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
        List<String> a = new ArrayList<>(List.of("-Djdeep.backend=nosuch", "--module-path", path(), "-m",
                "org.jdeep.models/org.jdeep.models.cli.Main", "demo"));
        Result r = java(a);
        assertEquals(1, r.status(), r.out());
        assertTrue(r.out().contains("backend 'nosuch' (asked for with -Djdeep.backend=nosuch) was not found."),
                r.out());
        assertTrue(r.out().contains("cpu (available)"), r.out());
    }

    @Test
    void anUnknownCommandPrintsUsage() throws Exception {
        Result r = onModulePath("train-everything");
        assertEquals(2, r.status(), r.out());
        assertTrue(r.out().contains("usage: jdeep <command>"), r.out());
    }

    /** picocli, XChart and the models on the module path: a short training run writes its whole run directory. */
    @Test
    void trainOnTheModulePathWritesTheModelTheRecordAndThePlots(@TempDir Path dir) throws Exception {
        Result r = onModulePath("train", "planar", "--epochs", "200", "--out", dir.toString());
        assertEquals(0, r.status(), r.out());
        assertTrue(r.out().contains("Cost after iteration 0: 0.693048"), r.out());
        for (String f : List.of("model.safetensors", "run.json", "cost.png", "decision-boundary.png")) {
            assertTrue(Files.size(dir.resolve(f)) > 0, f + " missing:\n" + r.out());
        }
        Result list = onModulePath("list");
        assertEquals(0, list.status(), list.out());
        assertTrue(list.out().contains("planar  -  "), list.out());
    }

    @Test
    void aBackendThatIsNotThereEndsTrainingWithStatusOneAndOneLine() throws Exception {
        Result r = onModulePath("train", "planar", "--backend", "nosuch", "--epochs", "1");
        assertEquals(1, r.status(), r.out());
        assertTrue(r.out().lines().anyMatch(l -> l.startsWith("jdeep: backend 'nosuch'") && l.contains("was not found")),
                r.out());
    }

    @Test
    void listOnTheClassPath() throws Exception {
        Result r = java(List.of("--add-modules", "jdk.incubator.vector", "-cp", path(), "org.jdeep.models.cli.Main",
                "list"));
        assertEquals(0, r.status(), r.out());
        assertTrue(r.out().contains("deep  -  "), r.out());
    }
}
