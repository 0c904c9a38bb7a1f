package org.jdeep.models;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.jdeep.models.c1w2.LogisticRegression;
import org.jdeep.models.c1w3.PlanarClassifier;
import org.jdeep.models.c1w4.DeepNet;
import org.jdeep.models.c1w4.TwoLayerNet;
import org.jdeep.models.course.CourseModel;

/**
 * Every course model {@code jdeep} can train, in course order: what {@code jdeep list} shows and
 * {@code jdeep train NAME} looks up.
 */
public final class Catalog {

    /*
     * One line per model, in course order. To add a model: implement org.jdeep.models.course.CourseModel in its
     * week's package (org.jdeep.models.c2w1, ...) and add `new YourModel(),` below (every line ends with a comma).
     * Nothing else needs to change: `jdeep list`, `jdeep train NAME`, evaluate, predict, the run record, the plots,
     * CatalogTest (every model's name, lectures and defaults) and CliTest (`jdeep list`) pick it up; a short
     * training test of the model belongs beside it, in its week's test package.
     */
    private static final CourseModel[] ENTRIES = {
        new LogisticRegression(),   // C1W2
        new PlanarClassifier(),     // C1W3
        new TwoLayerNet(),          // C1W4
        new DeepNet(),              // C1W4
        new org.jdeep.models.c2w1.InitializationComparison(),   // C2W1
        new org.jdeep.models.c2w1.RegularizationComparison(),   // C2W1
        new org.jdeep.models.c2w2.OptimizationComparison(),     // C2W2
        new org.jdeep.models.c2w3.SoftmaxClassifier(),          // C2W3
    };

    private static final List<CourseModel> MODELS = List.of(ENTRIES);

    private Catalog() {
    }

    /** Every model, in course order. */
    public static List<CourseModel> all() {
        return MODELS;
    }

    /** The model called {@code name} (case-insensitive), if any. */
    public static Optional<CourseModel> find(String name) {
        String key = name.toLowerCase(Locale.ROOT).trim();
        return MODELS.stream().filter(m -> m.name().equals(key)).findFirst();
    }

    /** The model's names, in course order. */
    public static List<String> names() {
        List<String> out = new ArrayList<>();
        MODELS.forEach(m -> out.add(m.name()));
        return out;
    }
}
