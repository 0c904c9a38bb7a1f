package org.jdeep.models.course;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.jdeep.BackendInfo;
import org.jdeep.Backends;
import org.jdeep.data.Dataset;
import org.jdeep.io.SafeTensors;
import org.jdeep.nn.Module;
import org.jdeep.optim.LearningRateSchedule;

/**
 * A trained model on disk, in a run directory: {@value #MODEL_FILE} (the parameters in the safetensors format,
 * written atomically, with everything needed to rebuild the network in its metadata) and {@value #RECORD_FILE}
 * (the run record: seed, configuration, backend, versions, data fingerprint, costs, learning rates and metrics),
 * beside the plots. Saving how a model was made with the model is Tribuo's habit; {@code jdeep evaluate} and
 * {@code jdeep predict} rebuild the network from the metadata and load the parameters back.
 */
public final class ModelStore {
    /** The parameters' file in a run directory. */
    public static final String MODEL_FILE = "model.safetensors";
    /** The run record's file in a run directory. */
    public static final String RECORD_FILE = "run.json";

    private ModelStore() {
    }

    /**
     * A model read back from a run directory.
     *
     * @param model the course model it is an instance of
     * @param settings the settings it was trained with
     * @param network the network with the saved parameters, owned by the caller
     * @param features the number of input features n_x
     * @param imageShape {@code {H, W, C}} when it was trained on images, else null
     * @param metadata everything the model file's metadata holds
     */
    public record Loaded(CourseModel model, Settings settings, Module network, int features, int[] imageShape,
                         Map<String, String> metadata) implements AutoCloseable {
        /** Closes the network. */
        @Override
        public void close() {
            network.close();
        }
    }

    /**
     * Writes {@value #MODEL_FILE} and {@value #RECORD_FILE} into {@code dir} (created if needed).
     *
     * @param extra more entries for the run record (e.g. the plots' file names), added last
     * @throws IOException when a file cannot be written
     */
    public static void save(Path dir, CourseModel model, Settings settings, CourseData data, Module network,
            Training.Result result, Map<String, Map<String, Double>> metrics, Map<String, Object> extra)
            throws IOException {
        Files.createDirectories(dir);
        Map<String, String> meta = SafeTensors.provenance(settings.seed(), settings);
        meta.put("model", model.name());
        meta.put("features", Integer.toString(data.features()));
        if (data.imageShape() != null) {
            meta.put("image_shape", join(data.imageShape()));
        }
        meta.put("data.source", data.source());
        meta.put("data.fingerprint", data.fingerprint());
        meta.putAll(settings.toMetadata());
        SafeTensors.save(dir.resolve(MODEL_FILE), network.stateDict(), meta);
        writeRecord(dir.resolve(RECORD_FILE), record(model, settings, data, result, metrics, meta, extra));
    }

