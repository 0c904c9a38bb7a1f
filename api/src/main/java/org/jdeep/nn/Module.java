package org.jdeep.nn;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jdeep.Autograd;
import org.jdeep.Tensor;
import org.jdeep.types.Shape;

/**
 * A layer, or a network built from layers: a function {@link #forward(Tensor)} with named parameters, named
 * buffers and named child modules (Course 1, week 4, 4.5 Building blocks of deep neural networks).
 *
 * <p><b>Registration by name.</b> A subclass registers what it owns in its constructor, explicitly:
 * {@link #registerParameter(String, Tensor)} for trainable tensors, {@link #registerBuffer(String, Tensor)}
 * for state that is saved but not trained (BatchNorm's running statistics) and
 * {@link #registerModule(String, Module)} for children. {@link #parameters()} and {@link #stateDict()} name
 * a child's entries with a dotted prefix, so the first layer of a {@link Sequential} contributes
 * {@code "0.weight"} and {@code "0.bias"}. Names are stable across runs and versions, which checkpoints rely on.
 *
 * <p><b>Ownership.</b> A module owns its parameters and buffers: they are leaf tensors that live as long as the
 * module, and {@link #close()} frees them. Parameters made with {@link Tensor#requiresGrad()} and their gradients
 * belong to no {@link org.jdeep.MemoryScope}; buffers (such as running statistics) are ordinary tensors, so
 * build modules with buffers outside any scope, or a closing scope leaves them closed (and the module says so).
 *
 * <p><b>Modes.</b> A module starts in training mode; {@link #eval()} and {@link #train()} switch it and every
 * descendant. Only some layers behave differently: {@link Dropout} is the identity in eval mode, and
 * {@link BatchNorm} normalises with its running statistics (Course 2, week 1, 1.7; week 3, 3.7).
 */
public abstract class Module implements AutoCloseable {
    private final Map<String, Tensor> ownParameters = new LinkedHashMap<>();
    private final Map<String, Tensor> ownBuffers = new LinkedHashMap<>();
    private final Map<String, Module> children = new LinkedHashMap<>();
    private boolean training = true;
    private boolean closed;

    /** A module with nothing registered, in training mode. */
    protected Module() {
    }

    /**
     * The layer's computation on a batch: {@code input} has the batch on axis 0. The result is a new tensor
     * the caller owns (it may be {@code input} itself for a layer that is the identity in the current mode).
     *
     * @param input a batch, {@code (batch, ...)}
     * @return the output batch
     */
    public abstract Tensor forward(Tensor input);

    // ------------------------------------------------------------------ registration

    /**
     * Registers a trainable parameter under {@code name} and returns it: a new leaf tensor that shares
     * {@code value}'s memory and tracks gradients ({@link Tensor#requiresGrad()}). The module owns the returned
     * tensor; the caller still owns {@code value} and may close it at once (the memory stays alive for the
     * parameter). Call it from the constructor, outside any {@link org.jdeep.MemoryScope}.
     *
     * @param name a non-empty name without dots, unique in this module
     * @param value the initial value, FLOAT32 or FLOAT64
     * @return the parameter to use in {@link #forward(Tensor)}
     * @throws IllegalArgumentException for a bad or repeated name, or an INT32 value
     */
    protected final Tensor registerParameter(String name, Tensor value) {
        checkName(name, value);
        if (!value.dtype().isFloating()) {
            throw new IllegalArgumentException(getClass().getSimpleName() + ": parameter '" + name
                    + "' must be FLOAT32 or FLOAT64 to have gradients, got " + value.dtype() + " " + value.shape());
        }
        Tensor p = value.requiresGrad();
        ownParameters.put(name, p);
        return p;
    }

    /**
     * Registers a buffer under {@code name} and returns it: state that {@link #stateDict()} saves and
     * {@link #loadStateDict(Map)} restores but no optimizer trains, such as BatchNorm's running mean. The buffer
     * is a new tensor sharing {@code value}'s memory, cut from any autograd graph; update it in place with
     * {@link Tensor#assign(Tensor)}. The module owns it; the caller may close {@code value}.
     *
     * @param name a non-empty name without dots, unique in this module
     * @param value the initial value
     * @return the buffer
     * @throws IllegalArgumentException for a bad or repeated name
     */
    protected final Tensor registerBuffer(String name, Tensor value) {
        checkName(name, value);
        Tensor b = value.detach();
        ownBuffers.put(name, b);
        return b;
    }

