package org.jdeep.benchmarks;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.concurrent.TimeUnit;
import org.jdeep.Tensor;
import org.jdeep.data.Dataset;
import org.jdeep.models.c1w4.DeepNet;
import org.jdeep.models.course.CourseData;
import org.jdeep.models.course.Settings;
import org.jdeep.models.course.Training;
import org.jdeep.nn.Module;
import org.jdeep.random.RandomState;
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
 * The course's L-layer network {@code [12288, 20, 7, 5, 1]} (Course 1, week 4, {@code L_layer_model}) trained for
 * 2,500 iterations of batch gradient descent on 209 synthetic images, as {@code jdeep train deep} runs it
 * ({@link DeepNet}, {@link Training}), FLOAT64 on the selected backend (default cpu). Its numpy twin is
 * {@code tools/bench_numpy_deepnet.py}: the same data ({@code RandomState(0).random_sample((209, 12288))}, labels
 * "first half of the pixels brighter than the second"), the same initial weights (seed 1), the same loop, so both
 * print the same first and last costs. Figures in docs/performance.md.
 *
 * <p>Run: {@code java -jar benchmarks/target/benchmarks.jar DeepNetBenchmark} (JMH, one shot per measurement), or
 * {@code java --add-modules jdk.incubator.vector -cp benchmarks/target/benchmarks.jar
 * org.jdeep.benchmarks.DeepNetBenchmark [iterations] [repeats]} for plain wall-clock runs with the costs printed.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 1)
@Measurement(iterations = 3)
@Fork(value = 1, jvmArgsAppend = {"--add-modules=jdk.incubator.vector", "-Xmx4g"})
public class DeepNetBenchmark {
    /** The course's number of training examples. */
    public static final int M = 209;
    /** 64 x 64 x 3 pixels. */
    public static final int FEATURES = 12288;

    @Param({"2500"})
    public int iterations;

    private CourseData data;

    /** The benchmark's data, the numpy script's: uniform pixels from seed 0 and a fixed labelling rule. */
    public static CourseData data() {
        Tensor x = new RandomState(0).rand(M, FEATURES);     // np.random.RandomState(0).random_sample((209, 12288))
        double[] v = x.toDoubleArray();
        double[] y = new double[M];
        for (int i = 0; i < M; i++) {
            double first = 0;
            double second = 0;
            for (int j = 0; j < FEATURES / 2; j++) {
                first += v[i * FEATURES + j];
                second += v[i * FEATURES + FEATURES / 2 + j];
            }
            y[i] = first > second ? 1 : 0;
        }
        return new CourseData(Dataset.of(x, Tensor.of(y, M, 1)), null, null, "benchmark: uniform pixels, seed 0");
    }

    /** One training run of {@code iterations} iterations; the cost lines go to {@code log}. */
    public static Training.Result train(CourseData data, int iterations, PrintWriter log) {
        DeepNet model = new DeepNet();
        Settings s = model.defaults().withEpochs(iterations).withPrintEvery(100);
        try (Module network = model.build(s, FEATURES)) {
            return Training.train(model, network, s, data, log);
        }
    }

    @Setup(Level.Trial)
    public void setUp() {
        data = data();
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        data.close();
    }

    @Benchmark
    public double lLayerModel() {
        return train(data, iterations, new PrintWriter(new StringWriter())).finalCost();
    }

    /** Plain wall-clock runs: {@code [iterations (2500)] [repeats (3)]}; prints each run's time and costs. */
    public static void main(String[] args) {
        int iterations = args.length > 0 ? Integer.parseInt(args[0]) : 2500;
        int repeats = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        System.out.println("jdeep DeepNetBenchmark: [12288, 20, 7, 5, 1], " + M + " examples, " + iterations
                + " iterations, backend " + org.jdeep.Backends.selected().detail());
        double best = Double.POSITIVE_INFINITY;
        try (CourseData d = data()) {
            for (int r = 1; r <= repeats; r++) {
                Training.Result result = train(d, iterations, new PrintWriter(new StringWriter()));
                double[] c = result.costs();
                best = Math.min(best, result.seconds());
                System.out.printf("run %d: %.2f s (first cost %.6f, last %.6f)%n", r, result.seconds(), c[0],
                        c[c.length - 1]);
            }
        }
        System.out.printf("best: %.2f s for %d iterations, %.2f ms per iteration%n", best, iterations,
                1000 * best / iterations);
        System.exit(0);
    }
}
