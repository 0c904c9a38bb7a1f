package org.jdeep.data;

import static org.jdeep.data.Fixtures.assertBadFile;
import static org.jdeep.data.Fixtures.fixture;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import org.jdeep.MemoryScope;
import org.jdeep.Tensor;
import org.jdeep.types.DType;
import org.jdeep.types.Shape;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link Npy} against files numpy wrote (tools/gen_data_fixtures.py states each array), and every way a file
 * can be wrong.
 */
class NpyTest {
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

    private static Tensor read(String fixture) throws IOException {
        return Npy.read(fixture(fixture));
    }

    private static void assertTensor(Tensor t, DType dtype, int[] shape) {
        assertEquals(dtype, t.dtype());
        assertEquals(Shape.of(shape), t.shape());
    }

    @Test
    void float32KeepsEveryBitIncludingNegativeZero() throws IOException {
        Tensor t = read("npy/f4.npy"); // [[0.5, -1.25, 3.0], [0.1, -0.0, 1e30]] float32
        assertTensor(t, DType.FLOAT32, new int[] {2, 3});
        assertArrayEquals(new float[] {0.5f, -1.25f, 3.0f, 0.1f, -0.0f, 1e30f}, t.toFloatArray());
        assertEquals(Float.floatToRawIntBits(-0.0f), Float.floatToRawIntBits(t.toFloatArray()[4]));
    }

    @Test
    void float64() throws IOException {
        Tensor t = read("npy/f8.npy");
        assertTensor(t, DType.FLOAT64, new int[] {3});
        assertArrayEquals(new double[] {0.1, -2.5, 1e-300}, t.toDoubleArray());
    }

    @Test
    void bigEndianFloat64() throws IOException {
        Tensor t = read("npy/f8_bigendian.npy"); // dtype '>f8'
        assertTensor(t, DType.FLOAT64, new int[] {2});
        assertArrayEquals(new double[] {1.5, -2.0}, t.toDoubleArray());
    }

    @Test
    void everyIntegerTypeBecomesInt32() throws IOException {
        assertArrayEquals(new int[] {0, 1, -7, 2147483647}, read("npy/i4.npy").toIntArray());
        Tensor i8 = read("npy/i8.npy"); // int64 [[0, -1], [2**31 - 1, -2**31]]
        assertTensor(i8, DType.INT32, new int[] {2, 2});
        assertArrayEquals(new int[] {0, -1, 2147483647, -2147483648}, i8.toIntArray());
        Tensor u1 = read("npy/u1.npy"); // uint8 [[0, 1, 127], [128, 254, 255]]: unsigned, not wrapped to -128
        assertTensor(u1, DType.INT32, new int[] {2, 3});
        assertArrayEquals(new int[] {0, 1, 127, 128, 254, 255}, u1.toIntArray());
        assertArrayEquals(new int[] {-128, 127}, read("npy/i1.npy").toIntArray());
        assertArrayEquals(new int[] {-300, 300}, read("npy/i2.npy").toIntArray());
        assertArrayEquals(new int[] {0, 65535}, read("npy/u2.npy").toIntArray());
        assertArrayEquals(new int[] {0, 2147483647}, read("npy/u4.npy").toIntArray());
        assertArrayEquals(new int[] {5}, read("npy/u8.npy").toIntArray());
        assertEquals(DType.INT32, read("npy/u8.npy").dtype());
    }

    @Test
    void boolBecomesZerosAndOnes() throws IOException {
        Tensor t = read("npy/b1.npy"); // [True, False, True]
        assertTensor(t, DType.INT32, new int[] {3});
        assertArrayEquals(new int[] {1, 0, 1}, t.toIntArray());
    }

    @Test
    void fortranOrderIsReadBackRowMajor() throws IOException {
        Tensor t = read("npy/f8_fortran.npy"); // np.asfortranarray([[1, 2, 3], [4, 5, 6]]): stored 1 4 2 5 3 6
        assertTensor(t, DType.FLOAT64, new int[] {2, 3});
        assertArrayEquals(new double[] {1, 2, 3, 4, 5, 6}, t.toDoubleArray());
        Tensor t3 = read("npy/i4_fortran3d.npy"); // np.asfortranarray(np.arange(24).reshape(2, 3, 4))
        assertTensor(t3, DType.INT32, new int[] {2, 3, 4});
        int[] expected = new int[24];
        for (int i = 0; i < 24; i++) {
            expected[i] = i;
        }
        assertArrayEquals(expected, t3.toIntArray());
    }

