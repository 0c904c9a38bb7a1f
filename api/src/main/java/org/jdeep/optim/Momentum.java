package org.jdeep.optim;

import java.util.Map;
import org.jdeep.Tensor;

/**
 * Gradient descent with momentum, the course's {@code update_parameters_with_momentum} (Course 2, week 2, 2.6
 * Gradient descent with momentum): an exponentially weighted average of the gradients, the velocity
 * {@code v}, smooths the oscillations of mini-batch steps.
 * <pre>
 * v["dW"] = beta * v["dW"] + (1 - beta) * dW        (v starts at zeros, initialize_velocity)
 * W = W - learning_rate * v["dW"]
 * </pre>
 * No bias correction, as in the course.
 */
public final class Momentum extends Optimizer {
    private final MomentumConfig config;
    private final Map<String, Tensor> velocity;

    /**
     * Momentum on {@code parameters}, with zero velocities allocated now.
     *
     * @param parameters leaves that track gradients, by name
     * @param config α and β
     */
    public Momentum(Map<String, Tensor> parameters, MomentumConfig config) {
        super(parameters, config.learningRate());
        this.config = config;
        this.velocity = allocateState("v");
    }

    /** The configuration this optimizer was made with (its learning rate is the initial one). */
    public MomentumConfig config() {
        return config;
    }

    /**
     * The velocity {@code v} of parameter {@code name}: the live state, owned by this optimizer; read it, do
     * not close or write it.
     *
     * @throws IllegalArgumentException for a name that is not a parameter
     */
    public Tensor velocity(String name) {
        return State.get(velocity, name);
    }

    @Override
    protected void update(String name, Tensor parameter, Tensor gradient, double learningRate) {
        Tensor v = velocity.get(name);
        double beta = config.beta();
        v.assign(v.mul(beta).add(gradient.mul(1 - beta)));
        parameter.assignAdd(v, -learningRate);
    }

    /** The optimizer and its configuration, e.g. {@code Momentum(MomentumConfig[...])}, as saved in checkpoints. */
    @Override
    public String toString() {
        return "Momentum(" + config + ")";
    }
}
