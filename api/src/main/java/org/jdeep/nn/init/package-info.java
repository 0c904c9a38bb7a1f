/**
 * Parameter initialisers drawn from an explicit {@link org.jdeep.random.RandomState}: zeros, scaled normals,
 * Xavier/Glorot and He (Course 1, week 3, 3.11 Random initialization; Course 2, week 1, 1.11 Weight
 * initialization for deep networks). {@link org.jdeep.nn.init.Layout#COURSE} reproduces the notebooks' weights
 * bit for bit in jdeep's batch-first {@code (in, out)} layout.
 */
package org.jdeep.nn.init;
