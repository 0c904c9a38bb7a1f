package org.jdeep.optim;

/** Checks shared by the optimizers' hyperparameter records, with the messages they throw. */
final class Hyperparameters {
    private Hyperparameters() {
    }

    /** α must be finite and positive. */
    static void learningRate(String owner, double learningRate) {
        if (!(learningRate > 0) || Double.isInfinite(learningRate)) {
            throw new IllegalArgumentException(owner + ": learningRate must be a finite number > 0, got "
                    + learningRate);
        }
    }

    /** An exponentially weighted average's β must lie in [0, 1): β = 1 would never move. */
    static void beta(String owner, String name, double beta) {
        if (!(beta >= 0 && beta < 1)) {
            throw new IllegalArgumentException(owner + ": " + name + " must be in [0, 1), got " + beta);
        }
    }

    /** ε must be finite and positive: it keeps the division away from zero. */
    static void epsilon(String owner, double epsilon) {
        if (!(epsilon > 0) || Double.isInfinite(epsilon)) {
            throw new IllegalArgumentException(owner + ": epsilon must be a finite number > 0, got " + epsilon);
        }
    }
}
