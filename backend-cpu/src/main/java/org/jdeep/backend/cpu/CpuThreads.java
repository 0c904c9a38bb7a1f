package org.jdeep.backend.cpu;

import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The CPU backend's worker threads: {@code jdeep.cpu.threads} (default: available processors), the calling
 * thread and {@code threads - 1} workers of its own. Work below a grain size stays on the calling thread, so
 * small ops pay nothing. An idle worker polls for its next chunk for {@link #SPIN_NANOS} before it parks, as
 * OpenMP runtimes and OpenBLAS do: a training step alternates big parallel kernels with short serial stretches,
 * and waking a parked thread costs 17-70 µs on a small VM (measured with a one-worker ForkJoinPool), more than
 * many of the kernels between which it would happen.
 */
final class CpuThreads {

    /** A body that processes the half-open range {@code [from, to)}. */
    @FunctionalInterface
    interface RangeBody {
        void run(int from, int to);
    }

    /** How long an idle worker, and a caller waiting for workers, polls before parking. */
    static final long SPIN_NANOS = 200_000;

    private final int threads;
    private final Worker[] workers;
    /** One parallel loop at a time; a second caller meanwhile runs its loop on its own thread. */
    private final ReentrantLock busy = new ReentrantLock();

    CpuThreads(int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("jdeep.cpu.threads must be >= 1, got " + threads);
        }
        this.threads = threads;
        this.workers = new Worker[threads - 1];
        for (int i = 0; i < workers.length; i++) {
            workers[i] = new Worker("jdeep-cpu-" + (i + 1));
            workers[i].start();
        }
    }

    /** Reads {@code jdeep.cpu.threads}, defaulting to the available processors. */
    static CpuThreads fromSystemProperty() {
        return new CpuThreads(configuredThreads());
    }

    /**
     * The thread count {@code jdeep.cpu.threads} asks for (default: the available processors), without
     * starting any thread.
     *
     * @throws IllegalArgumentException when the property is not a positive integer
     */
    static int configuredThreads() {
        String p = System.getProperty("jdeep.cpu.threads");
        if (p == null || p.isBlank()) {
            return Runtime.getRuntime().availableProcessors();
        }
        int n;
        try {
            n = Integer.parseInt(p.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("jdeep.cpu.threads must be a positive integer, got '" + p + "'", e);
        }
        if (n < 1) {
            throw new IllegalArgumentException("jdeep.cpu.threads must be >= 1, got " + n);
        }
        return n;
    }

    int threads() {
        return threads;
    }

    /**
     * Runs {@code body} over {@code [0, n)} split into at most {@code threads} chunks of at least
     * {@code grain} items; runs inline when there is only one chunk, when nested in a loop (called from a chunk),
     * or while another thread's loop has the workers. The calling thread runs the first chunk itself.
     * The first failure of any chunk is rethrown once every chunk has finished.
     */
    void parallelFor(int n, int grain, RangeBody body) {
        int chunks = (int) Math.min(threads, Math.max(1, n / (long) Math.max(grain, 1)));
        // Inline too when this thread already runs a loop (its first chunk is nesting one): the workers are busy.
        if (chunks <= 1 || Thread.currentThread() instanceof Worker || busy.isHeldByCurrentThread()
                || !busy.tryLock()) {
            body.run(0, n);
            return;
        }
        try {
            Job[] jobs = new Job[chunks];
            for (int c = 1; c < chunks; c++) {
                jobs[c] = new Job(body, (int) ((long) n * c / chunks), (int) ((long) n * (c + 1) / chunks));
                workers[c - 1].give(jobs[c]);
            }
            Throwable failure = null;
            try {
                body.run(0, (int) ((long) n / chunks));
            } catch (RuntimeException | Error e) {
                failure = e;
            }
            // Wait for every chunk even after a failure: none may still be writing when the caller moves on.
            for (int c = 1; c < chunks; c++) {
                jobs[c].await();
                if (jobs[c].failure != null) {
                    if (failure == null) {
                        failure = jobs[c].failure;
                    } else {
                        failure.addSuppressed(jobs[c].failure);
                    }
                }
            }
            if (failure instanceof RuntimeException r) {
                throw r;
            }
            if (failure instanceof Error e) {
                throw e;
            }
            if (failure != null) {
                throw new IllegalStateException("cpu: a parallel chunk failed", failure);
            }
        } finally {
            busy.unlock();
        }
    }

    /** Stops the workers (they finish the chunk they are on). */
    void shutdown() {
        for (Worker w : workers) {
            w.stopped = true;
            LockSupport.unpark(w);
        }
    }

    /** One chunk handed to a worker; {@code done} publishes the chunk's writes to the waiting caller. */
    private static final class Job {
        final RangeBody body;
        final int from;
        final int to;
        Throwable failure;
        volatile boolean done;

        Job(RangeBody body, int from, int to) {
            this.body = body;
            this.from = from;
            this.to = to;
        }

        void await() {
            long start = System.nanoTime();
            while (!done) {
                if (System.nanoTime() - start < SPIN_NANOS) {
                    Thread.onSpinWait();
                } else {
                    LockSupport.parkNanos(this, 20_000);
                }
            }
        }
    }

    private static final class Worker extends Thread {
        private volatile Job job;
        volatile boolean stopped;

        Worker(String name) {
            super(name);
            setDaemon(true);
        }

        void give(Job j) {
            job = j;
            LockSupport.unpark(this);
        }

        @Override
        public void run() {
            long idleSince = System.nanoTime();
            while (!stopped) {
                Job j = job;
                if (j != null) {
                    try {
                        j.body.run(j.from, j.to);
                    } catch (Throwable t) {
                        j.failure = t;
                    }
                    job = null;
                    j.done = true;
                    idleSince = System.nanoTime();
                } else if (System.nanoTime() - idleSince < SPIN_NANOS) {
                    Thread.onSpinWait();
                } else {
                    LockSupport.park(this);
                }
            }
        }
    }
}
