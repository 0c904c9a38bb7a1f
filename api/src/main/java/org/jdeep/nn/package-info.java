/**
 * Layers as {@link org.jdeep.nn.Module}s with named parameters, train/eval modes and state dictionaries:
 * {@link org.jdeep.nn.Linear}, activations, {@link org.jdeep.nn.Softmax}, {@link org.jdeep.nn.Flatten},
 * {@link org.jdeep.nn.Dropout}, {@link org.jdeep.nn.BatchNorm} and {@link org.jdeep.nn.Sequential}
 * (Course 1, weeks 3-4; Course 2, weeks 1 and 3). Everything is composed from {@link org.jdeep.Tensor}
 * operations, so gradients come from autograd and every backend runs it unchanged. Inputs are batch-first:
 * {@code (batch, features)}.
 */
package org.jdeep.nn;
