package org.jdeep.backend.cpu;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import org.jdeep.spi.Buffer;
import org.jdeep.spi.View;
import org.jdeep.types.DType;
import org.jdeep.types.Shape;
import org.junit.jupiter.api.Test;

class BufferPoolTest {
    private static final int BIG = (int) (BufferPool.MIN_BYTES / Double.BYTES);

    @Test
    void aReleasedArrayComesBackZeroedForTheSameDtypeAndLength() {
        BufferPool pool = new BufferPool(1L << 30);
        double[] used = giveUsedArray(pool);
        assertNull(pool.take(DType.FLOAT64, BIG + 1, true), "another length");
        assertNull(pool.take(DType.INT32, BIG * 2, true), "another dtype");
        Object again = pool.take(DType.FLOAT64, BIG, true);
        assertSame(used, again);
        assertArrayEquals(new double[BIG], used);
        assertNull(pool.take(DType.FLOAT64, BIG, true), "taken once");
    }

    @Test
    void anArrayTakenForOverwriteKeepsItsOldContents() {
        BufferPool pool = new BufferPool(1L << 30);
        double[] used = giveUsedArray(pool);
        assertSame(used, pool.take(DType.FLOAT64, BIG, false));
        assertEquals(7.5, used[BIG - 1]);
    }

    @Test
    void theBackendHandsOutAReleasedBufferForOverwriteWithoutZeroingIt() {
        CpuBackend backend = new CpuBackend(new CpuThreads(1));
        Buffer first = filledWithThrees(backend);
        double[] array = CpuBuffer.of(first).doubles();
        backend.release(first);
        Buffer second = backend.allocateForOverwrite(DType.FLOAT64, BIG);
        assertSame(array, CpuBuffer.of(second).doubles());
        assertEquals(3.0, array[0]);
        assertEquals(BIG, second.length());
        backend.close();
    }

    @Test
    void smallArraysAreLeftToTheJvm() {
        BufferPool pool = new BufferPool(1L << 30);
        pool.give(DType.FLOAT32, 100, new float[100]);
        assertEquals(0, pool.bytes());
        assertNull(pool.take(DType.FLOAT32, 100, true));
    }

    @Test
    void goingOverCapacityEmptiesThePoolFirst() {
        long one = (long) BIG * Double.BYTES;
        BufferPool pool = new BufferPool(2 * one);
        pool.give(DType.FLOAT64, BIG, new double[BIG]);
        pool.give(DType.FLOAT64, BIG, new double[BIG]);
        assertEquals(2 * one, pool.bytes());
        double[] third = new double[BIG];
        pool.give(DType.FLOAT64, BIG, third);
        assertEquals(one, pool.bytes());
        assertSame(third, pool.take(DType.FLOAT64, BIG, true));
        assertNull(pool.take(DType.FLOAT64, BIG, true));
    }

    @Test
    void theBackendReusesAReleasedBufferAndReleasingTwiceIsHarmless() {
        CpuBackend backend = new CpuBackend(new CpuThreads(1));
        Buffer first = filledWithThrees(backend);
        double[] array = CpuBuffer.of(first).doubles();
        backend.release(first);
        backend.release(first);
        Buffer second = backend.allocate(DType.FLOAT64, BIG);
        Buffer third = backend.allocate(DType.FLOAT64, BIG);
        assertSame(array, CpuBuffer.of(second).doubles());
        assertNotSame(array, CpuBuffer.of(third).doubles(), "released twice, but given back once");
        assertArrayEquals(new double[BIG], CpuBuffer.of(second).doubles());
        assertThrows(IllegalStateException.class, () -> CpuBuffer.of(first).doubles(), "the old buffer stays released");
        backend.close();
    }

    /** A FLOAT64 array of 7.5s, given to the pool as a released buffer's. */
    private static double[] giveUsedArray(BufferPool pool) {
        double[] used = new double[BIG];
        Arrays.fill(used, 7.5);
        pool.give(DType.FLOAT64, BIG, used);
        return used;
    }

    /** A pooled-size FLOAT64 buffer of the backend, filled with 3.0. */
    private static Buffer filledWithThrees(CpuBackend backend) {
        Buffer b = backend.allocate(DType.FLOAT64, BIG);
        backend.fill(View.contiguous(b, Shape.of(BIG)), 3.0);
        return b;
    }
}
