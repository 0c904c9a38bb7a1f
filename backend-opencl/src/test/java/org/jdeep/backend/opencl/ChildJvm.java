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

/** A fresh JVM for tests that must not share this one: its exit status and everything it printed. */
record ChildJvm(int exitStatus, String output) {

    /** Every jar and class folder this test JVM sees, whichever path surefire put it on. */
    static List<String> entries() {
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

    static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    /** {@code java [jvmOptions] -cp <this JVM's path> mainClass}. */
    static List<String> classPathCommand(Class<?> mainClass, String... jvmOptions) {
        List<String> cmd = new ArrayList<>(List.of(java(), "--add-modules", "jdk.incubator.vector"));
        cmd.addAll(List.of(jvmOptions));
        cmd.addAll(List.of("-cp", String.join(File.pathSeparator, entries()), mainClass.getName()));
        return cmd;
    }

    /**
     * Runs the command with {@code env} added to this JVM's environment and the variables {@code unset} removed
     * from it; a child still running after two minutes is killed and fails the test with what it printed so far.
     */
    static ChildJvm run(List<String> command, Map<String, String> env, String... unset)
            throws IOException, InterruptedException {
        Path log = Files.createTempFile("child-jvm", ".log");
        try {
            ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
            pb.environment().putAll(env);
            for (String variable : unset) {
                pb.environment().remove(variable);
            }
            Process p = pb.start();
            boolean finished = p.waitFor(120, TimeUnit.SECONDS);
            if (!finished) {
                p.destroyForcibly().waitFor();
            }
            String out = Files.readString(log, StandardCharsets.UTF_8);
            assertTrue(finished, () -> "child JVM still running after 120 s, killed: " + command + "\n" + out);
            return new ChildJvm(p.exitValue(), out);
        } finally {
            Files.deleteIfExists(log);
        }
    }
}
