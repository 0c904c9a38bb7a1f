package org.jdeep.backend.cpu;

import org.jdeep.spi.View;

/**
 * Walks up to four same-shaped strided views as a sequence of 1-D rows along the innermost axis, so that
 * kernels are tight loops over {@code (offset, stride, length)}. Size-1 axes are dropped and adjacent axes
 * whose strides line up in every operand are merged, so a contiguous tensor is one row of its full size.
 * Subclasses hold the arrays and the op and implement {@link #row}; the per-row call is the only dispatch.
 */
abstract class StridedLoop {

    /** Elements below which work stays on the calling thread; fork/join costs a few microseconds. */
    static final int GRAIN = 16_384;

    // Transposed operands are walked in tiles of this many rows by this many columns, so that the cache
    // lines a strided operand touches in one row are reused by the next rows before they are evicted.
    private static final int TILE_ROWS = 16;
    private static final int TILE_COLS = 128;

    // Merged axes, innermost first: length at g[d], stride of operand k at g[(k + 1) * cap + d].
    private final int[] g;
    private final int cap;
    private final int rank;
    private final int base0;
    private final int base1;
    private final int base2;
    private final int base3;

    /** Total number of iterated elements (0 means nothing to do). */
    final int size;
    /** Inner strides of operands 0..3 (0 for absent operands). */
    final int is0;
    final int is1;
    final int is2;
    final int is3;
    /** Whether an operand steps through memory far along rows but densely across them (a transpose). */
    private final boolean tiled;

    /**
     * Iterates {@code shape}, except axis {@code skipAxis} (-1 for none) which is treated as size 1, over
     * the strides of the given views; absent operands are {@code null}. Every view's rank must equal the
     * shape's; their own shapes are not consulted, so a reduction can pass its size-1 output.
     */
    StridedLoop(int[] shape, int skipAxis, View v0, View v1, View v2, View v3) {
        int n = shape.length;
        long total = 1;
        for (int d = 0; d < n; d++) {
            if (d != skipAxis) {
                total *= shape[d];
            }
        }
        size = (int) total;
        int c = Math.max(n, 1);
        cap = c;
        g = new int[5 * c];
        int r = 0;
        if (total > 0) {
            int[] s0 = v0.strides();
            int[] s1 = v1 == null ? null : v1.strides();
            int[] s2 = v2 == null ? null : v2.strides();
            int[] s3 = v3 == null ? null : v3.strides();
            for (int d = n - 1; d >= 0; d--) {
                int len = shape[d];
                if (len == 1 || d == skipAxis) {
                    continue;
                }
                int t0 = s0[d];
                int t1 = s1 == null ? 0 : s1[d];
                int t2 = s2 == null ? 0 : s2[d];
                int t3 = s3 == null ? 0 : s3[d];
                if (r > 0) {
                    int inner = g[r - 1];
                    // Axis d folds into the merged axis below it when each operand steps over that axis
                    // exactly as one more step of it would (true for broadcast stride 0 too).
                    if (t0 == g[c + r - 1] * inner && t1 == g[2 * c + r - 1] * inner
                            && t2 == g[3 * c + r - 1] * inner && t3 == g[4 * c + r - 1] * inner) {
                        g[r - 1] = inner * len;
                        continue;
                    }
                }
                g[r] = len;
                g[c + r] = t0;
                g[2 * c + r] = t1;
                g[3 * c + r] = t2;
                g[4 * c + r] = t3;
                r++;
            }
        }
        if (r == 0) {
            g[0] = 1;
            r = 1;
        }
        rank = r;
        base0 = v0.offset();
        base1 = v1 == null ? 0 : v1.offset();
        base2 = v2 == null ? 0 : v2.offset();
        base3 = v3 == null ? 0 : v3.offset();
        is0 = g[c];
        is1 = g[2 * c];
        is2 = g[3 * c];
        is3 = g[4 * c];
        boolean t = false;
        if (r >= 2 && g[0] >= TILE_COLS / 4 && g[1] >= 2) {
            for (int k = 1; k <= 4; k++) {
                int inner = Math.abs(g[k * c]);
                int across = Math.abs(g[k * c + 1]);
                t |= inner >= 16 && across != 0 && across < inner;
            }
        }
        tiled = t;
    }

    /** Processes {@code n} elements starting at the given operand offsets, stepping by the inner strides. */
    abstract void row(int n, int p0, int p1, int p2, int p3);

