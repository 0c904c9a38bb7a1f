/**
 * Saving and loading tensors in the safetensors format ({@link org.jdeep.io.SafeTensors}): atomic writes, strict
 * all-or-nothing reads with errors that name the file and the problem ({@link org.jdeep.io.SafeTensorsException}),
 * and provenance metadata (seed, configuration, backend, version) saved with a model.
 */
package org.jdeep.io;