    /**
     * Registers a child module under {@code name} and returns it; its parameters and buffers appear in this
     * module's under the prefix {@code name + "."}, and it follows this module's train/eval mode from now on.
     * This module owns the child and closes it in {@link #close()}.
     *
     * @param name a non-empty name without dots, unique in this module
     * @param module the child
     * @param <M> the child's type
     * @return {@code module}
     * @throws IllegalArgumentException for a bad or repeated name, or a module registered in itself
     */
    protected final <M extends Module> M registerModule(String name, M module) {
        checkName(name, module);
        if (module == this) {
            throw new IllegalArgumentException(getClass().getSimpleName() + ": cannot register a module in itself as '"
                    + name + "'");
        }
        children.put(name, module);
        ((Module) module).setTraining(training);
        return module;
    }

    private void checkName(String name, Object value) {
        checkOpen();
        if (name == null || name.isEmpty() || name.contains(".")) {
            throw new IllegalArgumentException(getClass().getSimpleName() + ": name '" + name
                    + "' must be non-empty and contain no '.' (dots separate the names of nested modules)");
        }
        if (value == null) {
            throw new IllegalArgumentException(getClass().getSimpleName() + ": '" + name + "' must not be null");
        }
        if (ownParameters.containsKey(name) || ownBuffers.containsKey(name) || children.containsKey(name)) {
            throw new IllegalArgumentException(getClass().getSimpleName() + ": the name '" + name
                    + "' is already registered");
        }
    }

    // ------------------------------------------------------------------ reading

    /**
     * Every trainable parameter, this module's own first and then each child's in registration order, with
     * dotted names ({@code "0.weight"}). The map is a read-only snapshot; the tensors are the live parameters,
     * owned by the module.
     */
    public final Map<String, Tensor> parameters() {
        Map<String, Tensor> out = new LinkedHashMap<>();
        collect(out, "", true, false);
        return Collections.unmodifiableMap(out);
    }

    /** Every buffer (saved, untrained state such as running statistics), named like {@link #parameters()}. */
    public final Map<String, Tensor> buffers() {
        Map<String, Tensor> out = new LinkedHashMap<>();
        collect(out, "", false, true);
        return Collections.unmodifiableMap(out);
    }

    /** The direct children in registration order, read-only. */
    public final Map<String, Module> children() {
        return Collections.unmodifiableMap(children);
    }

    /**
     * Everything a checkpoint needs: for this module its parameters then its buffers, then each child's
     * entries under its dotted prefix (PyTorch's order). The tensors are the live ones; copy them to keep a
     * snapshot that later training will not change.
     */
    public final Map<String, Tensor> stateDict() {
        Map<String, Tensor> out = new LinkedHashMap<>();
        collect(out, "", true, true);
        return Collections.unmodifiableMap(out);
    }

    private void collect(Map<String, Tensor> out, String prefix, boolean params, boolean buffers) {
        if (params) {
            ownParameters.forEach((k, v) -> out.put(prefix + k, v));
        }
        if (buffers) {
            ownBuffers.forEach((k, v) -> out.put(prefix + k, v));
        }
        children.forEach((k, m) -> m.collect(out, prefix + k + ".", params, buffers));
    }

    /** The number of trainable scalars: the sum of the parameters' sizes. */
    public final long parameterCount() {
        long n = 0;
        for (Tensor p : parameters().values()) {
            n += p.size();
        }
        return n;
    }

    // ------------------------------------------------------------------ state

    /**
     * Copies {@code state} into this module's parameters and buffers, all or nothing. Every entry is checked
     * first: a name this module lacks (unexpected), a name of this module absent from {@code state} (missing),
     * a different shape or dtype, a closed tensor or one on another backend. If anything is wrong, nothing is
     * written and the exception lists every problem. Otherwise each value is written in place with
     * {@link Tensor#assign(Tensor)}, so tensors held elsewhere (an optimizer's) see the new values.
     *
     * @param state values by the names of {@link #stateDict()}
     * @throws IllegalArgumentException naming each missing, unexpected or mismatched entry
     */
    public final void loadStateDict(Map<String, Tensor> state) {
        checkOpen();
        if (state == null) {
            throw new IllegalArgumentException(getClass().getSimpleName() + ".loadStateDict: the state must not be null");
        }
        Map<String, Tensor> own = stateDict();
        List<String> problems = new ArrayList<>();
        for (String name : own.keySet()) {
            if (!state.containsKey(name)) {
                problems.add("missing '" + name + "' " + describe(own.get(name)));
            }
        }
        for (Map.Entry<String, Tensor> e : state.entrySet()) {
            String name = e.getKey();
            Tensor target = own.get(name);
            Tensor value = e.getValue();
            if (target == null) {
                problems.add("unexpected '" + name + "'" + (value == null ? "" : " " + describe(value)));
            } else if (value == null) {
                problems.add("'" + name + "' is null, expected " + describe(target));
            } else if (value.isClosed()) {
                problems.add("'" + name + "' is a closed tensor, expected " + describe(target));
            } else if (!value.shape().equals(target.shape()) || value.dtype() != target.dtype()) {
                problems.add("'" + name + "' has " + describe(value) + ", expected " + describe(target));
            } else if (value.backend() != target.backend()) {
                problems.add("'" + name + "' lives on backend " + value.backend().name() + ", the module on "
                        + target.backend().name());
            }
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(getClass().getSimpleName() + ".loadStateDict: nothing was loaded; "
                    + problems.size() + (problems.size() == 1 ? " problem: " : " problems: ") + String.join("; ", problems));
        }
        try (Autograd.NoGrad off = Autograd.noGrad()) {
            for (Map.Entry<String, Tensor> e : own.entrySet()) {
                e.getValue().assign(state.get(e.getKey()));
            }
        }
    }

