package org.jdeep.models.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import org.jdeep.BackendInfo;
import org.jdeep.Backends;
import org.jdeep.models.Catalog;
import org.jdeep.models.course.CourseData;
import org.jdeep.models.course.CourseModel;
import org.jdeep.models.course.ModelStore;
import org.jdeep.models.course.Plots;
import org.jdeep.models.course.Settings;
import org.jdeep.models.course.Training;
import org.jdeep.nn.Module;
import org.jdeep.optim.LearningRateSchedule;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code jdeep train MODEL}: trains a course model with the course's hyperparameters (or the ones given), printing
 * the cost as the notebook does, then reports the train/dev/test metrics and writes the run directory: the model
 * ({@code model.safetensors}), its run record ({@code run.json}) and the plots ({@code cost.png}, and
 * {@code decision-boundary.png} for 2-D data).
 */
@Command(name = "train", sortOptions = false,
        description = "Train a model (see jdeep list), report its metrics and save it with its run record and plots.")
final class TrainCommand implements Callable<Integer> {
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "MODEL", description = "the model's name, as jdeep list shows it")
    private String modelName;

    @Option(names = "--backend", paramLabel = "NAME", description = "the backend to train on (default: cpu, or -Djdeep.backend)")
    private String backend;

    @Option(names = "--epochs", paramLabel = "N", description = "iterations (full batch) or epochs (mini-batches)")
    private Integer epochs;

    @Option(names = "--batch-size", paramLabel = "B", description = "mini-batch size, or 'all' for batch gradient descent")
    private String batchSize;

    @Option(names = "--lr", paramLabel = "X",
            description = "learning rate; with a learning-rate decay option, the initial rate it decays from")
    private Double learningRate;

    @Option(names = "--seed", paramLabel = "S", description = "seed of the initial parameters (and of the shuffling)")
    private Long seed;

    @Option(names = "--print-every", paramLabel = "N", description = "print the cost every N iterations or epochs")
    private Integer printEvery;

    @Option(names = "--data", paramLabel = "PATH", description = "real data to train on instead of the generated data")
    private Path data;

    @Option(names = "--out", paramLabel = "DIR", description = "where to save the run (default: runs/MODEL-TIMESTAMP)")
    private Path out;

    @Option(names = {"-o", "--option"}, paramLabel = "KEY=VALUE",
            description = "a model option, e.g. hidden=5 or dataset=moons (see jdeep list)")
    private Map<String, String> options = new LinkedHashMap<>();

    @Option(names = "--no-plots", description = "do not draw the PNG plots")
    private boolean noPlots;

    @Override
    @SuppressWarnings("try") // scopes are closed by try-with-resources, never read
    public Integer call() throws IOException {
        CourseModel model = Catalog.find(modelName).orElseThrow(() -> new CommandLine.ParameterException(
                spec.commandLine(), "unknown model '" + modelName + "'; the models are " + Catalog.names()));
        Settings settings = settings(model.defaults());
        Path dir = out != null ? out : Path.of("runs", model.name() + "-" + LocalDateTime.now().format(STAMP));
        PrintWriter w = spec.commandLine().getOut();
        try (Backends.Scope scope = Report.backend(backend)) {
            BackendInfo b = Backends.selected();
            w.println("jdeep train " + model.name() + " on " + b.name() + " (" + b.detail() + ")");
            try (CourseData d = model.data(settings, data); Module network = model.build(settings, d.features())) {
                w.println("data: " + d.source() + "; " + ModelStore.sizes(d) + " examples, " + d.features()
                        + " features");
                w.println("network: " + network.toString().replace("\n", "\n  ") + ", " + network.parameterCount()
                        + " parameters");
                w.println("settings: " + ListCommand.defaults(settings)
                        + (settings.options().isEmpty() ? "" : " " + settings.options()));
                LearningRateSchedule schedule = model.schedule(settings);
                if (Training.decays(schedule)) {
                    w.println("learning rate: " + Training.describe(schedule, settings.learningRate(),
                            settings.fullBatch(d.train().size())));
                }
                w.flush();
                Training.Result result = Training.train(model, network, settings, d, w);
                w.printf("trained in %.1f s%n", result.seconds());
                Map<String, Map<String, Double>> metrics = Training.evaluateAll(model, network, d);
                Report.metrics(w, metrics);
                Map<String, Object> files = new LinkedHashMap<>();
                files.put("model", ModelStore.MODEL_FILE);
                files.put("record", ModelStore.RECORD_FILE);
                if (!noPlots) {
                    plots(model, settings, network, d, result, dir, files);
                }
                ModelStore.save(dir, model, settings, d, network, result, metrics, Map.of("files", files));
                w.println("saved " + dir.resolve(ModelStore.MODEL_FILE) + " and " + ModelStore.RECORD_FILE
                        + (files.size() > 2 ? ", plots " + String.join(", ", files.values().stream().skip(2)
                                .map(String::valueOf).toList()) : ""));
            }
        }
        return 0;
    }

    private void plots(CourseModel model, Settings settings, Module network, CourseData d, Training.Result result, Path dir,
            Map<String, Object> files) {
        try {
            Plots.costCurve(dir.resolve("cost.png"), model.name() + ": cost (learning rate "
                    + settings.learningRate() + ")", result.costs(), result.perIteration());
            files.put("cost_plot", "cost.png");
            if (d.isPlanar()) {
                Plots.decisionBoundary(dir.resolve("decision-boundary.png"), model.name() + ": decision boundary "
                        + "(training set)", network, model.task(), d.train(), model.classNames());
                files.put("decision_boundary", "decision-boundary.png");
            }
        } catch (IOException | RuntimeException | LinkageError e) {
            spec.commandLine().getErr().println("jdeep: the plots were not drawn: " + e);
        }
    }

    private Settings settings(Settings defaults) {
        Settings s = defaults.withOptions(options);
        if (epochs != null) {
            s = s.withEpochs(epochs);
        }
        if (batchSize != null) {
            s = s.withBatchSize(batchSize.equalsIgnoreCase("all") ? 0 : parseInt("--batch-size", batchSize));
        }
        if (learningRate != null) {
            s = s.withLearningRate(learningRate);
        }
        if (seed != null) {
            s = s.withSeed(seed);
        }
        if (printEvery != null) {
            s = s.withPrintEvery(printEvery);
        }
        return s;
    }

    private int parseInt(String option, String value) {
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), option + " " + value
                    + ": expected a number or 'all'");
        }
    }
}
