package org.jdeep.backend.opencl;

import java.util.Map;
import java.util.TreeMap;

/**
 * First-fit allocation of element ranges in one dtype's arena, with coalescing of freed neighbours. Only
 * bookkeeping: the arena array itself belongs to the kernel program.
 */
final class Arena {
    /** Allocations are rounded up to this many elements (64 bytes for FLOAT32/INT32). */
    static final int ALIGN = 16;

    private final TreeMap<Integer, Integer> free = new TreeMap<>();
    private int capacity;

    int capacity() {
        return capacity;
    }

    /** Adds {@code [capacity, newCapacity)} to the free space. */
    void grow(int newCapacity) {
        if (newCapacity > capacity) {
            release(capacity, newCapacity - capacity);
            capacity = newCapacity;
        }
    }

    /** The offset of a free range of {@code n} (a multiple of ALIGN) elements, or -1 when none is large enough. */
    int allocate(int n) {
        for (Map.Entry<Integer, Integer> e : free.entrySet()) {
            if (e.getValue() >= n) {
                int at = e.getKey();
                int len = e.getValue();
                free.remove(at);
                if (len > n) {
                    free.put(at + n, len - n);
                }
                return at;
            }
        }
        return -1;
    }

    /** Returns {@code [at, at + n)} to the free space. */
    void release(int at, int n) {
        int start = at;
        int len = n;
        Map.Entry<Integer, Integer> before = free.floorEntry(at);
        if (before != null && before.getKey() + before.getValue() == at) {
            start = before.getKey();
            len += before.getValue();
            free.remove(before.getKey());
        }
        Integer after = free.get(at + n);
        if (after != null) {
            free.remove(at + n);
            len += after;
        }
        free.put(start, len);
    }

    /** Elements in use. */
    long used() {
        long f = 0;
        for (int v : free.values()) {
            f += v;
        }
        return capacity - f;
    }

    static int roundUp(int n) {
        return (int) Math.min(Integer.MAX_VALUE - ALIGN + 1L, ((long) n + ALIGN - 1) / ALIGN * ALIGN);
    }
}
