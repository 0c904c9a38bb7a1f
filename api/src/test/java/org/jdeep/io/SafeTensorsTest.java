package org.jdeep.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.jdeep.MemoryScope;
import org.jdeep.Tensor;
import org.jdeep.types.DType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** safetensors: round trips, a file from an independent writer, atomic saves and every error path. */
class SafeTensorsTest {
    @TempDir
    Path dir;

    private static Map<String, Tensor> sample() {
        Map<String, Tensor> m = new LinkedHashMap<>();
        m.put("0.weight", Tensor.of(new float[] {1.5f, -2, 3.25f, 0, -0.0f, Float.MIN_VALUE}, 3, 2));
        m.put("0.bias", Tensor.of(new double[] {0.1, -1e-300}, 2));
        m.put("step", Tensor.of(new int[] {Integer.MIN_VALUE, 7}, 2));
        m.put("scalar", Tensor.scalar(2.5));
        return m;
    }

    @Test
    void aRoundTripKeepsNamesOrderShapesDtypesValuesAndMetadata() throws IOException {
        Path file = dir.resolve("model.safetensors");
        try (MemoryScope scope = MemoryScope.open()) {
            Map<String, Tensor> saved = sample();
            Map<String, String> meta = new LinkedHashMap<>();
            meta.put("seed", "1");
            meta.put("config", "AdamConfig[learningRate=0.01, \"quoted\" \\ back\nslash]");
            SafeTensors.save(file, saved, meta);
            Checkpoint c = SafeTensors.load(file);
            assertEquals(List.of("0.weight", "0.bias", "step", "scalar"), List.copyOf(c.tensors().keySet()));
            assertEquals(meta, c.metadata());
            for (String name : saved.keySet()) {
                Tensor a = saved.get(name);
                Tensor b = c.tensor(name);
                assertEquals(a.shape(), b.shape(), name);
                assertEquals(a.dtype(), b.dtype(), name);
                assertArrayEquals(a.toDoubleArray(), b.toDoubleArray(), name);
            }
            assertEquals(Float.floatToRawIntBits(-0.0f), Float.floatToRawIntBits(c.tensor("0.weight").toFloatArray()[4]));
            assertEquals(0, (Files.size(file) - 8 - (6 * 4 + 2 * 8 + 2 * 4 + 8)) % 8, "the header is padded to 8 bytes");
        }
    }

