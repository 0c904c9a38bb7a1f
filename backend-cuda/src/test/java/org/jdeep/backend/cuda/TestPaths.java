package org.jdeep.backend.cuda;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;

/** Where the build put things, for tests that start other JVMs or tools. */
final class TestPaths {

    private TestPaths() {
    }

    /** The test class path as Surefire gives it (its booter jar hides it from java.class.path). */
    static String testClassPath() {
        String cp = System.getProperty("surefire.test.class.path");
        return cp != null && !cp.isBlank() ? cp : System.getProperty("java.class.path");
    }

    /** The class path entry whose file name starts with {@code prefix} and ends with .jar. */
    static Path classPathEntry(String prefix) {
        for (String e : testClassPath().split(File.pathSeparator)) {
            Path p = Path.of(e);
            String name = p.getFileName() == null ? "" : p.getFileName().toString();
            if (name.startsWith(prefix) && name.endsWith(".jar")) {
                return p.toAbsolutePath();
            }
        }
        throw new AssertionError("no " + prefix + "*.jar on the test class path: " + testClassPath());
    }

    /** The repository root (the parent of the module folder Surefire runs in). */
    static Path repoRoot() {
        Path here = Path.of("").toAbsolutePath();
        Path root = here.getParent();
        if (root == null || !Files.isRegularFile(root.resolve("tools").resolve("build_ptx.sh"))) {
            throw new AssertionError("tests run in backend-cuda/, under the repository root; cwd is " + here);
        }
        return root;
    }

    /** The first executable named {@code name} on PATH, or null. */
    static Path onPath(String name) {
        String path = System.getenv("PATH");
        if (path == null) {
            return null;
        }
        for (String dir : path.split(File.pathSeparator)) {
            Path p = Path.of(dir, name);
            if (Files.isExecutable(p)) {
                return p;
            }
        }
        return null;
    }
}
