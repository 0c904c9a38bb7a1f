package org.jdeep.types;

/**
 * The element types a jdeep tensor can hold. Floating types combine by promotion to the wider one
 * (FLOAT32 with FLOAT64 gives FLOAT64, as numpy does); INT32 never mixes silently with a floating type.
 */
public enum DType {
    /** IEEE 754 binary32, Java {@code float}. */
    FLOAT32(4),
    /** IEEE 754 binary64, Java {@code double}. */
    FLOAT64(8),
    /** Two's-complement 32-bit integer, Java {@code int}. */
    INT32(4);

    private final int byteSize;

    DType(int byteSize) {
        this.byteSize = byteSize;
    }

    /** Bytes taken by one element. */
    public int byteSize() {
        return byteSize;
    }

    /** Whether this is FLOAT32 or FLOAT64. */
    public boolean isFloating() {
        return this != INT32;
    }

    /**
     * The type two operands combine to: equal types stay, FLOAT32 with FLOAT64 gives FLOAT64.
     *
     * @throws IllegalArgumentException when one is INT32 and the other floating (convert one with
     *     {@code to(DType)} first)
     */
    public static DType promote(String op, DType a, DType b) {
        if (a == b) {
            return a;
        }
        if (a.isFloating() && b.isFloating()) {
            return FLOAT64;
        }
        throw new IllegalArgumentException(op + ": dtypes " + a + " and " + b
                + " do not mix; convert one with to(DType) first");
    }
}
