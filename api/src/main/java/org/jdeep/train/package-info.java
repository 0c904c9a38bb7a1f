/**
 * The training loop: {@link org.jdeep.train.Trainer} runs mini-batch epochs of a model with a loss and an optimizer
 * (Course 2, week 2), records a {@link org.jdeep.train.History}, and adds learning rate decay, early stopping
 * ({@link org.jdeep.train.EarlyStopping}), periodic checkpoints ({@link org.jdeep.train.Checkpoints}), listeners and
 * a terminal progress bar.
 */
package org.jdeep.train;
