package org.jdeep;

/** Stride arithmetic for views. */
final class Strides {
    private Strides() {
    }

    /**
     * Strides that let {@code newDims} view the same elements as {@code (dims, strides)} in row-major
     * order without copying, or {@code null} when no such strides exist (numpy's
     * {@code _attempt_nocopy_reshape}). Both shapes have the same number of elements.
     */
    static int[] reshape(int[] dims, int[] strides, int[] newDims) {
        int[] ns = new int[newDims.length];
        int size = 1;
        for (int d : dims) {
            size *= d;
        }
        if (size == 0 || size == 1) {
            int s = 1;
            for (int i = newDims.length - 1; i >= 0; i--) {
                ns[i] = s;
                s *= Math.max(newDims[i], 1);
            }
            return ns;
        }
        // squeeze out size-1 axes of the old shape: they constrain nothing
        int n = 0;
        for (int d : dims) {
            if (d != 1) {
                n++;
            }
        }
        int[] od = new int[n];
        int[] os = new int[n];
        for (int i = 0, j = 0; i < dims.length; i++) {
            if (dims[i] != 1) {
                od[j] = dims[i];
                os[j++] = strides[i];
            }
        }
        int oi = 0;
        int oj = 1;
        int ni = 0;
        int nj = 1;
        while (ni < newDims.length && oi < n) {
            long np = newDims[ni];
            long op = od[oi];
            while (np != op) {
                if (np < op) {
                    np *= newDims[nj++];
                } else {
                    op *= od[oj++];
                }
            }
            for (int ok = oi; ok < oj - 1; ok++) {
                if (os[ok] != od[ok + 1] * os[ok + 1]) {
                    return null;
                }
            }
            ns[nj - 1] = os[oj - 1];
            for (int nk = nj - 1; nk > ni; nk--) {
                ns[nk - 1] = ns[nk] * newDims[nk];
            }
            ni = nj++;
            oi = oj++;
        }
        // trailing size-1 axes of the new shape
        for (int i = ni; i < newDims.length; i++) {
            ns[i] = 1;
        }
        return ns;
    }
}