    /** Length of one full row (the merged innermost axis). */
    final int rowLength() {
        return g[0];
    }

    /** Runs every element, in parallel chunks of at least {@code grain} elements when there is enough work. */
    final void run(CpuThreads threads, int grain) {
        if (size == 0) {
            return;
        }
        boolean serial = size < 2L * grain || threads.threads() == 1;
        if (tiled) {
            // Work units are blocks of TILE_ROWS rows.
            int unitSize = TILE_ROWS * g[0];
            int units = size / (g[0] * g[1]) * ((g[1] + TILE_ROWS - 1) / TILE_ROWS);
            if (serial) {
                tiles(0, units);
            } else {
                threads.parallelFor(units, Math.max(1, grain / unitSize), this::tiles);
            }
        } else if (serial) {
            range(0, size);
        } else {
            threads.parallelFor(size, grain, this::range);
        }
    }

    /** {@link #run(CpuThreads, int)} with the default grain for cheap elementwise work. */
    final void run(CpuThreads threads) {
        run(threads, GRAIN);
    }

    /**
     * Processes the row blocks {@code [from, to)} of a tiled loop: block {@code u} is rows
     * {@code [TILE_ROWS * (u % blocksPerPlane), ...)} of axis 1 in plane {@code u / blocksPerPlane} of the outer
     * axes, walked TILE_COLS columns at a time.
     */
    final void tiles(int from, int to) {
        int c = cap;
        int len0 = g[0];
        int len1 = g[1];
        int blocks = (len1 + TILE_ROWS - 1) / TILE_ROWS;
        int r0s = g[c + 1];
        int r1s = g[2 * c + 1];
        int r2s = g[3 * c + 1];
        int r3s = g[4 * c + 1];
        for (int u = from; u < to; u++) {
            int plane = u / blocks;
            int rowStart = (u - plane * blocks) * TILE_ROWS;
            int rowEnd = Math.min(len1, rowStart + TILE_ROWS);
            int p0 = base0;
            int p1 = base1;
            int p2 = base2;
            int p3 = base3;
            int rem = plane;
            for (int d = 2; d < rank; d++) {
                int len = g[d];
                int i = rem % len;
                rem /= len;
                p0 += i * g[c + d];
                p1 += i * g[2 * c + d];
                p2 += i * g[3 * c + d];
                p3 += i * g[4 * c + d];
            }
            for (int col = 0; col < len0; col += TILE_COLS) {
                int n = Math.min(TILE_COLS, len0 - col);
                for (int r = rowStart; r < rowEnd; r++) {
                    row(n, p0 + r * r0s + col * is0, p1 + r * r1s + col * is1, p2 + r * r2s + col * is2,
                            p3 + r * r3s + col * is3);
                }
            }
        }
    }

    /** Processes the elements with row-major linear indices {@code [from, to)}; may start mid-row. */
    final void range(int from, int to) {
        if (from >= to) {
            return;
        }
        int c = cap;
        int len0 = g[0];
        if (rank == 1) {
            row(to - from, base0 + from * is0, base1 + from * is1, base2 + from * is2, base3 + from * is3);
            return;
        }
        int rowIndex = from / len0;
        int col = from - rowIndex * len0;
        int[] idx = new int[rank];
        int p0 = base0;
        int p1 = base1;
        int p2 = base2;
        int p3 = base3;
        int rem = rowIndex;
        for (int d = 1; d < rank; d++) {
            int len = g[d];
            int i = rem % len;
            rem /= len;
            idx[d] = i;
            p0 += i * g[c + d];
            p1 += i * g[2 * c + d];
            p2 += i * g[3 * c + d];
            p3 += i * g[4 * c + d];
        }
        int remaining = to - from;
        while (true) {
            int n = Math.min(len0 - col, remaining);
            row(n, p0 + col * is0, p1 + col * is1, p2 + col * is2, p3 + col * is3);
            remaining -= n;
            if (remaining == 0) {
                return;
            }
            col = 0;
            for (int d = 1; d < rank; d++) {
                p0 += g[c + d];
                p1 += g[2 * c + d];
                p2 += g[3 * c + d];
                p3 += g[4 * c + d];
                if (++idx[d] < g[d]) {
                    break;
                }
                int len = g[d];
                p0 -= len * g[c + d];
                p1 -= len * g[2 * c + d];
                p2 -= len * g[3 * c + d];
                p3 -= len * g[4 * c + d];
                idx[d] = 0;
            }
        }
    }
}
