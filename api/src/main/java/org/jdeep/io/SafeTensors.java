package org.jdeep.io;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import org.jdeep.Autograd;
import org.jdeep.Backends;
import org.jdeep.Tensor;
import org.jdeep.types.DType;
import org.jdeep.types.Shape;

/**
 * Saves and loads tensors in the <a href="https://github.com/huggingface/safetensors">safetensors</a>
 * format, so jdeep models interoperate with the Python ecosystem ({@code safetensors.numpy.load_file},
 * {@code safetensors.torch.load_file}). A file is:
 * <pre>
 * 8 bytes     N, the header length, unsigned little-endian
 * N bytes     UTF-8 JSON: {"name": {"dtype": "F32"|"F64"|"I32", "shape": [d0, ...], "data_offsets": [begin, end]},
 *                          ..., "__metadata__": {"key": "value", ...}}   (padded with spaces)
 * the rest    the tensors' bytes, little-endian, row-major; offsets count from the end of the header
 * </pre>
 *
 * <p>Writes are atomic: the file is written to a temporary file in the same directory, forced to disk,
 * then moved over the target in one step, so a crash or a failed save never leaves a half-written model and
 * an existing file stays intact until the new one is complete.
 *
 * <p>Reads are strict and all-or-nothing: a truncated file, a corrupted header, an unknown dtype, offsets
 * out of range, overlapping or leaving gaps, a shape that does not match its byte count, or (for
 * {@link #loadInto}) a missing, extra or differently shaped tensor raise a {@link SafeTensorsException}
 * naming the file and the problem, and no tensor is returned or changed.
 */
public final class SafeTensors {
    /** The key of the string-to-string metadata in the header. */
    public static final String METADATA_KEY = "__metadata__";
    /** The largest header read, as in the reference implementation (100 MB). */
    static final long MAX_HEADER_BYTES = 100_000_000L;
    private static final int CHUNK = 1 << 20;
    private static final Random RANDOM = new Random();

    private SafeTensors() {
    }

    // ------------------------------------------------------------------ saving

