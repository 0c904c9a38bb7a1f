package org.jdeep.data;

import java.awt.image.BufferedImage;
import java.awt.image.ColorModel;
import java.awt.image.IndexColorModel;
import java.awt.image.Raster;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.MemoryCacheImageInputStream;
import org.jdeep.Tensor;

/**
 * Reads PNG and JPEG images, one at a time or a folder per class, into FLOAT32 tensors in the course's
 * layout: {@code (height, width, channels)} for one image, {@code (m, height, width, channels)} for many
 * (Course 1 writes {@code train_set_x_orig} as {@code (m, num_px, num_px, 3)}; Course 4's convolutions take
 * {@code (m, n_H, n_W, n_C)}). Decoding is the JDK's {@code javax.imageio}, which also reads GIF and BMP.
 *
 * <p>Channels are what the file holds: 1 for grey, 2 for grey with alpha, 3 for RGB, 4 for RGBA. A palette
 * image is expanded to its colours: RGB, RGBA when the palette has transparency, or 1 channel when every
 * colour is a grey. Values are scaled by {@link PixelScale}: {@link PixelScale#UNIT} divides by 255 (65535
 * for 16-bit PNGs) as the course's {@code train_set_x / 255.} does; {@link PixelScale#RAW} keeps 0 to 255.
 * Images are not resized: a set whose images differ in size (or channel count) is refused with a message
 * naming two files that differ.
 *
 * <pre>
 * // cats/cat/*.jpg, cats/noncat/*.jpg: labels 0 (cat) and 1 (noncat), classes sorted by name
 * try (Images.Folder f = Images.folder(Path.of("cats"), PixelScale.UNIT)) {
 *     Dataset d = f.dataset();           // X (m, 64, 64, 3) FLOAT32 in [0, 1], Y (m,) INT32
 *     List&lt;String&gt; names = f.classes(); // [cat, noncat]
 * }
 * </pre>
 *
 * <p>A file that no image reader recognises, a truncated or corrupt image (including the warnings a JPEG
 * decoder gives for a stream cut short, which would otherwise leave grey pixels) and an empty or badly laid
 * out folder raise a {@link DataFileException} naming the file and the problem.
 */
public final class Images {
    /** The file extensions {@link #folder} takes as images (compared ignoring case). */
    public static final Set<String> EXTENSIONS = Set.of("png", "jpg", "jpeg");

    private Images() {
    }

    /**
     * The image in {@code file} as FLOAT32 {@code (height, width, channels)} scaled to [0, 1].
     *
     * @throws DataFileException when the file is not a readable image
     * @throws IOException when the file cannot be read
     */
    public static Tensor read(Path file) throws IOException {
        return read(file, PixelScale.UNIT);
    }

    /**
     * The image in {@code file} as FLOAT32 {@code (height, width, channels)}, values scaled by {@code scale}.
     *
     * @throws DataFileException when the file is not a readable image
     * @throws IOException when the file cannot be read
     */
    public static Tensor read(Path file, PixelScale scale) throws IOException {
        Decoded d = decode(file);
        float[] out = new float[d.size()];
        d.copyTo(out, 0, scale);
        return Tensor.of(out, d.height, d.width, d.channels);
    }

    /**
     * The images in {@code files}, in that order, stacked as FLOAT32 {@code (m, height, width, channels)}.
     *
     * @throws IllegalArgumentException when {@code files} is empty
     * @throws DataFileException when a file is not a readable image, or its size or channel count differs from
     *     the first image's
     * @throws IOException when a file cannot be read
     */
    public static Tensor readAll(List<Path> files, PixelScale scale) throws IOException {
        if (files.isEmpty()) {
            throw new IllegalArgumentException("Images.readAll: no files");
        }
        Decoded first = decode(files.get(0));
        long total = (long) first.size() * files.size();
        if (total > Integer.MAX_VALUE) {
            throw new DataFileException(files.get(0), files.size() + " images of " + first.describe() + " make "
                    + total + " values, more than a jdeep tensor holds (2^31-1): load them in parts");
        }
        float[] out = new float[(int) total];
        first.copyTo(out, 0, scale);
        for (int i = 1; i < files.size(); i++) {
            Decoded d = decode(files.get(i));
            if (d.height != first.height || d.width != first.width || d.channels != first.channels) {
                throw new DataFileException(files.get(i), "is " + d.describe() + " but " + files.get(0) + " is "
                        + first.describe() + ": the images of a set must have one size and channel count (jdeep "
                        + "does not resize; resize or convert them beforehand)");
            }
            d.copyTo(out, i * first.size(), scale);
        }
        return Tensor.of(out, files.size(), first.height, first.width, first.channels);
    }

