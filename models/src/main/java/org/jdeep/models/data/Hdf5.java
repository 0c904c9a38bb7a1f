package org.jdeep.models.data;

import io.jhdf.HdfFile;
import io.jhdf.api.Group;
import io.jhdf.api.Node;
import io.jhdf.exceptions.HdfException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Array;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jdeep.Tensor;
import org.jdeep.data.DataFileException;
import org.jdeep.data.Dataset;
import org.jdeep.data.PixelScale;
import org.jdeep.types.DType;

/**
 * Reads datasets from HDF5 files, the format of the course's own data: {@code train_catvnoncat.h5} holds
 * {@code train_set_x} (209, 64, 64, 3) uint8, {@code train_set_y} (209,) int64 and {@code list_classes}
 * (2,) fixed-length byte strings; {@code test_catvnoncat.h5} the same with {@code test_set_*} (50 examples);
 * Course 2's {@code signs} files likewise. The Python the course runs, and what it becomes here:
 * <pre>
 * train_dataset = h5py.File('datasets/train_catvnoncat.h5', "r")
 * train_set_x_orig = np.array(train_dataset["train_set_x"][:])
 *                                     Hdf5.read(file, "train_set_x")                    (209, 64, 64, 3) INT32
 * train_set_y_orig = np.array(train_dataset["train_set_y"][:])
 *                                     Hdf5.read(file, "train_set_y")                    (209,) INT32
 * classes = np.array(test_dataset["list_classes"][:])
 *                                     Hdf5.strings(file, "list_classes")                [non-cat, cat]
 * train_set_x = train_set_x_orig / 255.
 *                                     Hdf5.images(file, "train_set_x", PixelScale.UNIT) (209, 64, 64, 3) FLOAT32
 * </pre>
 *
 * <p>Element types: float32 and half-precision floats become FLOAT32, float64 FLOAT64, and every integer
 * type (signed or unsigned, 8 to 64 bits) INT32, with a value outside int32's range an error rather than a
 * silent wrap. Strings are read by {@link #strings}; compound, enum, reference and other types are refused.
 * Chunked and compressed (gzip, LZF, ...) datasets read like contiguous ones. A dataset is addressed by its
 * path from the file's root, {@code "train_set_x"} or {@code "group/name"}.
 *
 * <p>The reader is <a href="https://jhdf.io">jhdf</a>, pure Java (no native HDF5 library), automatic module
 * {@code io.jhdf}. On the module path its own dependencies are explicit modules that {@code requires io.jhdf}
 * does not resolve: run with {@code --add-modules org.slf4j,org.apache.commons.lang3,com.ning.compress.lzf}
 * (or {@code --add-modules ALL-MODULE-PATH}); without them every method here throws an
 * {@link IllegalStateException} saying so. The class path needs nothing extra. jhdf logs through SLF4J: with
 * no SLF4J provider present, SLF4J prints a three-line "No SLF4J providers were found" notice on first use,
 * which is harmless. A missing or unreadable file raises the JDK's {@link IOException}
 * ({@link NoSuchFileException}); a file that is not HDF5, is truncated or corrupt, lacks the dataset asked
 * for, or holds a type jdeep does not read raises a {@link DataFileException} naming the file and the
 * problem.
 */
public final class Hdf5 {
    private Hdf5() {
    }

    /**
     * The shape and element type of one dataset, as {@link #contents} lists them.
     *
     * @param path the dataset's path from the root, {@code "train_set_x"} or {@code "group/name"}
     * @param shape its dimensions, {@code [209, 64, 64, 3]}; empty for a scalar
     * @param type its element type in words: {@code "uint8"}, {@code "int64"}, {@code "float32"},
     *     {@code "string"}, or the HDF5 class of another type
     */
    public record Info(String path, List<Integer> shape, String type) {
        /** {@code train_set_x (209, 64, 64, 3) uint8}. */
        @Override
        public String toString() {
            StringBuilder s = new StringBuilder(path).append(" (");
            for (int i = 0; i < shape.size(); i++) {
                s.append(i == 0 ? "" : ", ").append(shape.get(i));
            }
            return s.append(shape.size() == 1 ? ",) " : ") ").append(type).toString();
        }
    }