    /**
     * Writes {@code tensors} (in the map's order) and {@code metadata} to {@code file}, atomically.
     *
     * @param file the file to write; its directory must exist; an existing file is replaced only once the
     *     new one is complete
     * @param tensors the tensors by name; names must be non-empty and not {@value #METADATA_KEY}
     * @param metadata string metadata stored under {@value #METADATA_KEY} (may be empty)
     * @throws IOException when the file cannot be written (the target is then unchanged)
     * @throws IllegalArgumentException for an empty or reserved name
     */
    public static void save(Path file, Map<String, Tensor> tensors, Map<String, String> metadata)
            throws IOException {
        byte[] header = header(tensors, metadata);
        Path target = file.toAbsolutePath();
        Path dir = target.getParent();
        Path tmp = createTemporary(dir, target.getFileName().toString());
        boolean moved = false;
        try {
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
                ByteBuffer len = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(header.length);
                writeFully(ch, len.flip());
                writeFully(ch, ByteBuffer.wrap(header));
                for (String name : dataOffsets(tensors).keySet()) {
                    writeData(ch, tensors.get(name));
                }
                ch.force(true);
            }
            try {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                throw new SafeTensorsException(file, "this file system cannot replace a file atomically", e);
            }
            moved = true;
        } finally {
            if (!moved) {
                Files.deleteIfExists(tmp);
            }
        }
        syncDirectory(dir);
    }

    /**
     * Metadata recording how a model was made, to save with it (Tribuo-style provenance): {@code seed},
     * {@code config} (the configuration's {@code toString()}, e.g. a hyperparameter record), {@code backend}
     * (the current backend's name and device) and {@code jdeep.version}.
     */
    public static Map<String, String> provenance(long seed, Object config) {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("seed", Long.toString(seed));
        m.put("config", String.valueOf(config));
        m.put("backend", Backends.selected().name() + " (" + Backends.selected().detail() + ")");
        m.put("jdeep.version", version());
        return m;
    }

    /** The module's version, else the jar's Maven version, else the manifest's, else "unknown" (classes, no jar). */
    private static String version() {
        Module module = SafeTensors.class.getModule();
        if (module.getDescriptor() != null && module.getDescriptor().rawVersion().isPresent()) {
            return module.getDescriptor().rawVersion().get();
        }
        String pom = "/META-INF/maven/org.jdeep/jdeep-api/pom.properties"; // written into the jar by Maven
        try (InputStream in = SafeTensors.class.getResourceAsStream(pom)) {
            if (in != null) {
                Properties p = new Properties();
                p.load(in);
                if (p.getProperty("version") != null) {
                    return p.getProperty("version");
                }
            }
        } catch (IOException e) {
            // fall through to the manifest
        }
        String v = SafeTensors.class.getPackage().getImplementationVersion();
        return v != null ? v : "unknown";
    }

    private static byte[] header(Map<String, Tensor> tensors, Map<String, String> metadata) {
        StringBuilder sb = new StringBuilder("{");
        if (!metadata.isEmpty()) {
            Json.writeString(sb, METADATA_KEY);
            sb.append(":{");
            boolean first = true;
            for (Map.Entry<String, String> e : metadata.entrySet()) {
                sb.append(first ? "" : ",");
                first = false;
                Json.writeString(sb, e.getKey());
                sb.append(':');
                Json.writeString(sb, e.getValue());
            }
            sb.append('}');
        }
        Map<String, Long> offsets = dataOffsets(tensors);
        for (Map.Entry<String, Tensor> e : tensors.entrySet()) {
            String name = e.getKey();
            Tensor t = e.getValue();
            long at = offsets.get(name);
            sb.append(sb.length() > 1 ? "," : "");
            Json.writeString(sb, name);
            sb.append(":{\"dtype\":\"").append(code(t.dtype())).append("\",\"shape\":[");
            int[] dims = t.shape().dims();
            for (int i = 0; i < dims.length; i++) {
                sb.append(i > 0 ? "," : "").append(dims[i]);
            }
            sb.append("],\"data_offsets\":[").append(at).append(',').append(at + bytes(t)).append("]}");
        }
        sb.append('}');
        byte[] json = sb.toString().getBytes(StandardCharsets.UTF_8);
        byte[] padded = Arrays.copyOf(json, (json.length + 7) / 8 * 8); // aligned data, as the reference writes
        Arrays.fill(padded, json.length, padded.length, (byte) ' ');
        return padded;
    }

    /**
     * Where each tensor's bytes start in the data section: the 8-byte dtypes first, then the 4-byte ones, each
     * group in the map's order, so every tensor is aligned to its element size (as the reference writer does).
     *
     * @throws IllegalArgumentException for an empty or reserved name
     */
    private static Map<String, Long> dataOffsets(Map<String, Tensor> tensors) {
        Map<String, Long> at = new LinkedHashMap<>();
        long next = 0;
        for (int width : new int[] {8, 4}) {
            for (Map.Entry<String, Tensor> e : tensors.entrySet()) {
                String name = e.getKey();
                if (name.isEmpty() || name.equals(METADATA_KEY)) {
                    throw new IllegalArgumentException("safetensors: invalid tensor name '" + name + "'");
                }
                if (e.getValue().dtype().byteSize() == width) {
                    at.put(name, next);
                    next += bytes(e.getValue());
                }
            }
        }
        return at;
    }

    private static long bytes(Tensor t) {
        return (long) t.size() * t.dtype().byteSize();
    }

    private static void writeData(FileChannel ch, Tensor t) throws IOException {
        ByteBuffer buf = ByteBuffer.allocate(CHUNK).order(ByteOrder.LITTLE_ENDIAN);
        int per = CHUNK / t.dtype().byteSize();
        switch (t.dtype()) {
            case FLOAT32 -> {
                float[] v = t.toFloatArray();
                for (int i = 0; i < v.length; i += per) {
                    int n = Math.min(per, v.length - i);
                    buf.clear().asFloatBuffer().put(v, i, n);
                    writeFully(ch, buf.limit(n * 4));
                }
            }
            case FLOAT64 -> {
                double[] v = t.toDoubleArray();
                for (int i = 0; i < v.length; i += per) {
                    int n = Math.min(per, v.length - i);
                    buf.clear().asDoubleBuffer().put(v, i, n);
                    writeFully(ch, buf.limit(n * 8));
                }
            }
            case INT32 -> {
                int[] v = t.toIntArray();
                for (int i = 0; i < v.length; i += per) {
                    int n = Math.min(per, v.length - i);
                    buf.clear().asIntBuffer().put(v, i, n);
                    writeFully(ch, buf.limit(n * 4));
                }
            }
        }
    }

    private static void writeFully(FileChannel ch, ByteBuffer b) throws IOException {
        while (b.hasRemaining()) {
            ch.write(b);
        }
    }

    /**
     * Creates an empty {@code .NAME.RANDOM.tmp} next to the target. Unlike {@link Files#createTempFile}, which makes
     * it readable by its owner only, it gets the usual permissions (the umask's), which the renamed file keeps.
     */
    private static Path createTemporary(Path dir, String name) throws IOException {
        while (true) {
            Path tmp = dir.resolve("." + name + "." + Long.toHexString(RANDOM.nextLong()) + ".tmp");
            try {
                Files.newByteChannel(tmp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE).close();
                return tmp;
            } catch (FileAlreadyExistsException e) {
                // taken: draw another name
            }
        }
    }

    /** Forces the directory entry of the renamed file to disk where the platform allows it (POSIX does). */
    private static void syncDirectory(Path dir) {
        try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
            d.force(true);
        } catch (IOException | UnsupportedOperationException e) {
            // Windows cannot open a directory as a channel; the rename itself is still atomic there
        }
    }

    // ------------------------------------------------------------------ loading

    /** One tensor's header entry, validated. */
    private record Entry(String name, DType dtype, int[] shape, long begin, long end) {
    }

    /**
     * Reads every tensor and the metadata of {@code file}.
     *
     * @return the tensors in header order, on the current backend, and the metadata
     * @throws SafeTensorsException when the file is truncated or corrupted, or holds an unsupported dtype
     * @throws IOException when the file cannot be read (for example {@link java.nio.file.NoSuchFileException})
     */
    public static Checkpoint load(Path file) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = ch.size();
            if (size < 8) {
                throw new SafeTensorsException(file, "truncated file: " + size
                        + " bytes, fewer than the 8-byte header length");
            }
            ByteBuffer lenBuf = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
            readFully(file, ch, lenBuf, 0);
            long n = lenBuf.flip().getLong();
            if (n < 0 || n > MAX_HEADER_BYTES) {
                throw new SafeTensorsException(file, "bad header length " + Long.toUnsignedString(n)
                        + " (the limit is " + MAX_HEADER_BYTES + " bytes): not a safetensors file?");
            }
            if (8 + n > size) {
                throw new SafeTensorsException(file, "truncated file: the header length is " + n
                        + " bytes but only " + (size - 8) + " follow the length field");
            }
            ByteBuffer hb = ByteBuffer.allocate((int) n);
            readFully(file, ch, hb, 8);
            List<Entry> entries = new ArrayList<>();
            Map<String, String> metadata = new LinkedHashMap<>();
            parseHeader(file, hb.flip(), entries, metadata);
            long dataSize = size - 8 - n;
            checkLayout(file, entries, dataSize);
            Map<String, Tensor> tensors = new LinkedHashMap<>();
            boolean ok = false;
            try {
                for (Entry e : entries) {
                    tensors.put(e.name, read(file, ch, 8 + n, e));
                }
                ok = true;
            } finally {
                if (!ok) {
                    tensors.values().forEach(Tensor::close);
                }
            }
            return new Checkpoint(tensors, metadata);
        }
    }

    /**
     * Reads {@code file} and checks it holds exactly the tensors of {@code expected} (same names, shapes and
     * dtypes; none missing, none extra); only then copies each into the tensor of that name, in place (for
     * a model's parameters from {@code stateDict()}). Either every tensor is loaded or none is changed.
     *
     * @return the file's metadata
     * @throws SafeTensorsException naming the missing, extra or mismatched tensors, or any problem
     *     {@link #load} reports
     */
    public static Map<String, String> loadInto(Path file, Map<String, Tensor> expected) throws IOException {
        try (Checkpoint c = load(file)) {
            List<String> problems = new ArrayList<>();
            for (Map.Entry<String, Tensor> e : expected.entrySet()) {
                Tensor have = c.tensors().get(e.getKey());
                Tensor want = e.getValue();
                if (have == null) {
                    problems.add("missing tensor '" + e.getKey() + "' (the model expects " + want.shape() + " "
                            + want.dtype() + ")");
                } else if (!have.shape().equals(want.shape()) || have.dtype() != want.dtype()) {
                    problems.add("tensor '" + e.getKey() + "' is " + have.shape() + " " + have.dtype()
                            + " in the file, the model expects " + want.shape() + " " + want.dtype());
                }
            }
            for (String name : c.tensors().keySet()) {
                if (!expected.containsKey(name)) {
                    problems.add("unexpected tensor '" + name + "' that the model does not have");
                }
            }
            if (!problems.isEmpty()) {
                throw new SafeTensorsException(file, String.join("; ", problems));
            }
            try (Autograd.NoGrad off = Autograd.noGrad()) {
                for (Map.Entry<String, Tensor> e : expected.entrySet()) {
                    e.getValue().assign(c.tensors().get(e.getKey()));
                }
            }
            return c.metadata();
        }
    }

    private static void parseHeader(Path file, ByteBuffer bytes, List<Entry> entries, Map<String, String> metadata)
            throws SafeTensorsException {
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(bytes).toString();
        } catch (CharacterCodingException e) {
            throw new SafeTensorsException(file, "corrupted header: not valid UTF-8", e);
        }
        Object root;
        try {
            root = Json.parse(text);
        } catch (Json.JsonException e) {
            throw new SafeTensorsException(file, "corrupted header: " + e.getMessage(), e);
        }
        if (!(root instanceof Map<?, ?> top)) {
            throw new SafeTensorsException(file, "corrupted header: the JSON is not an object");
        }
        for (Map.Entry<?, ?> kv : top.entrySet()) {
            String name = (String) kv.getKey();
            if (name.equals(METADATA_KEY)) {
                if (!(kv.getValue() instanceof Map<?, ?> meta)) {
                    throw new SafeTensorsException(file, "corrupted header: " + METADATA_KEY + " is not an object");
                }
                for (Map.Entry<?, ?> m : meta.entrySet()) {
                    if (!(m.getValue() instanceof String s)) {
                        throw new SafeTensorsException(file, "corrupted header: metadata value of '" + m.getKey()
                                + "' is not a string");
                    }
                    metadata.put((String) m.getKey(), s);
                }
            } else {
                entries.add(entry(file, name, kv.getValue()));
            }
        }
    }

    private static Entry entry(Path file, String name, Object value) throws SafeTensorsException {
        String where = "tensor '" + name + "'";
        if (!(value instanceof Map<?, ?> e)) {
            throw new SafeTensorsException(file, "corrupted header: " + where + " is not an object");
        }
        for (Object k : e.keySet()) {
            if (!List.of("dtype", "shape", "data_offsets").contains(k)) {
                throw new SafeTensorsException(file, "corrupted header: " + where + " has an unknown field '" + k
                        + "'");
            }
        }
        if (!(e.get("dtype") instanceof String code)) {
            throw new SafeTensorsException(file, "corrupted header: " + where + " has no dtype string");
        }
        DType dtype = switch (code) {
            case "F32" -> DType.FLOAT32;
            case "F64" -> DType.FLOAT64;
            case "I32" -> DType.INT32;
            default -> throw new SafeTensorsException(file, where + " has dtype " + code
                    + ", which jdeep does not support (it reads F32, F64 and I32)");
        };
        long[] shape = longs(file, where, "shape", e.get("shape"), -1);
        long[] offsets = longs(file, where, "data_offsets", e.get("data_offsets"), 2);
        long count = 1;
        int[] dims = new int[shape.length];
        for (int i = 0; i < shape.length; i++) {
            count *= shape[i];
            if (shape[i] > Integer.MAX_VALUE || count > Integer.MAX_VALUE) {
                throw new SafeTensorsException(file, where + " has shape " + Arrays.toString(shape)
                        + ", more elements than a jdeep tensor holds");
            }
            dims[i] = (int) shape[i];
        }
        long begin = offsets[0];
        long end = offsets[1];
        if (end < begin) {
            throw new SafeTensorsException(file, where + " has data_offsets [" + begin + ", " + end
                    + "], which end before they begin");
        }
        long bytes = count * dtype.byteSize();
        if (end - begin != bytes) {
            throw new SafeTensorsException(file, where + " has shape " + Arrays.toString(shape) + " " + code
                    + ", which needs " + bytes + " bytes, but its data_offsets [" + begin + ", " + end + "] hold "
                    + (end - begin));
        }
        return new Entry(name, dtype, dims, begin, end);
    }

    private static long[] longs(Path file, String where, String field, Object value, int length)
            throws SafeTensorsException {
        if (!(value instanceof List<?> list) || (length >= 0 && list.size() != length)) {
            throw new SafeTensorsException(file, "corrupted header: " + where + " needs " + field + " as "
                    + (length >= 0 ? "a list of " + length + " integers" : "a list of integers"));
        }
        long[] out = new long[list.size()];
        for (int i = 0; i < out.length; i++) {
            if (!(list.get(i) instanceof Long v)) {
                throw new SafeTensorsException(file, "corrupted header: " + where + " has a " + field
                        + " entry that is not an integer");
            }
            out[i] = v;
        }
        return out;
    }

    /** The tensors, sorted by offset, must tile the data exactly: no overlap, no gap, nothing past the end. */
    private static void checkLayout(Path file, List<Entry> entries, long dataSize) throws SafeTensorsException {
        List<Entry> sorted = new ArrayList<>(entries);
        sorted.sort(Comparator.comparingLong(Entry::begin).thenComparingLong(Entry::end));
        long at = 0;
        Entry prev = null;
        for (Entry e : sorted) {
            if (e.end > dataSize) {
                throw new SafeTensorsException(file, "tensor '" + e.name + "' has data_offsets [" + e.begin + ", "
                        + e.end + "] out of range: the data section holds " + dataSize + " bytes (truncated file?)");
            }
            if (e.begin < at) {
                throw new SafeTensorsException(file, "tensors '" + prev.name + "' and '" + e.name
                        + "' overlap (data_offsets end at " + at + " and begin at " + e.begin + ")");
            }
            if (e.begin > at) {
                throw new SafeTensorsException(file, (e.begin - at) + " bytes before tensor '" + e.name
                        + "' belong to no tensor (data_offsets begin at " + e.begin + ", expected " + at + ")");
            }
            at = e.end;
            prev = e;
        }
        if (at != dataSize) {
            throw new SafeTensorsException(file, "the data section holds " + dataSize + " bytes but the header "
                    + "describes " + at + (at < dataSize ? " (trailing bytes)" : ""));
        }
    }

    private static Tensor read(Path file, FileChannel ch, long base, Entry e) throws IOException {
        int count = Shape.of(e.shape).size();
        ByteBuffer buf = ByteBuffer.allocate(CHUNK).order(ByteOrder.LITTLE_ENDIAN);
        int width = e.dtype.byteSize();
        int per = CHUNK / width;
        long pos = base + e.begin;
        return switch (e.dtype) {
            case FLOAT32 -> {
                float[] v = new float[count];
                for (int i = 0; i < count; i += per) {
                    int k = Math.min(per, count - i);
                    readFully(file, ch, buf.clear().limit(k * width), pos);
                    buf.flip().asFloatBuffer().get(v, i, k);
                    pos += (long) k * width;
                }
                yield Tensor.of(v, e.shape);
            }
            case FLOAT64 -> {
                double[] v = new double[count];
                for (int i = 0; i < count; i += per) {
                    int k = Math.min(per, count - i);
                    readFully(file, ch, buf.clear().limit(k * width), pos);
                    buf.flip().asDoubleBuffer().get(v, i, k);
                    pos += (long) k * width;
                }
                yield Tensor.of(v, e.shape);
            }
            case INT32 -> {
                int[] v = new int[count];
                for (int i = 0; i < count; i += per) {
                    int k = Math.min(per, count - i);
                    readFully(file, ch, buf.clear().limit(k * width), pos);
                    buf.flip().asIntBuffer().get(v, i, k);
                    pos += (long) k * width;
                }
                yield Tensor.of(v, e.shape);
            }
        };
    }

    private static void readFully(Path file, FileChannel ch, ByteBuffer b, long pos) throws IOException {
        long p = pos;
        while (b.hasRemaining()) {
            int r = ch.read(b, p);
            if (r < 0) {
                throw new SafeTensorsException(file, "truncated file: it ends at byte " + p);
            }
            p += r;
        }
    }

    private static String code(DType dtype) {
        return switch (dtype) {
            case FLOAT32 -> "F32";
            case FLOAT64 -> "F64";
            case INT32 -> "I32";
        };
    }
}
