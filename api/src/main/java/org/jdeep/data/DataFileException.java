package org.jdeep.data;

import java.io.IOException;
import java.nio.file.Path;

/**
 * A data file that cannot be read as asked: truncated, not in the format its loader reads (a wrong magic
 * number, a corrupted header), holding a type jdeep does not read (complex numbers, strings) or values that do
 * not fit (an int64 past int32's range), or inconsistent with its companion file (images and labels of
 * different lengths). The message names the file and the problem; nothing was loaded.
 *
 * <p>Every loader in {@code org.jdeep.data} ({@link Npy}, {@link Npz}, {@link Idx}, {@link Csv},
 * {@link Images}) throws it, and so does the HDF5 reader in the models module. A file that cannot be opened
 * at all (missing, unreadable) gives the JDK's own {@link IOException} instead
 * ({@code NoSuchFileException}, {@code AccessDeniedException}).
 */
public final class DataFileException extends IOException {
    private static final long serialVersionUID = 1L;

    private final transient Path file;
    private final String problem;

    /**
     * An error about {@code file}.
     *
     * @param file the file read
     * @param problem what is wrong, in words
     */
    public DataFileException(Path file, String problem) {
        this(file, problem, null);
    }

    /**
     * An error about {@code file} caused by {@code cause}.
     *
     * @param file the file read
     * @param problem what is wrong, in words
     * @param cause the underlying error, or null
     */
    public DataFileException(Path file, String problem, Throwable cause) {
        super(file + ": " + problem, cause);
        this.file = file;
        this.problem = problem;
    }

    /** The file the problem is in. */
    public Path file() {
        return file;
    }

    /** The problem, without the file name. */
    public String problem() {
        return problem;
    }
}