    private static String describe(Tensor t) {
        return "shape " + t.shape() + " " + t.dtype();
    }

    /** Sets every parameter's accumulated gradient to zero (Course 1, week 2, 2.10: gradients start at 0 each step). */
    public final void zeroGrad() {
        for (Tensor p : parameters().values()) {
            p.zeroGrad();
        }
    }

    // ------------------------------------------------------------------ modes

    /** Puts this module and its descendants in training mode and returns this module. */
    public final Module train() {
        setTraining(true);
        return this;
    }

    /** Puts this module and its descendants in evaluation (inference) mode and returns this module. */
    public final Module eval() {
        setTraining(false);
        return this;
    }

    /** Whether this module is in training mode (the default). */
    public final boolean isTraining() {
        return training;
    }

    private void setTraining(boolean mode) {
        training = mode;
        for (Module m : children.values()) {
            m.setTraining(mode);
        }
    }

    // ------------------------------------------------------------------ lifetime

    /** Frees every parameter, buffer and their gradients, then closes the children. Idempotent. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        for (Tensor t : ownParameters.values()) {
            if (t.grad() != null) {
                t.grad().close();
            }
            t.close();
        }
        ownBuffers.values().forEach(Tensor::close);
        children.values().forEach(Module::close);
    }

    /** Whether {@link #close()} has been called. */
    public final boolean isClosed() {
        return closed;
    }

    /**
     * Throws if the module, or one of its own parameters or buffers, was closed; layers call it at the start of
     * {@link #forward(Tensor)}. A parameter closed while its module is open almost always means the module was
     * built inside a {@link org.jdeep.MemoryScope} that has since closed, and the message says so.
     *
     * @throws IllegalStateException after {@link #close()}, or when a parameter or buffer was closed elsewhere
     */
    protected final void checkOpen() {
        if (closed) {
            throw new IllegalStateException(getClass().getSimpleName() + " is closed");
        }
        checkAlive(ownParameters, "parameter");
        checkAlive(ownBuffers, "buffer");
    }

    private void checkAlive(Map<String, Tensor> tensors, String kind) {
        for (Map.Entry<String, Tensor> e : tensors.entrySet()) {
            if (e.getValue().isClosed()) {
                throw new IllegalStateException(getClass().getSimpleName() + ": " + kind + " '" + e.getKey()
                        + "' was closed while the module is open. Was the module built inside a MemoryScope? "
                        + "Its parameters then close with the scope; build modules outside any scope");
            }
        }
    }

    /**
     * The layer's settings for {@link #toString()}, e.g. {@code "in=3, out=2"}; empty by default.
     *
     * @return a short description of the constructor arguments
     */
    protected String describeSettings() {
        return "";
    }

    /** The module and its children as an indented tree, e.g. {@code Sequential(\n  (0): Linear(in=3, out=2)\n)}. */
    @Override
    public String toString() {
        String head = getClass().getSimpleName() + "(" + describeSettings();
        if (children.isEmpty()) {
            return head + ")";
        }
        StringBuilder sb = new StringBuilder(head).append('\n');
        children.forEach((k, m) -> sb.append("  (").append(k).append("): ")
                .append(m.toString().replace("\n", "\n  ")).append('\n'));
        return sb.append(')').toString();
    }

    /**
     * Throws a clear error, naming the layer and both shapes, when {@code ok} is false.
     *
     * @param layer the layer that checks
     * @param input the layer's input
     * @param expected a description of the expected shape, e.g. {@code "(batch, 3)"}
     * @param ok whether the shape is acceptable
     */
    static void requireShape(Module layer, Tensor input, String expected, boolean ok) {
        if (!ok) {
            throw new org.jdeep.ShapeMismatchException(layer + ": expected input " + expected + ", got "
                    + input.shape() + " " + input.dtype());
        }
    }

    /** {@link #requireShape(Module, Tensor, String, boolean)} for an expected {@code (batch, features)}. */
    static void requireShape(Module layer, Tensor input, int features, boolean ok) {
        if (!ok) {
            requireShape(layer, input, "(batch, " + features + ")", false);
        }
    }

    static String dims(int... d) {
        return Shape.toString(d);
    }
}
