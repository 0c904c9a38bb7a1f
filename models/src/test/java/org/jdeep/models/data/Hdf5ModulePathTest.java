package org.jdeep.models.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.net.URISyntaxException;
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
 * {@link Hdf5} on the module path, in a fresh JVM, as ./jdeep runs: jhdf is the automatic module io.jhdf,
 * whose own dependencies (org.slf4j, org.apache.commons.lang3, com.ning.compress.lzf) are explicit modules that
 * nothing requires. Without --add-modules they are not resolved and Hdf5 says exactly what to add; with them it
 * reads the file, chunked gzip dataset included.
 */
class Hdf5ModulePathTest {
    private static final Path LIB = Path.of(System.getProperty("jdeep.models.lib", "target/lib"));
    private static final Path CLASSES = Path.of(System.getProperty("jdeep.models.classes", "target/classes"));
    private static final String PROBE = """
            public class Probe {
                public static void main(String[] args) throws Exception {
                    try {
                        java.nio.file.Path file = java.nio.file.Path.of(args[0]);
                        System.out.println("contents: " + org.jdeep.models.data.Hdf5.contents(file).get("train_set_x"));
                        System.out.println("compressed: " + java.util.Arrays.toString(
                                org.jdeep.models.data.Hdf5.read(file, "compressed").toDoubleArray()));
                    } catch (IllegalStateException e) {
                        System.out.println("IllegalStateException: " + e.getMessage());
                    }
                }
            }
            """;

    @TempDir
    Path dir;

    private String run(String... modules) throws IOException, InterruptedException, URISyntaxException {
        Path probe = Files.writeString(dir.resolve("Probe.java"), PROBE);
        String path;
        try (Stream<Path> jars = Files.list(LIB)) {
            path = Stream.concat(Stream.of(CLASSES), jars.sorted()).map(Path::toString)
                    .collect(Collectors.joining(File.pathSeparator));
        }
        Path h5 = Path.of(Hdf5ModulePathTest.class.getResource("/org/jdeep/models/data/course_like.h5").toURI());
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--module-path", path, "--add-modules", String.join(",", modules), probe.toString(), h5.toString()));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), out);
        assertEquals(0, p.exitValue(), out);
        return out;
    }

    @Test
    void withJhdfsDependenciesAddedItReads() throws Exception {
        String out = run("org.jdeep.models", "org.slf4j", "org.apache.commons.lang3", "com.ning.compress.lzf");
        assertTrue(out.contains("contents: train_set_x (4, 2, 2, 3) uint8"), out);
        assertTrue(out.contains("compressed: [0.0, 1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0, 8.0, 9.0, 10.0, 11.0]"), out);
    }

    @Test
    void withoutThemItSaysWhatToAdd() throws Exception {
        String out = run("org.jdeep.models");
        assertTrue(out.contains("IllegalStateException: the HDF5 reader (jhdf) cannot find a library it needs"), out);
        assertTrue(out.contains("--add-modules org.slf4j,org.apache.commons.lang3,com.ning.compress.lzf"), out);
    }
}
