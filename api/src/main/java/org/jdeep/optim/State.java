package org.jdeep.optim;

import java.util.Map;
import org.jdeep.Tensor;

/** Lookup of an optimizer's per-parameter state with a clear error for an unknown name. */
final class State {
    private State() {
    }

    /** The state of parameter {@code name}, or an error listing the parameters there are. */
    static Tensor get(Map<String, Tensor> state, String name) {
        Tensor t = state.get(name);
        if (t == null) {
            throw new IllegalArgumentException("no parameter '" + name + "'; the parameters are " + state.keySet());
        }
        return t;
    }
}
