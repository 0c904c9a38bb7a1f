package org.jdeep.backend.opencl;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
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
 * The provider in fresh JVMs: with OpenCL hidden it reports itself unavailable instead of running in Java,
 * and with OpenCL present it is found and runs both on the class path (META-INF/services) and on the
 * module path ({@code provides}, with the kernel package opened to Aparapi).
 */
class LaunchModesTest {

    /** Every jar and class folder this test JVM sees, whichever path surefire put it on. */
    private static List<String> entries() {
        List<String> all = new ArrayList<>();
        for (String prop : new String[] {"jdk.module.path", "java.class.path"}) {
            String v = System.getProperty(prop);
            if (v != null && !v.isBlank()) {
                for (String e : v.split(File.pathSeparator)) {
                    if (!e.isBlank() && !all.contains(e)) {
                        all.add(e);
                    }
                }
            }
        }
        return all;
    }

    private static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    private static String run(List<String> command, Map<String, String> env) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        pb.environment().putAll(env);
        Process p = pb.start();
        byte[] out = p.getInputStream().readAllBytes();
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "child JVM finished");
        return new String(out, StandardCharsets.UTF_8);
    }

    private static List<String> classPathCommand() {
        List<String> cmd = new ArrayList<>(List.of(java(), "--add-modules", "jdk.incubator.vector", "-cp",
                String.join(File.pathSeparator, entries()), org.jdeep.probe.ProbeMain.class.getName()));
        return cmd;
    }

    @Test
    void withOpenClHiddenTheProbeSaysUnavailableAndOpenRefuses(@TempDir Path empty) throws Exception {
        String out = run(classPathCommand(), Map.of("OCL_ICD_VENDORS", empty.toString()));
        assertTrue(out.contains("available=false"), out);
        assertTrue(out.contains("no OpenCL platform found (install an ICD such as pocl-opencl-icd)"), out);
        assertTrue(out.contains("open=IllegalStateException"), out);
        assertTrue(!out.contains("result="), "nothing ran in Java: " + out);
    }

    @Test
    void withoutSignalChainingTheProbeSaysWhyAndNoDriverIsLoaded() throws Exception {
        ProcessBuilder pb = new ProcessBuilder(classPathCommand()).redirectErrorStream(true);
        pb.environment().remove("LD_PRELOAD");
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "child JVM finished");
        assertTrue(out.contains("available=false"), out);
        assertTrue(out.contains("this JVM runs without signal chaining"), out);
        assertTrue(out.contains("LD_PRELOAD=" + Path.of(System.getProperty("java.home"), "lib", "libjsig.so")), out);
        assertTrue(out.contains("open=IllegalStateException"), out);
        assertTrue(!out.contains("Aparapi"), "Aparapi (and the driver) not loaded: " + out);
    }

    @Test
    void runsOnTheClassPath() throws Exception {
        Both.opencl();
        String out = run(classPathCommand(), Map.of());
        assertTrue(out.contains("available=true"), out);
        assertTrue(out.contains("result=2.0,4.0,6.0"), out);
    }

    @Test
    void runsOnTheModulePath() throws Exception {
        Both.opencl();
        List<String> modules = new ArrayList<>();
        List<String> classes = new ArrayList<>();
        for (String e : entries()) {
            String name = Path.of(e).getFileName().toString();
            if (e.endsWith("test-classes")) {
                classes.add(e);
            } else if (name.startsWith("aparapi") || name.startsWith("bcel") || name.startsWith("jdeep-spi")
                    || e.endsWith(File.separator + "classes") || e.endsWith("classes")) {
                modules.add(e);
            }
        }
        // The main classes folder of this module (the jar does not exist yet during the test phase).
        assertTrue(modules.stream().anyMatch(m -> m.endsWith("classes")), "main classes on the path: " + entries());
        Path copy = Files.createTempDirectory("probe-main");
        try {
            List<String> cmd = List.of(java(), "--module-path", String.join(File.pathSeparator, modules),
                    "--add-modules", "org.jdeep.backend.opencl", "-cp", String.join(File.pathSeparator, classes),
                    org.jdeep.probe.ProbeMain.class.getName());
            String out = run(cmd, Map.of());
            assertTrue(out.contains("available=true"), out);
            assertTrue(out.contains("result=2.0,4.0,6.0"), out);
        } finally {
            Files.deleteIfExists(copy);
        }
    }
}
