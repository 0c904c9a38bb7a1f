package org.jdeep.benchmarks;

import java.util.Random;
import java.util.ServiceLoader;
import java.util.concurrent.TimeUnit;
import org.jdeep.spi.Backend;
import org.jdeep.spi.BackendProvider;
import org.jdeep.spi.Buffer;
import org.jdeep.spi.View;
import org.jdeep.types.DType;
import org.jdeep.types.Shape;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * {@code Backend.matmul} of the CPU backend through the public SPI, for square sizes and the course's
 * {@code (20 x 12288) . (12288 x 209)} product. The score is matrix products per second; GFLOP/s is
 * {@code score * 2*m*k*n / 1e9} ({@code tools/bench_numpy_matmul.py --jmh results.csv} does the sum and sets
 * numpy's figures beside it).
 *
 * <p>{@code threads} sets {@code jdeep.cpu.threads} before the backend opens; each parameter combination runs
 * in its own forked JVM, so the worker pool has exactly that many threads.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-modules=jdk.incubator.vector", "-Xmx2g"})
public class MatmulBenchmark {

    /** {@code m x k x n}: {@code (m x k) . (k x n)}. */
    @Param({"128x128x128", "256x256x256", "512x512x512", "1024x1024x1024", "20x12288x209"})
    public String shape;

    @Param({"FLOAT32", "FLOAT64"})
    public DType dtype;

    /** Worker threads of the CPU backend ({@code jdeep.cpu.threads}). */
    @Param({"1", "2"})
    public int threads;

    private Backend backend;
    private View a;
    private View b;
    private View out;

    @Setup(Level.Trial)
    public void setUp() {
        System.setProperty("jdeep.cpu.threads", Integer.toString(threads));
        backend = open("cpu");
        String[] d = shape.split("x");
        int m = Integer.parseInt(d[0]);
        int k = Integer.parseInt(d[1]);
        int n = Integer.parseInt(d[2]);
        a = random(backend, dtype, Shape.of(1, m, k), 1);
        b = random(backend, dtype, Shape.of(1, k, n), 2);
        out = View.contiguous(backend.allocate(dtype, m * n), Shape.of(1, m, n));
    }

    @Benchmark
    public View matmul() {
        backend.matmul(a, false, b, false, out);
        return out;
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        backend.close();
    }

    /** The named backend from {@link ServiceLoader}, as jdeep's API finds it. */
    static Backend open(String name) {
        for (BackendProvider p : ServiceLoader.load(BackendProvider.class)) {
            if (p.name().equals(name)) {
                return p.open();
            }
        }
        throw new IllegalStateException("no BackendProvider named '" + name + "' on the class path");
    }

    /** A contiguous view of uniform [-1, 1) values (numbers are irrelevant to speed; NaN-free is enough). */
    static View random(Backend backend, DType dtype, Shape shape, long seed) {
        Buffer buf = backend.allocate(dtype, shape.size());
        Random r = new Random(seed);
        if (dtype == DType.FLOAT32) {
            float[] x = new float[shape.size()];
            for (int i = 0; i < x.length; i++) {
                x[i] = r.nextFloat() * 2 - 1;
            }
            backend.upload(x, buf);
        } else {
            double[] x = new double[shape.size()];
            for (int i = 0; i < x.length; i++) {
                x[i] = r.nextDouble() * 2 - 1;
            }
            backend.upload(x, buf);
        }
        return View.contiguous(buf, shape);
    }
}
