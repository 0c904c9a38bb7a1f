package org.jdeep.data;

import static org.jdeep.data.Fixtures.assertBadFile;
import static org.jdeep.data.Fixtures.fixture;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
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
 * {@link Idx} on files written from the format's description: three 2x2 unsigned-byte "images"
 * {@code [[0, 51], [102, 255]], [[1, 2], [3, 4]], [[255, 254], [253, 252]]} with labels {@code [7, 0, 9]},
 * plain and gzipped, one file per element type, and broken files.
 */
class IdxTest {
    private static final int[] PIXELS = {0, 51, 102, 255, 1, 2, 3, 4, 255, 254, 253, 252};

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
    void unsignedBytesPlainAndGzipped() throws IOException {
        for (String name : new String[] {"idx/images-idx3-ubyte", "idx/images-idx3-ubyte.gz"}) {
            Tensor t = Idx.read(fixture(name));
            assertEquals(DType.INT32, t.dtype());
            assertEquals(Shape.of(3, 2, 2), t.shape());
            assertArrayEquals(PIXELS, t.toIntArray(), name);
        }
    }

    @Test
    void imagesScaledToTheUnitIntervalOrRaw() throws IOException {
        Tensor unit = Idx.readImages(fixture("idx/images-idx3-ubyte.gz"), PixelScale.UNIT);
        assertEquals(DType.FLOAT32, unit.dtype());
        assertEquals(Shape.of(3, 2, 2), unit.shape());
        float[] u = unit.toFloatArray();
        assertEquals(0.2f, u[1]); // 51 / 255
        assertEquals(0.4f, u[2]); // 102 / 255
        assertEquals(1.0f, u[3]);
        for (int i = 0; i < PIXELS.length; i++) {
            assertEquals((float) (PIXELS[i] / 255.0), u[i], "pixel " + i); // numpy's (x / 255.).astype(float32)
        }
        float[] raw = Idx.readImages(fixture("idx/images-idx3-ubyte"), PixelScale.RAW).toFloatArray();
        assertArrayEquals(new float[] {0, 51, 102, 255, 1, 2, 3, 4, 255, 254, 253, 252}, raw);
    }

    @Test
    void imagesAndLabelsAsADataset() throws IOException {
        try (Dataset d = Idx.dataset(fixture("idx/images-idx3-ubyte.gz"), fixture("idx/labels-idx1-ubyte"),
                PixelScale.RAW)) {
            assertEquals(3, d.size());
            assertEquals(Shape.of(3, 2, 2), d.x().shape());
            assertEquals(DType.INT32, d.y().dtype());
            assertArrayEquals(new int[] {7, 0, 9}, d.y().toIntArray());
            assertEquals(255.0f, d.x().toFloatArray()[3]);
        }
    }

    @Test
    void everyElementType() throws IOException {
        assertArrayEquals(new int[] {-128, 0, 127}, Idx.read(fixture("idx/i1.idx")).toIntArray()); // 0x09
        assertArrayEquals(new int[] {-300, 300}, Idx.read(fixture("idx/i2.idx")).toIntArray()); // 0x0B
        Tensor i4 = Idx.read(fixture("idx/i4.idx")); // 0x0C
        assertEquals(Shape.of(2, 2), i4.shape());
        assertArrayEquals(new int[] {-2147483648, -1, 0, 2147483647}, i4.toIntArray());
        Tensor f4 = Idx.read(fixture("idx/f4.idx")); // 0x0D
        assertEquals(DType.FLOAT32, f4.dtype());
        assertArrayEquals(new float[] {0.5f, -1.25f, 3.0f}, f4.toFloatArray());
        Tensor f8 = Idx.read(fixture("idx/f8.idx")); // 0x0E
        assertEquals(DType.FLOAT64, f8.dtype());
        assertArrayEquals(new double[] {0.1, -1e-300}, f8.toDoubleArray());
    }

    @Test
    void wrongMagicNumbers() throws IOException {
        Path npy = fixture("npy/f4.npy");
        assertBadFile(npy, () -> Idx.read(npy), "not an IDX file: its magic number is 93 4e 55 4d",
                "MNIST's images start 00 00 08 03");
        Path type = Fixtures.write(dir, "type.idx", new byte[] {0, 0, 0x07, 1, 0, 0, 0, 1, 5});
        assertBadFile(type, () -> Idx.read(type), "its magic number is 00 00 07 01");
        Path rank0 = Fixtures.write(dir, "rank0.idx", new byte[] {0, 0, 0x08, 0});
        assertBadFile(rank0, () -> Idx.read(rank0), "its magic number is 00 00 08 00");
        Path empty = Fixtures.write(dir, "empty.idx", new byte[0]);
        assertBadFile(empty, () -> Idx.read(empty), "empty file: no IDX magic number");
    }

    @Test
    void truncatedAndTrailing() throws IOException {
        Path data = Fixtures.truncated(dir, "idx/images-idx3-ubyte", 27); // 16-byte header, 12 pixels
        assertBadFile(data, () -> Idx.read(data), "truncated: shape (3, 2, 2) of uint8 needs 12 bytes of data but "
                + "the file ends after 11");
        Path dims = Fixtures.truncated(dir, "idx/images-idx3-ubyte", 9);
        assertBadFile(dims, () -> Idx.read(dims), "truncated: the header promises 3 dimensions but the file ends "
                + "after 1 of them");
        Path magic = Fixtures.truncated(dir, "idx/images-idx3-ubyte", 2);
        assertBadFile(magic, () -> Idx.read(magic), "truncated: the file ends after 2 bytes, inside the 4-byte IDX "
                + "magic number");
        Path extra = Fixtures.withTrailing(dir, "idx/labels-idx1-ubyte", (byte) 1);
        assertBadFile(extra, () -> Idx.read(extra), "1 unexpected bytes after the data of shape (3,) of uint8");
    }

    @Test
    void truncatedGzip() throws IOException {
        Path gz = Fixtures.truncated(dir, "idx/images-idx3-ubyte.gz", 40);
        assertBadFile(gz, () -> Idx.read(gz), "truncated or corrupt gzip data");
        assertBadFile(gz, () -> Idx.readImages(gz, PixelScale.UNIT), "truncated or corrupt gzip data");
    }

    @Test
    void imagesMustBeBytesAndMatchTheirLabels() throws IOException {
        Path i4 = fixture("idx/i4.idx");
        assertBadFile(i4, () -> Idx.readImages(i4, PixelScale.UNIT), "images must be unsigned bytes (IDX type 08), "
                + "this file holds int32");
        Path images = fixture("idx/images-idx3-ubyte");
        Path twoLabels = fixture("idx/i2.idx");
        assertBadFile(images, () -> Idx.dataset(images, twoLabels, PixelScale.UNIT), "holds 3 images but "
                + twoLabels + " holds 2 labels");
        assertBadFile(images, () -> Idx.dataset(images, images, PixelScale.UNIT), "labels must be one-dimensional, "
                + "this file's shape is (3, 2, 2)");
    }
}
