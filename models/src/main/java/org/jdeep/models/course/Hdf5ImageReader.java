package org.jdeep.models.course;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import org.jdeep.Tensor;
import org.jdeep.data.DataFileException;
import org.jdeep.data.Dataset;
import org.jdeep.models.data.Hdf5;
import org.jdeep.types.DType;

/**
 * The course's own cat pictures, {@code train_catvnoncat.h5} and {@code test_catvnoncat.h5}, read with
 * {@link Hdf5}, as the notebook's {@code load_dataset()} reads them:
 * <pre>
 * train_set_x_orig (209, 64, 64, 3) uint8, train_set_y (209,)   ->  X (209, 12288) = x / 255., Y (209, 1)
 * test_set_x_orig  (50, 64, 64, 3),        test_set_y (50,)     ->  the test set
 * </pre>
 * {@code --data} may name the training file or the directory holding both (the course's {@code datasets/}); the
 * test file is found beside the training file by replacing {@code train} with {@code test} in its name. In each
 * file the images are {@code train_set_x} or {@code test_set_x} (else the first dataset whose name ends in
 * {@code _x}) and the labels likewise {@code _y}.
 * Pixels are divided by 255 in FLOAT64, as numpy does, so seeded runs print the notebook's costs.
 */
public final class Hdf5ImageReader implements ImageSetReader {
    private static final String TRAIN = "train_catvnoncat.h5";

    /** A reader of the course's HDF5 files. */
    public Hdf5ImageReader() {
    }

    @Override
    public String describe() {
        return "the course's HDF5 files, train_catvnoncat.h5 (and test_catvnoncat.h5 beside it), or their directory";
    }

    @Override
    public boolean canRead(Path path) {
        if (Files.isDirectory(path)) {
            return Files.isRegularFile(path.resolve(TRAIN));
        }
        String n = path.getFileName().toString().toLowerCase(Locale.ROOT);
        return n.endsWith(".h5") || n.endsWith(".hdf5");
    }

    @Override
    public CourseData read(Path path, int size) throws IOException {
        Path train = Files.isDirectory(path) ? path.resolve(TRAIN) : path;
        String name = train.getFileName().toString();
        Path test = name.contains("train") ? train.resolveSibling(name.replace("train", "test")) : null;
        Dataset tr = split(train, size);
        Dataset te = null;
        try {
            if (test != null && Files.isRegularFile(test)) {
                te = split(test, size);
            }
        } catch (IOException | RuntimeException e) {
            tr.close();
            throw e;
        }
        return new CourseData(tr, null, te, train.toAbsolutePath() + (te != null ? " and " + test.getFileName() : "")
                + " (HDF5; classes 0 = non-cat, 1 = cat)", new int[] {size, size, 3});
    }

    /** One file's images and labels, X {@code (m, H*W*C) / 255} and Y {@code (m, 1)}, in FLOAT64. */
    private static Dataset split(Path file, int size) throws IOException {
        Map<String, Hdf5.Info> contents = Hdf5.contents(file);
        String x = find(file, contents, "_x");
        String y = find(file, contents, "_y");
        try (Dataset raw = Hdf5.dataset(file, x, y)) {
            int[] shape = raw.x().shape().dims();
            if (shape.length != 4 || shape[1] != size || shape[2] != size || shape[3] != 3) {
                throw new DataFileException(file, "dataset '" + x + "' is " + raw.x().shape()
                        + ", expected (m, " + size + ", " + size + ", 3) RGB images");
            }
            int m = shape[0];
            try (Tensor flat = raw.x().reshape(m, size * size * 3); Tensor f = flat.to(DType.FLOAT64);
                 Tensor labels = raw.y().reshape(m, 1)) {
                double[] yv = labels.toDoubleArray();
                for (int i = 0; i < yv.length; i++) {
                    if (yv[i] != 0 && yv[i] != 1) {
                        throw new DataFileException(file, "dataset '" + y + "' holds the label " + yv[i] + " at "
                                + i + "; a binary classifier needs 0 or 1");
                    }
                }
                return Dataset.of(f.div(255.0), Tensor.of(yv, m, 1));
            }
        }
    }

    /** {@code train_set_x} / {@code test_set_x} (and _y) first, else the first name with the suffix. */
    private static String find(Path file, Map<String, Hdf5.Info> contents, String suffix) throws IOException {
        for (String course : new String[] {"train_set" + suffix, "test_set" + suffix}) {
            if (contents.containsKey(course)) {
                return course;
            }
        }
        return contents.keySet().stream().filter(k -> k.endsWith(suffix)).findFirst().orElseThrow(() ->
                new DataFileException(file, "no dataset whose name ends in '" + suffix + "' (found "
                        + contents.keySet() + ")"));
    }
}
