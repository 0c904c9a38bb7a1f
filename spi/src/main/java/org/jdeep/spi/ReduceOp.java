package org.jdeep.spi;

/**
 * Reductions along one axis, selected by {@link Backend#reduce(ReduceOp, View, int, View)}.
 * The reduced axis of the output has size 1 (numpy's {@code keepdims=True}).
 */
public enum ReduceOp {
    /** Sum of the elements; 0 for an empty axis. Floating sums may be computed in any order. */
    SUM,
    /** Largest element; NaN if any element is NaN. An empty axis is never passed. */
    MAX,
    /** Smallest element; NaN if any element is NaN. An empty axis is never passed. */
    MIN,
    /** INT32 index of the first largest element, or of the first NaN if there is one (numpy). */
    ARGMAX,
    /** INT32 index of the first smallest element, or of the first NaN if there is one (numpy). */
    ARGMIN;

    /** Whether the output is an INT32 index rather than a value of the input's dtype. */
    public boolean isIndex() {
        return this == ARGMAX || this == ARGMIN;
    }
}
