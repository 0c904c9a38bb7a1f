package org.jdeep.train;

/**
 * Callbacks from a {@link Trainer}: after every mini-batch step and after every epoch (for logging, plotting the
 * cost curve as the course does every 100 epochs, or custom checks). Both do nothing by default.
 */
public interface TrainingListener {

    /** Called after each mini-batch step with its record. */
    default void onIteration(History.Iteration iteration) {
    }

    /** Called after each epoch, once its dev evaluation, schedule and checkpoint are done. */
    default void onEpoch(History.Epoch epoch) {
    }
}
