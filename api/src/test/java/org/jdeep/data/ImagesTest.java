package org.jdeep.data;

import static org.jdeep.data.Fixtures.assertBadFile;
import static org.jdeep.data.Fixtures.fixture;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.util.List;
import org.jdeep.MemoryScope;
import org.jdeep.Tensor;
import org.jdeep.types.DType;
import org.jdeep.types.Shape;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link Images} on PNG files written byte by byte from the PNG specification and JPEG files written by Pillow
 * (tools/gen_data_fixtures.py gives every pixel), a folder-per-class layout, and broken files and folders.
 */
class ImagesTest {
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

    private static Tensor raw(String fixture) throws IOException {
        return Images.read(fixture(fixture), PixelScale.RAW);
    }

    @Test
    void rgbPngIsHeightWidthChannelsScaledByDefault() throws IOException {
        // 2 rows x 3 columns: red, green, blue / black, white, (51, 102, 153)
        Tensor t = Images.read(fixture("images/rgb.png"));
        assertEquals(DType.FLOAT32, t.dtype());
        assertEquals(Shape.of(2, 3, 3), t.shape());
        assertArrayEquals(new float[] {1, 0, 0, 0, 1, 0, 0, 0, 1, 0, 0, 0, 1, 1, 1, 0.2f, 0.4f, 0.6f},
                t.toFloatArray());
        assertArrayEquals(new float[] {255, 0, 0, 0, 255, 0, 0, 0, 255, 0, 0, 0, 255, 255, 255, 51, 102, 153},
                raw("images/rgb.png").toFloatArray());
    }

    @Test
    void channelsAreWhatTheFileHolds() throws IOException {
        Tensor gray = raw("images/gray.png");
        assertEquals(Shape.of(2, 2, 1), gray.shape());
        assertArrayEquals(new float[] {0, 128, 255, 51}, gray.toFloatArray());
        Tensor ga = raw("images/gray_alpha.png");
        assertEquals(Shape.of(1, 2, 2), ga.shape());
        assertArrayEquals(new float[] {10, 255, 20, 0}, ga.toFloatArray());
        Tensor rgba = raw("images/rgba.png");
        assertEquals(Shape.of(1, 2, 4), rgba.shape());
        assertArrayEquals(new float[] {1, 2, 3, 4, 250, 251, 252, 253}, rgba.toFloatArray());
        Tensor palette = raw("images/palette.png"); // indices 0 1 2 into red, green, blue
        assertEquals(Shape.of(1, 3, 3), palette.shape());
        assertArrayEquals(new float[] {255, 0, 0, 0, 255, 0, 0, 0, 255}, palette.toFloatArray());
    }

    @Test
    void sixteenBitPngScalesBy65535() throws IOException {
        assertArrayEquals(new float[] {0, 65535, 257}, raw("images/gray16.png").toFloatArray());
        Tensor unit = Images.read(fixture("images/gray16.png"), PixelScale.UNIT);
        assertEquals(Shape.of(1, 3, 1), unit.shape());
        assertArrayEquals(new float[] {0, 1, (float) (257 / 65535.0)}, unit.toFloatArray());
    }

    @Test
    void jpegsDecodeToWithinOneOfTheirColour() throws IOException {
        // an 8x8 block of (200, 100, 50) at quality 95: Pillow decodes it to exactly (200, 100, 50); decoders may
        // round the inverse DCT differently, so allow 1
        Tensor orange = raw("images/orange.jpg");
        assertEquals(Shape.of(8, 8, 3), orange.shape());
        float[] v = orange.toFloatArray();
        float[] expected = {200, 100, 50};
        for (int i = 0; i < v.length; i++) {
            assertEquals(expected[i % 3], v[i], 1.0f, "sample " + i);
        }
        Tensor gray = raw("images/gray.jpg"); // 8 rows x 16 columns of grey 77
        assertEquals(Shape.of(8, 16, 1), gray.shape());
        for (float g : gray.toFloatArray()) {
            assertEquals(77, g, 1.0f);
        }
    }

    @Test
    void readAllStacksImagesOfOneSize() throws IOException {
        Tensor t = Images.readAll(List.of(fixture("images/rgb.png"), fixture("images/rgb.png")), PixelScale.RAW);
        assertEquals(Shape.of(2, 2, 3, 3), t.shape());
        assertEquals(153f, t.toFloatArray()[35]);
        Path gray = fixture("images/gray.png");
        assertBadFile(gray, () -> Images.readAll(List.of(fixture("images/rgb.png"), gray), PixelScale.RAW),
                "is 2x2x1 (height x width x channels) but " + fixture("images/rgb.png") + " is 2x3x3",
                "jdeep does not resize");
        assertThrows(IllegalArgumentException.class, () -> Images.readAll(List.of(), PixelScale.RAW));
    }

