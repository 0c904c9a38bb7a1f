package org.jdeep.nn;

import java.util.Arrays;
import java.util.List;
import org.jdeep.Tensor;

/**
 * Layers applied one after another, {@code forward(x) = layer_n(...layer_1(x))}: the L-layer network of the
 * course's forward propagation loop (Course 1, week 4, 4.2 Forward propagation in a deep network). Children
 * are registered as {@code "0"}, {@code "1"}, ..., so parameters are named {@code "0.weight"},
 * {@code "0.bias"}, and so on:
 * <pre>{@code
 * Sequential model = new Sequential(
 *         new Linear(2, 4, rng), new ReLU(),
 *         new Linear(4, 1, rng), new Sigmoid());
 * }</pre>
 *
 * <p>Each intermediate activation is closed as soon as the next layer has consumed it (autograd keeps what
 * {@link Tensor#backward()} needs), so layers must not hold on to their input after {@code forward} returns.
 */
public final class Sequential extends Module {
    private final List<Module> layers;

    /**
     * The layers in order; this module owns them from now on.
     *
     * @param layers at least one module
     * @throws IllegalArgumentException for no layers or a null one
     */
    public Sequential(Module... layers) {
        this(Arrays.asList(layers));
    }

    /**
     * The layers in order; this module owns them from now on.
     *
     * @param layers at least one module
     * @throws IllegalArgumentException for no layers or a null one
     */
    public Sequential(List<Module> layers) {
        if (layers == null || layers.isEmpty()) {
            throw new IllegalArgumentException("Sequential needs at least one layer");
        }
        for (int i = 0; i < layers.size(); i++) {
            registerModule(Integer.toString(i), layers.get(i));
        }
        this.layers = List.copyOf(layers);
    }

    /** The number of layers. */
    public int size() {
        return layers.size();
    }

    /**
     * The layer at {@code index}, registered as {@code String.valueOf(index)}.
     *
     * @throws IndexOutOfBoundsException outside {@code [0, size())}
     */
    public Module get(int index) {
        return layers.get(index);
    }

    /** Applies each layer in order to the batch, {@code (batch, ...) -> (batch, ...)}. */
    @Override
    public Tensor forward(Tensor input) {
        checkOpen();
        Tensor x = input;
        for (Module layer : layers) {
            Tensor y = layer.forward(x);
            if (x != input && x != y) {
                x.close();
            }
            x = y;
        }
        return x;
    }
}
