package org.jdeep.models.course;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.jdeep.Tensor;
import org.jdeep.data.Dataset;
import org.jdeep.random.RandomState;

/**
 * The data of Course 1's binary image classifiers (week 2's logistic regression, week 4's two-layer and deep
 * networks): the course's cat / non-cat task, 64 x 64 RGB images flattened to 12288 features in [0, 1]
 * (Course 1, week 2, 2.1 Binary Classification: "unroll" the pixel values into a feature vector).
 *
 * <p>With no data given, {@link #synthetic} draws a stand-in from a {@link RandomState}: every image is a
 * background with a gradient and noise and one object near the centre; in class 1 ("cat") the object is a warm,
 * orange face with two ears, in class 0 a disc or square of a colour that is never orange. Like the course's set, about a third of the examples are
 * class 1, and a pixel-level linear model can learn it but not perfectly. With {@code --data}, {@link #read} hands
 * the path to the first {@link ImageSetReader} that can read it.
 */
public final class BinaryImages {
    /** The course's image side, 64 pixels. */
    public static final int SIZE = 64;
    /** The course's class names. */
    public static final List<String> CLASSES = List.of("non-cat", "cat");

    /**
     * The formats {@code --data} accepts, asked in order. A new format is one more reader here (the course's
     * {@code train_catvnoncat.h5} / {@code test_catvnoncat.h5} through an HDF5 reader, for instance).
     */
    private static final List<ImageSetReader> READERS = List.of(new Hdf5ImageReader(), new ImageFolderReader());

    private BinaryImages() {
    }

    /**
     * The data of a binary image model: {@link #read} of {@code path}, or, with no path, {@link #synthetic} with
     * the options {@code data-seed} (default 1) and {@code train}/{@code dev}/{@code test} (the numbers of examples;
     * default 209, 50 and 50, the sizes of the course's cat sets plus a dev set). The option {@code image-size}
     * (default 64) is the side of the images made or expected.
     */
    public static CourseData load(Settings settings, Path path) throws IOException {
        int size = settings.intOption("image-size", SIZE);
        if (path != null) {
            return read(path, size);
        }
        return synthetic(Long.parseLong(settings.option("data-seed", "1")), settings.intOption("train", 209),
                settings.intOption("dev", 50), settings.intOption("test", 50), size);
    }

    /** The {@code --option} lines for the data of a binary image model. */
    public static List<String> optionHelp() {
        return List.of("data-seed=1       the synthetic images' seed",
                "train=209 dev=50 test=50   the numbers of synthetic images",
                "image-size=64     the images' side in pixels (synthetic ones are drawn at that size)");
    }

    /**
     * Reads a labelled image set from {@code path} with the first reader that accepts it.
     *
     * @throws IOException when the path does not exist or no reader accepts it, or a reader fails
     */
    public static CourseData read(Path path, int size) throws IOException {
        if (!Files.exists(path)) {
            throw new IOException(path + " does not exist");
        }
        for (ImageSetReader r : READERS) {
            if (r.canRead(path)) {
                return r.read(path, size);
            }
        }
        List<String> known = new ArrayList<>();
        READERS.forEach(r -> known.add(r.describe()));
        throw new IOException(path + ": not a format jdeep can read for an image classifier; expected " + known);
    }

    /**
     * Synthetic cat / non-cat images: {@code train}, {@code dev} and {@code test} examples drawn in that order from
     * {@code new RandomState(seed)}.
     *
     * @param size the image side in pixels (64 in the course)
     * @return the three splits (dev or test null when their size is 0), X {@code (m, size*size*3)}, Y {@code (m, 1)}
     */
    public static CourseData synthetic(long seed, int train, int dev, int test, int size) {
        RandomState rng = new RandomState(seed);
        Dataset tr = draw(rng, train, size);
        Dataset dv = dev > 0 ? draw(rng, dev, size) : null;
        Dataset te = test > 0 ? draw(rng, test, size) : null;
        return new CourseData(tr, dv, te, "synthetic cat/non-cat images, " + size + "x" + size + "x3, seed " + seed,
                new int[] {size, size, 3});
    }

    private static Dataset draw(RandomState rng, int m, int size) {
        int n = size * size * 3;
        double[] x = new double[m * n];
        double[] y = new double[m];
        for (int i = 0; i < m; i++) {
            boolean cat = rng.nextDouble() < 0.35;
            y[i] = cat ? 1 : 0;
            image(rng, cat, size, x, i * n);
        }
        return Dataset.of(Tensor.of(x, m, n), Tensor.of(y, m, 1));
    }

    /** One image into {@code out[at ..]}, (H, W, C) order, values k/255. */
    private static void image(RandomState rng, boolean cat, int size, double[] out, int at) {
        double[] bg = {0.15 + 0.6 * rng.nextDouble(), 0.15 + 0.6 * rng.nextDouble(), 0.15 + 0.6 * rng.nextDouble()};
        double slope = 0.4 * rng.nextDouble() - 0.2;
        double s = size / 64.0;
        double cx = size / 2.0 + (rng.nextDouble() - 0.5) * 12 * s;
        double cy = size / 2.0 + (rng.nextDouble() - 0.5) * 12 * s + 4 * s;
        double radius = (11 + 7 * rng.nextDouble()) * s;
        double[] colour;
        boolean square = false;
        if (cat) {
            colour = new double[] {0.85 + 0.12 * rng.nextDouble(), 0.45 + 0.2 * rng.nextDouble(),
                0.1 + 0.15 * rng.nextDouble()};
        } else {
            colour = new double[] {0.6 * rng.nextDouble(), rng.nextDouble(), rng.nextDouble()}; // never orange
            square = rng.nextDouble() < 0.5;
        }
        for (int r = 0; r < size; r++) {
            for (int c = 0; c < size; c++) {
                double dx = c - cx;
                double dy = r - cy;
                boolean inside = square ? Math.abs(dx) < radius * 0.9 && Math.abs(dy) < radius * 0.9
                        : dx * dx + dy * dy < radius * radius;
                if (cat && !inside) {
                    inside = ear(dx, dy, -0.6 * radius, radius) || ear(dx, dy, 0.6 * radius, radius);
                }
                for (int ch = 0; ch < 3; ch++) {
                    double v = inside ? colour[ch] : bg[ch] + slope * (r / (double) size - 0.5);
                    v += 0.12 * (rng.nextDouble() - 0.5);
                    v = Math.min(1, Math.max(0, v));
                    out[at + 3 * (r * size + c) + ch] = Math.round(v * 255) / 255.0;
                }
            }
        }
    }

    /** Whether (dx, dy) from the face's centre lies in the ear centred at x = {@code offset} above the face. */
    private static boolean ear(double dx, double dy, double offset, double radius) {
        double top = -1.45 * radius;
        double base = -0.55 * radius;
        if (dy < top || dy > base) {
            return false;
        }
        double half = 0.35 * radius * (dy - top) / (base - top);
        return Math.abs(dx - offset) <= half;
    }
}
