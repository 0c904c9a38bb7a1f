package org.jdeep.models.cli;

import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import org.jdeep.BackendInfo;
import org.jdeep.Backends;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code jdeep backends}: every backend found, whether it can run here, and why. */
@Command(name = "backends", description = "List the backends found, whether each can run here, and why.")
final class BackendsCommand implements Callable<Integer> {
    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
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
}