    /**
     * Every dataset in {@code file}, by path, in the file's order (groups are walked, not listed): what
     * {@code h5py.File(file).visititems} would show.
     *
     * @throws DataFileException when the file is not a readable HDF5 file
     * @throws IOException when the file cannot be read
     */
    public static Map<String, Info> contents(Path file) throws IOException {
        return withFile(file, hdf -> {
            Map<String, Info> out = new LinkedHashMap<>();
            walk(hdf, out);
            return Collections.unmodifiableMap(out);
        });
    }

    /**
     * The numeric dataset {@code name} as a row-major tensor of its shape.
     *
     * @throws DataFileException when the file is not a readable HDF5 file, has no such dataset, or the dataset
     *     holds strings or another non-numeric type, or an integer outside int32's range
     * @throws IOException when the file cannot be read
     */
    public static Tensor read(Path file, String name) throws IOException {
        return withFile(file, hdf -> tensor(file, dataset(file, hdf, name)));
    }

    /**
     * The integer dataset {@code name} (images, usually uint8) as FLOAT32 of its shape, scaled by
     * {@code scale}: {@link PixelScale#UNIT} divides by 255 as the course's {@code train_set_x_orig / 255.}.
     *
     * @throws DataFileException as {@link #read}, and when the dataset holds floats rather than pixel values
     * @throws IOException when the file cannot be read
     */
    public static Tensor images(Path file, String name, PixelScale scale) throws IOException {
        return withFile(file, hdf -> {
            io.jhdf.api.Dataset d = dataset(file, hdf, name);
            Class<?> t = d.getJavaType();
            if (t == float.class || t == double.class || t == Float.class || t == Double.class) {
                throw new DataFileException(file, "dataset '" + name + "' holds " + typeName(d) + ", not pixel "
                        + "values; read it with Hdf5.read");
            }
            try (Tensor raw = tensor(file, d)) {
                int[] v = raw.toIntArray();
                float[] f = new float[v.length];
                for (int i = 0; i < v.length; i++) {
                    f[i] = scale == PixelScale.RAW ? v[i] : (float) (v[i] / 255.0);
                }
                return Tensor.of(f, raw.shape().dims());
            }
        });
    }

    /**
     * A dataset of features {@code x} and labels {@code y} read from one file, as {@link #read} reads them:
     * {@code Hdf5.dataset(file, "train_set_x", "train_set_y")} gives X (209, 64, 64, 3) INT32 and Y (209,)
     * INT32 for the course's cat pictures.
     *
     * @throws DataFileException as {@link #read}, and when the two have different first dimensions
     * @throws IOException when the file cannot be read
     */
    public static Dataset dataset(Path file, String x, String y) throws IOException {
        return withFile(file, hdf -> {
            Tensor xs = tensor(file, dataset(file, hdf, x));
            try {
                Tensor ys = tensor(file, dataset(file, hdf, y));
                if (xs.rank() == 0 || ys.rank() == 0 || xs.shape().dim(0) != ys.shape().dim(0)) {
                    String msg = "dataset '" + x + "' " + xs.shape() + " and dataset '" + y + "' " + ys.shape()
                            + " do not hold the same number of examples along their first axis";
                    ys.close();
                    throw new DataFileException(file, msg);
                }
                return Dataset.of(xs, ys);
            } catch (IOException | RuntimeException e) {
                xs.close();
                throw e;
            }
        });
    }