    @Test
    void scalarEmptyAndVersion2() throws IOException {
        Tensor s = read("npy/scalar.npy"); // np.array(42.0), shape ()
        assertEquals(0, s.rank());
        assertEquals(42.0, s.item());
        Tensor e = read("npy/empty.npy"); // np.zeros((0, 4), float32)
        assertTensor(e, DType.FLOAT32, new int[] {0, 4});
        assertEquals(0, e.toFloatArray().length);
        Tensor v2 = read("npy/v2.npy"); // format version 2.0 (4-byte header length)
        assertTensor(v2, DType.FLOAT32, new int[] {3});
        assertArrayEquals(new float[] {1, 2, 3}, v2.toFloatArray());
    }

    @Test
    void version3HeaderIsUtf8AndPythonTwoLongsParse() throws IOException {
        Path p = Fixtures.write(dir, "v3.npy",
                npy(3, "{'descr': '<i4', 'fortran_order': False, 'shape': (2L,), }", le(7, -8)));
        assertArrayEquals(new int[] {7, -8}, Npy.read(p).toIntArray());
    }

    // ------------------------------------------------------------------ what numpy writes and jdeep refuses

    @Test
    void int64OutsideInt32IsRefusedNotWrapped() {
        Path f = fixture("npy/i8_overflow.npy"); // int64 [1, 2**31]
        assertBadFile(f, () -> Npy.read(f), "shape (2,) <i8: element 1", "is 2147483648",
                "outside int32's range");
        Path u4 = fixture("npy/u4_overflow.npy"); // uint32 [4000000000]
        assertBadFile(u4, () -> Npy.read(u4), "element 0", "is 4000000000");
    }

    @Test
    void unsupportedDtypesAreNamed() {
        Path c8 = fixture("npy/c8.npy");
        assertBadFile(c8, () -> Npy.read(c8), "unsupported dtype '<c8' (complex)", "astype");
        Path f2 = fixture("npy/f2.npy");
        assertBadFile(f2, () -> Npy.read(f2), "unsupported dtype '<f2' (a float of another width)");
        Path u = fixture("npy/unicode.npy");
        assertBadFile(u, () -> Npy.read(u), "unsupported dtype '<U2' (strings)");
        Path s = fixture("npy/structured.npy");
        assertBadFile(s, () -> Npy.read(s), "unsupported dtype: a structured dtype", "[[a, <i4], [b, <f4]]");
    }

    // ------------------------------------------------------------------ broken files

    @Test
    void truncatedData() throws IOException {
        Path p = Fixtures.truncated(dir, "npy/f4.npy", 152 - 4); // 128-byte preamble and header, 24 data bytes
        assertBadFile(p, () -> Npy.read(p), "truncated: shape (2, 3) <f4 needs 24 bytes of data but the file ends "
                + "after 20");
    }

    @Test
    void truncatedHeaderLengthAndMagic() throws IOException {
        Path header = Fixtures.truncated(dir, "npy/f4.npy", 30);
        assertBadFile(header, () -> Npy.read(header), "truncated: the header should be 118 bytes but the file "
                + "ends after 20 of them");
        Path length = Fixtures.truncated(dir, "npy/f4.npy", 9);
        assertBadFile(length, () -> Npy.read(length), "truncated: the file ends inside the header length");
        Path magic = Fixtures.truncated(dir, "npy/f4.npy", 3);
        assertBadFile(magic, () -> Npy.read(magic), "truncated: the file ends after 3 bytes, inside the NPY magic");
        Path empty = Fixtures.write(dir, "empty.npy", new byte[0]);
        assertBadFile(empty, () -> Npy.read(empty), "empty file");
    }

    @Test
    void trailingBytes() throws IOException {
        Path p = Fixtures.withTrailing(dir, "npy/f4.npy", (byte) 1, (byte) 2, (byte) 3);
        assertBadFile(p, () -> Npy.read(p), "3 unexpected bytes after the data of shape (2, 3) <f4");
    }