    /** The run record as ordered maps and lists, ready for JSON. */
    static Map<String, Object> record(CourseModel model, Settings settings, CourseData data, Training.Result result,
            Map<String, Map<String, Double>> metrics, Map<String, String> meta, Map<String, Object> extra) {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("model", model.name());
        r.put("description", model.description());
        r.put("lectures", model.lectures());
        r.put("created", OffsetDateTime.now().truncatedTo(ChronoUnit.SECONDS).toString());
        r.put("seed", settings.seed());
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("epochs", settings.epochs());
        s.put("batch_size", settings.batchSize() == 0 ? "all (" + data.train().size() + ")" : settings.batchSize());
        s.put("learning_rate", settings.learningRate());
        s.put("print_every", settings.printEvery());
        s.put("options", settings.options());
        r.put("configuration", s);
        BackendInfo backend = Backends.selected();
        Map<String, Object> b = new LinkedHashMap<>();
        b.put("name", backend.name());
        b.put("device", backend.detail());
        r.put("backend", b);
        Map<String, Object> versions = new LinkedHashMap<>();
        versions.put("jdeep", meta.getOrDefault("jdeep.version", "unknown"));
        versions.put("java", System.getProperty("java.version") + " (" + System.getProperty("java.vendor") + ")");
        versions.put("os", System.getProperty("os.name") + " " + System.getProperty("os.arch"));
        r.put("versions", versions);
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("source", data.source());
        d.put("fingerprint", data.fingerprint());
        d.put("features", data.features());
        if (data.imageShape() != null) {
            d.put("image_shape", data.imageShape());
        }
        data.splits().forEach((name, set) -> d.put(name + "_examples", set.size()));
        r.put("data", d);
        Map<String, Object> t = new LinkedHashMap<>();
        t.put("seconds", Math.round(result.seconds() * 1000) / 1000.0);
        t.put(result.perIteration() ? "iterations" : "epochs", result.costs().length);
        t.put("final_cost", result.finalCost());
        List<Object> printed = new ArrayList<>();
        double[] costs = result.costs();
        for (int i = 0; i < costs.length; i++) {
            if (i % settings.printEvery() == 0 || i == costs.length - 1) {
                printed.add(Arrays.asList(i, costs[i]));
            }
        }
        t.put(result.perIteration() ? "cost_by_iteration" : "cost_by_epoch", printed);
        LearningRateSchedule schedule = model.schedule(settings);
        t.put("learning_rate", Training.describe(schedule, settings.learningRate(), result.perIteration()));
        if (Training.decays(schedule)) {
            List<Object> rates = new ArrayList<>();
            double[] after = result.learningRates();
            for (int i = 0; i < after.length; i++) {
                if (i % settings.printEvery() == 0 || i == after.length - 1) {
                    rates.add(Arrays.asList(i, after[i]));
                }
            }
            t.put(result.perIteration() ? "learning_rate_after_iteration" : "learning_rate_after_epoch", rates);
        }
        r.put("training", t);
        r.put("metrics", metrics);
        r.putAll(extra);
        return r;
    }

    private static void writeRecord(Path file, Map<String, Object> record) throws IOException {
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.writeString(tmp, JsonWriter.write(record) + "\n", StandardCharsets.UTF_8);
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /**
     * Reads the model saved in {@code dir}: finds its course model with {@code catalog}, rebuilds the network from
     * the saved settings and loads the parameters (all or nothing).
     *
     * @param catalog the course model of a name, or null for an unknown name
     * @throws IOException when the model file is missing, truncated or does not fit the network
     * @throws IllegalArgumentException when the file was not written by {@code jdeep train}
     */
    public static Loaded load(Path dir, Function<String, CourseModel> catalog) throws IOException {
        Path file = Files.isDirectory(dir) ? dir.resolve(MODEL_FILE) : dir;
        if (!Files.exists(file)) {
            throw new IOException(file + " does not exist: pass the directory jdeep train wrote (--out)");
        }
        Map<String, String> meta;
        try (org.jdeep.io.Checkpoint header = SafeTensors.load(file)) {
            meta = new LinkedHashMap<>(header.metadata());
        }
        String name = meta.get("model");
        if (name == null) {
            throw new IllegalArgumentException(file + " has no 'model' entry in its metadata: not written by jdeep train");
        }
        CourseModel model = catalog.apply(name);
        if (model == null) {
            throw new IllegalArgumentException(file + " holds a '" + name + "' model, which this jdeep does not know");
        }
        Settings settings = Settings.fromMetadata(meta);
        int features = Integer.parseInt(meta.getOrDefault("features", "0"));
        int[] image = meta.containsKey("image_shape") ? split(meta.get("image_shape")) : null;
        Module network = model.build(settings, features);
        try {
            SafeTensors.loadInto(file, network.stateDict());
        } catch (IOException | RuntimeException e) {
            network.close();
            throw e;
        }
        return new Loaded(model, settings, network, features, image, meta);
    }

    /** The number of examples of each split of {@code data}, e.g. {@code "train 400, dev 200"}. */
    public static String sizes(CourseData data) {
        List<String> parts = new ArrayList<>();
        for (Map.Entry<String, Dataset> e : data.splits().entrySet()) {
            parts.add(e.getKey() + " " + e.getValue().size());
        }
        return String.join(", ", parts);
    }

    private static String join(int[] a) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < a.length; i++) {
            sb.append(i == 0 ? "" : ",").append(a[i]);
        }
        return sb.toString();
    }

    private static int[] split(String s) {
        return Arrays.stream(s.split(",")).mapToInt(v -> Integer.parseInt(v.trim())).toArray();
    }
}
