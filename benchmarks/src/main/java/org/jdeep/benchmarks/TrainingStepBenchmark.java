package org.jdeep.benchmarks;

import java.util.concurrent.TimeUnit;
import org.jdeep.Autograd;
import org.jdeep.Backends;
import org.jdeep.MemoryScope;
import org.jdeep.Tensor;
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
 * One full training step (forward, softmax cross-entropy, backward, gradient-descent update) of a small fully
 * connected network, 64 -> 128 -> 10 with ReLU on a batch of 256 FLOAT32 examples, on a chosen backend: what a
 * course model spends its time on, including every op's fixed cost and, on a device backend, its launches.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"--add-modules=jdk.incubator.vector"})
public class TrainingStepBenchmark {

    /** The backend to train on. */
    @Param({"cpu", "opencl"})
    public String backend;

    private Backends.Scope scope;
    private Tensor x;
    private Tensor labels;
    private Tensor w1;
    private Tensor b1;
    private Tensor w2;
    private Tensor b2;

    /** Builds the data and parameters on the backend. */
    @Setup(Level.Trial)
    public void setUp() {
        scope = Backends.using(backend);
        RandomState rng = new RandomState(1);
        x = rng.randn(256, 64).to(org.jdeep.types.DType.FLOAT32);
        labels = rng.randint(0, 10, 256);
        w1 = rng.randn(64, 128).mul(Math.sqrt(2.0 / 64)).to(org.jdeep.types.DType.FLOAT32).requiresGrad();
        b1 = Tensor.zeros(org.jdeep.types.DType.FLOAT32, 128).requiresGrad();
        w2 = rng.randn(128, 10).mul(Math.sqrt(2.0 / 128)).to(org.jdeep.types.DType.FLOAT32).requiresGrad();
        b2 = Tensor.zeros(org.jdeep.types.DType.FLOAT32, 10).requiresGrad();
    }

    /** Restores the default backend. */
    @TearDown(Level.Trial)
    public void tearDown() {
        scope.close();
    }

    /** One step; returns the loss so the work is not optimised away. */
    @Benchmark
    public double step() {
        try (MemoryScope s = MemoryScope.open()) {
            Tensor logits = x.matmul(w1).add(b1).relu().matmul(w2).add(b2);
            Tensor loss = logits.logSoftmax(1).mul(labels.oneHot(10)).sum().neg().div(256);
            loss.backward();
            try (Autograd.NoGrad off = Autograd.noGrad()) {
                for (Tensor p : new Tensor[] {w1, b1, w2, b2}) {
                    p.assign(p.sub(p.grad().mul(0.1)));
                    p.zeroGrad();
                }
            }
            return loss.item();
        }
    }
}