    @Test
    void everyTensorIsAlignedToItsElementSizeAsTheReferenceWriterDoes() throws Exception {
        Path file = dir.resolve("aligned.safetensors");
        try (MemoryScope scope = MemoryScope.open()) {
            Map<String, Tensor> m = new LinkedHashMap<>();
            m.put("odd", Tensor.of(new float[] {1, 2, 3}, 3)); // 12 bytes: an F64 right after would sit at 12
            m.put("wide", Tensor.of(new double[] {4, 5}, 2));
            SafeTensors.save(file, m, Map.of());
            byte[] all = Files.readAllBytes(file);
            int n = (int) ByteBuffer.wrap(all, 0, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
            Map<?, ?> header = (Map<?, ?>) Json.parse(new String(all, 8, n, StandardCharsets.UTF_8));
            assertEquals(List.of("odd", "wide"), List.copyOf(header.keySet()), "the header keeps the map's order");
            assertEquals(List.of(16L, 28L), ((Map<?, ?>) header.get("odd")).get("data_offsets"));
            assertEquals(List.of(0L, 16L), ((Map<?, ?>) header.get("wide")).get("data_offsets"));
            assertEquals(0, n % 8, "the header is padded with spaces to 8 bytes");
            assertArrayEquals(new double[] {1, 2, 3}, SafeTensors.load(file).tensor("odd").toDoubleArray());
        }
    }

    @Test
    void aFileFromAnIndependentWriterLoads() throws IOException {
        // tools/gen_safetensors_fixture.py, with Python's json and struct only
        Path file = dir.resolve("fixture.safetensors");
        try (InputStream in = SafeTensorsTest.class.getResourceAsStream("fixture.safetensors")) {
            Files.copy(in, file);
        }
        try (Checkpoint c = SafeTensors.load(file)) {
            assertEquals(List.of("dense.bias", "dense.weight", "empty", "labels", "step"),
                    List.copyOf(c.tensors().keySet()), "header order (sorted keys), not data order");
            assertEquals(Map.of("format", "pt", "seed", "1", "note", "independent writer \u00e9 \u2713 \uD83D\uDE00"),
                    c.metadata());
            Tensor w = c.tensor("dense.weight");
            assertEquals(DType.FLOAT32, w.dtype());
            assertTrue(w.shape().is(2, 3));
            assertArrayEquals(new float[] {0.5f, -1.25f, 3.0f, 0.1f, -0.0f, 1e30f}, w.toFloatArray());
            assertArrayEquals(new double[] {0.1, -2.5, 1e-300}, c.tensor("dense.bias").toDoubleArray());
            assertArrayEquals(new int[] {0, 1, -7, Integer.MAX_VALUE}, c.tensor("labels").toIntArray());
            assertEquals(0, c.tensor("step").rank());
            assertEquals(42.0, c.tensor("step").item());
            assertTrue(c.tensor("empty").shape().is(0, 4));
        }
    }

    @Test
    void loadIntoWritesParametersInPlaceOnlyWhenEverythingMatches() throws IOException {
        Path file = dir.resolve("w.safetensors");
        try (MemoryScope scope = MemoryScope.open()) {
            SafeTensors.save(file, Map.of("w", Tensor.of(new double[] {1, 2}, 2), "b", Tensor.scalar(3)),
                    Map.of("seed", "7"));
            Tensor w = Tensor.zeros(DType.FLOAT64, 2).requiresGrad();
            Tensor b = Tensor.zeros(DType.FLOAT64);
            Map<String, Tensor> model = new LinkedHashMap<>();
            model.put("w", w);
            model.put("b", b);
            assertEquals(Map.of("seed", "7"), SafeTensors.loadInto(file, model));
            assertArrayEquals(new double[] {1, 2}, w.toDoubleArray());
            assertEquals(3, b.item());

            Tensor other = Tensor.zeros(DType.FLOAT64, 3);
            Tensor extra = Tensor.zeros(DType.FLOAT32, 2);
            Map<String, Tensor> wrong = new LinkedHashMap<>();
            wrong.put("w", other);
            wrong.put("c", extra);
            SafeTensorsException e = assertThrows(SafeTensorsException.class, () -> SafeTensors.loadInto(file, wrong));
            assertEquals("tensor 'w' is (2,) FLOAT64 in the file, the model expects (3,) FLOAT64; missing tensor 'c' "
                    + "(the model expects (2,) FLOAT32); unexpected tensor 'b' that the model does not have", e.problem());
            assertEquals(file, e.file());
            assertTrue(e.getMessage().startsWith(file.toString() + ": "), e.getMessage());
            assertArrayEquals(new double[] {0, 0, 0}, other.toDoubleArray(), "nothing was written");
        }
    }

    @Test
    void provenanceRecordsSeedConfigBackendAndVersion() {
        Map<String, String> p = SafeTensors.provenance(42, new org.jdeep.optim.AdamConfig(0.01));
        assertEquals("42", p.get("seed"));
        assertEquals("AdamConfig[learningRate=0.01, beta1=0.9, beta2=0.999, epsilon=1.0E-8]", p.get("config"));
        assertTrue(p.get("backend").startsWith("cpu"), p.get("backend"));
        assertTrue(p.containsKey("jdeep.version"));
    }

    // ------------------------------------------------------------------ atomic writes

    @Test
    void aFailedSaveLeavesTheExistingFileIntactAndNoTemporaryFile() throws IOException {
        Path file = dir.resolve("model.safetensors");
        try (MemoryScope scope = MemoryScope.open()) {
            SafeTensors.save(file, sample(), Map.of());
        }
        byte[] before = Files.readAllBytes(file);
        Tensor closed = Tensor.of(new double[] {1, 2, 3}, 3);
        closed.close();
        Map<String, Tensor> failing = new LinkedHashMap<>();
        try (Tensor first = Tensor.of(new double[] {9, 9}, 2)) {
            failing.put("first", first);
            failing.put("second", closed); // its data cannot be read: the save fails halfway through the data
            assertThrows(IllegalStateException.class, () -> SafeTensors.save(file, failing, Map.of()));
        }
        assertArrayEquals(before, Files.readAllBytes(file));
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(List.of(file), files.toList(), "the temporary file was removed");
        }
    }

