package org.jdeep.backend.cuda;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.jdeep.spi.Backend;
import org.jdeep.spi.BinaryOp;
import org.jdeep.spi.Buffer;
import org.jdeep.spi.Probe;
import org.jdeep.spi.ReduceOp;
import org.jdeep.spi.View;
import org.jdeep.types.DType;

/**
 * The GPU check as a plain main, for GPU machines without Maven or a JDK ({@code tools/gpu_check.sh} runs it
 * from a jlinked runtime): probes, loads every PTX module (timing the driver's JIT), runs every
 * {@link PrimitiveChecks} check against the CPU backend and prints a table, then measures matmul GFLOP/s and
 * elementwise/reduction bandwidth. Ends with "N passed, M failed"; exits 0 when everything passed, 1 when a
 * check failed, 2 when there is no usable GPU.
 *
 * <pre>
 *   java --add-modules jdk.incubator.vector -cp ... org.jdeep.backend.cuda.CudaCheck [--no-bench] [--only PREFIX]
 * </pre>
 */
public final class CudaCheck {

    private CudaCheck() {
    }

    public static void main(String[] args) {
        boolean bench = true;
        boolean small = false;
        String only = null;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--no-bench" -> bench = false;
                case "--small-bench" -> small = true;
                case "--only" -> only = args[++i];
                default -> {
                    System.err.println("usage: CudaCheck [--no-bench] [--small-bench] [--only PREFIX]");
                    System.exit(64);
                }
            }
        }
        System.exit(run(bench, small, only));
    }

    static int run(boolean bench, boolean small, String only) {
        Probe probe = new CudaBackendProvider().probe();
        System.out.println("probe: " + probe.detail());
        if (!probe.available()) {
            System.out.println("cuda unavailable: nothing checked");
            return 2;
        }
        System.out.println("java: " + System.getProperty("java.vm.name") + " " + System.getProperty("java.version"));
        int failed = 0;
        int passed = 0;
        try (Backend cpu = Twin.openCpu(); Backend gpu = new CudaBackendProvider().open()) {
            System.out.println("cpu: " + cpu.device());
            long t0 = System.nanoTime();
            ((CudaBackend) gpu).loadAllKernels();
            System.out.printf(Locale.ROOT, "PTX: %d modules, %d kernels loaded and JIT-compiled in %.0f ms%n",
                    Kernels.MODULES.size(), Kernels.all().size(), (System.nanoTime() - t0) / 1e6);
            System.out.println();
            System.out.println("| check | cases | elements | max abs diff | max rel diff | ms | result |");
            System.out.println("|---|---:|---:|---:|---:|---:|---|");
            List<PrimitiveChecks.Result> failures = new ArrayList<>();
            long seed = 20_240_601;
            for (PrimitiveChecks.Check check : PrimitiveChecks.all()) {
                long s = seed++;
                if (only != null && !check.name().startsWith(only)) {
                    continue;
                }
                PrimitiveChecks.Result r = PrimitiveChecks.run(check, cpu, gpu, s);
                System.out.printf(Locale.ROOT, "| %s | %d | %d | %.3g | %.3g | %d | %s |%n", r.name(), r.cases(),
                        r.diff().compared(), r.diff().maxAbs(), r.diff().maxRel(), r.millis(),
                        r.passed() ? "pass" : "FAIL");
                if (r.passed()) {
                    passed++;
                } else {
                    failed++;
                    failures.add(r);
                }
            }
            for (PrimitiveChecks.Result r : failures) {
                System.out.println();
                System.out.println("FAILED " + r.name() + ": " + r.failure());
                if (r.error() != null) {
                    r.error().printStackTrace(System.out);
                }
            }
            if (bench) {
                System.out.println();
                bench(cpu, (CudaBackend) gpu, small);
            }
        } catch (RuntimeException | Error e) {
            System.out.println("the check itself failed: " + e);
            e.printStackTrace(System.out);
            failed++;
        }
        System.out.println();
        System.out.println(passed + " passed, " + failed + " failed");
        return failed == 0 ? 0 : 1;
    }

    // ----- benchmarks -----

    private static View matrix(Backend be, DType dt, int batch, int rows, int cols) {
        Buffer b = be.allocate(dt, batch * rows * cols);
        View v = new View(b, 0, new int[] {batch, rows, cols}, new int[] {rows * cols, cols, 1});
        be.fill(v, 0.5);
        return v;
    }

    /** Seconds per call: one warm-up, then repeats until half a second or {@code max} calls. */
    private static double time(Runnable op, Runnable sync, int max) {
        op.run();
        sync.run();
        int reps = 0;
        long t0 = System.nanoTime();
        long elapsed;
        do {
            op.run();
            reps++;
            sync.run();
            elapsed = System.nanoTime() - t0;
        } while (elapsed < 500_000_000L && reps < max);
        return elapsed / 1e9 / reps;
    }

    /** Matmul GFLOP/s and bandwidth; {@code small} shrinks every size (to exercise this code on an emulator). */
    static void bench(Backend cpu, CudaBackend gpu, boolean small) {
        System.out.println("| benchmark | size | backend | time | rate |");
        System.out.println("|---|---|---|---:|---:|");
        for (DType dt : new DType[] {DType.FLOAT32, DType.FLOAT64}) {
            int[] sizes = small ? new int[] {64, 100} : dt == DType.FLOAT32 ? new int[] {256, 512, 1024, 2048, 4096}
                    : new int[] {512, 1024, 2048};
            for (int n : sizes) {
                View a = matrix(gpu, dt, 1, n, n);
                View b = matrix(gpu, dt, 1, n, n);
                View o = matrix(gpu, dt, 1, n, n);
                double s = time(() -> gpu.matmul(a, false, b, false, o), gpu::synchronize, 50);
                System.out.printf(Locale.ROOT, "| matmul %s | %dx%dx%d | cuda | %.3f ms | %.1f GFLOP/s |%n", dt, n, n, n,
                        s * 1e3, 2.0 * n * n * n / s / 1e9);
                gpu.release(a.buffer());
                gpu.release(b.buffer());
                gpu.release(o.buffer());
            }
        }
        int n = small ? 64 : 1024;
        View a = matrix(cpu, DType.FLOAT32, 1, n, n);
        View b = matrix(cpu, DType.FLOAT32, 1, n, n);
        View o = matrix(cpu, DType.FLOAT32, 1, n, n);
        double s = time(() -> cpu.matmul(a, false, b, false, o), () -> { }, 20);
        System.out.printf(Locale.ROOT, "| matmul FLOAT32 | %dx%dx%d | cpu | %.3f ms | %.1f GFLOP/s |%n", n, n, n, s * 1e3,
                2.0 * n * n * n / s / 1e9);
        int len = small ? 1 << 16 : 1 << 26;
        String lenName = small ? "2^16" : "2^26";
        View x = vector(gpu, len);
        View y = vector(gpu, len);
        View z = vector(gpu, len);
        double add = time(() -> gpu.binary(BinaryOp.ADD, x, y, z), gpu::synchronize, 100);
        System.out.printf(Locale.ROOT, "| add FLOAT32 | %s | cuda | %.3f ms | %.1f GB/s |%n", lenName, add * 1e3,
                3.0 * 4 * len / add / 1e9);
        View x2 = new View(x.buffer(), 0, new int[] {1, len}, new int[] {len, 1});
        View out = new View(gpu.allocate(DType.FLOAT32, 1), 0, new int[] {1, 1}, new int[] {1, 1});
        double sum = time(() -> gpu.reduce(ReduceOp.SUM, x2, 1, out), gpu::synchronize, 100);
        System.out.printf(Locale.ROOT, "| sum FLOAT32 | %s | cuda | %.3f ms | %.1f GB/s |%n", lenName, sum * 1e3,
                4.0 * len / sum / 1e9);
        int r = len / 1024;
        View rows = new View(x.buffer(), 0, new int[] {r, 1024}, new int[] {1024, 1});
        View rowOut = new View(gpu.allocate(DType.FLOAT32, r), 0, new int[] {r, 1}, new int[] {1, 1});
        double rsum = time(() -> gpu.reduce(ReduceOp.SUM, rows, 1, rowOut), gpu::synchronize, 100);
        System.out.printf(Locale.ROOT, "| sum rows FLOAT32 | %dx1024 axis 1 | cuda | %.3f ms | %.1f GB/s |%n",
                r, rsum * 1e3, 4.0 * len / rsum / 1e9);
        View colOut = new View(gpu.allocate(DType.FLOAT32, 1024), 0, new int[] {1, 1024}, new int[] {1024, 1});
        double csum = time(() -> gpu.reduce(ReduceOp.SUM, rows, 0, colOut), gpu::synchronize, 100);
        System.out.printf(Locale.ROOT, "| sum columns FLOAT32 | %dx1024 axis 0 | cuda | %.3f ms | %.1f GB/s |%n",
                r, csum * 1e3, 4.0 * len / csum / 1e9);
    }

    private static View vector(Backend be, int len) {
        Buffer b = be.allocate(DType.FLOAT32, len);
        View v = new View(b, 0, new int[] {len}, new int[] {1});
        be.fill(v, 1.0);
        return v;
    }
}
