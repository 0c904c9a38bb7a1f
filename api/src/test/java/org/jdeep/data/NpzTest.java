package org.jdeep.data;

import static org.jdeep.data.Fixtures.assertBadFile;
import static org.jdeep.data.Fixtures.fixture;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.jdeep.MemoryScope;
import org.jdeep.Tensor;
import org.jdeep.types.DType;
import org.jdeep.types.Shape;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link Npz} on np.savez (stored) and np.savez_compressed (deflated) archives of
 * {@code x = [[1.5, -2.0], [0.25, 8.0]]} float32 and {@code y = [3, -4]} int64, and on broken archives.
 */
class NpzTest {
    @TempDir
    Path dir;
    private MemoryScope scope;

    @BeforeEach
    void open() {
        scope = MemoryScope.open();
    }

    @AfterEach
    void close() {
        scope.close();
    }

    @Test
    void storedAndDeflatedArchivesReadTheSame() throws IOException {
        for (String name : List.of("npz/stored.npz", "npz/deflated.npz")) {
            Map<String, Tensor> m = Npz.read(fixture(name));
            assertEquals(List.of("x", "y"), List.copyOf(m.keySet()), name);
            Tensor x = m.get("x");
            assertEquals(DType.FLOAT32, x.dtype());
            assertEquals(Shape.of(2, 2), x.shape());
            assertArrayEquals(new float[] {1.5f, -2.0f, 0.25f, 8.0f}, x.toFloatArray(), name);
            assertEquals(DType.INT32, m.get("y").dtype()); // int64 read as INT32
            assertArrayEquals(new int[] {3, -4}, m.get("y").toIntArray(), name);
        }
    }

    @Test
    void oneArrayByNameAndTheNames() throws IOException {
        assertArrayEquals(new int[] {3, -4}, Npz.read(fixture("npz/deflated.npz"), "y").toIntArray());
        assertEquals(List.of("x", "y"), Npz.names(fixture("npz/stored.npz")));
        Path f = fixture("npz/stored.npz");
        assertBadFile(f, () -> Npz.read(f, "z"), "no array named 'z'; the archive holds [x, y]");
    }

    @Test
    void truncatedArchive() throws IOException {
        Path p = Fixtures.truncated(dir, "npz/deflated.npz", 300);
        assertBadFile(p, () -> Npz.read(p), "not a zip archive, or truncated");
        assertBadFile(p, () -> Npz.names(p), "not a zip archive, or truncated");
    }

    @Test
    void anNpyFileIsNotAnArchive() {
        Path f = fixture("npy/f4.npy");
        assertBadFile(f, () -> Npz.read(f), "not an .npz archive but a single .npy array: read it with Npy.read");
    }

    @Test
    void aCorruptedEntryFailsItsChecksum() throws IOException {
        byte[] b = Files.readAllBytes(fixture("npz/stored.npz"));
        // x's first element 1.5f is stored little-endian as 00 00 c0 3f; make it 1.75f (00 00 e0 3f)
        int at = indexOf(b, new byte[] {0, 0, (byte) 0xc0, 0x3f});
        b[at + 2] = (byte) 0xe0;
        Path p = Fixtures.write(dir, "corrupt.npz", b);
        assertBadFile(p, () -> Npz.read(p), "entry 'x.npy': CRC-32 mismatch (the archive says 4942e437",
                "the archive is corrupted");
    }

    @Test
    void entriesThatAreNotNpyArrays() throws IOException {
        Path text = Fixtures.write(dir, "text.npz", zip("notes.txt", "hello".getBytes(StandardCharsets.US_ASCII)));
        assertBadFile(text, () -> Npz.read(text), "entry 'notes.txt' is not an .npy array");
        Path bad = Fixtures.write(dir, "bad.npz", zip("a.npy", "hello".getBytes(StandardCharsets.US_ASCII)));
        assertBadFile(bad, () -> Npz.read(bad), "entry 'a.npy': not an NPY file: it starts with bytes 68 65 6c 6c 6f");
        byte[] f4 = Files.readAllBytes(fixture("npy/f4.npy"));
        byte[] cut = java.util.Arrays.copyOf(f4, f4.length - 4);
        Path truncated = Fixtures.write(dir, "cut.npz", zip("w.npy", cut));
        assertBadFile(truncated, () -> Npz.read(truncated, "w"), "entry 'w.npy': truncated: shape (2, 3) <f4 needs 24 "
                + "bytes of data but the file ends after 20");
    }

    private static byte[] zip(String name, byte[] content) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream z = new ZipOutputStream(bytes)) {
            z.putNextEntry(new ZipEntry(name));
            z.write(content);
            z.closeEntry();
        }
        return bytes.toByteArray();
    }

    private static int indexOf(byte[] b, byte[] pattern) {
        outer:
        for (int i = 0; i + pattern.length <= b.length; i++) {
            for (int k = 0; k < pattern.length; k++) {
                if (b[i + k] != pattern[k]) {
                    continue outer;
                }
            }
            return i;
        }
        throw new AssertionError("pattern not found");
    }
}