    @Test
    void wrongMagic() throws IOException {
        Path png = Fixtures.write(dir, "image.npy", Files.readAllBytes(fixture("images/rgb.png")));
        assertBadFile(png, () -> Npy.read(png), "not an NPY file: it starts with bytes 89 50 4e 47 0d 0a 1a 0a");
        Path npz = fixture("npz/stored.npz");
        assertBadFile(npz, () -> Npy.read(npz), "a zip archive (an .npz file?): read it with Npz.read");
    }

    @Test
    void unknownVersion() throws IOException {
        byte[] b = Files.readAllBytes(fixture("npy/f4.npy"));
        b[6] = 9;
        Path p = Fixtures.write(dir, "v9.npy", b);
        assertBadFile(p, () -> Npy.read(p), "unsupported NPY format version 9.0 (jdeep reads 1.0, 2.0 and 3.0)");
    }

    @Test
    void corruptedHeaders() throws IOException {
        byte[] four = le(1, 2);
        Path notBool = Fixtures.write(dir, "a.npy", npy(1, "{'descr': '<i4', 'fortran_order': Maybe, 'shape': (2,), }",
                four));
        assertBadFile(notBool, () -> Npy.read(notBool), "corrupted header: expected a value at position 34, "
                + "found 'M'");
        Path keys = Fixtures.write(dir, "b.npy", npy(1, "{'descr': '<i4', 'fortran_order': False, 'shapes': (2,), }",
                four));
        assertBadFile(keys, () -> Npy.read(keys), "corrupted header: its keys are [descr, fortran_order, shapes]");
        Path negative = Fixtures.write(dir, "c.npy",
                npy(1, "{'descr': '<i4', 'fortran_order': False, 'shape': (-2,), }", four));
        assertBadFile(negative, () -> Npy.read(negative), "corrupted header: shape [-2] is not a tuple of dimensions");
        Path unclosed = Fixtures.write(dir, "d.npy", npy(1, "{'descr': '<i4', 'fortran_order': False, 'shape': (2,",
                four));
        assertBadFile(unclosed, () -> Npy.read(unclosed), "corrupted header: expected a value at position");
        Path huge = Fixtures.write(dir, "e.npy", npy(1, "{'descr': '<i4', 'fortran_order': False, "
                + "'shape': (65536, 65536), }", four));
        assertBadFile(huge, () -> Npy.read(huge), "shape [65536, 65536] cannot be held by a jdeep tensor");
        byte[] longHeader = Files.readAllBytes(fixture("npy/v2.npy"));
        longHeader[8] = 0;
        longHeader[9] = 0;
        longHeader[10] = 0;
        longHeader[11] = 0x40; // 2^30 bytes
        Path big = Fixtures.write(dir, "f.npy", longHeader);
        assertBadFile(big, () -> Npy.read(big), "corrupted header: its length field says 1073741824 bytes");
    }

    @Test
    void aMissingFileIsTheJdksNoSuchFileException() {
        assertThrows(NoSuchFileException.class, () -> Npy.read(dir.resolve("absent.npy")));
    }

    /** An NPY file of format {@code version} with {@code header} (padded as numpy pads) and {@code data}. */
    static byte[] npy(int version, String header, byte[] data) {
        int lengthBytes = version == 1 ? 2 : 4;
        int pre = 8 + lengthBytes;
        StringBuilder h = new StringBuilder(header);
        while ((pre + h.length() + 1) % 64 != 0) {
            h.append(' ');
        }
        h.append('\n');
        byte[] hb = h.toString().getBytes(version == 3 ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1);
        byte[] out = new byte[pre + hb.length + data.length];
        System.arraycopy(Npy.MAGIC, 0, out, 0, 6);
        out[6] = (byte) version;
        out[8] = (byte) hb.length;
        out[9] = (byte) (hb.length >> 8);
        System.arraycopy(hb, 0, out, pre, hb.length);
        System.arraycopy(data, 0, out, pre + hb.length, data.length);
        return out;
    }

    /** Little-endian int32s. */
    static byte[] le(int... values) {
        byte[] b = new byte[4 * values.length];
        for (int i = 0; i < values.length; i++) {
            for (int k = 0; k < 4; k++) {
                b[4 * i + k] = (byte) (values[i] >> (8 * k));
            }
        }
        return b;
    }
}
