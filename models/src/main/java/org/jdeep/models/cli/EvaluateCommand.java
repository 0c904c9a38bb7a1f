package org.jdeep.models.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import org.jdeep.Autograd;
import org.jdeep.BackendInfo;
import org.jdeep.Backends;
import org.jdeep.MemoryScope;
import org.jdeep.Tensor;
import org.jdeep.data.Dataset;
import org.jdeep.models.Catalog;
import org.jdeep.models.course.CourseData;
import org.jdeep.models.course.ModelStore;
import org.jdeep.models.course.Training;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code jdeep evaluate --model DIR [--data PATH]}: loads a saved model and reports its metrics on each split of
 * its data (regenerated from the saved settings, or read from {@code --data}), with the confusion matrix of the
 * last split (Course 3, week 1, 1.3 Single number evaluation metric).
 */
@Command(name = "evaluate", sortOptions = false,
        description = "Load a saved model (the directory jdeep train wrote) and report its metrics.")
final class EvaluateCommand implements Callable<Integer> {
    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Option(names = "--model", paramLabel = "DIR", required = true, description = "the run directory jdeep train wrote")
    private Path model;

    @Option(names = "--data", paramLabel = "PATH", description = "data to evaluate on (default: the model's own data)")
    private Path data;

    @Option(names = "--backend", paramLabel = "NAME", description = "the backend to run on")
    private String backend;

    @Override
    @SuppressWarnings("try") // scopes are closed by try-with-resources, never read
    public Integer call() throws IOException {
        PrintWriter w = spec.commandLine().getOut();
        try (Backends.Scope scope = Report.backend(backend)) {
            BackendInfo b = Backends.selected();
            try (ModelStore.Loaded loaded = ModelStore.load(model, name -> Catalog.find(name).orElse(null));
                 CourseData d = loaded.model().data(loaded.settings(), data)) {
                w.println("jdeep evaluate " + loaded.model().name() + " from " + model + " on " + b.name());
                if (d.features() != loaded.features()) {
                    throw new IllegalArgumentException("the data have " + d.features() + " features but the model "
                            + "takes " + loaded.features());
                }
                String saved = loaded.metadata().get("data.fingerprint");
                String savedSource = loaded.metadata().getOrDefault("data.source", "");
                if (data == null && !savedSource.startsWith("synthetic")) {
                    w.println("note: the model was trained on " + savedSource + "; pass --data to evaluate on it");
                }
                w.println("data: " + d.source() + "; " + ModelStore.sizes(d) + " examples"
                        + (d.fingerprint().equals(saved) ? " (the data it was trained on)" : " (not the training run's data)"));
                Map<String, Map<String, Double>> metrics = Training.evaluateAll(loaded.model(), loaded.network(), d);
                Report.metrics(w, metrics);
                Map.Entry<String, Dataset> last = d.splits().entrySet().stream().reduce((p, q) -> q).orElseThrow();
                loaded.network().eval();
                try (Autograd.NoGrad off = Autograd.noGrad(); MemoryScope ms = MemoryScope.open()) {
                    Tensor scores = loaded.network().forward(last.getValue().x());
                    w.println("confusion matrix (" + last.getKey() + "; rows: true class, columns: predicted; classes "
                            + loaded.model().classNames() + "):");
                    w.println(loaded.model().task().confusion(scores, last.getValue().y()));
                }
            }
        }
        return 0;
    }
}
