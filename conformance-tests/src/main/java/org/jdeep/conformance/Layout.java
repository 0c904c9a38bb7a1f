package org.jdeep.conformance;

import java.util.Arrays;
import org.jdeep.spi.Buffer;
import org.jdeep.spi.View;
import org.jdeep.types.Shape;

/**
 * Where the elements of a logical shape lie in a buffer: offset and strides, for the SPI checks. Every kind
 * leaves elements of the buffer outside the view, which the checks fill with a sentinel (outputs) or
 * garbage (inputs), so that reading or writing outside the view is caught.
 */
final class Layout {
    /** The kinds of layout the SPI checks use. */
    enum Kind {
        /** Row-major, offset 0. */
        CONTIGUOUS,
        /** Offset 3, innermost stride 2 (stepped), a gap of one element after every outer row (sliced). */
        PADDED,
        /** Axes in reverse memory order (a transposed view). */
        PERMUTED,
        /** Every axis walks backwards (negative strides), offset 1. */
        REVERSED,
        /** Permuted, padded and the first axis reversed at once. */
        MIXED,
        /** Contiguous except one axis of stride 0 (a broadcast; inputs only). */
        BROADCAST
    }

    final int[] shape;
    final int offset;
    final int[] strides;
    final int length;
    final Kind kind;

    private Layout(int[] shape, int offset, int[] strides, int length, Kind kind) {
        this.shape = shape;
        this.offset = offset;
        this.strides = strides;
        this.length = length;
        this.kind = kind;
    }

    static Layout of(int[] shape, Kind kind) {
        return of(shape, kind, 0);
    }

    /** A layout of {@code shape}; {@code broadcastAxis} is the stride-0 axis of {@link Kind#BROADCAST}. */
    static Layout of(int[] shape, Kind kind, int broadcastAxis) {
        int r = shape.length;
        int[] order = new int[r];
        for (int i = 0; i < r; i++) {
            order[i] = i;
        }
        int inner = 1;
        int gap = 0;
        int lead = 0;
        boolean[] reversed = new boolean[r];
        switch (kind) {
            case CONTIGUOUS, BROADCAST -> { }
            case PADDED -> {
                inner = 2;
                gap = 1;
                lead = 3;
            }
            case PERMUTED -> reverse(order);
            case REVERSED -> {
                Arrays.fill(reversed, true);
                lead = 1;
            }
            case MIXED -> {
                reverse(order);
                inner = 2;
                gap = 1;
                lead = 2;
                if (r > 0) {
                    reversed[0] = true;
                }
            }
        }
        int[] strides = new int[r];
        int s = inner;
        for (int j = r - 1; j >= 0; j--) {
            int a = order[j];
            strides[a] = s;
            s = s * Math.max(shape[a], 1) + gap;
        }
        if (kind == Kind.BROADCAST && r > 0) {
            strides[broadcastAxis] = 0;
        }
        int off = lead;
        for (int a = 0; a < r; a++) {
            if (reversed[a] && shape[a] > 0) {
                off += (shape[a] - 1) * strides[a];
                strides[a] = -strides[a];
            }
        }
        long max = off;
        boolean empty = false;
        for (int a = 0; a < r; a++) {
            if (shape[a] == 0) {
                empty = true;
            }
            max += Math.max(0L, (long) (shape[a] - 1) * strides[a]);
        }
        int length = (int) (empty ? off + 3 : max + 3);
        return new Layout(shape.clone(), off, strides, length, kind);
    }

    /** A view whose every stride is 0: one element (at offset 2) broadcast to the whole shape. */
    static Layout zero(int[] shape) {
        return new Layout(shape.clone(), 2, new int[shape.length], 4, Kind.BROADCAST);
    }

    private static void reverse(int[] a) {
        for (int i = 0, j = a.length - 1; i < j; i++, j--) {
            int t = a[i];
            a[i] = a[j];
            a[j] = t;
        }
    }

    /** Number of logical elements. */
    int size() {
        return Shape.of(shape).size();
    }

    /** The buffer index of each logical element, in row-major order. */
    int[] positions() {
        int n = size();
        int[] pos = new int[n];
        int r = shape.length;
        int[] idx = new int[r];
        for (int i = 0; i < n; i++) {
            int p = offset;
            for (int a = 0; a < r; a++) {
                p += idx[a] * strides[a];
            }
            pos[i] = p;
            for (int a = r - 1; a >= 0; a--) {
                if (++idx[a] < shape[a]) {
                    break;
                }
                idx[a] = 0;
            }
        }
        return pos;
    }

    View view(Buffer buffer) {
        return new View(buffer, offset, shape.clone(), strides.clone());
    }

    @Override
    public String toString() {
        return Shape.toString(shape) + (kind == Kind.CONTIGUOUS ? "" : " " + kind.name().toLowerCase(java.util.Locale.ROOT));
    }
}
