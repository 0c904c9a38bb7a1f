package org.jdeep.backend.cpu;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

class CpuThreadsTest {
    private static final CpuThreads THREE = new CpuThreads(3);

    @AfterAll
    static void shutdown() {
        THREE.shutdown();
    }

    @Test
    void everyIndexIsVisitedExactlyOnce() {
        AtomicIntegerArray visits = new AtomicIntegerArray(1000);
        THREE.parallelFor(1000, 10, (from, to) -> {
            for (int i = from; i < to; i++) {
                visits.incrementAndGet(i);
            }
        });
        int[] got = new int[1000];
        for (int i = 0; i < got.length; i++) {
            got[i] = visits.get(i);
        }
        int[] once = new int[1000];
        java.util.Arrays.fill(once, 1);
        assertArrayEquals(once, got);
    }

    @Test
    void theCallerRunsTheFirstChunk() {
        Thread caller = Thread.currentThread();
        AtomicInteger firstChunkOnCaller = new AtomicInteger();
        THREE.parallelFor(300, 1, (from, to) -> {
            if (from == 0 && Thread.currentThread() == caller) {
                firstChunkOnCaller.incrementAndGet();
            }
        });
        assertEquals(1, firstChunkOnCaller.get());
    }

    @Test
    void belowTheGrainEverythingRunsOnTheCaller() {
        Thread caller = Thread.currentThread();
        AtomicInteger elsewhere = new AtomicInteger();
        THREE.parallelFor(50, 100, (from, to) -> {
            if (Thread.currentThread() != caller) {
                elsewhere.incrementAndGet();
            }
        });
        assertEquals(0, elsewhere.get());
    }

    @Test
    void aNestedLoopRunsInlineOnTheWorkerThatCallsIt() {
        AtomicIntegerArray visits = new AtomicIntegerArray(300);
        THREE.parallelFor(3, 1, (from, to) -> {
            Thread outer = Thread.currentThread();
            THREE.parallelFor(100, 1, (f, t) -> {
                for (int i = f; i < t; i++) {
                    visits.incrementAndGet(from * 100 + i);
                    if (Thread.currentThread() != outer) {
                        visits.addAndGet(from * 100 + i, 1000);
                    }
                }
            });
        });
        for (int i = 0; i < 300; i++) {
            assertEquals(1, visits.get(i), "index " + i);
        }
    }

    @Test
    void twoCallersAtOnceBothFinishEveryIndex() throws Exception {
        AtomicIntegerArray a = new AtomicIntegerArray(100_000);
        AtomicIntegerArray b = new AtomicIntegerArray(100_000);
        Thread other = new Thread(() -> {
            for (int r = 0; r < 50; r++) {
                THREE.parallelFor(100_000, 1000, (from, to) -> {
                    for (int i = from; i < to; i++) {
                        b.incrementAndGet(i);
                    }
                });
            }
        });
        other.start();
        for (int r = 0; r < 50; r++) {
            THREE.parallelFor(100_000, 1000, (from, to) -> {
                for (int i = from; i < to; i++) {
                    a.incrementAndGet(i);
                }
            });
        }
        other.join();
        for (int i = 0; i < 100_000; i += 997) {
            assertEquals(50, a.get(i));
            assertEquals(50, b.get(i));
        }
    }

    @Test
    void aFailingWorkerChunkIsRethrownAfterEveryChunkHasFinished() {
        AtomicInteger finished = new AtomicInteger();
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> THREE.parallelFor(3, 1,
                (from, to) -> {
                    if (from == 2) {
                        throw new IllegalStateException("chunk 2 failed");
                    }
                    sleep(50);
                    finished.incrementAndGet();
                }));
        assertTrue(e.getMessage().contains("chunk 2 failed"), e.getMessage());
        assertEquals(2, finished.get());
    }

    @Test
    void aFailingCallerChunkStillWaitsForTheWorkers() {
        AtomicInteger finished = new AtomicInteger();
        assertThrows(ArithmeticException.class, () -> THREE.parallelFor(3, 1, (from, to) -> {
            if (from == 0) {
                throw new ArithmeticException("caller's chunk failed");
            }
            sleep(50);
            finished.incrementAndGet();
        }));
        assertEquals(2, finished.get());
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