    /**
     * Reads a folder-per-class layout, {@code root/CLASS/IMAGE}, as a dataset: class folders sorted by name
     * get labels 0, 1, 2...; inside each, the files whose extension is in {@link #EXTENSIONS} are taken in
     * name order (other files, and names starting with a dot, are ignored). X is FLOAT32
     * {@code (m, height, width, channels)}, Y is INT32 {@code (m,)}. This is the layout and the labelling of
     * torchvision's {@code ImageFolder} and Keras's {@code image_dataset_from_directory}.
     *
     * @throws NotDirectoryException when {@code root} is not a folder
     * @throws DataFileException when {@code root} has no class folders, holds images directly, a class folder
     *     holds no images, or an image is unreadable or differs in size from the first
     * @throws IOException when a file cannot be read
     */
    public static Folder folder(Path root, PixelScale scale) throws IOException {
        if (!Files.isDirectory(root)) {
            throw new NotDirectoryException(root.toString());
        }
        List<Path> classDirs = new ArrayList<>();
        List<Path> stray = new ArrayList<>();
        for (Path p : sorted(root)) {
            if (Files.isDirectory(p)) {
                classDirs.add(p);
            } else if (isImage(p)) {
                stray.add(p.getFileName());
            }
        }
        if (!stray.isEmpty()) {
            throw new DataFileException(root, "holds images directly (" + stray.get(0) + (stray.size() > 1 ? ", ..."
                    : "") + "); a folder-per-class layout puts each image in its class's subfolder, root/CLASS/IMAGE");
        }
        if (classDirs.isEmpty()) {
            throw new DataFileException(root, "has no class folders: expected one subfolder per class, each "
                    + "holding .png, .jpg or .jpeg images");
        }
        List<String> classes = new ArrayList<>();
        List<Path> files = new ArrayList<>();
        List<Integer> labels = new ArrayList<>();
        for (Path dir : classDirs) {
            int label = classes.size();
            classes.add(dir.getFileName().toString());
            int before = files.size();
            for (Path p : sorted(dir)) {
                if (Files.isRegularFile(p) && isImage(p)) {
                    files.add(p);
                    labels.add(label);
                }
            }
            if (files.size() == before) {
                throw new DataFileException(dir, "class folder '" + dir.getFileName() + "' holds no .png, .jpg or "
                        + ".jpeg images");
            }
        }
        int[] y = labels.stream().mapToInt(Integer::intValue).toArray();
        Tensor x = readAll(files, scale);
        return new Folder(Dataset.of(x, Tensor.of(y, y.length)), List.copyOf(classes), List.copyOf(files));
    }

    /**
     * A folder-per-class dataset with its class names ({@code classes().get(label)}) and the file of each
     * example ({@code files().get(i)} is example i). Closing it closes the dataset.
     *
     * @param dataset X {@code (m, height, width, channels)} FLOAT32 and Y {@code (m,)} INT32
     * @param classes the class folders' names, sorted; label k is {@code classes.get(k)}
     * @param files the image files in example order
     */
    public record Folder(Dataset dataset, List<String> classes, List<Path> files) implements AutoCloseable {
        /** Closes the dataset. */
        @Override
        public void close() {
            dataset.close();
        }
    }

