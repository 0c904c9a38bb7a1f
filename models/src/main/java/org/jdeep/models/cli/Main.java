package org.jdeep.models.cli;

import java.io.PrintStream;
import java.util.List;
import org.jdeep.BackendInfo;
import org.jdeep.BackendUnavailableException;
import org.jdeep.Backends;
import org.jdeep.MemoryScope;
import org.jdeep.Tensor;
import org.jdeep.random.RandomState;

/**
 * The {@code jdeep} command line. {@code backends} lists every backend found, whether it can run here and
 * why; {@code demo} runs a few tensor operations on the selected backend ({@code -Djdeep.backend=NAME}).
 */
public final class Main {
    private Main() {
    }

    /** Runs one command and exits with its status. */
    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    /** Runs one command, printing to {@code out} and {@code err}; returns the exit status. */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        String command = args.length == 0 ? "help" : args[0];
        try {
            switch (command) {
                case "backends":
                    return backends(out);
                case "demo":
                    return demo(out);
                case "help":
                case "--help":
                case "-h":
                    usage(out);
                    return 0;
                default:
                    err.println("jdeep: unknown command '" + command + "'");
                    usage(err);
                    return 2;
            }
        } catch (BackendUnavailableException e) {
            err.println("jdeep: " + e.getMessage());
            return 1;
        }
    }

    private static void usage(PrintStream out) {
        out.println("usage: jdeep <command>");
        out.println("  backends   list the backends found, whether each can run here, and why");
        out.println("  demo       run a few tensor operations on the selected backend");
        out.println("Select a backend with -Djdeep.backend=NAME or JDEEP_BACKEND=NAME (default: cpu).");
    }

    private static int backends(PrintStream out) {
        List<BackendInfo> all = Backends.list();
        if (all.isEmpty()) {
            out.println("no backend found: put a backend jar such as jdeep-backend-cpu on the class or module path");
            return 1;
        }
        out.println("selected: " + Backends.requestedName());
        for (BackendInfo b : all) {
            out.println(b);
        }
        return 0;
    }

    private static int demo(PrintStream out) {
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
