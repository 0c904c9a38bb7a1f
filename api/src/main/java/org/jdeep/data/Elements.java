package org.jdeep.data;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.Arrays;
import org.jdeep.Tensor;
import org.jdeep.types.DType;
import org.jdeep.types.Shape;

/**
 * Reads the raw element data of a binary array file (NPY, IDX) into a tensor: a fixed number of elements of one
 * stored {@link Type}, in one byte order, row-major or column-major. Floats keep their width; every integer type
 * becomes INT32, and a value outside int32's range is an error rather than a silent wrap. Package-private: the
 * format readers parse their headers and call this for the body.
 */
final class Elements {
    private static final int CHUNK = 1 << 16;

    /** A stored element type. */
    enum Type {
        BOOL(1, "bool"), U8(1, "uint8"), I8(1, "int8"), I16(2, "int16"), U16(2, "uint16"), I32(4, "int32"),
        U32(4, "uint32"), I64(8, "int64"), U64(8, "uint64"), F32(4, "float32"), F64(8, "float64");

        final int size;
        final String label;

        Type(int size, String label) {
            this.size = size;
            this.label = label;
        }

        /** The jdeep dtype this type is read as. */
        DType dtype() {
            return this == F32 ? DType.FLOAT32 : this == F64 ? DType.FLOAT64 : DType.INT32;
        }
    }

    private Elements() {
    }

    /**
     * The number of elements of {@code shape}, or a {@link DataFileException} when it exceeds what a tensor
     * holds.
     */
    static int count(Path file, int[] shape) throws DataFileException {
        try {
            return Shape.of(shape).size();
        } catch (IllegalArgumentException e) {
            throw new DataFileException(file, "shape " + Arrays.toString(shape) + " cannot be held by a jdeep "
                    + "tensor (" + e.getMessage() + ")", e);
        }
    }

    /**
     * Reads the product of {@code shape} elements of {@code type} from {@code in} and returns them as a
     * row-major tensor of that shape.
     *
     * @param in the stream, positioned at the first element; it is read up to the last element, no further
     * @param fortran whether the elements are stored in column-major (Fortran) order
     * @param file the file, for error messages
     * @param what what is read, for error messages ({@code "shape (2, 3) <f4"})
     * @throws DataFileException when the stream ends early or an integer does not fit int32
     */
    static Tensor read(InputStream in, Type type, ByteOrder order, int[] shape, boolean fortran, Path file,
            String what) throws IOException {
        int n = count(file, shape);
        long need = (long) n * type.size;
        byte[] buf = new byte[(int) Math.min(CHUNK, Math.max(need, 1))];
        float[] f = type == Type.F32 ? new float[n] : null;
        double[] d = type == Type.F64 ? new double[n] : null;
        int[] i = f == null && d == null ? new int[n] : null;
        long done = 0;
        int at = 0;
        while (done < need) {
            int want = (int) Math.min(buf.length, need - done);
            int got = readFully(in, buf, want);
            if (got < want) {
                throw new DataFileException(file, "truncated: " + what + " needs " + need + " bytes of data but the "
                        + "file ends after " + (done + got));
            }
            ByteBuffer bb = ByteBuffer.wrap(buf, 0, got).order(order);
            int k = got / type.size;
            for (int j = 0; j < k; j++, at++) {
                switch (type) {
                    case F32 -> f[at] = bb.getFloat();
                    case F64 -> d[at] = bb.getDouble();
                    case BOOL -> i[at] = bb.get() != 0 ? 1 : 0;
                    case U8 -> i[at] = bb.get() & 0xFF;
                    case I8 -> i[at] = bb.get();
                    case I16 -> i[at] = bb.getShort();
                    case U16 -> i[at] = bb.getShort() & 0xFFFF;
                    case I32 -> i[at] = bb.getInt();
                    case U32 -> i[at] = toInt(bb.getInt() & 0xFFFF_FFFFL, at, file, what);
                    case I64 -> i[at] = toInt(bb.getLong(), at, file, what);
                    case U64 -> {
                        long v = bb.getLong();
                        if (v < 0) {
                            throw outOfRange(Long.toUnsignedString(v), at, file, what);
                        }
                        i[at] = toInt(v, at, file, what);
                    }
                }
            }
            done += got;
        }
        int[] dims = shape.clone();
        if (fortran && dims.length > 1) {
            int[] from = fortranOffsets(dims);
            if (f != null) {
                float[] c = new float[n];
                for (int j = 0; j < n; j++) {
                    c[j] = f[from[j]];
                }
                f = c;
            } else if (d != null) {
                double[] c = new double[n];
                for (int j = 0; j < n; j++) {
                    c[j] = d[from[j]];
                }
                d = c;
            } else {
                int[] c = new int[n];
                for (int j = 0; j < n; j++) {
                    c[j] = i[from[j]];
                }
                i = c;
            }
        }
        return f != null ? Tensor.of(f, dims) : d != null ? Tensor.of(d, dims) : Tensor.of(i, dims);
    }

    private static int toInt(long v, int index, Path file, String what) throws DataFileException {
        if (v < Integer.MIN_VALUE || v > Integer.MAX_VALUE) {
            throw outOfRange(Long.toString(v), index, file, what);
        }
        return (int) v;
    }

    private static DataFileException outOfRange(String v, int index, Path file, String what) {
        return new DataFileException(file, what + ": element " + index + " (in storage order) is " + v
                + ", outside int32's range [-2147483648, 2147483647]; jdeep holds integers as INT32, so convert "
                + "the array to a smaller integer or a floating type before saving it");
    }

    /**
     * For each element of a row-major walk over {@code dims}, its position in column-major storage: the
     * element at row-major index j sits at {@code offsets[j]} of a Fortran-ordered array.
     */
    static int[] fortranOffsets(int[] dims) {
        int rank = dims.length;
        int n = 1;
        for (int dim : dims) {
            n *= dim;
        }
        int[] stride = new int[rank];
        for (int k = 0, s = 1; k < rank; k++) {
            stride[k] = s;
            s *= dims[k];
        }
        int[] offsets = new int[n];
        int[] counter = new int[rank];
        int off = 0;
        for (int j = 0; j < n; j++) {
            offsets[j] = off;
            for (int k = rank - 1; k >= 0; k--) {
                counter[k]++;
                off += stride[k];
                if (counter[k] < dims[k]) {
                    break;
                }
                off -= stride[k] * dims[k];
                counter[k] = 0;
            }
        }
        return offsets;
    }

    /** Reads up to {@code want} bytes into {@code buf}, returning fewer only at the end of the stream. */
    static int readFully(InputStream in, byte[] buf, int want) throws IOException {
        return readFully(in, buf, 0, want);
    }

    /** Reads up to {@code want} bytes into {@code buf} from {@code off}, returning fewer only at the end. */
    static int readFully(InputStream in, byte[] buf, int off, int want) throws IOException {
        int got = 0;
        while (got < want) {
            int r = in.read(buf, off + got, want - got);
            if (r < 0) {
                break;
            }
            got += r;
        }
        return got;
    }

    /** How many bytes {@code in} still holds, counting at most {@code limit}. */
    static long remaining(InputStream in, long limit) throws IOException {
        byte[] buf = new byte[4096];
        long n = 0;
        while (n < limit) {
            int r = in.read(buf, 0, (int) Math.min(buf.length, limit - n));
            if (r < 0) {
                break;
            }
            n += r;
        }
        return n;
    }
}
