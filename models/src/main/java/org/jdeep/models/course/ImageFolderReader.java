package org.jdeep.models.course;

import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.jdeep.Tensor;
import org.jdeep.data.Dataset;

/**
 * A folder of PNG/JPEG images in one sub-folder per class, read with {@code javax.imageio}:
 * <pre>
 * DIR/train/cat/*.png  DIR/train/non-cat/*.jpg  DIR/test/...  (DIR/dev/... optional)
 * DIR/cat/...          DIR/non-cat/...          (no split folders: everything is the training set)
 * </pre>
 * Two classes: the folder named {@code 1}, or the one not named {@code non-*}/{@code not-*}/{@code no-*}, or the
 * second in alphabetical order, is class 1. Each image is resized to {@code size x size} (bilinear) and scaled to
 * [0, 1], as the course divides by 255.
 */
public final class ImageFolderReader implements ImageSetReader {
    private static final List<String> SPLITS = List.of("train", "dev", "test");

    /** A reader of image folders. */
    public ImageFolderReader() {
    }

    @Override
    public String describe() {
        return "a folder of PNG/JPEG images, DIR/{train,dev,test}/CLASS/*.png or DIR/CLASS/*.png, two classes";
    }

    @Override
    public boolean canRead(Path path) {
        return Files.isDirectory(path);
    }

    @Override
    public CourseData read(Path dir, int size) throws IOException {
        List<Dataset> parts = new ArrayList<>();
        try {
            boolean split = Files.isDirectory(dir.resolve("train"));
            List<String> classes = null;
            for (String name : split ? SPLITS : List.of("")) {
                Path d = name.isEmpty() ? dir : dir.resolve(name);
                if (!Files.isDirectory(d)) {
                    parts.add(null);
                    continue;
                }
                List<String> here = classFolders(d);
                if (classes == null) {
                    classes = order(d, here);
                } else if (!new java.util.HashSet<>(classes).equals(new java.util.HashSet<>(here))) {
                    throw new IOException(d + ": class folders " + here + " differ from the training set's " + classes);
                }
                parts.add(readSplit(d, classes, size));
            }
            String source = dir.toAbsolutePath() + " (images, classes 0 = " + classes.get(0) + ", 1 = "
                    + classes.get(1) + ")";
            CourseData data = new CourseData(parts.get(0), parts.size() > 1 ? parts.get(1) : null,
                    parts.size() > 2 ? parts.get(2) : null, source, new int[] {size, size, 3});
            parts.clear();
            return data;
        } finally {
            parts.stream().filter(p -> p != null).forEach(Dataset::close);
        }
    }

    private static List<String> classFolders(Path d) throws IOException {
        List<String> names = new ArrayList<>();
        try (Stream<Path> s = Files.list(d)) {
            s.filter(Files::isDirectory).forEach(p -> names.add(p.getFileName().toString()));
        }
        names.sort(null);
        return names;
    }

    /** The two class folders in class order (class 0 first). */
    private static List<String> order(Path d, List<String> names) throws IOException {
        if (names.size() != 2) {
            throw new IOException(d + ": expected two class folders (e.g. cat/ and non-cat/), found " + names);
        }
        String a = names.get(0);
        String b = names.get(1);
        if (a.equals("1") || isNegative(b)) {
            return List.of(b, a);
        }
        return List.of(a, b);
    }

    private static boolean isNegative(String name) {
        String n = name.toLowerCase(Locale.ROOT);
        return n.startsWith("non") || n.startsWith("not") || n.startsWith("no-") || n.startsWith("no_")
                || n.equals("0") || n.equals("negative");
    }

    private static Dataset readSplit(Path d, List<String> classes, int size) throws IOException {
        List<double[]> images = new ArrayList<>();
        List<Double> labels = new ArrayList<>();
        for (int k = 0; k < 2; k++) {
            List<Path> files;
            try (Stream<Path> s = Files.list(d.resolve(classes.get(k)))) {
                files = s.filter(ImageFolderReader::isImage).sorted().toList();
            }
            for (Path f : files) {
                images.add(readImage(f, size));
                labels.add((double) k);
            }
        }
        if (images.isEmpty()) {
            throw new IOException(d + ": no .png, .jpg or .jpeg image in " + classes);
        }
        int n = size * size * 3;
        double[] x = new double[images.size() * n];
        double[] y = new double[images.size()];
        for (int i = 0; i < images.size(); i++) {
            System.arraycopy(images.get(i), 0, x, i * n, n);
            y[i] = labels.get(i);
        }
        return Dataset.of(Tensor.of(x, images.size(), n), Tensor.of(y, images.size(), 1));
    }

    private static boolean isImage(Path p) {
        String n = p.getFileName().toString().toLowerCase(Locale.ROOT);
        return Files.isRegularFile(p) && (n.endsWith(".png") || n.endsWith(".jpg") || n.endsWith(".jpeg"));
    }

    /**
     * One image file resized to {@code size x size} RGB, as {@code size*size*3} values in [0, 1] in (H, W, C) order.
     *
     * @throws IOException when the file is not a readable PNG/JPEG, naming it
     */
    public static double[] readImage(Path file, int size) throws IOException {
        BufferedImage img;
        try {
            img = ImageIO.read(file.toFile());
        } catch (IOException e) {
            throw new IOException(file + ": cannot read the image: " + e.getMessage(), e);
        }
        if (img == null) {
            throw new IOException(file + ": not an image format ImageIO can read (PNG or JPEG expected)");
        }
        BufferedImage rgb = new BufferedImage(size, size, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = rgb.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
        g.drawImage(img, 0, 0, size, size, null);
        g.dispose();
        double[] out = new double[size * size * 3];
        for (int r = 0; r < size; r++) {
            for (int c = 0; c < size; c++) {
                int p = rgb.getRGB(c, r);
                int k = 3 * (r * size + c);
                out[k] = ((p >> 16) & 0xff) / 255.0;
                out[k + 1] = ((p >> 8) & 0xff) / 255.0;
                out[k + 2] = (p & 0xff) / 255.0;
            }
        }
        return out;
    }
}
