/**
 * Evaluation, and the strategy of Course 3 ("Structuring Machine Learning Projects") as tools:
 * <ul>
 *   <li>metrics (week 1, 1.3 Single number evaluation metric): {@link org.jdeep.eval.ConfusionMatrix} with accuracy,
 *       precision, recall and F1 per class and macro-averaged, {@link org.jdeep.eval.Metric} to report them while
 *       training, and {@link org.jdeep.eval.SingleNumber} (F1 from precision and recall, averages over slices,
 *       weighted error);</li>
 *   <li>choosing a model with one optimizing and several satisficing metrics (1.4): {@link org.jdeep.eval.ModelChoice};</li>
 *   <li>train/dev/test and train-dev sets (1.5-1.6; week 2, 2.4-2.5): {@link org.jdeep.eval.DataSplits};</li>
 *   <li>avoidable bias, variance, data mismatch and the next step (1.8-1.12; 2.5-2.6):
 *       {@link org.jdeep.eval.BiasVarianceDiagnosis};</li>
 *   <li>error analysis by tags (2.1-2.2): {@link org.jdeep.eval.ErrorAnalysis};</li>
 *   <li>learning curves: {@link org.jdeep.eval.LearningCurve}.</li>
 * </ul>
 */
package org.jdeep.eval;
