package org.jdeep.data;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.zip.ZipException;
import org.jdeep.Tensor;
import org.jdeep.types.Shape;

/**
 * Reads IDX files, the format of MNIST ({@code train-images-idx3-ubyte}, {@code train-labels-idx1-ubyte}) and
 * Fashion-MNIST, plain or gzipped (the content decides, not the name):
 * <pre>
 * 2 bytes   zero
 * 1 byte    element type: 0x08 unsigned byte, 0x09 signed byte, 0x0B int16, 0x0C int32, 0x0D float32,
 *           0x0E float64
 * 1 byte    the number of dimensions, 1 to 255
 * 4 bytes   each dimension, a big-endian unsigned int32
 * the rest  the elements, big-endian, row-major
 * </pre>
 * Integer elements become INT32, floats keep their width. Reads are strict: a magic number other than the
 * above, a file with fewer elements than its dimensions promise (truncated) or more (trailing bytes), or a
 * gzip stream cut short raise a {@link DataFileException} naming the file and the problem.
 *
 * <pre>
 * Dataset train = Idx.dataset(dir.resolve("train-images-idx3-ubyte.gz"),
 *                             dir.resolve("train-labels-idx1-ubyte.gz"), PixelScale.UNIT);
 * // X (60000, 28, 28) FLOAT32 in [0, 1], Y (60000,) INT32 in 0..9
 * </pre>
 */
public final class Idx {
    private Idx() {
    }

    /**
     * The array in {@code file} with its stored values: unsigned and signed bytes, int16 and int32 as INT32,
     * float32 as FLOAT32, float64 as FLOAT64; shape as the file's dimensions.
     *
     * @throws DataFileException when the file is not a well-formed IDX file
     * @throws IOException when the file cannot be read
     */
    public static Tensor read(Path file) throws IOException {
        try (InputStream in = Gzip.open(file)) {
            int[] magic = new int[4];
            byte[] b = new byte[4];
            int got = Elements.readFully(in, b, 4);
            for (int k = 0; k < 4; k++) {
                magic[k] = b[k] & 0xFF;
            }
            if (got < 4) {
                throw new DataFileException(file, got == 0 ? "empty file: no IDX magic number"
                        : "truncated: the file ends after " + got + " bytes, inside the 4-byte IDX magic number");
            }
            Elements.Type type = type(magic[2]);
            if (magic[0] != 0 || magic[1] != 0 || type == null || magic[3] == 0) {
                throw new DataFileException(file, "not an IDX file: its magic number is " + Npy.hex(b, 4)
                        + "; IDX files start with 00 00, a type (08 ubyte, 09 byte, 0b int16, 0c int32, 0d float32, "
                        + "0e float64) and a dimension count of at least 1 (MNIST's images start 00 00 08 03, its "
                        + "labels 00 00 08 01)");
            }
            int rank = magic[3];
            byte[] dimBytes = new byte[4 * rank];
            int dg = Elements.readFully(in, dimBytes, dimBytes.length);
            if (dg < dimBytes.length) {
                throw new DataFileException(file, "truncated: the header promises " + rank + " dimensions but the "
                        + "file ends after " + dg / 4 + " of them");
            }
            int[] shape = new int[rank];
            for (int k = 0; k < rank; k++) {
                long d = ((dimBytes[4 * k] & 0xFFL) << 24) | ((dimBytes[4 * k + 1] & 0xFF) << 16)
                        | ((dimBytes[4 * k + 2] & 0xFF) << 8) | (dimBytes[4 * k + 3] & 0xFF);
                if (d > Integer.MAX_VALUE) {
                    throw new DataFileException(file, "corrupted header: dimension " + k + " is " + d);
                }
                shape[k] = (int) d;
            }
            String what = "shape " + Shape.toString(shape) + " of " + type.label;
            Tensor t = Elements.read(in, type, ByteOrder.BIG_ENDIAN, shape, false, file, what);
            long extra = Elements.remaining(in, 1 << 20);
            if (extra > 0) {
                t.close();
                throw new DataFileException(file, (extra >= 1 << 20 ? "at least " : "") + extra + " unexpected "
                        + "bytes after the data of " + what + " (the header does not describe the whole file)");
            }
            return t;
        } catch (ZipException | EOFException e) {
            throw Gzip.corrupt(file, e);
        }
    }

    /**
     * The unsigned-byte images in {@code file} (MNIST's {@code *-images-idx3-ubyte}) as FLOAT32 of the file's
     * shape, {@code (N, 28, 28)} for MNIST, scaled by {@code scale}.
     *
     * @throws DataFileException when the file is not a well-formed IDX file of unsigned bytes
     * @throws IOException when the file cannot be read
     */
    public static Tensor readImages(Path file, PixelScale scale) throws IOException {
        byte[] head = new byte[3];
        try (InputStream in = Gzip.open(file)) {
            int n = Elements.readFully(in, head, 3);
            if (n == 3 && head[0] == 0 && head[1] == 0 && head[2] != 0x08) {
                Elements.Type t = type(head[2] & 0xFF);
                throw new DataFileException(file, "images must be unsigned bytes (IDX type 08), this file holds "
                        + (t == null ? "type " + Npy.hex(head, 3) : t.label) + "; read it with Idx.read");
            }
        } catch (ZipException | EOFException e) {
            throw Gzip.corrupt(file, e);
        }
        try (Tensor raw = read(file)) {
            int[] v = raw.toIntArray();
            float[] f = new float[v.length];
            for (int k = 0; k < v.length; k++) {
                f[k] = scale.apply(v[k], 8);
            }
            return Tensor.of(f, raw.shape().dims());
        }
    }

    /**
     * MNIST-style images and labels as a dataset: X {@code (N, H, W)} FLOAT32 from {@link #readImages}, Y
     * {@code (N,)} INT32 from {@link #read}.
     *
     * @throws DataFileException when either file is malformed, the labels are not one-dimensional, or the
     *     two hold different numbers of examples
     * @throws IOException when a file cannot be read
     */
    public static Dataset dataset(Path images, Path labels, PixelScale scale) throws IOException {
        Tensor y = read(labels);
        if (y.rank() != 1) {
            String shape = y.shape().toString();
            y.close();
            throw new DataFileException(labels, "labels must be one-dimensional, this file's shape is " + shape);
        }
        Tensor x;
        try {
            x = readImages(images, scale);
        } catch (IOException | RuntimeException e) {
            y.close();
            throw e;
        }
        if (x.shape().dim(0) != y.shape().dim(0)) {
            String msg = "holds " + x.shape().dim(0) + " images but " + labels + " holds " + y.shape().dim(0)
                    + " labels";
            x.close();
            y.close();
            throw new DataFileException(images, msg);
        }
        return Dataset.of(x, y);
    }

    private static Elements.Type type(int code) {
        return switch (code) {
            case 0x08 -> Elements.Type.U8;
            case 0x09 -> Elements.Type.I8;
            case 0x0B -> Elements.Type.I16;
            case 0x0C -> Elements.Type.I32;
            case 0x0D -> Elements.Type.F32;
            case 0x0E -> Elements.Type.F64;
            default -> null;
        };
    }
}
