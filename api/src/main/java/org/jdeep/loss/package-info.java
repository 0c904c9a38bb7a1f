/**
 * Cost functions that return rank-0 tensors for {@link org.jdeep.Tensor#backward()}: binary cross-entropy from
 * probabilities and from logits, softmax cross-entropy with integer or one-hot labels, mean squared error, and the
 * L2 penalty (Course 1, week 2, 2.3; Course 2, week 1, 1.4; week 3, 3.8-3.9). All average over the examples of
 * the batch (axis 0) and check that predictions and targets have the same shape rather than broadcast them.
 */
package org.jdeep.loss;
