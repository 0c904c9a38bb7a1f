/**
 * The learner's companion: every graded function of the Deep Learning Specialization's Course 1 and Course 2
 * programming assignments, under the same name in camelCase, written with jdeep tensors in the course's own
 * conventions, so a learner can put the notebook and the Java side by side.
 *
 * <p>One class per assignment:
 * <ul>
 *   <li>{@link org.jdeep.models.companion.NumpyBasicsCompanion}: Course 1, week 2, "Python Basics with Numpy";</li>
 *   <li>{@link org.jdeep.models.companion.LogisticRegressionCompanion}: Course 1, week 2, "Logistic Regression
 *       with a Neural Network mindset";</li>
 *   <li>{@link org.jdeep.models.companion.PlanarCompanion}: Course 1, week 3, "Planar data classification with
 *       one hidden layer";</li>
 *   <li>{@link org.jdeep.models.companion.DeepNetStepByStepCompanion}: Course 1, week 4, "Building your Deep
 *       Neural Network: Step by Step";</li>
 *   <li>{@link org.jdeep.models.companion.DeepNetApplicationCompanion}: Course 1, week 4, "Deep Neural Network -
 *       Application";</li>
 *   <li>{@link org.jdeep.models.companion.InitializationCompanion}, {@link
 *       org.jdeep.models.companion.RegularizationCompanion}, {@link
 *       org.jdeep.models.companion.GradientCheckingCompanion}: Course 2, week 1;</li>
 *   <li>{@link org.jdeep.models.companion.OptimizationCompanion}: Course 2, week 2, "Optimization Methods";</li>
 *   <li>{@link org.jdeep.models.companion.FrameworkIntroCompanion}: Course 2, week 3, "Introduction to
 *       TensorFlow", done with jdeep;</li>
 *   <li>{@link org.jdeep.models.companion.NotebookUtils}: the helpers the Course 2 notebooks import from
 *       {@code init_utils.py}, {@code reg_utils.py}, {@code gc_utils.py} and {@code opt_utils.py}.</li>
 * </ul>
 *
 * <p>The course's conventions, kept here on purpose (jdeep's own layers are batch-first instead):
 * <ul>
 *   <li>examples are columns: {@code X (n_x, m)}, {@code Y (1, m)}, activations {@code A[l] (n_l, m)};</li>
 *   <li>parameters are a {@code Map<String, Tensor>} like the notebook's dictionary, in the order {@code W1, b1,
 *       W2, b2, ...}, with {@code W[l] (n_l, n_{l-1})} and {@code b[l] (n_l, 1)}; gradients use the keys
 *       {@code dW1, db1, ...}; caches are small records or maps named as in the notebook;</li>
 *   <li>everything is FLOAT64, numpy's default;</li>
 *   <li>randomness comes from a {@link org.jdeep.random.RandomState} seeded like the notebook seeds numpy. Where
 *       the notebook's function calls {@code np.random.seed(s)} itself, the method takes the generator as a
 *       parameter and an overload without it seeds {@code s} as the notebook does.</li>
 * </ul>
 *
 * <p>It is not a second implementation of the maths: every function is composed of the API's tensor operations,
 * initialisers ({@link org.jdeep.nn.init.Initializer}), losses ({@link org.jdeep.loss.BinaryCrossEntropy},
 * {@link org.jdeep.loss.L2Penalty}, {@link org.jdeep.loss.SoftmaxCrossEntropy}), mini-batching
 * ({@link org.jdeep.data.MiniBatches}), learning-rate schedules ({@link org.jdeep.optim.LearningRateSchedule})
 * and autograd. Where the course asks the learner to write back-propagation by hand, the method does so with
 * the same tensor operations, and its tests check it against autograd; the hand-written optimizer updates are
 * checked against {@link org.jdeep.optim.SGD}, {@link org.jdeep.optim.Momentum} and {@link org.jdeep.optim.Adam}.
 *
 * <p>Memory: results are new tensors owned by the caller; temporaries belong to the caller's
 * {@link org.jdeep.MemoryScope} (or, without one, to the garbage collector). The training loops here run each
 * iteration in its own scope.
 */
package org.jdeep.models.companion;
