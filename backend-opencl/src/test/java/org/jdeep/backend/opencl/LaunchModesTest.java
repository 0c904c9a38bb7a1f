package org.jdeep.backend.opencl;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The provider in fresh JVMs: with OpenCL hidden it reports itself unavailable instead of running in Java,
 * and with OpenCL present it is found and runs both on the class path (META-INF/services) and on the
 * module path ({@code provides}, with the kernel package opened to Aparapi).
 */
class LaunchModesTest {

    private static String run(List<String> command, Map<String, String> env) throws Exception {
        return ChildJvm.run(command, env).output();
    }

    private static List<String> classPathCommand(String... jvmOptions) {
        return ChildJvm.classPathCommand(org.jdeep.probe.ProbeMain.class, jvmOptions);
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
        String out = ChildJvm.run(classPathCommand(), Map.of(), "LD_PRELOAD").output();
        assertTrue(out.contains("available=false"), out);
        assertTrue(out.contains("this JVM runs without signal chaining"), out);
        assertTrue(out.contains("LD_PRELOAD=" + Path.of(System.getProperty("java.home"), "lib", "libjsig.so")), out);
        assertTrue(out.contains("open=IllegalStateException"), out);
        assertTrue(!out.contains("Aparapi"), "Aparapi (and the driver) not loaded: " + out);
    }

    @ParameterizedTest(name = "{1}")
    @CsvSource({"-XX:+UseSerialGC, Serial", "-XX:+UseParallelGC, Parallel", "-XX:+UseShenandoahGC, Shenandoah"})
    void withACompactingCollectorTheProbeSaysWhyAndNoDriverIsLoaded(String option, String collector) throws Exception {
        String out = run(classPathCommand(option), Map.of());
        assumeFalse(out.contains("Unrecognized VM option"), "this JVM has no " + collector + " collector");
        assertTrue(out.contains("available=false"), out);
        assertTrue(out.contains("this JVM runs the " + collector + " garbage collector"), out);
        assertTrue(out.contains("-XX:+UseG1GC"), out);
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
        for (String e : ChildJvm.entries()) {
            String name = Path.of(e).getFileName().toString();
            if (e.endsWith("test-classes")) {
                classes.add(e);
            } else if (name.startsWith("aparapi") || name.startsWith("bcel") || name.startsWith("jdeep-spi")
                    || e.endsWith(File.separator + "classes") || e.endsWith("classes")) {
                modules.add(e);
            }
        }
        // The main classes folder of this module (the jar does not exist yet during the test phase).
        assertTrue(modules.stream().anyMatch(m -> m.endsWith("classes")), "main classes on the path: " + ChildJvm.entries());
        Path copy = Files.createTempDirectory("probe-main");
        try {
            List<String> cmd = List.of(ChildJvm.java(), "--module-path", String.join(File.pathSeparator, modules),
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
