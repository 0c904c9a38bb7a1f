package org.jdeep.data;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jdeep.Tensor;
import org.jdeep.types.Shape;

/**
 * Reads numpy's {@code .npy} files, what {@code np.save(file, array)} writes (the format is specified in
 * {@code numpy.lib.format}):
 * <pre>
 * 6 bytes   magic "\x93NUMPY"
 * 2 bytes   format version, major and minor: 1.0, 2.0 or 3.0
 * 2 bytes   (1.0) or 4 bytes (2.0, 3.0): the header length N, unsigned little-endian
 * N bytes   a Python dict literal, {'descr': '&lt;f4', 'fortran_order': False, 'shape': (209, 64, 64, 3), }
 *           (Latin-1; UTF-8 in 3.0), padded with spaces and ending in a newline
 * the rest  the elements, in C (row-major) or, when fortran_order is True, Fortran (column-major) order
 * </pre>
 *
 * <p>Element types and what they become:
 * <table>
 * <caption>numpy dtype to jdeep dtype</caption>
 * <tr><th>descr</th><th>numpy</th><th>jdeep</th></tr>
 * <tr><td>{@code <f4}</td><td>float32</td><td>FLOAT32</td></tr>
 * <tr><td>{@code <f8}</td><td>float64</td><td>FLOAT64</td></tr>
 * <tr><td>{@code <i4}, {@code <i2}, {@code |i1}, {@code <u2}, {@code |u1}</td><td>int32 ... uint8</td>
 *     <td>INT32, exactly</td></tr>
 * <tr><td>{@code <i8}, {@code <u4}, {@code <u8}</td><td>int64, uint32, uint64</td>
 *     <td>INT32; a value outside int32's range is an error, never a silent wrap</td></tr>
 * <tr><td>{@code |b1}</td><td>bool</td><td>INT32 0 and 1</td></tr>
 * </table>
 * Big-endian types ({@code >f8}) read as well. Complex, half-precision, string, object (pickled) and
 * structured dtypes are refused with a {@link DataFileException} that names the dtype. The result is always
 * row-major: a Fortran-ordered file is reordered on reading, so {@code np.asfortranarray(a)} and {@code a}
 * load as the same tensor.
 *
 * <p>Reads are strict: a wrong magic number, an unknown version, a header that is not the three-key dict
 * above, a shape whose elements do not fill the data exactly (too few bytes: truncated; too many: trailing
 * bytes) each raise a {@link DataFileException} naming the file and the problem.
 */
