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
 * The two FLOAT64 products that take 9/10 of a training step of the course's L-layer network (see
 * {@link DeepNetBenchmark}), on the CPU backend through the SPI, with the operands laid out as
 * {@code CourseLinear} hands them over: the input {@code X} stored {@code (209, 12288)}, examples in rows.
 * <ul>
 *   <li>{@code forward}: {@code W1 . Xᵀ}, {@code (20 x 12288) . (12288 x 209)}, B read transposed;
 *   <li>{@code backward}: {@code dZ1ᵀ . X}, {@code (20 x 209) . (209 x 12288)}, A read transposed.
 * </ul>
 * Each is 2 x 20 x 209 x 12288 = 102.8 MFLOP. Run: {@code java -jar benchmarks/target/benchmarks.jar
 * DeepNetMatmulBenchmark}, or {@code java --add-modules jdk.incubator.vector -cp benchmarks/target/benchmarks.jar
 * org.jdeep.benchmarks.DeepNetMatmulBenchmark [calls]} for a quick wall-clock figure per product, alone and
 * alternating; numpy's figures: {@code tools/bench_numpy_deepnet_matmul.py}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-modules=jdk.incubator.vector", "-Xmx2g"})
public class DeepNetMatmulBenchmark {
    static final int M = 20;
    static final int EXAMPLES = 209;
    static final int FEATURES = 12288;

    /** Which of the two products: {@code forward} or {@code backward} (see the class comment). */
    @Param({"forward", "backward"})
    public String product;

    /** Worker threads of the CPU backend ({@code jdeep.cpu.threads}). */
    @Param({"1", "2"})
    public int threads;

    private Backend backend;
    private View a;
    private View b;
    private View out;
    private boolean transposeA;
    private boolean transposeB;

    @Setup(Level.Trial)
    public void setUp() {
        System.setProperty("jdeep.cpu.threads", Integer.toString(threads));
        backend = MatmulBenchmark.open("cpu");
        b = MatmulBenchmark.random(backend, DType.FLOAT64, Shape.of(1, EXAMPLES, FEATURES), 2);
        if (product.equals("forward")) {
            a = MatmulBenchmark.random(backend, DType.FLOAT64, Shape.of(1, M, FEATURES), 1);
            transposeB = true;
            out = View.contiguous(backend.allocate(DType.FLOAT64, M * EXAMPLES), Shape.of(1, M, EXAMPLES));
        } else if (product.equals("backward")) {
            a = MatmulBenchmark.random(backend, DType.FLOAT64, Shape.of(1, EXAMPLES, M), 1);
            transposeA = true;
            out = View.contiguous(backend.allocate(DType.FLOAT64, M * FEATURES), Shape.of(1, M, FEATURES));
        } else {
            throw new IllegalArgumentException("product: forward or backward, got " + product);
        }
    }

    @Benchmark
    public View matmul() {
        backend.matmul(a, transposeA, b, transposeB, out);
        return out;
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        backend.close();
    }


    /**
     * {@code [calls (500)]}: best of 5 rounds of {@code calls} calls per product, ms per call and GFLOP/s; then
     * the two alternating on one input, as a training step runs them (the input no longer stays in cache).
     */
    public static void main(String[] args) {
        int calls = args.length > 0 ? Integer.parseInt(args[0]) : 500;
        DeepNetMatmulBenchmark[] pair = new DeepNetMatmulBenchmark[2];
        for (String p : new String[] {"forward", "backward"}) {
            DeepNetMatmulBenchmark bench = new DeepNetMatmulBenchmark();
            bench.product = p;
            bench.threads = Integer.getInteger("jdeep.cpu.threads", Runtime.getRuntime().availableProcessors());
            bench.setUp();
            double best = Double.POSITIVE_INFINITY;
            for (int round = 0; round < 5; round++) {
                long t0 = System.nanoTime();
                for (int i = 0; i < calls; i++) {
                    bench.matmul();
                }
                best = Math.min(best, (System.nanoTime() - t0) / 1e6 / calls);
            }
            System.out.printf("%-8s %d thread(s): %.3f ms per product, %.1f GFLOP/s%n", p, bench.threads, best,
                    2.0 * M * EXAMPLES * FEATURES / best / 1e6);
            pair[p.equals("forward") ? 0 : 1] = bench;
        }
        pair[1].b = pair[0].b;
        double forward = 0;
        double backward = 0;
        for (int i = 0; i < 2 * calls; i++) {
            long t0 = System.nanoTime();
            pair[0].matmul();
            long t1 = System.nanoTime();
            pair[1].matmul();
            long t2 = System.nanoTime();
            if (i >= calls) {
                forward += (t1 - t0) / 1e6;
                backward += (t2 - t1) / 1e6;
            }
        }
        System.out.printf("alternating on one input: forward %.3f ms, backward %.3f ms (mean of the last %d pairs)%n",
                forward / calls, backward / calls, calls);
        pair[0].tearDown();
        pair[1].tearDown();
        System.exit(0);
    }
}
