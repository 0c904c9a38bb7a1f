package org.jdeep.models.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.jdeep.MemoryScope;
import org.jdeep.Tensor;
import org.jdeep.data.DataFileException;
import org.jdeep.data.Dataset;
import org.jdeep.data.PixelScale;
import org.jdeep.types.DType;
import org.jdeep.types.Shape;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link Hdf5} on course_like.h5, written by h5py (tools/gen_data_fixtures.py) in the layout of the course's
 * train_catvnoncat.h5: train_set_x = (np.arange(48) * 5 % 256).astype(uint8).reshape(4, 2, 2, 3),
 * train_set_y = [0, 1, 1, 0] int64, list_classes = [b'non-cat', b'cat'] |S7, and one dataset per type.
 */
class Hdf5Test {
    @TempDir
    Path dir;
    private MemoryScope scope;
    private final Path file = fixture();

    @BeforeEach
    void open() {
        scope = MemoryScope.open();
    }

    @AfterEach
    void close() {
        scope.close();
    }

    private static Path fixture() {
        try {
            return Path.of(Hdf5Test.class.getResource("/org/jdeep/models/data/course_like.h5").toURI());
        } catch (URISyntaxException e) {
            throw new AssertionError(e);
        }
    }

    private static int[] trainSetX() {
        int[] x = new int[48];
        for (int i = 0; i < 48; i++) {
            x[i] = i * 5 % 256; // 0, 5, 10, ..., 235
        }
        return x;
    }

    private static void assertBad(Path f, Executable read, String... parts) {
        DataFileException e = assertThrows(DataFileException.class, read);
        assertEquals(f, e.file(), e.getMessage());
        for (String part : parts) {
            assertTrue(e.getMessage().contains(part), "expected \"" + part + "\" in: " + e.getMessage());
        }
    }

    @Test
    void theCourseLayout() throws IOException {
        Tensor x = Hdf5.read(file, "train_set_x"); // uint8 (4, 2, 2, 3)
        assertEquals(DType.INT32, x.dtype());
        assertEquals(Shape.of(4, 2, 2, 3), x.shape());
        assertArrayEquals(trainSetX(), x.toIntArray());
        Tensor y = Hdf5.read(file, "/train_set_y"); // int64 (4,)
        assertEquals(DType.INT32, y.dtype());
        assertArrayEquals(new int[] {0, 1, 1, 0}, y.toIntArray());
        assertEquals(List.of("non-cat", "cat"), Hdf5.strings(file, "list_classes"));
    }

    @Test
    void imagesScaledAsTheCourseDoes() throws IOException {
        Tensor unit = Hdf5.images(file, "train_set_x", PixelScale.UNIT); // train_set_x_orig / 255.
        assertEquals(DType.FLOAT32, unit.dtype());
        assertEquals(Shape.of(4, 2, 2, 3), unit.shape());
        float[] u = unit.toFloatArray();
        assertEquals(0.0f, u[0]);
        assertEquals((float) (5 / 255.0), u[1]);
        assertEquals((float) (235 / 255.0), u[47]);
        float[] raw = Hdf5.images(file, "train_set_x", PixelScale.RAW).toFloatArray();
        assertEquals(235f, raw[47]);
        int[] x = trainSetX();
        for (int i = 0; i < 48; i++) {
            assertEquals(x[i], raw[i]);
            assertEquals((float) (x[i] / 255.0), u[i], "pixel " + i);
        }
        assertBad(file, () -> Hdf5.images(file, "f8", PixelScale.UNIT), "dataset 'f8' holds float64, not pixel values");
    }

    @Test
    void featuresAndLabelsAsADataset() throws IOException {
        try (Dataset d = Hdf5.dataset(file, "train_set_x", "train_set_y")) {
            assertEquals(4, d.size());
            assertEquals(Shape.of(4, 2, 2, 3), d.x().shape());
            assertArrayEquals(new int[] {0, 1, 1, 0}, d.y().toIntArray());
        }
        assertBad(file, () -> Hdf5.dataset(file, "train_set_x", "f8"), "dataset 'train_set_x' (4, 2, 2, 3) and "
                + "dataset 'f8' (3,) do not hold the same number of examples");
    }

