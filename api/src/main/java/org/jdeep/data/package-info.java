/**
 * Datasets, batch-first: {@link org.jdeep.data.Dataset} (features and labels with examples on axis 0, train / dev /
 * test splits; Course 2, week 1, 1.1) and {@link org.jdeep.data.MiniBatches} (the course's
 * {@code random_mini_batches}; Course 2, week 2, 2.1).
 *
 * <p>Loaders for the files a learner has, one format per class, each strict about what it reads and throwing
 * {@link org.jdeep.data.DataFileException} (naming the file and the problem) for a bad or truncated file:
 * {@link org.jdeep.data.Npy} and {@link org.jdeep.data.Npz} (numpy), {@link org.jdeep.data.Idx} (MNIST,
 * Fashion-MNIST), {@link org.jdeep.data.Csv}, and {@link org.jdeep.data.Images} (PNG, JPEG, folders of them).
 * HDF5, the course's own {@code .h5} files, is read in the models module ({@code org.jdeep.models.data.Hdf5}).
 * See {@code docs/data.md}.
 */
package org.jdeep.data;
