package org.jdeep.models.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import org.jdeep.BackendInfo;
import org.jdeep.Backends;
import org.jdeep.MemoryScope;
import org.jdeep.Tensor;
import org.jdeep.random.RandomState;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code jdeep demo}: a few tensor operations on the selected backend, printed like numpy. */
@Command(name = "demo", description = "Run a few tensor operations on the selected backend.")
final class DemoCommand implements Callable<Integer> {
    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Override
    @SuppressWarnings("try") // scopes are closed by try-with-resources, never read
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        try (MemoryScope scope = MemoryScope.open()) {
            BackendInfo backend = Backends.selected();
            out.println("backend: " + backend.name() + " (" + backend.detail() + ")");
            RandomState rng = new RandomState(1);
            Tensor w = rng.randn(3, 2);
            Tensor x = Tensor.of(new double[] {1, 2, 3, 4, 5, 6}, 2, 3);
            out.println("x =\n" + x);
            out.println("W = np.random.seed(1); np.random.randn(3, 2) =\n" + w);
            Tensor z = x.matmul(w);
            out.println("x @ W =\n" + z);
            out.println("softmax(x @ W, axis=1) =\n" + z.softmax(1));
            out.println("sigmoid([-1000, 0, 1000]) = " + Tensor.of(new double[] {-1000, 0, 1000}, 3).sigmoid());
            out.println("sum(x, axis=0) = " + x.sum(0, false));
        }
        return 0;
    }
}
