/**
 * Evaluation metrics (Course 3, week 1, 1.3 Single number evaluation metric and 1.4 Satisficing and optimizing
 * metric): {@link org.jdeep.eval.ConfusionMatrix} with accuracy, precision, recall and F1 per class and macro-averaged,
 * and {@link org.jdeep.eval.Metric} to report them while training.
 */
package org.jdeep.eval;
