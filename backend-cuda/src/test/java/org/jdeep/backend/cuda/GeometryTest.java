package org.jdeep.backend.cuda;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.jdeep.backend.cuda.Geometry.Launch;
import org.jdeep.backend.cuda.Geometry.Merged;
import org.jdeep.backend.cuda.Geometry.ReducePlan;
import org.jdeep.spi.Buffer;
import org.jdeep.spi.View;
import org.jdeep.types.DType;
import org.jdeep.types.Window2d;
import org.junit.jupiter.api.Test;

/** Host-side logic that needs no GPU: axis merging, parameter struct images and launch shapes. */
class GeometryTest {

    @Test
    void contiguousViewsOfAnyRankMergeToOneAxis() {
        Merged m = Geometry.merge(new int[] {2, 3, 4, 5, 6, 7, 8, 9, 2}, new int[][] {
            {181440, 60480, 15120, 3024, 504, 72, 9, 1, 0}}, -1);
        // The last axis broadcasts (stride 0) and cannot merge with the dense ones.
        assertArrayEquals(new int[] {362880, 2}, m.shape());
        assertEquals(2, m.rank());
        assertArrayEquals(new int[] {1, 0}, m.strides()[0]);
    }

    @Test
    void mergingNeedsEveryOperandToAgree() {
        // out (2, 3) contiguous; x is a transposed (3, 2) buffer seen as (2, 3).
        Merged m = Geometry.merge(new int[] {2, 3}, new int[][] {{3, 1}, {1, 2}}, -1);
        assertArrayEquals(new int[] {2, 3}, m.shape());
        Merged both = Geometry.merge(new int[] {2, 3}, new int[][] {{3, 1}, {3, 1}}, -1);
        assertArrayEquals(new int[] {6}, both.shape());
        assertArrayEquals(new int[] {1}, both.strides()[1]);
    }

    @Test
    void broadcastAxesMergeWithEachOther() {
        Merged m = Geometry.merge(new int[] {4, 5, 6}, new int[][] {{30, 6, 1}, {0, 0, 1}}, -1);
        assertArrayEquals(new int[] {20, 6}, m.shape());
        assertArrayEquals(new int[] {6, 1}, m.strides()[0]);
        assertArrayEquals(new int[] {0, 1}, m.strides()[1]);
    }

    @Test
    void reversedAxesMerge() {
        // A fully reversed contiguous (3, 4): strides -4, -1.
        Merged m = Geometry.merge(new int[] {3, 4}, new int[][] {{-4, -1}}, -1);
        assertArrayEquals(new int[] {12}, m.shape());
        assertArrayEquals(new int[] {-1}, m.strides()[0]);
    }

    @Test
    void sizeOneAxesDisappearExceptTheKeptOne() {
        Merged m = Geometry.merge(new int[] {1, 5, 1, 3}, new int[][] {{99, 3, 77, 1}}, 2);
        assertArrayEquals(new int[] {5, 1, 3}, m.shape());
        assertEquals(1, m.kept());
        Merged scalar = Geometry.merge(new int[] {1, 1}, new int[][] {{7, 7}}, -1);
        assertEquals(0, scalar.rank());
    }

    @Test
    void theKeptAxisNeverMerges() {
        Merged m = Geometry.merge(new int[] {2, 3, 4}, new int[][] {{12, 4, 1}}, 1);
        assertArrayEquals(new int[] {2, 3, 4}, m.shape());
        assertEquals(1, m.kept());
    }

    @Test
    void elemMetaLayout() {
        int[] meta = Geometry.elem("t", new int[] {2, 3}, new int[] {5, 7}, new int[] {3, 1}, new int[] {1, 2});
        assertEquals(Geometry.ELEM_INTS, meta.length);
        assertEquals(46, meta.length);
        assertEquals(2, meta[0]);
        assertEquals(6, meta[1]);
        assertArrayEquals(new int[] {2, 3, 0, 0, 0, 0, 0, 0}, Arrays.copyOfRange(meta, 2, 10));
        assertArrayEquals(new int[] {5, 7, 0, 0}, Arrays.copyOfRange(meta, 10, 14));
        assertArrayEquals(new int[] {3, 1, 0, 0, 0, 0, 0, 0}, Arrays.copyOfRange(meta, 14, 22));
        assertArrayEquals(new int[] {1, 2, 0, 0, 0, 0, 0, 0}, Arrays.copyOfRange(meta, 22, 30));
    }

