package org.jdeep.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.function.Executable;

/**
 * Where the loader tests find their files: the fixtures that tools/gen_data_fixtures.py wrote under
 * src/test/resources/org/jdeep/data, and the datasets tools/fetch_data.sh fetches into the repository's
 * data/ folder (or $JDEEP_DATA, or -Djdeep.data).
 */
final class Fixtures {
    private Fixtures() {
    }

    /** A committed fixture, e.g. {@code "npy/f4.npy"}. */
    static Path fixture(String name) {
        URL url = Fixtures.class.getResource("/org/jdeep/data/" + name);
        assertTrue(url != null, "missing test resource org/jdeep/data/" + name + " (tools/gen_data_fixtures.py)");
        try {
            return Path.of(url.toURI());
        } catch (URISyntaxException e) {
            throw new AssertionError(e);
        }
    }

    /** {@code bytes} written to {@code dir/name}. */
    static Path write(Path dir, String name, byte[] bytes) throws IOException {
        Path p = dir.resolve(name);
        Files.createDirectories(p.getParent());
        return Files.write(p, bytes);
    }

    /** The first {@code n} bytes of a fixture, written to {@code dir/name}: a truncated copy. */
    static Path truncated(Path dir, String fixture, int n) throws IOException {
        byte[] b = Files.readAllBytes(fixture(fixture));
        return write(dir, Path.of(fixture).getFileName().toString(), Arrays.copyOf(b, n));
    }

    /** A fixture with {@code extra} bytes appended, written to {@code dir}. */
    static Path withTrailing(Path dir, String fixture, byte... extra) throws IOException {
        byte[] b = Files.readAllBytes(fixture(fixture));
        byte[] c = Arrays.copyOf(b, b.length + extra.length);
        System.arraycopy(extra, 0, c, b.length, extra.length);
        return write(dir, Path.of(fixture).getFileName().toString(), c);
    }

    /**
     * Asserts that {@code read} throws a {@link DataFileException} about {@code file} whose message contains
     * each of {@code parts}; returns it.
     */
    static DataFileException assertBadFile(Path file, Executable read, String... parts) {
        DataFileException e = assertThrows(DataFileException.class, read);
        assertEquals(file, e.file(), e.getMessage());
        assertTrue(e.getMessage().startsWith(file + ": "), e.getMessage());
        for (String part : parts) {
            assertTrue(e.getMessage().contains(part), "expected \"" + part + "\" in: " + e.getMessage());
        }
        return e;
    }

    /**
     * A file that tools/fetch_data.sh puts under the data folder, e.g. {@code "fashion-mnist/..."}. When it is
     * absent the calling test is skipped with a message saying how to fetch it; under CI=true, where .ci/run
     * fetches the data first, it fails instead, so the real-data tests cannot silently stop running.
     */
    static Path fetched(String name) {
        Path dir = dataDir();
        Path file = dir == null ? null : dir.resolve(name);
        if (file == null || !Files.isRegularFile(file)) {
            String msg = "fetched data " + name + " is absent from " + (dir == null ? "data/" : dir)
                    + ": run tools/fetch_data.sh to fetch it (skipped)";
            if ("true".equals(System.getenv("CI"))) {
                fail(msg + "; under CI=true .ci/run fetches the data before the tests, so this is an error");
            }
            Assumptions.abort(msg);
        }
        return file;
    }

    /** -Djdeep.data, else $JDEEP_DATA, else data/ next to tools/fetch_data.sh above the working directory. */
    private static Path dataDir() {
        String p = System.getProperty("jdeep.data", System.getenv("JDEEP_DATA"));
        if (p != null && !p.isBlank()) {
            return Path.of(p);
        }
        for (Path d = Path.of("").toAbsolutePath(); d != null; d = d.getParent()) {
            if (Files.isRegularFile(d.resolve("tools/fetch_data.sh"))) {
                return d.resolve("data");
            }
        }
        return null;
    }
}
