/**
 * Datasets, batch-first: {@link org.jdeep.data.Dataset} (features and labels with examples on axis 0, train / dev /
 * test splits; Course 2, week 1, 1.1) and {@link org.jdeep.data.MiniBatches} (the course's
 * {@code random_mini_batches}; Course 2, week 2, 2.1).
 */
package org.jdeep.data;
