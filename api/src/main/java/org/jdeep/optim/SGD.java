package org.jdeep.optim;

import java.util.Map;
import org.jdeep.Tensor;

/**
 * Plain (mini-batch) gradient descent, the course's {@code update_parameters_with_gd} (Course 1, week 2, 2.4
 * Gradient descent; Course 2, week 2, 2.1 Mini-batch gradient descent):
 * <pre>
 * W = W - learning_rate * dW
 * </pre>
 * Stateless.
 */
public final class SGD extends Optimizer {
    private final SgdConfig config;

    /**
     * Gradient descent on {@code parameters} with {@code config}'s learning rate.
     *
     * @param parameters leaves that track gradients, by name
     * @param config the learning rate
     */
    public SGD(Map<String, Tensor> parameters, SgdConfig config) {
        super(parameters, config.learningRate());
        this.config = config;
    }

    /** The configuration this optimizer was made with (its learning rate is the initial one). */
    public SgdConfig config() {
        return config;
    }

    @Override
    protected void update(String name, Tensor parameter, Tensor gradient, double learningRate) {
        parameter.assignAdd(gradient, -learningRate);
    }

    /** The optimizer and its configuration, e.g. {@code SGD(SgdConfig[...])}, as saved in checkpoints. */
    @Override
    public String toString() {
        return "SGD(" + config + ")";
    }
}