    @Test
    void rankZeroIsOneElement() {
        int[] meta = Geometry.elem("t", new int[0], new int[] {4}, new int[0]);
        assertEquals(0, meta[0]);
        assertEquals(1, meta[1]);
        assertEquals(4, meta[10]);
    }

    @Test
    void tooManyAxesAfterMergingIsAClearError() {
        int[] shape = {2, 2, 2, 2, 2, 2, 2, 2, 2};
        int[] gappy = {1 << 17, 1 << 15, 1 << 13, 1 << 11, 1 << 9, 1 << 7, 1 << 5, 1 << 3, 1 << 1};
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Geometry.elem("unary", shape, new int[] {0}, gappy));
        assertTrue(e.getMessage().contains("has 9 axes, 9 after merging"), e.getMessage());
        assertTrue(e.getMessage().contains("at most 8"), e.getMessage());
        // Nine contiguous axes are fine: they merge to one.
        int[] meta = Geometry.elem("unary", shape, new int[] {0}, new int[] {256, 128, 64, 32, 16, 8, 4, 2, 1});
        assertEquals(1, meta[0]);
    }

    @Test
    void axisMetaLayout() {
        int[] meta = Geometry.axis("t", new int[] {4, 5}, 1, new int[] {60, 10}, 2, new int[] {5, 1}, 7, 1, 0, 1);
        assertEquals(Geometry.AXIS_INTS, meta.length);
        assertEquals(32, meta.length);
        assertArrayEquals(new int[] {2, 20, 7, 1, 1, 2, 1, 0}, Arrays.copyOfRange(meta, 0, 8));
        assertArrayEquals(new int[] {4, 5}, Arrays.copyOfRange(meta, 8, 10));
        assertArrayEquals(new int[] {60, 10}, Arrays.copyOfRange(meta, 16, 18));
        assertArrayEquals(new int[] {5, 1}, Arrays.copyOfRange(meta, 24, 26));
        assertEquals(10, Geometry.innermostOuterStride(meta, 0));
        assertEquals(1, Geometry.innermostOuterStride(meta, 1));
        int[] merged = Geometry.axis("t", new int[] {4, 5}, 0, new int[] {5, 1}, 0, new int[] {5, 1}, 7, 20, 20, 0);
        assertEquals(1, Geometry.axisRank(merged));
        assertEquals(20, merged[8]);
    }

    @Test
    void linearLaunchesCoverAndCap() {
        assertThrows(IllegalArgumentException.class, () -> Geometry.linear(0, 10));
        assertEquals(new Launch(1, 1, 1, 256, 1, 1), Geometry.linear(1, 10));
        assertEquals(new Launch(1, 1, 1, 256, 1, 1), Geometry.linear(256, 10));
        assertEquals(new Launch(2, 1, 1, 256, 1, 1), Geometry.linear(257, 10));
        // Grid-stride: at most 32 blocks per SM, the kernel loops over the rest.
        assertEquals(new Launch(320, 1, 1, 256, 1, 1), Geometry.linear(Integer.MAX_VALUE, 10));
        assertEquals(new Launch(32, 1, 1, 256, 1, 1), Geometry.linear(1 << 20, 0));
    }

    @Test
    void reducePlans() {
        // Many outputs, 100-element rows: 16 threads per row, 16 rows per block, no chunks.
        assertEquals(new ReducePlan(16, 16, 625, 1, 100), Geometry.reduce(10_000, 100, false, 100, true));
        // Long rows: a whole block per row (tree, then warp shuffles).
        assertEquals(new ReducePlan(1, 256, 3200, 1, 5000), Geometry.reduce(10_000, 5000, false, 100, true));
        // Columns: at most 8 threads along the axis, the other 32 or more across neighbouring outputs.
        assertEquals(new ReducePlan(32, 8, 313, 1, 100), Geometry.reduce(10_000, 100, true, 100, true));
        // A short axis: one thread per output.
        assertEquals(new ReducePlan(256, 1, 391, 1, 3), Geometry.reduce(100_000, 3, false, 100, true));
        assertEquals(new ReducePlan(128, 2, 782, 1, 9), Geometry.reduce(100_000, 9, true, 100, true));
        // One output over a long axis: split into chunks to fill 8 blocks per SM.
        ReducePlan longRow = Geometry.reduce(1, 10_000_000, false, 100, true);
        assertEquals(1, longRow.blockX());
        assertEquals(800, longRow.chunks());
        assertEquals(12_500, longRow.chunkLen());
        // Chunks only where each thread still gets 32 elements.
        assertEquals(1, Geometry.reduce(1, 256 * 32, false, 100, true).chunks());
        ReducePlan noChunks = Geometry.reduce(1, 10_000_000, false, 100, false);
        assertEquals(1, noChunks.chunks());
        assertEquals(10_000_000, noChunks.chunkLen());
        // Chunk counts are exact: no empty last chunk; blocks are always 256 threads.
        for (int len : new int[] {1, 2, 8193, 100_003, 3_000_017}) {
            for (boolean columns : new boolean[] {false, true}) {
                ReducePlan p = Geometry.reduce(3, len, columns, 7, true);
                assertTrue((long) (p.chunks() - 1) * p.chunkLen() < len, p.toString());
                assertTrue((long) p.chunks() * p.chunkLen() >= len, p.toString());
                assertEquals(256, p.blockX() * p.blockY());
                assertTrue(p.blockX() == 1 || p.blockY() < 32 || columns, "warp shuffles need blockX == 1: " + p);
            }
        }
        assertEquals(new Launch(5, 1, 1, 1, 256, 1), Geometry.reduceFinal(5, 100));
        assertEquals(1, Geometry.nextPowerOfTwo(0));
        assertEquals(1, Geometry.nextPowerOfTwo(1));
        assertEquals(16, Geometry.nextPowerOfTwo(13));
        assertEquals(16, Geometry.nextPowerOfTwo(16));
    }

    @Test
    void matmulGrid() {
        assertEquals(new Launch(2, 1, 3, 16, 16, 1), Geometry.matmul(3, 64, 65));
        assertEquals(new Launch(1, 65535, 65535, 16, 16, 1), Geometry.matmul(100_000, 64 * 70_000, 1));
    }

    private static final Buffer FAKE = new Buffer() {
        @Override
        public DType dtype() {
            return DType.FLOAT32;
        }

        @Override
        public int length() {
            return 1 << 20;
        }
    };

    @Test
    void matmulFoldsTransposesIntoStrides() {
        View a = new View(FAKE, 1, new int[] {2, 3, 4}, new int[] {12, 4, 1});
        View b = new View(FAKE, 2, new int[] {1, 4, 5}, new int[] {0, 5, 1});
        View out = new View(FAKE, 3, new int[] {2, 3, 5}, new int[] {15, 5, 1});
        assertArrayEquals(new int[] {2, 3, 5, 4, 1, 12, 4, 1, 2, 0, 5, 1, 3, 15, 5, 1},
                CudaBackend.matMeta(a, false, b, false, out));
        // a^T: a is stored (batch, k, m); b^T: b is stored (batch, n, k).
        View at = new View(FAKE, 0, new int[] {2, 4, 3}, new int[] {12, 3, 1});
        View bt = new View(FAKE, 0, new int[] {2, 5, 4}, new int[] {20, 4, 1});
        assertArrayEquals(new int[] {2, 3, 5, 4, 0, 12, 1, 3, 0, 20, 1, 4, 3, 15, 5, 1},
                CudaBackend.matMeta(at, true, bt, true, out));
    }

    @Test
    void convMetaLayout() {
        View x = new View(FAKE, 7, new int[] {2, 5, 6, 3}, new int[] {90, 18, 3, 1});
        Window2d w = new Window2d(3, 2, 2, 1, 1, 0, 0, 1, 1, 2);
        int outH = w.outH(5);
        int outW = w.outW(6);
        View cols = new View(FAKE, 9, new int[] {2, outH, outW, 3, 2, 3},
                new int[] {outH * outW * 18, outW * 18, 18, 6, 3, 1});
        int[] meta = CudaBackend.conv(x, w, cols);
        assertEquals(Geometry.CONV_INTS, meta.length);
        assertArrayEquals(new int[] {2, 5, 6, 3, outH, outW, 3, 2, 2, 1, 1, 0, 1, 2, 7, 90, 18, 3, 1, 9,
            outH * outW * 18, outW * 18, 18, 6, 3, 1}, meta);
    }
}