    @Test
    void everyNumericType() throws IOException {
        Tensor f4 = Hdf5.read(file, "f4");
        assertEquals(DType.FLOAT32, f4.dtype());
        assertEquals(Shape.of(2, 3), f4.shape());
        assertArrayEquals(new float[] {0.5f, -1.25f, 3.0f, 0.1f, -0.0f, 1e30f}, f4.toFloatArray());
        Tensor f8 = Hdf5.read(file, "f8");
        assertEquals(DType.FLOAT64, f8.dtype());
        assertArrayEquals(new double[] {0.1, -2.5, 1e-300}, f8.toDoubleArray());
        assertArrayEquals(new double[] {1.5, -2.0}, Hdf5.read(file, "f8_big_endian").toDoubleArray());
        Tensor f2 = Hdf5.read(file, "f2"); // half precision, widened
        assertEquals(DType.FLOAT32, f2.dtype());
        assertArrayEquals(new float[] {1.0f, -2.5f}, f2.toFloatArray());
        assertArrayEquals(new int[] {-128, 0, 127}, Hdf5.read(file, "i1").toIntArray());
        assertArrayEquals(new int[] {-300, 300}, Hdf5.read(file, "i2").toIntArray());
        assertArrayEquals(new int[] {0, 65535}, Hdf5.read(file, "u2").toIntArray());
        assertArrayEquals(new int[] {-2147483648, 2147483647}, Hdf5.read(file, "i4").toIntArray());
        assertArrayEquals(new int[] {7, 8}, Hdf5.read(file, "u8").toIntArray());
        Tensor scalar = Hdf5.read(file, "scalar");
        assertEquals(0, scalar.rank());
        assertEquals(3.5, scalar.item());
        Tensor empty = Hdf5.read(file, "empty");
        assertEquals(Shape.of(0, 3), empty.shape());
        assertEquals(DType.FLOAT32, empty.dtype());
    }

    @Test
    void chunkedCompressedAndNestedDatasets() throws IOException {
        Tensor c = Hdf5.read(file, "compressed"); // np.arange(12.).reshape(3, 4), gzip in 2x2 chunks
        assertEquals(Shape.of(3, 4), c.shape());
        assertArrayEquals(new double[] {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11}, c.toDoubleArray());
        assertArrayEquals(new int[] {11, 22}, Hdf5.read(file, "extra/nested").toIntArray());
    }

    @Test
    void contentsListsEveryDataset() throws IOException {
        Map<String, Hdf5.Info> all = Hdf5.contents(file);
        assertEquals("train_set_x (4, 2, 2, 3) uint8", all.get("train_set_x").toString());
        assertEquals("train_set_y (4,) int64", all.get("train_set_y").toString());
        assertEquals("list_classes (2,) string", all.get("list_classes").toString());
        assertEquals("extra/nested (2,) int32", all.get("extra/nested").toString());
        assertEquals("scalar () float64", all.get("scalar").toString());
        assertEquals("u4 (2,) uint32", all.get("u4").toString());
        assertEquals(19, all.size(), all.keySet().toString());
    }

    @Test
    void whatJdeepRefuses() {
        assertBad(file, () -> Hdf5.read(file, "i8_overflow"), "dataset 'i8_overflow' (int64): element 1 is "
                + "2147483648, outside int32's range");
        assertBad(file, () -> Hdf5.read(file, "u4"), "dataset 'u4' (uint32): element 1 is 4000000000");
        assertBad(file, () -> Hdf5.read(file, "list_classes"), "dataset 'list_classes' holds string; read it with "
                + "Hdf5.strings");
        assertBad(file, () -> Hdf5.read(file, "compound"), "dataset 'compound' holds compound, which jdeep does not "
                + "read");
        assertBad(file, () -> Hdf5.strings(file, "f4"), "dataset 'f4' holds float32, not strings");
        assertBad(file, () -> Hdf5.read(file, "train_set_z"), "no dataset 'train_set_z'; the file holds [",
                "train_set_x", "extra/nested");
        assertBad(file, () -> Hdf5.read(file, "extra"), "'extra' is a group, not a dataset; it holds [nested]");
    }

    @Test
    void badFiles() throws IOException {
        Path npy = Files.write(dir.resolve("not.h5"), "\u0093NUMPY not hdf5 at all, just some bytes".getBytes());
        assertBad(npy, () -> Hdf5.read(npy, "x"), "not an HDF5 file");
        byte[] h5 = Files.readAllBytes(file);
        Path cut = Files.write(dir.resolve("cut.h5"), Arrays.copyOf(h5, 3000));
        assertBad(cut, () -> Hdf5.read(cut, "train_set_y"), "corrupt or truncated HDF5 file");
        Path empty = Files.write(dir.resolve("empty.h5"), new byte[0]);
        assertBad(empty, () -> Hdf5.contents(empty), "HDF5");
        assertThrows(NoSuchFileException.class, () -> Hdf5.read(dir.resolve("absent.h5"), "x"));
    }
}
