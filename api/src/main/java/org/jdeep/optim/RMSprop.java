package org.jdeep.optim;

import java.util.Map;
import org.jdeep.Tensor;

/**
 * RMSprop, root mean square prop (Course 2, week 2, 2.7 RMSprop): an exponentially weighted average of the
 * squared gradients, {@code s}, scales each parameter's step, damping directions that oscillate.
 * <pre>
 * s["dW"] = beta2 * s["dW"] + (1 - beta2) * dW**2     (s starts at zeros)
 * W = W - learning_rate * dW / (sqrt(s["dW"]) + epsilon)
 * </pre>
 */
public final class RMSprop extends Optimizer {
    private final RmsPropConfig config;
    private final Map<String, Tensor> squares;

    /**
     * RMSprop on {@code parameters}, with zero squared averages allocated now.
     *
     * @param parameters leaves that track gradients, by name
     * @param config α, β₂ and ε
     */
    public RMSprop(Map<String, Tensor> parameters, RmsPropConfig config) {
        super(parameters, config.learningRate());
        this.config = config;
        this.squares = allocateState("s");
    }

    /** The configuration this optimizer was made with (its learning rate is the initial one). */
    public RmsPropConfig config() {
        return config;
    }

    /**
     * The average of squared gradients {@code s} of parameter {@code name}: the live state, owned by this
     * optimizer; read it, do not close or write it.
     *
     * @throws IllegalArgumentException for a name that is not a parameter
     */
    public Tensor squares(String name) {
        return State.get(squares, name);
    }

    @Override
    protected void update(String name, Tensor parameter, Tensor gradient, double learningRate) {
        Tensor s = squares.get(name);
        double beta2 = config.beta2();
        s.assign(s.mul(beta2).add(gradient.square().mul(1 - beta2)));
        parameter.assign(parameter.sub(gradient.mul(learningRate).div(s.sqrt().add(config.epsilon()))));
    }

    /** The optimizer and its configuration, e.g. {@code RMSprop(RmsPropConfig[...])}, as saved in checkpoints. */
    @Override
    public String toString() {
        return "RMSprop(" + config + ")";
    }
}
