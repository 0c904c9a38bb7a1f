package org.jdeep.optim;

import java.util.LinkedHashMap;
import java.util.Map;
import org.jdeep.Tensor;

/**
 * Limits gradients before an update, against exploding gradients (Course 2, week 1, 1.10 Vanishing /
 * Exploding gradients; the course clips by value in Course 5, week 1, "Dinosaur Island": {@code np.clip(
 * gradient, -maxValue, maxValue, out=gradient)}):
 * <ul>
 * <li>{@link ByValue}: each element limited to {@code [-clipValue, clipValue]};
 * <li>{@link ByGlobalNorm}: when the norm of all gradients together, {@code sqrt(sum over every gradient of
 *     sum(g^2))}, exceeds {@code maxNorm}, every gradient is multiplied by {@code maxNorm / norm}; the
 *     direction is kept, only the step shrinks;
 * <li>{@link None}: gradients unchanged (the default).
 * </ul>
 */
public sealed interface GradientClipping {

    /**
     * The clipped gradients, by the same names. Unchanged gradients are returned as they are; new ones are
     * created in the current {@link org.jdeep.MemoryScope}.
     *
     * @param gradients gradients by parameter name
     * @return the gradients to use for the update
     */
    Map<String, Tensor> apply(Map<String, Tensor> gradients);

    /** No clipping. */
    static GradientClipping none() {
        return new None();
    }

    /** Clipping of each element to {@code [-clipValue, clipValue]}. */
    static GradientClipping byValue(double clipValue) {
        return new ByValue(clipValue);
    }

    /** Rescaling of all gradients together when their global L2 norm exceeds {@code maxNorm}. */
    static GradientClipping byGlobalNorm(double maxNorm) {
        return new ByGlobalNorm(maxNorm);
    }

    /** The global L2 norm {@code sqrt(sum_g sum(g^2))} of the gradients, in double precision. */
    static double globalNorm(Map<String, Tensor> gradients) {
        double sum = 0;
        for (Tensor g : gradients.values()) {
            try (Tensor sq = g.square(); Tensor s = sq.sum()) {
                sum += s.item();
            }
        }
        return Math.sqrt(sum);
    }

    /** Gradients left as they are. */
    record None() implements GradientClipping {
        @Override
        public Map<String, Tensor> apply(Map<String, Tensor> gradients) {
            return gradients;
        }
    }

    /**
     * Each gradient element limited to {@code [-clipValue, clipValue]}.
     *
     * @param clipValue the course's {@code maxValue}, {@code > 0}
     */
    record ByValue(double clipValue) implements GradientClipping {
        /** Validates {@code clipValue}. */
        public ByValue {
            if (!(clipValue > 0) || Double.isInfinite(clipValue)) {
                throw new IllegalArgumentException("clipping by value needs a finite clipValue > 0, got " + clipValue);
            }
        }

        @Override
        public Map<String, Tensor> apply(Map<String, Tensor> gradients) {
            Map<String, Tensor> out = new LinkedHashMap<>();
            gradients.forEach((name, g) -> out.put(name, g.clip(-clipValue, clipValue)));
            return out;
        }
    }

    /**
     * All gradients scaled by {@code maxNorm / norm} when their global norm is above {@code maxNorm}.
     *
     * @param maxNorm the largest global norm allowed, {@code > 0}
     */
    record ByGlobalNorm(double maxNorm) implements GradientClipping {
        /** Validates {@code maxNorm}. */
        public ByGlobalNorm {
            if (!(maxNorm > 0) || Double.isInfinite(maxNorm)) {
                throw new IllegalArgumentException("clipping by global norm needs a finite maxNorm > 0, got "
                        + maxNorm);
            }
        }

        @Override
        public Map<String, Tensor> apply(Map<String, Tensor> gradients) {
            double norm = globalNorm(gradients);
            if (!(norm > maxNorm)) {
                return gradients;
            }
            double scale = maxNorm / norm;
            Map<String, Tensor> out = new LinkedHashMap<>();
            gradients.forEach((name, g) -> out.put(name, g.mul(scale)));
            return out;
        }
    }
}
