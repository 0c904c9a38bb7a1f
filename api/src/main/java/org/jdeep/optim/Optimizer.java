package org.jdeep.optim;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jdeep.Autograd;
import org.jdeep.MemoryScope;
import org.jdeep.Tensor;
import org.jdeep.loss.L2Penalty;

/**
 * Updates named parameters from their accumulated gradients (Course 2, week 2, Optimization algorithms):
 * {@link #step()} applies one update, {@link #clearGrad()} (or {@link #zeroGrad()}) clears the gradients for the
 * next mini-batch.
 * <pre>{@code
 * Optimizer opt = new Adam(model.parameters(), new AdamConfig(0.01));
 * for (Dataset batch : batches) {
 *     opt.clearGrad();
 *     loss(model.forward(batch.x()), batch.y()).backward();
 *     opt.step();
 * }
 * }</pre>
 *
 * <p>Each step takes every parameter's gradient {@code dW = W.grad()} (parameters without one, because no
 * gradient reached them, are skipped), adds the weight decay {@code (lambda/m) W} to the weights' gradients
 * when {@link #setWeightDecay(L2Penalty)} asked for it (Course 2, week 1, 1.4 Regularization: the gradient of
 * the L2 penalty, applied to the parameters {@link L2Penalty#weightsOf} selects, as the course regularises W
 * and not b), clips the result ({@link #setClipping(GradientClipping)}), then lets the subclass write the new
 * value into each parameter in place ({@link Tensor#assign(Tensor)}), under {@link Autograd#noGrad()} and a
 * {@link MemoryScope}, so a step leaves no tensor behind.
 *
 * <p>State (velocities, squared averages) is held per parameter name, allocated once when the optimizer is
 * made, and updated in place; it belongs to the optimizer and {@link #close()} frees it. Make the optimizer
 * outside any {@link MemoryScope} (like the model), or its state is freed with that scope.
 */
public abstract class Optimizer implements AutoCloseable {
    private final Map<String, Tensor> parameters;
    private final List<Tensor> state = new ArrayList<>();
    private double learningRate;
    private L2Penalty weightDecay;
    private GradientClipping clipping = GradientClipping.none();
    private long steps;

    /**
     * An optimizer of {@code parameters} starting at {@code learningRate}.
     *
     * @param parameters the tensors to train by name, each a leaf made by {@link Tensor#requiresGrad()} (as
     *     {@code Module.parameters()} gives); the order is kept
     * @param learningRate the initial learning rate α, {@code > 0}
     * @throws IllegalArgumentException when a parameter does not track gradients or there are none
     */
    protected Optimizer(Map<String, Tensor> parameters, double learningRate) {
        if (parameters.isEmpty()) {
            throw new IllegalArgumentException(getClass().getSimpleName() + ": no parameters to optimise");
        }
        parameters.forEach((name, p) -> {
            if (p == null || !p.tracksGrad()) {
                String problem = p == null ? "is null" : p.shape() + " does not track gradients; make it with "
                        + "requiresGrad()";
                throw new IllegalArgumentException(getClass().getSimpleName() + ": parameter '" + name + "' " + problem);
            }
        });
        this.parameters = Collections.unmodifiableMap(new LinkedHashMap<>(parameters));
        setLearningRate(learningRate);
    }

    /**
     * Allocates zeros shaped like each parameter, the state {@code kind} (the course's {@code initialize_velocity}
     * and {@code initialize_adam}); subclasses call it from their constructors.
     *
     * @param kind the state's name, e.g. {@code "v"} or {@code "s"}
     * @return the zero tensors by parameter name, owned by this optimizer
     */
    protected final Map<String, Tensor> allocateState(String kind) {
        Map<String, Tensor> out = new LinkedHashMap<>();
        parameters.forEach((name, p) -> {
            Tensor z = Tensor.zeros(p.dtype(), p.shape().dims());
            state.add(z);
            out.put(name, z);
        });
        return Collections.unmodifiableMap(out);
    }

    /**
     * Writes one parameter's update. Runs under {@link Autograd#noGrad()} inside a {@link MemoryScope} that
     * closes every tensor made here; write results with {@link Tensor#assign(Tensor)}.
     *
     * @param name the parameter's name
     * @param parameter the parameter W, to update in place
     * @param gradient its gradient dW, after weight decay and clipping
     * @param learningRate the current learning rate α
     */
    protected abstract void update(String name, Tensor parameter, Tensor gradient, double learningRate);

    /** Applies one update to every parameter that has a gradient. */
    public final void step() {
        try (Autograd.NoGrad off = Autograd.noGrad(); MemoryScope scope = MemoryScope.open()) {
            Map<String, Tensor> decayed = weightDecay == null ? Map.of() : L2Penalty.weightsOf(parameters);
            Map<String, Tensor> grads = new LinkedHashMap<>();
            parameters.forEach((name, p) -> {
                Tensor g = p.grad();
                if (g != null) {
                    grads.put(name, decayed.containsKey(name) ? g.add(weightDecay.gradient(p)) : g);
                }
            });
            clipping.apply(grads).forEach((name, g) -> update(name, parameters.get(name), g, learningRate));
        }
        steps++;
    }

    /** Sets every parameter's gradient to zero, before the next mini-batch's backward pass. */
    public final void zeroGrad() {
        parameters.values().forEach(Tensor::zeroGrad);
    }

    /**
     * Drops every parameter's gradient ({@link Tensor#clearGrad()}), before the next mini-batch's backward pass:
     * cheaper than {@link #zeroGrad()}, and the next {@link #step()} then updates only the parameters that
     * backward pass reached.
     */
    public final void clearGrad() {
        parameters.values().forEach(Tensor::clearGrad);
    }

    /** The parameters being trained, by name, in order (read-only). */
    public final Map<String, Tensor> parameters() {
        return parameters;
    }

    /** The learning rate α the next step uses. */
    public final double learningRate() {
        return learningRate;
    }

    /**
     * Sets the learning rate for the next steps (a {@link LearningRateSchedule} does this each epoch).
     *
     * @throws IllegalArgumentException unless {@code learningRate} is finite and {@code > 0}
     */
    public final void setLearningRate(double learningRate) {
        Hyperparameters.learningRate(getClass().getSimpleName(), learningRate);
        this.learningRate = learningRate;
    }

    /**
     * Applies L2 regularisation as weight decay: {@code (lambda/m) W} added to the gradient of each weight
     * ({@link L2Penalty#weightsOf}) before clipping and the update. Do not also add the penalty to the cost,
     * or it counts twice. Null turns it off.
     */
    public final void setWeightDecay(L2Penalty penalty) {
        this.weightDecay = penalty;
    }

    /** The weight decay applied, or null. */
    public final L2Penalty weightDecay() {
        return weightDecay;
    }

    /** Sets how gradients are clipped before each update ({@link GradientClipping#none()} by default). */
    public final void setClipping(GradientClipping clipping) {
        this.clipping = Objects.requireNonNull(clipping, "clipping (use GradientClipping.none())");
    }

    /** The gradient clipping applied. */
    public final GradientClipping clipping() {
        return clipping;
    }

    /** The number of steps taken (during a step, the steps before it: Adam's t is {@code steps() + 1}). */
    public final long steps() {
        return steps;
    }

    /** Frees the optimizer's state. The parameters are not touched. */
    @Override
    public void close() {
        state.forEach(Tensor::close);
    }
}
