package org.jdeep.models.c2w3;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.jdeep.Tensor;
import org.jdeep.data.Dataset;
import org.jdeep.models.data.Hdf5;
import org.jdeep.random.RandomState;
import org.jdeep.types.DType;

/**
 * The data of Course 2, week 3's softmax classifier: the course's SIGNS set, photos of a hand showing 0 to 5
 * fingers (1080 training and 120 test images, 64 x 64 RGB, six classes), or a synthetic stand-in.
 *
 * <p>{@link #synthetic}: each image a skin-coloured palm with k raised fingers (k = 0..5, the class), placed at a
 * random height and position over a random background, plus pixel noise; the features are the pixels in
 * {@code (H, W, C)} order scaled to [0, 1], the labels INT32 class ids. {@link #read}: the course's
 * {@code train_signs.h5} / {@code test_signs.h5} ({@code train_set_x (m, 64, 64, 3)} uint8, {@code train_set_y (m)}),
 * through {@link Hdf5}.
 */
public final class SignsData {
    /** The number of classes. */
    public static final int CLASSES = 6;
    /** The course's training set size. */
    public static final int TRAIN = 1080;
    /** The course's test set size. */
    public static final int TEST = 120;

    private SignsData() {
    }

    /**
     * {@code m} synthetic images of {@code side x side} pixels from {@code new RandomState(seed)}, classes in a random
     * order: X {@code (m, side * side * 3)} in [0, 1], Y INT32 {@code (m)}.
     *
     * @throws IllegalArgumentException for a side below 12 (too small to draw five fingers)
     */
    public static Dataset synthetic(int m, int side, long seed) {
        if (side < 12) {
            throw new IllegalArgumentException("synthetic signs need images of at least 12 x 12 pixels, got " + side);
        }
        RandomState rng = new RandomState(seed);
        int n = side * side * 3;
        double[] x = new double[m * n];
        int[] y = new int[m];
        for (int i = 0; i < m; i++) {
            int k = (int) (rng.nextDouble() * CLASSES);
            y[i] = k;
            double[] bg = {rng.nextDouble() * 0.6, rng.nextDouble() * 0.6, rng.nextDouble() * 0.6};
            double[] skin = {0.85 + 0.1 * rng.nextDouble(), 0.6 + 0.1 * rng.nextDouble(), 0.45 + 0.1 * rng.nextDouble()};
            int palmTop = side / 2 + (int) (rng.nextDouble() * (side / 6.0));
            int left = 1 + (int) (rng.nextDouble() * (side - 11));
            int fingerLength = side / 3 + (int) (rng.nextDouble() * (side / 8.0));
            for (int r = 0; r < side; r++) {
                for (int c = 0; c < side; c++) {
                    boolean palm = r >= palmTop && c >= left && c < left + 10;
                    boolean finger = false;
                    if (r < palmTop && r >= palmTop - fingerLength && c >= left && c < left + 10) {
                        int f = (c - left) / 2;                 // five 2-pixel columns: 0..4
                        finger = (c - left) % 2 == 0 && f < k;
                    }
                    boolean thumb = k == 5 && r >= palmTop && r < palmTop + 2 && c >= left + 10 && c < left + 12
                            && c < side;
                    for (int ch = 0; ch < 3; ch++) {
                        double v = (palm || finger || thumb ? skin[ch] : bg[ch]) + 0.08 * rng.nextGaussian();
                        x[i * n + (r * side + c) * 3 + ch] = Math.min(1, Math.max(0, v));
                    }
                }
            }
        }
        return Dataset.of(Tensor.of(x, m, n), Tensor.of(y, m));
    }

    /**
     * The course's SIGNS file: {@code path} is {@code train_signs.h5} (its {@code test_signs.h5} sibling is the
     * second result) or their directory.
     *
     * @return {train, test}; test is null when there is no test file beside the training file
     * @throws IOException when a file cannot be read or is not the course's format
     */
    public static Dataset[] read(Path path) throws IOException {
        Path train = Files.isDirectory(path) ? path.resolve("train_signs.h5") : path;
        String name = train.getFileName().toString();
        Path test = train.resolveSibling(name.replace("train", "test"));
        Dataset tr = split(train, name.toLowerCase(Locale.ROOT).contains("test") ? "test" : "train");
        Dataset te = !test.equals(train) && Files.isRegularFile(test) ? split(test, "test") : null;
        return new Dataset[] {tr, te};
    }

    private static Dataset split(Path file, String prefix) throws IOException {
        try (Tensor images = Hdf5.read(file, prefix + "_set_x"); Tensor labels = Hdf5.read(file, prefix + "_set_y")) {
            int m = images.shape().dim(0);
            try (Tensor flat = images.reshape(m, -1); Tensor f = flat.to(DType.FLOAT64)) {
                return Dataset.of(f.div(255.0), labels.reshape(m).to(DType.INT32));
            }
        }
    }
}
