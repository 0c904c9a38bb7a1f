package org.jdeep.data;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32;
import java.util.zip.CheckedInputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;
import org.jdeep.Tensor;

/**
 * Reads numpy's {@code .npz} archives: what {@code np.savez(file, x=x, y=y)} (entries stored) and
 * {@code np.savez_compressed} (entries deflated) write, a zip archive holding one {@code .npy} file per array
 * ({@code x.npy}, {@code y.npy}). Each entry is read by {@link Npy}, with its dtypes and checks, and its CRC-32
 * is verified. An array's name is its entry's name without {@code .npy}, as {@code np.load(file).files} lists
 * it; {@code np.savez(file, a, b)} names positional arrays {@code arr_0}, {@code arr_1}.
 *
 * <p>A file that is not a zip archive, is truncated (the zip directory sits at the end, so a cut file has
 * none), holds an entry that is not a valid {@code .npy} file, or fails its checksum raises a
 * {@link DataFileException} naming the file, the entry and the problem.
 */
public final class Npz {
    private Npz() {
    }

    /**
     * Every array in {@code file}, by name, in the archive's order. The caller owns the tensors.
     *
     * @throws DataFileException when the archive or one of its entries is malformed (nothing is returned then)
     * @throws IOException when the file cannot be read
     */
    public static Map<String, Tensor> read(Path file) throws IOException {
        Map<String, Tensor> out = new LinkedHashMap<>();
        boolean ok = false;
        try (ZipFile zip = open(file)) {
            for (ZipEntry e : entries(zip)) {
                if (!e.getName().endsWith(".npy")) {
                    throw new DataFileException(file, "entry '" + e.getName() + "' is not an .npy array (an .npz "
                            + "archive holds only .npy files)");
                }
                out.put(name(e), entry(file, zip, e));
            }
            ok = true;
            return Collections.unmodifiableMap(out);
        } finally {
            if (!ok) {
                out.values().forEach(Tensor::close);
            }
        }
    }

    /**
     * The array {@code name} in {@code file} ({@code np.load(file)[name]}).
     *
     * @throws DataFileException when there is no such array (the message lists those there are) or its entry
     *     is malformed
     * @throws IOException when the file cannot be read
     */
    public static Tensor read(Path file, String name) throws IOException {
        try (ZipFile zip = open(file)) {
            ZipEntry e = zip.getEntry(name + ".npy");
            if (e == null) {
                List<String> names = new ArrayList<>();
                for (ZipEntry x : entries(zip)) {
                    names.add(name(x));
                }
                throw new DataFileException(file, "no array named '" + name + "'; the archive holds " + names);
            }
            return entry(file, zip, e);
        }
    }

    /**
     * The names of the arrays in {@code file}, in the archive's order ({@code np.load(file).files}).
     *
     * @throws DataFileException when the file is not a zip archive or is truncated
     * @throws IOException when the file cannot be read
     */
    public static List<String> names(Path file) throws IOException {
        try (ZipFile zip = open(file)) {
            List<String> names = new ArrayList<>();
            for (ZipEntry e : entries(zip)) {
                names.add(name(e));
            }
            return List.copyOf(names);
        }
    }

    private static ZipFile open(Path file) throws IOException {
        try {
            return new ZipFile(file.toFile());
        } catch (ZipException e) {
            byte[] head = new byte[6];
            int n;
            try (InputStream in = Files.newInputStream(file)) {
                n = Elements.readFully(in, head, head.length);
            }
            boolean npy = n == 6 && Arrays.equals(head, Npy.MAGIC);
            throw new DataFileException(file, npy ? "not an .npz archive but a single .npy array: read it with "
                    + "Npy.read" : "not a zip archive, or truncated (an .npz file is a zip archive of .npy files "
                    + "with its directory at the end): " + e.getMessage(), e);
        }
    }

    private static List<ZipEntry> entries(ZipFile zip) {
        List<ZipEntry> list = new ArrayList<>();
        for (Enumeration<? extends ZipEntry> en = zip.entries(); en.hasMoreElements(); ) {
            ZipEntry e = en.nextElement();
            if (!e.isDirectory()) {
                list.add(e);
            }
        }
        return list;
    }

    private static String name(ZipEntry e) {
        String n = e.getName();
        return n.endsWith(".npy") ? n.substring(0, n.length() - 4) : n;
    }

    private static Tensor entry(Path file, ZipFile zip, ZipEntry e) throws IOException {
        String where = "entry '" + e.getName() + "': ";
        CRC32 crc = new CRC32();
        Tensor t;
        try (InputStream in = new CheckedInputStream(new BufferedInputStream(zip.getInputStream(e), 1 << 16), crc)) {
            t = Npy.read(in, file);
        } catch (DataFileException x) {
            throw new DataFileException(file, where + x.problem(), x);
        } catch (ZipException | EOFException x) {
            throw new DataFileException(file, where + "truncated or corrupt compressed data (" + x.getMessage()
                    + ")", x);
        }
        if (e.getCrc() != -1 && crc.getValue() != e.getCrc()) {
            t.close();
            throw new DataFileException(file, where + "CRC-32 mismatch (the archive says "
                    + Long.toHexString(e.getCrc()) + ", the data gives " + Long.toHexString(crc.getValue())
                    + "): the archive is corrupted");
        }
        return t;
    }
}