    private static List<Path> sorted(Path dir) throws IOException {
        List<Path> list = new ArrayList<>();
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir)) {
            for (Path p : ds) {
                if (!p.getFileName().toString().startsWith(".")) {
                    list.add(p);
                }
            }
        }
        list.sort((a, b) -> a.getFileName().toString().compareTo(b.getFileName().toString()));
        return list;
    }

    private static boolean isImage(Path p) {
        String n = p.getFileName().toString();
        int dot = n.lastIndexOf('.');
        return dot > 0 && EXTENSIONS.contains(n.substring(dot + 1).toLowerCase(Locale.ROOT));
    }

    // ------------------------------------------------------------------ decoding

    /** A decoded image: its size, channels, bits per channel and a way to copy its samples out. */
    private record Decoded(int height, int width, int channels, BufferedImage image) {
        int size() {
            return height * width * channels;
        }

        String describe() {
            return height + "x" + width + "x" + channels + " (height x width x channels)";
        }

        /** Writes the samples, row by row, pixel by pixel, channel by channel, from {@code out[at]}. */
        void copyTo(float[] out, int at, PixelScale scale) {
            ColorModel cm = image.getColorModel();
            Raster r = image.getRaster();
            if (cm instanceof IndexColorModel icm) {
                int[] idx = r.getSamples(0, 0, width, height, 0, (int[]) null);
                for (int p = 0, k = at; p < idx.length; p++) {
                    int i = idx[p];
                    if (channels == 1) {
                        out[k++] = scale.apply(icm.getRed(i), 8);
                    } else {
                        out[k++] = scale.apply(icm.getRed(i), 8);
                        out[k++] = scale.apply(icm.getGreen(i), 8);
                        out[k++] = scale.apply(icm.getBlue(i), 8);
                        if (channels == 4) {
                            out[k++] = scale.apply(icm.getAlpha(i), 8);
                        }
                    }
                }
                return;
            }
            int[] band = new int[width * height];
            for (int c = 0; c < channels; c++) {
                int bits = r.getSampleModel().getSampleSize(c);
                r.getSamples(0, 0, width, height, c, band);
                for (int p = 0, k = at + c; p < band.length; p++, k += channels) {
                    out[k] = scale.apply(band[p], bits);
                }
            }
        }
    }

    private static Decoded decode(Path file) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        try (ImageInputStream in = new MemoryCacheImageInputStream(new ByteArrayInputStream(bytes))) {
            Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
            if (!readers.hasNext()) {
                throw new DataFileException(file, bytes.length == 0 ? "empty file: not an image"
                        : "not an image the JDK can decode (PNG and JPEG are supported): it starts with bytes "
                                + Npy.hex(bytes, Math.min(8, bytes.length)));
            }
            ImageReader reader = readers.next();
            String format = reader.getFormatName().toUpperCase(Locale.ROOT);
            List<String> warnings = new ArrayList<>();
            BufferedImage img;
            try {
                reader.setInput(in, true, true);
                reader.addIIOReadWarningListener((source, warning) -> warnings.add(warning));
                img = reader.read(0);
            } catch (IOException | RuntimeException e) { // decoders throw IIOException, some also runtime errors
                throw new DataFileException(file, "corrupt or truncated " + format + " image: " + message(e), e);
            } finally {
                reader.dispose();
            }
            if (!warnings.isEmpty()) {
                throw new DataFileException(file, "corrupt or truncated " + format + " image: "
                        + String.join("; ", warnings));
            }
            return new Decoded(img.getHeight(), img.getWidth(), channels(img), img);
        }
    }

    private static int channels(BufferedImage img) {
        ColorModel cm = img.getColorModel();
        if (cm instanceof IndexColorModel icm) {
            if (icm.hasAlpha()) {
                return 4;
            }
            for (int i = 0; i < icm.getMapSize(); i++) {
                if (icm.getRed(i) != icm.getGreen(i) || icm.getGreen(i) != icm.getBlue(i)) {
                    return 3;
                }
            }
            return 1;
        }
        return img.getRaster().getNumBands();
    }

    private static String message(Throwable e) {
        StringBuilder s = new StringBuilder(String.valueOf(e.getMessage()));
        for (Throwable c = e.getCause(); c != null && c != e; c = c.getCause()) {
            s.append(" (").append(c.getClass().getSimpleName()).append(": ").append(c.getMessage()).append(')');
        }
        return s.toString();
    }
}
