package org.jdeep.models.course;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The cat / non-cat data: synthetic images, a folder of images, and the course's HDF5 layout. */
class BinaryImagesTest {
    @TempDir
    Path dir;

    @Test
    void syntheticImagesAreSeededPixelValuesWithAboutAThirdCats() {
        try (CourseData a = BinaryImages.synthetic(1, 209, 50, 50, 64);
             CourseData b = BinaryImages.synthetic(1, 209, 50, 50, 64)) {
            assertArrayEquals(new int[] {209, 12288}, a.train().x().shape().dims());
            assertArrayEquals(new int[] {209, 1}, a.train().y().shape().dims());
            assertArrayEquals(new int[] {64, 64, 3}, a.imageShape());
            assertEquals(a.fingerprint(), b.fingerprint(), "the same seed gives the same data");
            double[] x = a.train().x().toDoubleArray();
            for (double v : x) {
                assertTrue(v >= 0 && v <= 1 && Math.abs(v * 255 - Math.rint(v * 255)) < 1e-9, "k/255 pixels");
            }
            double cats = java.util.Arrays.stream(a.train().y().toDoubleArray()).sum() / 209;
            assertTrue(cats > 0.25 && cats < 0.45, "share of cats " + cats);
        }
        try (CourseData c = BinaryImages.synthetic(2, 10, 0, 0, 8)) {
            assertNull(c.dev());
            assertNull(c.test());
        }
    }

    private void png(Path file, int rgb, int size) throws IOException {
        Files.createDirectories(file.getParent());
        BufferedImage img = new BufferedImage(size, size, BufferedImage.TYPE_INT_RGB);
        for (int r = 0; r < size; r++) {
            for (int c = 0; c < size; c++) {
                img.setRGB(c, r, rgb);
            }
        }
        ImageIO.write(img, "png", file.toFile());
    }

    @Test
    void aFolderPerClassReadsResizedWithNonCatAsClassZero() throws Exception {
        png(dir.resolve("train/cat/a.png"), 0xFF8000, 32);
        png(dir.resolve("train/cat/b.png"), 0xFF8000, 16);
        png(dir.resolve("train/non-cat/c.png"), 0x0000FF, 16);
        png(dir.resolve("test/cat/d.png"), 0xFF8000, 8);
        png(dir.resolve("test/non-cat/e.png"), 0x0000FF, 8);
        try (CourseData d = BinaryImages.read(dir, 8)) {
            assertArrayEquals(new int[] {3, 192}, d.train().x().shape().dims());
            assertArrayEquals(new double[] {0, 1, 1}, d.train().y().toDoubleArray(), "non-cat first, then cat");
            assertEquals(2, d.test().size());
            assertNull(d.dev());
            double[] x = d.train().x().toDoubleArray();
            assertArrayEquals(new double[] {0, 0, 1}, new double[] {x[0], x[1], x[2]}, "blue non-cat, RGB order");
            assertArrayEquals(new double[] {1, 128 / 255.0, 0}, new double[] {x[192], x[193], x[194]}, 1e-12);
            assertTrue(d.source().contains("0 = non-cat, 1 = cat"), d.source());
        }
    }

    @Test
    void aBrokenImageIsNamed() throws Exception {
        png(dir.resolve("cat/a.png"), 0xFF8000, 8);
        Files.createDirectories(dir.resolve("dog"));
        Files.writeString(dir.resolve("dog/broken.png"), "not a png");
        IOException e = assertThrows(IOException.class, () -> BinaryImages.read(dir, 8));
        assertTrue(e.getMessage().contains("broken.png"), e.getMessage());
        IOException missing = assertThrows(IOException.class, () -> BinaryImages.read(dir.resolve("nowhere"), 8));
        assertTrue(missing.getMessage().contains("does not exist"), missing.getMessage());
    }

    @Test
    void theCoursesHdf5LayoutReadsWithPixelsOver255() throws Exception {
        // course_like.h5 (tools/gen_data_fixtures.py): train_set_x = (arange(48) * 5 % 256) as (4, 2, 2, 3) uint8,
        // train_set_y = [0, 1, 1, 0]; copied under the course's file name, with a test file beside it
        Path fixture = Path.of(BinaryImagesTest.class.getResource("/org/jdeep/models/data/course_like.h5").toURI());
        Files.copy(fixture, dir.resolve("train_catvnoncat.h5"), StandardCopyOption.REPLACE_EXISTING);
        try (CourseData d = BinaryImages.read(dir, 2)) {
            assertArrayEquals(new int[] {4, 12}, d.train().x().shape().dims());
            assertArrayEquals(new double[] {0, 1, 1, 0}, d.train().y().toDoubleArray());
            double[] x = d.train().x().toDoubleArray();
            for (int i = 0; i < 48; i++) {
                assertEquals(i * 5 % 256 / 255.0, x[i], 0.0, "pixel " + i + " divided by 255 in float64");
            }
            assertNull(d.test(), "no test_catvnoncat.h5 beside it");
        }
        IOException wrongSize = assertThrows(IOException.class, () -> BinaryImages.read(dir, 64));
        assertTrue(wrongSize.getMessage().contains("expected (m, 64, 64, 3)"), wrongSize.getMessage());
    }
}
