package org.jdeep.eval;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Choosing among models with one optimizing metric and any number of satisficing ones (Course 3, week 1, 1.4
 * Satisficing and Optimizing metric): "maximize accuracy subject to running time <= 100 ms". Each satisficing
 * metric only has to be good enough; among the models that satisfy all of them, the best optimizing value wins.
 * <pre>{@code
 * ModelChoice rule = ModelChoice.optimizing("accuracy", true).satisficingAtMost("running_ms", 100);
 * ModelChoice.Result r = rule.choose(List.of(
 *         new ModelChoice.Candidate("A", Map.of("accuracy", 0.90, "running_ms", 80.0)),
 *         new ModelChoice.Candidate("B", Map.of("accuracy", 0.92, "running_ms", 95.0)),
 *         new ModelChoice.Candidate("C", Map.of("accuracy", 0.95, "running_ms", 1500.0))));
 * r.chosen().name();   // "B": C is more accurate but too slow
 * }</pre>
 * Instances are immutable; the builder methods return new rules.
 */
public final class ModelChoice {
    private final String optimizing;
    private final boolean higherIsBetter;
    private final List<Constraint> constraints;

    private ModelChoice(String optimizing, boolean higherIsBetter, List<Constraint> constraints) {
        this.optimizing = optimizing;
        this.higherIsBetter = higherIsBetter;
        this.constraints = List.copyOf(constraints);
    }

    /**
     * A rule that picks the model with the best {@code metric}.
     *
     * @param metric the optimizing metric's name, e.g. {@code "accuracy"} or {@code "dev_error"}
     * @param higherIsBetter true for accuracy-like metrics, false for errors and costs
     */
    public static ModelChoice optimizing(String metric, boolean higherIsBetter) {
        return new ModelChoice(Objects.requireNonNull(metric, "metric"), higherIsBetter, List.of());
    }

    /** This rule with the satisficing metric {@code metric <= limit} (running time, memory, false alarms...). */
    public ModelChoice satisficingAtMost(String metric, double limit) {
        return with(new Constraint(metric, limit, true));
    }

    /** This rule with the satisficing metric {@code metric >= limit} (e.g. recall of a critical class). */
    public ModelChoice satisficingAtLeast(String metric, double limit) {
        return with(new Constraint(metric, limit, false));
    }

    private ModelChoice with(Constraint c) {
        List<Constraint> more = new ArrayList<>(constraints);
        more.add(c);
        return new ModelChoice(optimizing, higherIsBetter, more);
    }

    /**
     * A satisficing condition.
     *
     * @param metric the metric's name
     * @param limit its bound
     * @param atMost true for {@code metric <= limit}, false for {@code metric >= limit}
     */
    public record Constraint(String metric, double limit, boolean atMost) {
        /** Requires a name and a number. */
        public Constraint {
            Objects.requireNonNull(metric, "metric");
            if (Double.isNaN(limit)) {
                throw new IllegalArgumentException("satisficing limit of " + metric + " is NaN");
            }
        }

        /** Whether {@code value} satisfies the condition (NaN never does). */
        public boolean satisfiedBy(double value) {
            return atMost ? value <= limit : value >= limit;
        }

        @Override
        public String toString() {
            return metric + (atMost ? " <= " : " >= ") + limit;
        }
    }

    /**
     * A model and its measured values.
     *
     * @param name the model's name
     * @param values its metrics by name (every metric the rule names must be present)
     */
    public record Candidate(String name, Map<String, Double> values) {
        /** Copies the values, keeping their order. */
        public Candidate {
            Objects.requireNonNull(name, "name");
            values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
        }

        double get(String metric) {
            Double v = values.get(metric);
            if (v == null) {
                throw new IllegalArgumentException("model '" + name + "' has no value for '" + metric + "'; it has "
                        + values.keySet());
            }
            return v;
        }
    }

    /**
     * The outcome.
     *
     * @param chosen the best model among those that satisfy every condition, or null when none does
     * @param ranking the satisfying models, best first
     * @param rejected each model that fails a condition, with the first condition it fails
     */
    public record Result(Candidate chosen, List<Candidate> ranking, Map<String, Constraint> rejected) {
        /** Copies the lists. */
        public Result {
            ranking = List.copyOf(ranking);
            rejected = Collections.unmodifiableMap(new LinkedHashMap<>(rejected));
        }

        /** For example {@code "chose B (accuracy 0.92); rejected C: running_ms <= 100.0"}. */
        @Override
        public String toString() {
            StringBuilder s = new StringBuilder(chosen == null ? "no model satisfies every condition"
                    : "chose " + chosen.name() + " " + chosen.values());
            rejected.forEach((name, c) -> s.append("; rejected ").append(name).append(": fails ").append(c));
            return s.toString();
        }
    }

    /**
     * Applies the rule.
     *
     * @throws IllegalArgumentException when a candidate lacks a metric the rule names
     */
    public Result choose(List<Candidate> candidates) {
        List<Candidate> ok = new ArrayList<>();
        Map<String, Constraint> rejected = new LinkedHashMap<>();
        for (Candidate c : candidates) {
            c.get(optimizing);
            Constraint failed = null;
            for (Constraint k : constraints) {
                if (!k.satisfiedBy(c.get(k.metric()))) {
                    failed = k;
                    break;
                }
            }
            if (failed == null) {
                ok.add(c);
            } else {
                rejected.put(c.name(), failed);
            }
        }
        Comparator<Candidate> byMetric = Comparator.comparingDouble(c -> c.get(optimizing));
        ok.sort(higherIsBetter ? byMetric.reversed() : byMetric); // stable: ties keep the given order
        return new Result(ok.isEmpty() ? null : ok.get(0), ok, rejected);
    }

    /** For example {@code "maximize accuracy subject to [running_ms <= 100.0]"}. */
    @Override
    public String toString() {
        return (higherIsBetter ? "maximize " : "minimize ") + optimizing
                + (constraints.isEmpty() ? "" : " subject to " + constraints);
    }
}
