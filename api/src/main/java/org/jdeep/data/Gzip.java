package org.jdeep.data;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * Opens a data file, gunzipping it on the fly when it starts with gzip's magic bytes {@code 1f 8b} (MNIST and
 * Fashion-MNIST ship as {@code .gz}; scikit-learn's digits as {@code .csv.gz}): the content decides, not the
 * file name. Package-private.
 */
final class Gzip {
    private Gzip() {
    }

    /** A buffered stream over {@code file}'s content, decompressed when the file is gzip. */
    static InputStream open(Path file) throws IOException {
        InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16);
        try {
            in.mark(2);
            int b0 = in.read();
            int b1 = in.read();
            in.reset();
            if (b0 == 0x1f && b1 == 0x8b) {
                return new BufferedInputStream(new GZIPInputStream(in, 1 << 16), 1 << 16);
            }
            return in;
        } catch (ZipException | EOFException e) {
            in.close();
            throw corrupt(file, e);
        } catch (IOException | RuntimeException e) {
            in.close();
            throw e;
        }
    }

    /**
     * The error for a gzip stream that ended early or failed its checks ({@code EOFException: Unexpected end
     * of ZLIB input stream}, {@code ZipException: Corrupt GZIP trailer}).
     */
    static DataFileException corrupt(Path file, IOException cause) {
        return new DataFileException(file, "truncated or corrupt gzip data (" + cause.getMessage() + ")", cause);
    }
}
