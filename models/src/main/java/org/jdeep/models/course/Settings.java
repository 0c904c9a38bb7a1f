package org.jdeep.models.course;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The hyperparameters of one training run (Course 1, week 4, 4.7 Parameters vs Hyperparameters): what
 * {@code jdeep train MODEL} takes from its options, each {@link CourseModel} giving the course's values as
 * {@link CourseModel#defaults()}.
 *
 * <p>Course 1 trains on the whole training set at every step ({@code batchSize == 0}): then one epoch is one
 * gradient-descent iteration, the notebook's {@code num_iterations}, and the cost is printed every
 * {@code printEvery} iterations as the notebook prints it. With a smaller batch size, an epoch is one pass of
 * mini-batches (Course 2, week 2, 2.1 Mini-batch gradient descent).
 *
 * @param epochs iterations (full batch) or epochs (mini-batches), the course's {@code num_iterations} /
 *     {@code num_epochs}, {@code >= 1}
 * @param batchSize the mini-batch size, or 0 for the whole training set (batch gradient descent)
 * @param learningRate the learning rate α, {@code > 0}
 * @param seed the seed of the parameters' initialisation, the notebook's {@code np.random.seed(...)} before
 *     {@code initialize_parameters}, and the base of the mini-batch shuffling seeds
 * @param printEvery print the cost every this many iterations or epochs, {@code >= 1}
 * @param options model-specific settings by name (e.g. {@code hidden=4}, {@code dataset=moons}); see each
 *     model's {@link CourseModel#optionHelp()}
 */
public record Settings(int epochs, int batchSize, double learningRate, long seed, int printEvery,
                       Map<String, String> options) {

    /** Validates the values and copies the options, keeping their order. */
    public Settings {
        if (epochs < 1) {
            throw new IllegalArgumentException("epochs must be >= 1, got " + epochs);
        }
        if (batchSize < 0) {
            throw new IllegalArgumentException("batch size must be >= 1, or 0 for the whole training set, got "
                    + batchSize);
        }
        if (!(learningRate > 0) || Double.isInfinite(learningRate)) {
            throw new IllegalArgumentException("learning rate must be a finite number > 0, got " + learningRate);
        }
        if (seed < 0 || seed > 0xffffffffL) {
            throw new IllegalArgumentException("seed must lie in [0, 2^32 - 1] (numpy's range), got " + seed);
        }
        if (printEvery < 1) {
            throw new IllegalArgumentException("printEvery must be >= 1, got " + printEvery);
        }
        options = Collections.unmodifiableMap(new LinkedHashMap<>(Objects.requireNonNull(options, "options")));
    }

    /** Settings without model-specific options. */
    public Settings(int epochs, int batchSize, double learningRate, long seed, int printEvery) {
        this(epochs, batchSize, learningRate, seed, printEvery, Map.of());
    }

    /** A copy with {@code epochs}. */
    public Settings withEpochs(int value) {
        return new Settings(value, batchSize, learningRate, seed, printEvery, options);
    }

    /** A copy with {@code batchSize} (0: the whole training set). */
    public Settings withBatchSize(int value) {
        return new Settings(epochs, value, learningRate, seed, printEvery, options);
    }

    /** A copy with {@code learningRate}. */
    public Settings withLearningRate(double value) {
        return new Settings(epochs, batchSize, value, seed, printEvery, options);
    }

    /** A copy with {@code seed}. */
    public Settings withSeed(long value) {
        return new Settings(epochs, batchSize, learningRate, value, printEvery, options);
    }

    /** A copy with {@code printEvery}. */
    public Settings withPrintEvery(int value) {
        return new Settings(epochs, batchSize, learningRate, seed, value, options);
    }

    /** A copy whose options are these ones overridden by {@code more}. */
    public Settings withOptions(Map<String, String> more) {
        Map<String, String> merged = new LinkedHashMap<>(options);
        merged.putAll(more);
        return new Settings(epochs, batchSize, learningRate, seed, printEvery, merged);
    }

    /** A copy with one option set. */
    public Settings withOption(String key, String value) {
        return withOptions(Map.of(key, value));
    }

    /** The option {@code key}, or {@code fallback} when it is not set. */
    public String option(String key, String fallback) {
        return options.getOrDefault(key, fallback);
    }

    /**
     * The option {@code key} as an int, or {@code fallback}.
     *
     * @throws IllegalArgumentException when it is set but not an integer
     */
    public int intOption(String key, int fallback) {
        String v = options.get(key);
        if (v == null) {
            return fallback;
        }
        try {
            return Integer.parseInt(v.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("option " + key + "=" + v + ": expected an integer");
        }
    }

    /**
     * The option {@code key} as a finite number, or {@code fallback} when it is not set.
     *
     * @throws IllegalArgumentException when it is set but not a finite number
     */
    public double doubleOption(String key, double fallback) {
        String v = options.get(key);
        if (v == null) {
            return fallback;
        }
        try {
            double d = Double.parseDouble(v.trim());
            if (Double.isFinite(d)) {
                return d;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException("option " + key + "=" + v + ": expected a number");
    }

    /**
     * The option {@code key} as a comma-separated list of ints ({@code layers=20,7,5}), or {@code fallback}.
     *
     * @throws IllegalArgumentException when it is set but not a list of positive integers
     */
    public int[] intsOption(String key, int... fallback) {
        String v = options.get(key);
        if (v == null) {
            return fallback.clone();
        }
        try {
            String[] parts = v.split(",");
            int[] out = new int[parts.length];
            for (int i = 0; i < parts.length; i++) {
                out[i] = Integer.parseInt(parts[i].trim());
                if (out[i] < 1) {
                    throw new NumberFormatException();
                }
            }
            return out;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("option " + key + "=" + v
                    + ": expected positive integers separated by commas, e.g. 20,7,5");
        }
    }

    /** The batch size to use for {@code m} training examples: {@code batchSize}, or m when it is 0. */
    public int batchSizeFor(int m) {
        return batchSize == 0 ? m : Math.min(batchSize, m);
    }

    /** Whether each step sees the whole training set (batch gradient descent, as Course 1). */
    public boolean fullBatch(int m) {
        return batchSizeFor(m) == m;
    }

    /** These settings as string metadata, keys {@code settings.epochs}, ..., {@code option.NAME}. */
    public Map<String, String> toMetadata() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("settings.epochs", Integer.toString(epochs));
        m.put("settings.batch_size", Integer.toString(batchSize));
        m.put("settings.learning_rate", Double.toString(learningRate));
        m.put("settings.seed", Long.toString(seed));
        m.put("settings.print_every", Integer.toString(printEvery));
        options.forEach((k, v) -> m.put("option." + k, v));
        return m;
    }

    /**
     * Settings read back from {@link #toMetadata()}.
     *
     * @throws IllegalArgumentException when a key is missing or malformed
     */
    public static Settings fromMetadata(Map<String, String> m) {
        Map<String, String> options = new LinkedHashMap<>();
        m.forEach((k, v) -> {
            if (k.startsWith("option.")) {
                options.put(k.substring("option.".length()), v);
            }
        });
        try {
            return new Settings(Integer.parseInt(required(m, "settings.epochs")),
                    Integer.parseInt(required(m, "settings.batch_size")),
                    Double.parseDouble(required(m, "settings.learning_rate")),
                    Long.parseLong(required(m, "settings.seed")),
                    Integer.parseInt(required(m, "settings.print_every")), options);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("malformed settings in the model's metadata: " + e.getMessage(), e);
        }
    }

    private static String required(Map<String, String> m, String key) {
        String v = m.get(key);
        if (v == null) {
            throw new IllegalArgumentException("the model's metadata lacks '" + key
                    + "': was it saved by jdeep train?");
        }
        return v;
    }
}
