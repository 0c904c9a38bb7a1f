package org.jdeep.optim;

import java.util.Map;
import org.jdeep.Tensor;

/**
 * Adam, adaptive moment estimation, exactly as the course's {@code update_parameters_with_adam} (Course 2,
 * week 2, 2.8 Adam optimization algorithm; Kingma and Ba, 2015): momentum and RMSprop together, each with
 * bias correction (2.5 Bias correction in exponentially weighted averages).
 * <pre>
 * t = t + 1                                                   (counted per step, from 1)
 * v["dW"] = beta1 * v["dW"] + (1 - beta1) * dW
 * v_corrected["dW"] = v["dW"] / (1 - beta1**t)
 * s["dW"] = beta2 * s["dW"] + (1 - beta2) * dW**2
 * s_corrected["dW"] = s["dW"] / (1 - beta2**t)
 * W = W - learning_rate * v_corrected["dW"] / (sqrt(s_corrected["dW"]) + epsilon)
 * </pre>
 * {@code t} is the number of steps of this optimizer, shared by all parameters as in the course.
 */
public final class Adam extends Optimizer {
    private final AdamConfig config;
    private final Map<String, Tensor> velocity;
    private final Map<String, Tensor> squares;

    /**
     * Adam on {@code parameters}, with zero moments allocated now (the course's {@code initialize_adam}).
     *
     * @param parameters leaves that track gradients, by name
     * @param config α, β₁, β₂ and ε
     */
    public Adam(Map<String, Tensor> parameters, AdamConfig config) {
        super(parameters, config.learningRate());
        this.config = config;
        this.velocity = allocateState("v");
        this.squares = allocateState("s");
    }

    /** The configuration this optimizer was made with (its learning rate is the initial one). */
    public AdamConfig config() {
        return config;
    }

    /**
     * The first moment {@code v} (uncorrected) of parameter {@code name}: the live state, owned by this
     * optimizer; read it, do not close or write it.
     *
     * @throws IllegalArgumentException for a name that is not a parameter
     */
    public Tensor velocity(String name) {
        return State.get(velocity, name);
    }

    /**
     * The second moment {@code s} (uncorrected) of parameter {@code name}: the live state, owned by this
     * optimizer; read it, do not close or write it.
     *
     * @throws IllegalArgumentException for a name that is not a parameter
     */
    public Tensor squares(String name) {
        return State.get(squares, name);
    }

    @Override
    protected void update(String name, Tensor parameter, Tensor gradient, double learningRate) {
        long t = steps() + 1;
        double beta1 = config.beta1();
        double beta2 = config.beta2();
        Tensor v = velocity.get(name);
        Tensor s = squares.get(name);
        v.assign(v.mul(beta1).add(gradient.mul(1 - beta1)));
        Tensor vCorrected = v.div(1 - Math.pow(beta1, t));
        s.assign(s.mul(beta2).add(gradient.square().mul(1 - beta2)));
        Tensor sCorrected = s.div(1 - Math.pow(beta2, t));
        parameter.assign(parameter.sub(vCorrected.mul(learningRate).div(sCorrected.sqrt().add(config.epsilon()))));
    }

    /** The optimizer and its configuration, e.g. {@code Adam(AdamConfig[...])}, as saved in checkpoints. */
    @Override
    public String toString() {
        return "Adam(" + config + ")";
    }
}
