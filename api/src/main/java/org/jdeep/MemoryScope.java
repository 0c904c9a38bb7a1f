package org.jdeep;

import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Owns the tensors created inside it on its thread and closes them when it closes, except those marked
 * with {@link #keep(Tensor...)} or returned from {@link #run(Supplier)}, which pass to the enclosing scope
 * (or to no scope). This keeps device memory flat across training steps:
 * <pre>{@code
 * try (MemoryScope scope = MemoryScope.open()) {
 *     Tensor loss = model.step(batch);
 *     scope.keep(loss);
 * } // every other tensor made in the step is freed here
 * }</pre>
 * Scopes nest and are confined to the thread that opened them.
 */
public final class MemoryScope implements AutoCloseable {
    private static final ThreadLocal<MemoryScope> CURRENT = new ThreadLocal<>();

    private final MemoryScope parent;
    private final Thread owner;
    private final List<Tensor> tensors = new ArrayList<>();
    private final Set<Tensor> kept = Collections.newSetFromMap(new IdentityHashMap<>());
    private boolean closed;

    private MemoryScope(MemoryScope parent) {
        this.parent = parent;
        this.owner = Thread.currentThread();
    }

    /** Opens a scope nested in this thread's current one. */
    public static MemoryScope open() {
        MemoryScope s = new MemoryScope(CURRENT.get());
        CURRENT.set(s);
        return s;
    }

    /** Runs {@code body} in a new scope and keeps only the tensor it returns. */
    public static Tensor run(Supplier<Tensor> body) {
        try (MemoryScope s = open()) {
            Tensor t = body.get();
            if (t != null) {
                s.keep(t);
            }
            return t;
        }
    }

    /** Marks tensors to survive this scope; they move to the enclosing scope, if there is one. */
    public void keep(Tensor... keep) {
        for (Tensor t : keep) {
            if (kept.add(t) && parent != null) {
                parent.tensors.add(t);
            }
        }
    }

    /** The number of tensors this scope will close (for tests and diagnostics). */
    public int size() {
        return tensors.size() - kept.size();
    }

    static void register(Tensor t) {
        MemoryScope s = CURRENT.get();
        if (s != null) {
            s.tensors.add(t);
        }
    }

    /** Closes every tensor made inside and not kept, and makes the enclosing scope current again. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        if (Thread.currentThread() != owner) {
            throw new IllegalStateException("a MemoryScope must be closed on the thread that opened it ("
                    + owner.getName() + ")");
        }
        if (CURRENT.get() != this) {
            throw new IllegalStateException("MemoryScopes must be closed in the reverse order they were opened");
        }
        closed = true;
        for (Tensor t : tensors) {
            if (!kept.contains(t)) {
                t.close();
            }
        }
        tensors.clear();
        if (parent == null) {
            CURRENT.remove();
        } else {
            CURRENT.set(parent);
        }
    }
}
