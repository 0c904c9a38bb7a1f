package org.jdeep.eval;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.IntFunction;
import org.jdeep.random.RandomState;

/**
 * Error analysis (Course 3, week 2, 2.1 Carrying out error analysis; 2.2 Cleaning up incorrectly labeled data):
 * take the misclassified dev examples, tag each with what went wrong ("dog", "great cat", "blurry", "incorrectly
 * labeled", ...; an example may have several tags or none), and count. The share of errors a tag explains bounds
 * what fixing it can gain: with a 10% dev error of which 5% are dogs, a perfect dog fix leaves 9.5%; if half are
 * blurry images, fixing those could take it to 5%. That "ceiling" is {@link Row#errorRateAfterFix()}.
 * <pre>{@code
 * ErrorAnalysis a = ErrorAnalysis.of(predicted, actual, i -> tagsOfExample(i));
 * System.out.println(a);       // the spreadsheet: tag, count, % of errors, dev error if fixed
 * }</pre>
 */
public final class ErrorAnalysis {
    private final int examples;
    private final int[] misclassified;
    private final List<Row> rows;
    private final int untagged;

    private ErrorAnalysis(int examples, int[] misclassified, List<Row> rows, int untagged) {
        this.examples = examples;
        this.misclassified = misclassified;
        this.rows = rows;
        this.untagged = untagged;
    }

    /**
     * One tag's line of the spreadsheet.
     *
     * @param tag the tag
     * @param count the misclassified examples that carry it
     * @param fractionOfErrors {@code count / misclassified}
     * @param errorRateAfterFix the error rate if every one of those examples were fixed, the ceiling of the gain
     */
    public record Row(String tag, int count, double fractionOfErrors, double errorRateAfterFix) {
    }

    /**
     * The tally of the misclassified examples ({@code predicted[i] != actual[i]}) by their tags.
     *
     * @param predicted predicted classes of the examples (the dev set, say)
     * @param actual their labels
     * @param tags the tags of example {@code i}, asked only for misclassified examples; null or empty for none
     * @throws IllegalArgumentException when the lengths differ or there are no examples
     */
    public static ErrorAnalysis of(int[] predicted, int[] actual, IntFunction<? extends Collection<String>> tags) {
        if (predicted.length != actual.length) {
            throw new IllegalArgumentException("error analysis: " + predicted.length + " predictions for "
                    + actual.length + " labels");
        }
        if (actual.length == 0) {
            throw new IllegalArgumentException("error analysis of no examples");
        }
        List<Integer> wrong = new ArrayList<>();
        Map<String, Integer> counts = new LinkedHashMap<>();
        int untagged = 0;
        for (int i = 0; i < actual.length; i++) {
            if (predicted[i] == actual[i]) {
                continue;
            }
            wrong.add(i);
            Collection<String> t = tags.apply(i);
            Set<String> distinct = t == null ? Set.of() : new TreeSet<>(t);
            if (distinct.isEmpty()) {
                untagged++;
            }
            for (String tag : distinct) {
                counts.merge(tag, 1, Integer::sum);
            }
        }
        double error = (double) wrong.size() / actual.length;
        List<Row> rows = new ArrayList<>();
        counts.forEach((tag, n) -> {
            double fraction = (double) n / wrong.size();
            rows.add(new Row(tag, n, fraction, error * (1 - fraction)));
        });
        rows.sort((a, b) -> a.count() != b.count() ? Integer.compare(b.count(), a.count()) : a.tag().compareTo(b.tag()));
        return new ErrorAnalysis(actual.length, wrong.stream().mapToInt(Integer::intValue).toArray(),
                Collections.unmodifiableList(rows), untagged);
    }

    /** The tally with the tags given per example index (examples without an entry have no tags). */
    public static ErrorAnalysis of(int[] predicted, int[] actual, Map<Integer, ? extends Collection<String>> tags) {
        return of(predicted, actual, i -> tags.get(i));
    }

    /** The indices of the misclassified examples, in order. */
    public int[] misclassified() {
        return misclassified.clone();
    }

    /**
     * {@code n} misclassified examples drawn without replacement by {@code rng} (all of them when there are fewer),
     * the ~100 examples the course suggests looking at by hand.
     */
    public int[] sample(int n, RandomState rng) {
        int[] order = rng.permutation(misclassified.length);
        int k = Math.min(Math.max(n, 0), misclassified.length);
        int[] out = new int[k];
        for (int i = 0; i < k; i++) {
            out[i] = misclassified[order[i]];
        }
        Arrays.sort(out);
        return out;
    }

    /** The number of examples analysed. */
    public int examples() {
        return examples;
    }

    /** The error rate, {@code misclassified / examples}. */
    public double errorRate() {
        return (double) misclassified.length / examples;
    }

    /** One row per tag, most frequent first. */
    public List<Row> rows() {
        return rows;
    }

    /** The row of {@code tag}, or a zero row when no misclassified example carries it. */
    public Row row(String tag) {
        return rows.stream().filter(r -> r.tag().equals(tag)).findFirst()
                .orElse(new Row(tag, 0, 0, errorRate()));
    }

    /** The misclassified examples that carry no tag. */
    public int untagged() {
        return untagged;
    }

    /** The spreadsheet of the lecture: one line per tag with its count, share of the errors and the ceiling. */
    @Override
    public String toString() {
        StringBuilder s = new StringBuilder(String.format(Locale.ROOT,
                "error analysis: %d of %d examples misclassified (error %.2f%%)%n", misclassified.length, examples,
                100 * errorRate()));
        s.append(String.format(Locale.ROOT, "%-24s %6s %10s %16s%n", "tag", "count", "% errors", "error if fixed"));
        for (Row r : rows) {
            s.append(String.format(Locale.ROOT, "%-24s %6d %9.1f%% %15.2f%%%n", r.tag(), r.count(),
                    100 * r.fractionOfErrors(), 100 * r.errorRateAfterFix()));
        }
        if (untagged > 0) {
            s.append(String.format(Locale.ROOT, "%-24s %6d %9.1f%%%n", "(no tag)", untagged,
                    100.0 * untagged / misclassified.length));
        }
        return s.toString();
    }
}
