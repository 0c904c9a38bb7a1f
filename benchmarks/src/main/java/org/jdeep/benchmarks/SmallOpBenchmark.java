package org.jdeep.benchmarks;

import java.util.concurrent.TimeUnit;
import org.jdeep.MemoryScope;
import org.jdeep.Tensor;
import org.jdeep.types.DType;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The fixed cost of one {@link Tensor} operation on a small tensor, the regime of the course's models (ND4J
 * pays 14-29 µs for a 10x10 add). Each call makes its result and closes it, as a training step's
 * {@link MemoryScope} would; {@code scopedAdd} measures the scope itself.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-modules=jdk.incubator.vector", "-Djdeep.cpu.threads=1"})
public class SmallOpBenchmark {
    private Tensor a;
    private Tensor b;

    /** Two 10x10 FLOAT32 tensors on the CPU backend. */
    @Setup
    public void setUp() {
        float[] v = new float[100];
        for (int i = 0; i < v.length; i++) {
            v[i] = i * 0.01f - 0.5f;
        }
        a = Tensor.of(v, 10, 10);
        b = Tensor.of(v, 10, 10).transpose();
    }

    /** {@code a + a}, contiguous. */
    @Benchmark
    public int add() {
        try (Tensor r = a.add(a)) {
            return r.rank();
        }
    }

    /** {@code a + b} with {@code b} a transposed view: the strided path. */
    @Benchmark
    public int addStrided() {
        try (Tensor r = a.add(b)) {
            return r.rank();
        }
    }

    /** {@code relu(a)}. */
    @Benchmark
    public int relu() {
        try (Tensor r = a.relu()) {
            return r.rank();
        }
    }

    /** {@code a + 1.0}: a scalar operand is a tensor too. */
    @Benchmark
    public int addScalar() {
        try (Tensor r = a.add(1.0)) {
            return r.rank();
        }
    }

    /** {@code sum(a, axis=1)}. */
    @Benchmark
    public int sumAxis() {
        try (Tensor r = a.sum(1, false)) {
            return r.rank();
        }
    }

    /** {@code a @ a}. */
    @Benchmark
    public int matmul() {
        try (Tensor r = a.matmul(a)) {
            return r.rank();
        }
    }

    /** {@code a + a} inside its own {@link MemoryScope}. */
    @Benchmark
    public int scopedAdd() {
        try (MemoryScope s = MemoryScope.open()) {
            return a.add(a).rank();
        }
    }

    /** {@code a.transpose()}: a view, no data moved. */
    @Benchmark
    public int transpose() {
        try (Tensor t = a.transpose()) {
            return t.rank();
        }
    }

    /** {@code a.to(FLOAT64)}: a dtype conversion. */
    @Benchmark
    public int toFloat64() {
        try (Tensor x = a.to(DType.FLOAT64)) {
            return x.rank();
        }
    }
}
