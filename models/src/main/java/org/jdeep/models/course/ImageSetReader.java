package org.jdeep.models.course;

import java.io.IOException;
import java.nio.file.Path;

/**
 * Reads a labelled image set from disk for a binary image classifier (the course's cat / non-cat task): one
 * implementation per format. {@link BinaryImages#read(Path, int)} asks each reader of its list in turn whether
 * it can read the path, so a new format (the course's own {@code train_catvnoncat.h5}, say) plugs in by adding a
 * reader there.
 */
public interface ImageSetReader {

    /** The format in words, for error messages, e.g. {@code "a folder of PNG/JPEG images: DIR/{train,test}/CLASS/"}. */
    String describe();

    /** Whether {@code path} looks like this reader's format (cheap: names and headers only). */
    boolean canRead(Path path);

    /**
     * Reads the images and labels.
     *
     * @param path the file or directory
     * @param size images are resized to {@code size x size} when they are not already
     * @return the splits found, X {@code (m, size*size*3)} scaled to [0, 1] in (H, W, C) order, Y {@code (m, 1)}
     *     0/1; the image shape set
     * @throws IOException when the data cannot be read; the message names the file and the problem
     */
    CourseData read(Path path, int size) throws IOException;
}
