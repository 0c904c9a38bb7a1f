package org.jdeep.backend.cpu;

import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import org.jdeep.types.DType;

/**
 * The arrays of released buffers, kept for the next buffer of the same dtype and length. A training loop
 * allocates the same temporaries on every step; a fresh Java array for each is new memory every time (the JVM
 * zeroes it in a different part of the young generation, which pushes the step's working set, such as a
 * 20 MB input matrix, out of the caches), where a reused array is still cache-resident. Only arrays of at least
 * {@link #MIN_BYTES} are kept (the JVM's thread-local allocation is cheaper below that), and at most
 * {@code capacity} bytes in all: when one more would exceed it, the pool is emptied first, so a program that
 * moves on to other shapes does not keep the old ones alive for long. Thread-safe (buffers are released from
 * Cleaner threads too).
 */
final class BufferPool {
    /** Smaller arrays are left to the JVM. */
    static final long MIN_BYTES = 64L << 10;

    private record Key(DType dtype, int length) {
    }

    private final long capacity;
    private final Map<Key, ArrayDeque<Object>> free = new HashMap<>();
    private long bytes;

    BufferPool(long capacity) {
        this.capacity = capacity;
    }

    /** An eighth of the maximum heap, at most 1 GiB. */
    static long defaultCapacity() {
        return Math.min(Runtime.getRuntime().maxMemory() / 8, 1L << 30);
    }

    /**
     * An array of {@code length} elements of {@code dtype} from the pool, zero-filled when {@code zeroed} (else as
     * it was released), or null when the pool has none.
     */
    Object take(DType dtype, int length, boolean zeroed) {
        long size = (long) length * dtype.byteSize();
        if (size < MIN_BYTES) {
            return null;
        }
        Object array;
        synchronized (this) {
            ArrayDeque<Object> q = free.get(new Key(dtype, length));
            array = q == null ? null : q.pollLast();
            if (array == null) {
                return null;
            }
            bytes -= size;
        }
        if (!zeroed) {
            return array;
        }
        switch (dtype) {
            case FLOAT32 -> Arrays.fill((float[]) array, 0f);
            case FLOAT64 -> Arrays.fill((double[]) array, 0d);
            case INT32 -> Arrays.fill((int[]) array, 0);
        }
        return array;
    }

    /** Keeps the array of a released buffer (which nothing may use any more) for a later {@link #take}. */
    synchronized void give(DType dtype, int length, Object array) {
        long size = (long) length * dtype.byteSize();
        if (size < MIN_BYTES || size > capacity) {
            return;
        }
        if (bytes + size > capacity) {
            clear();
        }
        free.computeIfAbsent(new Key(dtype, length), k -> new ArrayDeque<>()).addLast(array);
        bytes += size;
    }

    /** Bytes held. */
    synchronized long bytes() {
        return bytes;
    }

    /** Drops every array (the collector reclaims them). */
    synchronized void clear() {
        free.clear();
        bytes = 0;
    }
}