    /**
     * The string dataset {@code name}, flattened in row-major order: {@code [non-cat, cat]} for the course's
     * {@code list_classes} (h5py shows {@code [b'non-cat', b'cat']}). Fixed-length strings lose their padding.
     *
     * @throws DataFileException when the file is not a readable HDF5 file, has no such dataset, or it does not
     *     hold strings
     * @throws IOException when the file cannot be read
     */
    public static List<String> strings(Path file, String name) throws IOException {
        return withFile(file, hdf -> {
            io.jhdf.api.Dataset d = dataset(file, hdf, name);
            Object flat = d.getDataFlat();
            if (!(flat instanceof String[] s)) {
                throw new DataFileException(file, "dataset '" + name + "' holds " + typeName(d) + ", not strings; "
                        + "read it with Hdf5.read");
            }
            return List.of(s);
        });
    }

    // ------------------------------------------------------------------ helpers

    private interface Body<T> {
        T apply(HdfFile hdf) throws IOException;
    }

    /** Opens {@code file}, runs {@code body}, and turns jhdf's unchecked errors into {@link DataFileException}s. */
    private static <T> T withFile(Path file, Body<T> body) throws IOException {
        if (!Files.exists(file)) {
            throw new NoSuchFileException(file.toString());
        }
        try {
            return open(file, body);
        } catch (LinkageError e) {
            throw new IllegalStateException("the HDF5 reader (jhdf) cannot find a library it needs (" + e + "). On "
                    + "the module path, 'requires io.jhdf' does not resolve jhdf's own dependencies: add "
                    + "--add-modules org.slf4j,org.apache.commons.lang3,com.ning.compress.lzf (or "
                    + "--add-modules ALL-MODULE-PATH) to the java command. On the class path, put slf4j-api, "
                    + "commons-lang3, compress-lzf and lz4-java next to jhdf", e);
        }
    }

    private static <T> T open(Path file, Body<T> body) throws IOException {
        HdfFile hdf;
        try {
            hdf = new HdfFile(file);
        } catch (HdfException | UncheckedIOException e) {
            String msg = String.valueOf(e.getMessage());
            throw new DataFileException(file, msg.contains("signature") ? "not an HDF5 file (no HDF5 signature "
                    + "found): " + msg : "corrupt or truncated HDF5 file: " + describe(e), e);
        } catch (RuntimeException e) { // a cut file makes the parser read past the end
            throw new DataFileException(file, "corrupt or truncated HDF5 file: " + describe(e), e);
        }
        try (hdf) {
            return body.apply(hdf);
        } catch (DataFileException e) {
            throw e;
        } catch (RuntimeException e) {
            for (Throwable c = e.getCause(); c != null && c != c.getCause(); c = c.getCause()) {
                if (c instanceof LinkageError l) { // a missing library, met on one of jhdf's worker threads
                    throw l;
                }
            }
            throw new DataFileException(file, "corrupt or truncated HDF5 file: " + describe(e), e);
        }
    }

    private static io.jhdf.api.Dataset dataset(Path file, HdfFile hdf, String name) throws DataFileException {
        Node node;
        try {
            node = hdf.getByPath(name);
        } catch (HdfException e) {
            List<String> names = new ArrayList<>();
            Map<String, Info> all = new LinkedHashMap<>();
            walk(hdf, all);
            names.addAll(all.keySet());
            throw new DataFileException(file, "no dataset '" + name + "'; the file holds " + names, e);
        }
        if (node instanceof Group g) {
            throw new DataFileException(file, "'" + name + "' is a group, not a dataset; it holds "
                    + g.getChildren().keySet());
        }
        if (!(node instanceof io.jhdf.api.Dataset d)) {
            throw new DataFileException(file, "'" + name + "' is a " + node.getType() + ", not a dataset");
        }
        return d;
    }

    private static void walk(Group g, Map<String, Info> out) {
        for (Node n : g) {
            if (n instanceof Group child) {
                walk(child, out);
            } else if (n instanceof io.jhdf.api.Dataset d) {
                String path = d.getPath().startsWith("/") ? d.getPath().substring(1) : d.getPath();
                out.put(path, new Info(path, Arrays.stream(d.getDimensions()).boxed().toList(), typeName(d)));
            }
        }
    }

