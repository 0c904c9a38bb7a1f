package org.jdeep.backend.cpu;

import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinTask;
import java.util.concurrent.RecursiveAction;

/**
 * The CPU backend's worker threads: {@code jdeep.cpu.threads} (default: available processors), the calling thread
 * and a {@link ForkJoinPool} of the rest. Work below a grain size stays on the calling thread, so small ops pay
 * nothing.
 */
final class CpuThreads {

    /** A body that processes the half-open range {@code [from, to)}. */
    @FunctionalInterface
    interface RangeBody {
        void run(int from, int to);
    }

    private final ForkJoinPool pool;
    private final int threads;

    CpuThreads(int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("jdeep.cpu.threads must be >= 1, got " + threads);
        }
        this.threads = threads;
        this.pool = threads == 1 ? null : new ForkJoinPool(threads - 1);
    }

    /** Reads {@code jdeep.cpu.threads}, defaulting to the available processors. */
    static CpuThreads fromSystemProperty() {
        return new CpuThreads(configuredThreads());
    }

    /**
     * The thread count {@code jdeep.cpu.threads} asks for (default: the available processors), without
     * starting a pool.
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
     * {@code grain} items; runs inline when there is only one chunk. The calling thread runs the first chunk
     * itself while the pool's {@code threads - 1} workers run the others: waking a parked worker takes tens of
     * microseconds on a small VM, and that now overlaps the caller's own share instead of preceding it.
     */
    void parallelFor(int n, int grain, RangeBody body) {
        int chunks = pool == null ? 1 : (int) Math.min(threads, Math.max(1, n / (long) Math.max(grain, 1)));
        if (chunks <= 1) {
            body.run(0, n);
            return;
        }
        Chunk[] tasks = new Chunk[chunks];
        for (int c = 0; c < chunks; c++) {
            tasks[c] = new Chunk(body, (int) ((long) n * c / chunks), (int) ((long) n * (c + 1) / chunks));
        }
        if (ForkJoinTask.getPool() == pool) {
            RecursiveAction.invokeAll(tasks);
            return;
        }
        for (int c = 1; c < chunks; c++) {
            pool.execute(tasks[c]);
        }
        Throwable failure = null;
        try {
            tasks[0].compute();
        } catch (RuntimeException | Error e) {
            failure = e;
        }
        // Wait for every chunk even after a failure: none may still be writing when the caller moves on.
        for (int c = 1; c < chunks; c++) {
            try {
                tasks[c].join();
            } catch (RuntimeException | Error e) {
                if (failure == null) {
                    failure = e;
                } else {
                    failure.addSuppressed(e);
                }
            }
        }
        if (failure instanceof RuntimeException r) {
            throw r;
        }
        if (failure != null) {
            throw (Error) failure;
        }
    }

    void shutdown() {
        if (pool != null) {
            pool.shutdown();
        }
    }

    @SuppressWarnings("serial") // never serialized; RecursiveAction just happens to be Serializable
    private static final class Chunk extends RecursiveAction {
        private final RangeBody body;
        private final int from;
        private final int to;

        Chunk(RangeBody body, int from, int to) {
            this.body = body;
            this.from = from;
            this.to = to;
        }

        @Override
        protected void compute() {
            body.run(from, to);
        }
    }
}
