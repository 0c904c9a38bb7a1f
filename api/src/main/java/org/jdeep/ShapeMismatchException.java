package org.jdeep;

/**
 * Shapes that an operation cannot combine, with the operation and every shape involved in the message,
 * for example {@code matmul (2, 3)x(4, 5): inner dimensions 3 != 4}.
 */
public class ShapeMismatchException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    /** An exception with a message that names the operation and the shapes. */
    public ShapeMismatchException(String message) {
        super(message);
    }
}
