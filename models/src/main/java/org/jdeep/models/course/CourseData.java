package org.jdeep.models.course;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jdeep.Tensor;
import org.jdeep.data.Dataset;

/**
 * A model's data, batch-first (examples on axis 0, features flattened on axis 1): the training set, and the dev
 * and test sets where there are (Course 2, week 1, 1.1 Train / Dev / Test sets). Owns the datasets.
 *
 * @param train the training set, {@code X (m, n_x)}, {@code Y (m, 1)} or INT32 {@code (m)}
 * @param dev the dev set, or null
 * @param test the test set, or null
 * @param source where the data came from, in words (e.g. {@code "synthetic: flower, seed 1"} or a path)
 * @param imageShape {@code {height, width, channels}} when each row of X is an image flattened in
 *     {@code (H, W, C)} order (the course's {@code X.reshape(m, -1)}), else null
 */
public record CourseData(Dataset train, Dataset dev, Dataset test, String source, int[] imageShape)
        implements AutoCloseable {

    /** Requires a training set and a source; copies the image shape. */
    public CourseData {
        if (train == null) {
            throw new IllegalArgumentException("CourseData: a training set is required");
        }
        if (source == null || source.isBlank()) {
            throw new IllegalArgumentException("CourseData: say where the data came from");
        }
        if (train.x().rank() != 2) {
            throw new IllegalArgumentException("CourseData: X must be (m, n_x) with features flattened, got "
                    + train.x().shape());
        }
        imageShape = imageShape == null ? null : imageShape.clone();
    }

    /** Data that are not images. */
    public CourseData(Dataset train, Dataset dev, Dataset test, String source) {
        this(train, dev, test, source, null);
    }

    /** The number of input features n_x. */
    public int features() {
        return train.x().shape().dim(1);
    }

    /** Whether the examples are points in the plane, so a decision boundary can be drawn. */
    public boolean isPlanar() {
        return features() == 2;
    }

    /** The splits that exist, by name: {@code train}, then {@code dev} and {@code test} when present. */
    public Map<String, Dataset> splits() {
        Map<String, Dataset> out = new LinkedHashMap<>();
        out.put("train", train);
        if (dev != null) {
            out.put("dev", dev);
        }
        if (test != null) {
            out.put("test", test);
        }
        return out;
    }

    /**
     * A SHA-256 of every split's shapes and values (as float64), so a run record says exactly which data a model
     * was trained on: the same data give the same fingerprint on any machine and backend.
     */
    public String fingerprint() {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            for (Map.Entry<String, Dataset> e : splits().entrySet()) {
                sha.update(e.getKey().getBytes(StandardCharsets.UTF_8));
                digest(sha, e.getValue().x());
                digest(sha, e.getValue().y());
            }
            return "sha256:" + HexFormat.of().formatHex(sha.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JDK", e);
        }
    }

    private static void digest(MessageDigest sha, Tensor t) {
        sha.update(t.shape().toString().getBytes(StandardCharsets.UTF_8));
        double[] v = t.toDoubleArray();
        ByteBuffer buf = ByteBuffer.allocate(8 * 4096);
        for (int i = 0; i < v.length; i++) {
            if (!buf.hasRemaining()) {
                sha.update(buf.array(), 0, buf.position());
                buf.clear();
            }
            buf.putDouble(v[i]);
        }
        sha.update(buf.array(), 0, buf.position());
    }

    /** Closes every split. */
    @Override
    public void close() {
        train.close();
        if (dev != null) {
            dev.close();
        }
        if (test != null) {
            test.close();
        }
    }
}
