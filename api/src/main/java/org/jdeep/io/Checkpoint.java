package org.jdeep.io;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jdeep.Tensor;

/**
 * What a safetensors file holds: its tensors by name, in the order the file's header lists them, and its
 * string metadata ({@code __metadata__}: for jdeep's own files the seed, configuration, backend and version
 * a model was made with). Closing it closes the tensors.
 *
 * @param tensors the tensors, in header order (unmodifiable)
 * @param metadata the metadata, in header order (unmodifiable; empty when the file has none)
 */
public record Checkpoint(Map<String, Tensor> tensors, Map<String, String> metadata) implements AutoCloseable {

    /** Copies both maps, keeping their order, into unmodifiable ones. */
    public Checkpoint {
        tensors = Collections.unmodifiableMap(new LinkedHashMap<>(tensors));
        metadata = Collections.unmodifiableMap(new LinkedHashMap<>(metadata));
    }

    /**
     * The tensor called {@code name}.
     *
     * @throws IllegalArgumentException when there is none, listing the names there are
     */
    public Tensor tensor(String name) {
        Tensor t = tensors.get(name);
        if (t == null) {
            throw new IllegalArgumentException("no tensor '" + name + "' in this checkpoint; it has "
                    + tensors.keySet());
        }
        return t;
    }

    /** Closes every tensor. */
    @Override
    public void close() {
        tensors.values().forEach(Tensor::close);
    }
}