    @Test
    void aFolderPerClassIsADatasetWithSortedClasses() throws IOException {
        // folder/cat/cat1.png (255), folder/cat/cat2.png (204), folder/noncat/tree.png (0), folder/README.txt
        try (Images.Folder f = Images.folder(fixture("images/folder"), PixelScale.UNIT)) {
            assertEquals(List.of("cat", "noncat"), f.classes());
            assertEquals(List.of("cat1.png", "cat2.png", "tree.png"),
                    f.files().stream().map(p -> p.getFileName().toString()).toList());
            Dataset d = f.dataset();
            assertEquals(Shape.of(3, 2, 2, 3), d.x().shape());
            assertEquals(DType.INT32, d.y().dtype());
            assertArrayEquals(new int[] {0, 0, 1}, d.y().toIntArray());
            float[] x = d.x().toFloatArray();
            assertEquals(1.0f, x[0]);
            assertEquals(0.8f, x[12]); // 204 / 255
            assertEquals(0.0f, x[24]);
        }
    }

    @Test
    void badFolders() throws IOException {
        Path stray = dir.resolve("stray");
        Files.createDirectories(stray.resolve("cat"));
        Files.copy(fixture("images/rgb.png"), stray.resolve("cat/a.png"));
        Files.copy(fixture("images/rgb.png"), stray.resolve("b.PNG"));
        assertBadFile(stray, () -> Images.folder(stray, PixelScale.UNIT), "holds images directly (b.PNG)",
                "root/CLASS/IMAGE");
        Path none = Files.createDirectories(dir.resolve("none"));
        Files.writeString(none.resolve("notes.txt"), "no classes here");
        assertBadFile(none, () -> Images.folder(none, PixelScale.UNIT), "has no class folders");
        Path emptyClass = dir.resolve("emptyclass");
        Files.createDirectories(emptyClass.resolve("a"));
        Files.copy(fixture("images/rgb.png"), emptyClass.resolve("a/x.png"));
        Files.createDirectories(emptyClass.resolve("b"));
        Files.writeString(emptyClass.resolve("b/x.txt"), "not an image");
        Path b = emptyClass.resolve("b");
        assertBadFile(b, () -> Images.folder(emptyClass, PixelScale.UNIT), "class folder 'b' holds no .png, .jpg or "
                + ".jpeg images");
        Path mixed = dir.resolve("mixed");
        Files.createDirectories(mixed.resolve("a"));
        Files.createDirectories(mixed.resolve("b"));
        Files.copy(fixture("images/rgb.png"), mixed.resolve("a/x.png"));
        Files.copy(fixture("images/rgba.png"), mixed.resolve("b/y.png"));
        Path y = mixed.resolve("b/y.png");
        assertBadFile(y, () -> Images.folder(mixed, PixelScale.UNIT), "is 1x2x4 (height x width x channels) but "
                + mixed.resolve("a/x.png") + " is 2x3x3");
        assertThrows(NotDirectoryException.class, () -> Images.folder(fixture("images/rgb.png"), PixelScale.UNIT));
    }

    @Test
    void truncatedAndCorruptImages() throws IOException {
        Path png = Fixtures.truncated(dir, "images/rgb.png", 50);
        assertBadFile(png, () -> Images.read(png), "corrupt or truncated PNG image");
        byte[] jpeg = Files.readAllBytes(fixture("images/orange.jpg"));
        Path jpg = Fixtures.write(dir, "cut.jpg", java.util.Arrays.copyOf(jpeg, jpeg.length - 40));
        assertBadFile(jpg, () -> Images.read(jpg), "corrupt or truncated JPEG image");
        // cut inside the scan data, or only the end marker: the decoder warns and would return grey pixels;
        // jdeep turns its warnings into the error
        for (int cut : new int[] {2, 6}) {
            Path end = Fixtures.write(dir, "end" + cut + ".jpg", java.util.Arrays.copyOf(jpeg, jpeg.length - cut));
            DataFileException e = assertBadFile(end, () -> Images.read(end), "corrupt or truncated JPEG image: ");
            assertTrue(e.problem().length() > "corrupt or truncated JPEG image: ".length() + 10, e.getMessage());
        }
        Path text = Files.writeString(dir.resolve("text.png"), "hello, not an image", StandardCharsets.US_ASCII);
        assertBadFile(text, () -> Images.read(text), "not an image the JDK can decode (PNG and JPEG are supported): it "
                + "starts with bytes 68 65 6c 6c 6f 2c 20 6e");
        Path empty = Fixtures.write(dir, "empty.png", new byte[0]);
        assertBadFile(empty, () -> Images.read(empty), "empty file: not an image");
    }
}
