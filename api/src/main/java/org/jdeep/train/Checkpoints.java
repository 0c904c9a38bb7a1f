package org.jdeep.train;

import java.nio.file.Path;
import java.util.Objects;

/**
 * Periodic checkpoints: every {@code everyEpochs} epochs the model's {@code stateDict()} is saved atomically in
 * the safetensors format ({@link org.jdeep.io.SafeTensors}) as {@code directory/epoch-NNNNN.safetensors}, NNNNN
 * the number of epochs done, with the seed, configuration, backend, version and epoch as metadata.
 *
 * @param directory an existing directory to write to
 * @param everyEpochs the interval in epochs, {@code >= 1}
 */
public record Checkpoints(Path directory, int everyEpochs) {
    /** Validates the values. */
    public Checkpoints {
        Objects.requireNonNull(directory, "Checkpoints: directory");
        if (everyEpochs < 1) {
            throw new IllegalArgumentException("Checkpoints: everyEpochs must be >= 1, got " + everyEpochs);
        }
    }

    /** The file written after {@code epochsDone} epochs. */
    public Path file(int epochsDone) {
        return directory.resolve(String.format("epoch-%05d.safetensors", epochsDone));
    }
}
