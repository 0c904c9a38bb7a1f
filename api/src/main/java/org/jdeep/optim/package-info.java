/**
 * Optimization algorithms (Course 2, week 2): {@link org.jdeep.optim.SGD} (gradient descent),
 * {@link org.jdeep.optim.Momentum}, {@link org.jdeep.optim.RMSprop} and {@link org.jdeep.optim.Adam}, each configured
 * by a hyperparameter record with the course's names and defaults ({@link org.jdeep.optim.AdamConfig}...); L2
 * weight decay through {@link org.jdeep.loss.L2Penalty}; learning rate decay
 * ({@link org.jdeep.optim.LearningRateSchedule}, 2.9); and gradient clipping by value or global norm
 * ({@link org.jdeep.optim.GradientClipping}). Optimizers take named parameters, so they work on any
 * {@code Map<String, Tensor>}, {@code Module.parameters()} included.
 */
package org.jdeep.optim;