    private static String typeName(io.jhdf.api.Dataset d) {
        io.jhdf.object.datatype.DataType t = d.getDataType();
        if (t instanceof io.jhdf.object.datatype.FixedPoint fp) {
            return (fp.isSigned() ? "int" : "uint") + 8 * fp.getSize();
        }
        if (t instanceof io.jhdf.object.datatype.FloatingPoint) {
            return "float" + 8 * t.getSize();
        }
        if (t instanceof io.jhdf.object.datatype.StringData
                || t instanceof io.jhdf.object.datatype.VariableLength && d.getJavaType() == String.class) {
            return "string";
        }
        String kind = t.getClass().getSimpleName().toLowerCase(java.util.Locale.ROOT); // CompoundDataType -> compound
        return kind.replaceAll("(datatype|data)$", "");
    }

    private static Tensor tensor(Path file, io.jhdf.api.Dataset d) throws DataFileException {
        String name = d.getPath().startsWith("/") ? d.getPath().substring(1) : d.getPath();
        int[] shape = d.getDimensions();
        String type = typeName(d);
        if (!(d.getDataType() instanceof io.jhdf.object.datatype.FixedPoint
                || d.getDataType() instanceof io.jhdf.object.datatype.FloatingPoint)) {
            throw new DataFileException(file, "dataset '" + name + "' holds " + type + (type.equals("string")
                    ? "; read it with Hdf5.strings" : ", which jdeep does not read (only numbers and strings)"));
        }
        if (d.isEmpty()) {
            return Tensor.zeros(type.equals("float64") ? DType.FLOAT64 : type.startsWith("float") ? DType.FLOAT32
                    : DType.INT32, shape);
        }
        Object flat = d.getDataFlat();
        if (flat instanceof float[] f) {
            return Tensor.of(f, shape);
        }
        if (flat instanceof double[] v) {
            return Tensor.of(v, shape);
        }
        if (flat instanceof int[] v) { // int32, and uint8 / uint16 widened by jhdf
            return Tensor.of(v, shape);
        }
        int n = Array.getLength(flat);
        int[] out = new int[n];
        if (flat instanceof byte[] v) {
            for (int i = 0; i < n; i++) {
                out[i] = v[i];
            }
        } else if (flat instanceof short[] v) {
            for (int i = 0; i < n; i++) {
                out[i] = v[i];
            }
        } else if (flat instanceof long[] v) { // int64, and uint32 widened by jhdf
            for (int i = 0; i < n; i++) {
                if (v[i] < Integer.MIN_VALUE || v[i] > Integer.MAX_VALUE) {
                    throw outOfRange(file, name, type, i, Long.toString(v[i]));
                }
                out[i] = (int) v[i];
            }
        } else if (flat instanceof BigInteger[] v) { // uint64
            for (int i = 0; i < n; i++) {
                if (v[i].bitLength() > 31) {
                    throw outOfRange(file, name, type, i, v[i].toString());
                }
                out[i] = v[i].intValue();
            }
        } else {
            throw new DataFileException(file, "dataset '" + name + "' holds " + type + ", which the HDF5 reader gave "
                    + "as " + flat.getClass().getSimpleName() + "; jdeep does not read it");
        }
        return Tensor.of(out, shape);
    }

    private static DataFileException outOfRange(Path file, String name, String type, int index, String value) {
        return new DataFileException(file, "dataset '" + name + "' (" + type + "): element " + index + " is " + value
                + ", outside int32's range [-2147483648, 2147483647]; jdeep holds integers as INT32");
    }

    private static String describe(Throwable e) {
        StringBuilder s = new StringBuilder(e.getClass().getSimpleName() + ": " + e.getMessage());
        for (Throwable c = e.getCause(); c != null && c != e; c = c.getCause()) {
            s.append(" (").append(c.getClass().getSimpleName()).append(": ").append(c.getMessage()).append(')');
        }
        return s.toString();
    }
}
