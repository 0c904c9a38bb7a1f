package org.jdeep.io;

import java.io.IOException;
import java.nio.file.Path;

/**
 * A safetensors file that cannot be read as asked: truncated, with a corrupted header, an unsupported dtype,
 * offsets out of range or overlapping, a shape that does not match its bytes, or tensors that do not match
 * the model they are loaded into. The message names the file and the problem; nothing was loaded.
 */
public final class SafeTensorsException extends IOException {
    private static final long serialVersionUID = 1L;

    private final transient Path file;
    private final String problem;

    /**
     * An error about {@code file}.
     *
     * @param file the file read or written
     * @param problem what is wrong, in words
     */
    public SafeTensorsException(Path file, String problem) {
        this(file, problem, null);
    }

    /**
     * An error about {@code file} caused by {@code cause}.
     *
     * @param file the file read or written
     * @param problem what is wrong, in words
     * @param cause the underlying error, or null
     */
    public SafeTensorsException(Path file, String problem, Throwable cause) {
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