    @Test
    void saveReplacesAnExistingFile() throws IOException {
        Path file = dir.resolve("m.safetensors");
        try (MemoryScope scope = MemoryScope.open()) {
            SafeTensors.save(file, sample(), Map.of());
            SafeTensors.save(file, Map.of("x", Tensor.of(new int[] {5}, 1)), Map.of());
            assertArrayEquals(new int[] {5}, SafeTensors.load(file).tensor("x").toIntArray());
        }
    }

    @Test
    void reservedAndEmptyNamesAreRejected() {
        try (Tensor t = Tensor.scalar(1)) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> SafeTensors.save(dir.resolve("x"), Map.of("__metadata__", t), Map.of()));
            assertEquals("safetensors: invalid tensor name '__metadata__'", e.getMessage());
            assertThrows(IllegalArgumentException.class, () -> SafeTensors.save(dir.resolve("x"), Map.of("", t), Map.of()));
        }
        assertFalse(Files.exists(dir.resolve("x")));
    }

    // ------------------------------------------------------------------ error paths

    /** A file of the given header text and data bytes. */
    private Path file(String header, byte[] data) throws IOException {
        byte[] h = header.getBytes(StandardCharsets.UTF_8);
        ByteBuffer b = ByteBuffer.allocate(8 + h.length + data.length).order(ByteOrder.LITTLE_ENDIAN);
        b.putLong(h.length).put(h).put(data);
        Path f = dir.resolve("bad.safetensors");
        Files.write(f, b.array());
        return f;
    }

    private Path file(String header, int dataBytes) throws IOException {
        return file(header, new byte[dataBytes]);
    }

    private String problem(Path f) {
        SafeTensorsException e = assertThrows(SafeTensorsException.class, () -> SafeTensors.load(f));
        assertEquals(f, e.file());
        assertEquals(f + ": " + e.problem(), e.getMessage());
        return e.problem();
    }

    private static final String ONE = "{\"a\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]}}";

    @Test
    void aTruncatedFileIsReported() throws IOException {
        Path good = file(ONE, 8);
        byte[] all = Files.readAllBytes(good);
        Path f = dir.resolve("t.safetensors");
        Files.write(f, Arrays.copyOf(all, 5));
        assertEquals("truncated file: 5 bytes, fewer than the 8-byte header length", problem(f));
        Files.write(f, Arrays.copyOf(all, 20));
        assertEquals("truncated file: the header length is " + ONE.length() + " bytes but only 12 follow the length "
                + "field", problem(f));
        Files.write(f, Arrays.copyOf(all, all.length - 3));
        assertEquals("tensor 'a' has data_offsets [0, 8] out of range: the data section holds 5 bytes (truncated "
                + "file?)", problem(f));
    }

    @Test
    void aBadHeaderLengthIsReported() throws IOException {
        Path f = dir.resolve("h.safetensors");
        byte[] b = new byte[16];
        Arrays.fill(b, (byte) 0xff);
        Files.write(f, b);
        assertEquals("bad header length 18446744073709551615 (the limit is 100000000 bytes): not a safetensors file?",
                problem(f));
    }

    @Test
    void aCorruptedHeaderIsReported() throws IOException {
        assertEquals("corrupted header: invalid JSON at character 7: expected ',' or '}'",
                problem(file("{\"a\":1 2}", 0)));
        assertEquals("corrupted header: invalid JSON at character 0: unexpected character 'x'", problem(file("xyz", 0)));
        assertEquals("corrupted header: invalid JSON at character 2: unterminated string", problem(file("{\"", 0)));
        assertEquals("corrupted header: the JSON is not an object", problem(file("[1]", 0)));
        assertEquals("corrupted header: invalid JSON at character 53: duplicate key \"a\"",
                problem(file("{\"a\":{\"dtype\":\"F32\",\"shape\":[],\"data_offsets\":[0,4]},\"a\":{}}", 4)));
        assertEquals("corrupted header: invalid JSON at character 29: only non-negative integers are allowed in a "
                + "safetensors header", problem(file("{\"a\":{\"dtype\":\"F32\",\"shape\":[1.5],\"data_offsets\":[0,4]}}", 4)));
        assertEquals("corrupted header: tensor 'a' needs data_offsets as a list of 2 integers",
                problem(file("{\"a\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0]}}", 4)));
        assertEquals("corrupted header: tensor 'a' has an unknown field 'offsets'",
                problem(file("{\"a\":{\"dtype\":\"F32\",\"shape\":[1],\"offsets\":[0,4]}}", 4)));
        assertEquals("corrupted header: metadata value of 'seed' is not a string",
                problem(file("{\"__metadata__\":{\"seed\":1}}", 0)));
        assertEquals("corrupted header: not valid UTF-8", problemOfBytes());
    }

    /** A header whose bytes are not UTF-8 (a lone continuation byte inside a key). */
    private String problemOfBytes() throws IOException {
        byte[] h = {'{', '"', (byte) 0x80, '"', ':', '{', '}', '}'};
        ByteBuffer b = ByteBuffer.allocate(8 + h.length).order(ByteOrder.LITTLE_ENDIAN).putLong(h.length).put(h);
        Path f = dir.resolve("utf8.safetensors");
        Files.write(f, b.array());
        return problem(f);
    }

    @Test
    void anUnsupportedDtypeIsReported() throws IOException {
        assertEquals("tensor 'a' has dtype F16, which jdeep does not support (it reads F32, F64 and I32)",
                problem(file("{\"a\":{\"dtype\":\"F16\",\"shape\":[2],\"data_offsets\":[0,4]}}", 4)));
    }

    @Test
    void offsetsOutOfRangeOverlappingOrLeavingGapsAreReported() throws IOException {
        assertEquals("tensor 'a' has data_offsets [0, 8] out of range: the data section holds 4 bytes (truncated "
                + "file?)", problem(file(ONE, 4)));
        assertEquals("tensor 'a' has data_offsets [8, 4], which end before they begin",
                problem(file("{\"a\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[8,4]}}", 8)));
        assertEquals("tensors 'a' and 'b' overlap (data_offsets end at 8 and begin at 4)",
                problem(file("{\"a\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]},"
                        + "\"b\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[4,12]}}", 12)));
        assertEquals("4 bytes before tensor 'b' belong to no tensor (data_offsets begin at 12, expected 8)",
                problem(file("{\"a\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]},"
                        + "\"b\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[12,16]}}", 16)));
        assertEquals("the data section holds 12 bytes but the header describes 8 (trailing bytes)",
                problem(file(ONE, 12)));
    }

    @Test
    void aShapeThatDoesNotMatchTheByteCountIsReported() throws IOException {
        assertEquals("tensor 'a' has shape [2, 3] F64, which needs 48 bytes, but its data_offsets [0, 40] hold 40",
                problem(file("{\"a\":{\"dtype\":\"F64\",\"shape\":[2,3],\"data_offsets\":[0,40]}}", 40)));
    }

    @Test
    void aMissingFileIsAnIoException() {
        assertThrows(java.nio.file.NoSuchFileException.class, () -> SafeTensors.load(dir.resolve("absent")));
    }
}
