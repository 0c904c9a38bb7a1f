package org.jdeep.benchmarks;

import java.util.concurrent.TimeUnit;
import org.jdeep.spi.Backend;
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
 * FLOAT32 {@code Backend.matmul} of square n x n matrices on the {@code opencl} backend (its tiled
 * local-memory kernel, on whatever OpenCL device it picks: PoCL on a CPU-only machine) beside {@code cpu}.
 * Operands stay on the device; a launch returns when the kernel has finished, so the score (products per
 * second) is device time plus launch overhead. GFLOP/s is {@code score * 2n^3 / 1e9}.
 *
 * <p>Run: {@code java -jar benchmarks/target/benchmarks.jar OpenClMatmulBenchmark}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 3)
@Fork(value = 1, jvmArgsAppend = {"--add-modules=jdk.incubator.vector", "-Xmx2g"})
public class OpenClMatmulBenchmark {

    @Param({"256", "512", "1024"})
    public int n;

    @Param({"opencl", "cpu"})
    public String backendName;

    private Backend backend;
    private View a;
    private View b;
    private View out;

    @Setup(Level.Trial)
    public void setUp() {
        backend = MatmulBenchmark.open(backendName);
        a = MatmulBenchmark.random(backend, DType.FLOAT32, Shape.of(1, n, n), 1);
        b = MatmulBenchmark.random(backend, DType.FLOAT32, Shape.of(1, n, n), 2);
        out = View.contiguous(backend.allocate(DType.FLOAT32, n * n), Shape.of(1, n, n));
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
}