public final class Npy {
    /** The magic string that opens every NPY file. */
    static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};
    /** The longest header accepted (numpy itself refuses headers over 10,000 bytes by default). */
    static final long MAX_HEADER_BYTES = 1 << 20;
    private static final Set<String> KEYS = Set.of("descr", "fortran_order", "shape");

    private Npy() {
    }

    /**
     * The array in {@code file}, as a row-major tensor of the file's shape.
     *
     * @throws DataFileException when the file is not a well-formed NPY file, is truncated, has trailing bytes,
     *     holds an unsupported dtype or an integer outside int32's range
     * @throws IOException when the file cannot be read
     */
    public static Tensor read(Path file) throws IOException {
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16)) {
            return read(in, file);
        }
    }

    /**
     * Reads one NPY array from {@code in}, which must hold that array and nothing after it; errors name
     * {@code file}.
     */
    static Tensor read(InputStream in, Path file) throws IOException {
        byte[] pre = new byte[10];
        int got = Elements.readFully(in, pre, 10);
        if (got >= 4 && pre[0] == 'P' && pre[1] == 'K' && pre[2] == 3 && pre[3] == 4) {
            throw new DataFileException(file, "not an NPY file but a zip archive (an .npz file?): read it with "
                    + "Npz.read");
        }
        if (got == 0) {
            throw new DataFileException(file, "empty file: not an NPY file (no \\x93NUMPY magic string)");
        }
        for (int k = 0; k < MAGIC.length; k++) {
            if (k >= got || pre[k] != MAGIC[k]) {
                throw new DataFileException(file, got < MAGIC.length && matchesSoFar(pre, got)
                        ? "truncated: the file ends after " + got + " bytes, inside the NPY magic string"
                        : "not an NPY file: it starts with bytes " + hex(pre, got) + ", not the magic string "
                                + "\\x93NUMPY");
            }
        }
        if (got < 8) {
            throw new DataFileException(file, "truncated: the file ends after " + got + " bytes, before the "
                    + "format version");
        }
        int major = pre[6] & 0xFF;
        int minor = pre[7] & 0xFF;
        if (major < 1 || major > 3 || minor != 0) {
            throw new DataFileException(file, "unsupported NPY format version " + major + "." + minor
                    + " (jdeep reads 1.0, 2.0 and 3.0)");
        }
        int lengthBytes = major == 1 ? 2 : 4;
        byte[] len = new byte[4];
        System.arraycopy(pre, 8, len, 0, got - 8);
        int more = Elements.readFully(in, len, got - 8, lengthBytes - (got - 8));
        if (got - 8 + more < lengthBytes) {
            throw new DataFileException(file, "truncated: the file ends inside the header length");
        }
        ByteBuffer lb = ByteBuffer.wrap(len).order(ByteOrder.LITTLE_ENDIAN);
        long headerLength = major == 1 ? lb.getShort() & 0xFFFF : lb.getInt() & 0xFFFF_FFFFL;
        if (headerLength > MAX_HEADER_BYTES) {
            throw new DataFileException(file, "corrupted header: its length field says " + headerLength
                    + " bytes, more than the " + MAX_HEADER_BYTES + " jdeep accepts");
        }
        byte[] headerBytes = new byte[(int) headerLength];
        int h = Elements.readFully(in, headerBytes, headerBytes.length);
        if (h < headerBytes.length) {
            throw new DataFileException(file, "truncated: the header should be " + headerLength + " bytes but "
                    + "the file ends after " + h + " of them");
        }
        String header = new String(headerBytes, major == 3 ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1);
        Header hd = Header.parse(file, header);
        String what = "shape " + Shape.toString(hd.shape) + " " + hd.descr;
        Tensor t = Elements.read(in, hd.type, hd.order, hd.shape, hd.fortran, file, what);
        long extra = Elements.remaining(in, 1 << 20);
        if (extra > 0) {
            t.close();
            throw new DataFileException(file, (extra >= 1 << 20 ? "at least " : "") + extra + " unexpected bytes "
                    + "after the data of " + what + " (the header does not describe the whole file)");
        }
        return t;
    }

    private static boolean matchesSoFar(byte[] b, int n) {
        for (int k = 0; k < n; k++) {
            if (b[k] != MAGIC[k]) {
                return false;
            }
        }
        return true;
    }

    static String hex(byte[] b, int n) {
        if (n == 0) {
            return "(none: the file is empty)";
        }
        StringBuilder s = new StringBuilder();
        for (int k = 0; k < n; k++) {
            s.append(k == 0 ? "" : " ").append(String.format("%02x", b[k] & 0xFF));
        }
        return s.toString();
    }

    /** The parsed header: the element type, byte order, shape and storage order. */
    private record Header(String descr, Elements.Type type, ByteOrder order, int[] shape, boolean fortran) {
        static Header parse(Path file, String text) throws DataFileException {
            Map<String, Object> dict;
            try {
                Object o = new Literal(text).parseAll();
                if (!(o instanceof Map<?, ?>)) {
                    throw new IllegalArgumentException("it is not a dict");
                }
                @SuppressWarnings("unchecked")
                Map<String, Object> m = (Map<String, Object>) o;
                dict = m;
            } catch (IllegalArgumentException e) {
                throw new DataFileException(file, "corrupted header: " + e.getMessage() + " in " + quote(text));
            }
            if (!dict.keySet().equals(KEYS)) {
                throw new DataFileException(file, "corrupted header: its keys are " + dict.keySet()
                        + ", not descr, fortran_order and shape, in " + quote(text));
            }
            Object descr = dict.get("descr");
            if (!(descr instanceof String d)) {
                throw new DataFileException(file, "unsupported dtype: a structured dtype (descr " + descr
                        + "); jdeep reads arrays of one numeric type, see Npy's documentation");
            }
            Object fortran = dict.get("fortran_order");
            if (!(fortran instanceof Boolean f)) {
                throw new DataFileException(file, "corrupted header: fortran_order is " + fortran
                        + ", not True or False");
            }
            Object shape = dict.get("shape");
            if (!(shape instanceof List<?> dims)) {
                throw new DataFileException(file, "corrupted header: shape is " + shape + ", not a tuple");
            }
            int[] s = new int[dims.size()];
            for (int k = 0; k < s.length; k++) {
                if (!(dims.get(k) instanceof Long v) || v < 0 || v > Integer.MAX_VALUE) {
                    throw new DataFileException(file, "corrupted header: shape " + shape + " is not a tuple of "
                            + "dimensions from 0 to 2^31-1");
                }
                s[k] = (int) (long) v;
            }
            Elements.count(file, s);
            return new Header(d, type(file, d), order(d), s, f);
        }

        private static ByteOrder order(String descr) {
            return descr.charAt(0) == '>' ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN;
        }

        private static Elements.Type type(Path file, String descr) throws DataFileException {
            Elements.Type t = null;
            if (descr.length() == 3 && "<>|=".indexOf(descr.charAt(0)) >= 0) {
                String code = descr.substring(1);
                t = switch (code) {
                    case "f4" -> Elements.Type.F32;
                    case "f8" -> Elements.Type.F64;
                    case "i1" -> Elements.Type.I8;
                    case "i2" -> Elements.Type.I16;
                    case "i4" -> Elements.Type.I32;
                    case "i8" -> Elements.Type.I64;
                    case "u1" -> Elements.Type.U8;
                    case "u2" -> Elements.Type.U16;
                    case "u4" -> Elements.Type.U32;
                    case "u8" -> Elements.Type.U64;
                    case "b1" -> Elements.Type.BOOL;
                    default -> null;
                };
                if (t != null && descr.charAt(0) == '=' && ByteOrder.nativeOrder() != ByteOrder.LITTLE_ENDIAN) {
                    t = null;
                }
            }
            if (t == null) {
                throw new DataFileException(file, "unsupported dtype '" + descr + "'" + meaning(descr) + ": jdeep "
                        + "reads f4 f8 (floats), i1 i2 i4 i8 u1 u2 u4 u8 (integers, to INT32) and b1 (bool), "
                        + "little- or big-endian; convert with a.astype(np.float32) first");
            }
            return t;
        }

        private static String meaning(String descr) {
            String code = descr.length() > 1 ? descr.substring(1, 2) : "";
            return switch (code) {
                case "c" -> " (complex)";
                case "f" -> " (a float of another width)";
                case "U", "S" -> " (strings)";
                case "O" -> " (Python objects, pickled)";
                case "M", "m" -> " (dates or times)";
                case "V" -> " (raw bytes or records)";
                default -> "";
            };
        }

        private static String quote(String header) {
            String t = header.strip();
            return "\"" + (t.length() > 200 ? t.substring(0, 200) + "..." : t) + "\"";
        }
    }

    /**
     * A parser for the Python literals an NPY header holds: dicts, tuples, lists, strings, integers (with
     * Python 2's trailing {@code L}), {@code True} and {@code False}. Tuples and lists become lists, integers
     * {@code Long}s. Errors are {@link IllegalArgumentException}s saying what was expected where.
     */
    private static final class Literal {
        private final String s;
        private int pos;

        Literal(String s) {
            this.s = s;
        }

        Object parseAll() {
            Object v = value();
            skip();
            if (pos < s.length()) {
                throw error("nothing");
            }
            return v;
        }

        private Object value() {
            skip();
            if (pos >= s.length()) {
                throw error("a value");
            }
            char c = s.charAt(pos);
            if (c == '{') {
                return dict();
            }
            if (c == '(' || c == '[') {
                return sequence(c == '(' ? ')' : ']');
            }
            if (c == '\'' || c == '"') {
                return string(c);
            }
            if (s.startsWith("True", pos)) {
                pos += 4;
                return Boolean.TRUE;
            }
            if (s.startsWith("False", pos)) {
                pos += 5;
                return Boolean.FALSE;
            }
            if (c == '-' || Character.isDigit(c)) {
                return integer();
            }
            throw error("a value");
        }

        private Map<String, Object> dict() {
            Map<String, Object> m = new LinkedHashMap<>();
            pos++;
            while (true) {
                skip();
                if (peek('}')) {
                    pos++;
                    return m;
                }
                Object key = value();
                if (!(key instanceof String k)) {
                    throw error("a string key");
                }
                skip();
                expect(':');
                if (m.put(k, value()) != null) {
                    throw new IllegalArgumentException("key '" + k + "' appears twice");
                }
                skip();
                if (peek(',')) {
                    pos++;
                } else if (!peek('}')) {
                    throw error("',' or '}'");
                }
            }
        }

        private List<Object> sequence(char close) {
            List<Object> l = new ArrayList<>();
            pos++;
            while (true) {
                skip();
                if (peek(close)) {
                    pos++;
                    return l;
                }
                l.add(value());
                skip();
                if (peek(',')) {
                    pos++;
                } else if (!peek(close)) {
                    throw error("',' or '" + close + "'");
                }
            }
        }

        private String string(char quote) {
            int start = ++pos;
            while (pos < s.length() && s.charAt(pos) != quote) {
                if (s.charAt(pos) == '\\') {
                    throw new IllegalArgumentException("escaped characters in a string at position " + pos);
                }
                pos++;
            }
            if (pos >= s.length()) {
                throw new IllegalArgumentException("an unterminated string at position " + (start - 1));
            }
            return s.substring(start, pos++);
        }

        private Long integer() {
            int start = pos;
            if (s.charAt(pos) == '-') {
                pos++;
            }
            while (pos < s.length() && Character.isDigit(s.charAt(pos))) {
                pos++;
            }
            String digits = s.substring(start, pos);
            if (pos < s.length() && s.charAt(pos) == 'L') {
                pos++;
            }
            try {
                return Long.parseLong(digits);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("an integer '" + digits + "' out of range at position " + start);
            }
        }

        private void skip() {
            while (pos < s.length() && Character.isWhitespace(s.charAt(pos))) {
                pos++;
            }
        }

        private boolean peek(char c) {
            return pos < s.length() && s.charAt(pos) == c;
        }

        private void expect(char c) {
            if (!peek(c)) {
                throw error("'" + c + "'");
            }
            pos++;
        }

        private IllegalArgumentException error(String expected) {
            String found = pos >= s.length() ? "the end" : "'" + s.charAt(pos) + "'";
            return new IllegalArgumentException("expected " + expected + " at position " + pos + ", found " + found);
        }
    }
}
