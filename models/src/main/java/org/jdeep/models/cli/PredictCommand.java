package org.jdeep.models.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.regex.Pattern;
import org.jdeep.Autograd;
import org.jdeep.Backends;
import org.jdeep.MemoryScope;
import org.jdeep.Tensor;
import org.jdeep.models.Catalog;
import org.jdeep.models.course.ImageFolderReader;
import org.jdeep.models.course.ModelStore;
import org.jdeep.models.course.Task;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code jdeep predict --model DIR --input ...}: a saved model's prediction for each input, which is either the
 * example's features separated by commas ({@code --input 1.5,-2}) or an image file for an image model
 * ({@code --input cat.png}, resized to the model's image size), as the course's "test with your own image".
 */
@Command(name = "predict", sortOptions = false,
        description = "Load a saved model and predict the class of each input.")
final class PredictCommand implements Callable<Integer> {
    private static final Pattern NUMBERS = Pattern.compile("\\s*[-+0-9.eE]+(\\s*,\\s*[-+0-9.eE]+)*\\s*");

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Option(names = "--model", paramLabel = "DIR", required = true, description = "the run directory jdeep train wrote")
    private Path model;

    @Option(names = "--input", paramLabel = "X", required = true, arity = "1..*",
            description = "an example: its features separated by commas (e.g. 1.5,-2), or an image file")
    private List<String> inputs;

    @Option(names = "--backend", paramLabel = "NAME", description = "the backend to run on")
    private String backend;

    @Override
    @SuppressWarnings("try") // scopes are closed by try-with-resources, never read
    public Integer call() throws IOException {
        PrintWriter w = spec.commandLine().getOut();
        try (Backends.Scope scope = Report.backend(backend);
             ModelStore.Loaded loaded = ModelStore.load(model, name -> Catalog.find(name).orElse(null))) {
            int n = loaded.features();
            double[] x = new double[inputs.size() * n];
            for (int i = 0; i < inputs.size(); i++) {
                System.arraycopy(features(inputs.get(i), loaded), 0, x, i * n, n);
            }
            Task task = loaded.model().task();
            List<String> names = loaded.model().classNames();
            loaded.network().eval();
            try (Autograd.NoGrad off = Autograd.noGrad(); MemoryScope ms = MemoryScope.open()) {
                Tensor scores = loaded.network().forward(Tensor.of(x, inputs.size(), n));
                int[] classes = task.predictedClasses(scores);
                double[] p = task.probabilities(scores).toDoubleArray();
                int per = p.length / inputs.size();
                for (int i = 0; i < inputs.size(); i++) {
                    int k = classes[i];
                    double confidence = per == 1 ? (k == 1 ? p[i] : 1 - p[i]) : p[i * per + k];
                    w.printf("%s -> %s (probability %.4f)%n", inputs.get(i),
                            k < names.size() ? names.get(k) : Integer.toString(k), confidence);
                }
            }
        }
        return 0;
    }

    private static double[] features(String input, ModelStore.Loaded loaded) throws IOException {
        int n = loaded.features();
        if (NUMBERS.matcher(input).matches()) {
            String[] parts = input.split(",");
            if (parts.length != n) {
                throw new IllegalArgumentException("input '" + input + "' has " + parts.length + " values; the "
                        + loaded.model().name() + " model takes " + n);
            }
            double[] v = new double[n];
            for (int j = 0; j < n; j++) {
                try {
                    v[j] = Double.parseDouble(parts[j].trim());
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("input '" + input + "': '" + parts[j].trim() + "' is not a number");
                }
            }
            return v;
        }
        Path file = Path.of(input);
        if (!Files.exists(file)) {
            throw new IOException("input '" + input + "' is neither numbers separated by commas nor an existing file");
        }
        int[] shape = loaded.imageShape();
        if (shape == null) {
            throw new IllegalArgumentException("input '" + input + "' is a file, but the " + loaded.model().name()
                    + " model was not trained on images; give its " + n + " features separated by commas");
        }
        return ImageFolderReader.readImage(file, shape[0]);
    }
}
