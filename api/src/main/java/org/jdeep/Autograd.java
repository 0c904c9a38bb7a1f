package org.jdeep;

/**
 * Switches gradient recording for the current thread. Recording is on by default: every operation on a
 * tensor that {@linkplain Tensor#requiresGrad() tracks gradients} records how to differentiate itself
 * (reverse-mode automatic differentiation, defined by run; Course 1, week 2, 2.7-2.8 Computation graph and
 * derivatives with a computation graph). Inference and parameter updates run without recording:
 * <pre>{@code
 * try (Autograd.NoGrad off = Autograd.noGrad()) {
 *     Tensor prediction = model.forward(x);
 * }
 * }</pre>
 */
public final class Autograd {
    private static final ThreadLocal<int[]> DISABLED = ThreadLocal.withInitial(() -> new int[1]);

    private Autograd() {
    }

    /** Turns recording off on this thread until the returned scope is closed. Scopes nest. */
    public static NoGrad noGrad() {
        DISABLED.get()[0]++;
        return new NoGrad();
    }

    /** Whether operations on this thread record gradients now. */
    public static boolean isEnabled() {
        return DISABLED.get()[0] == 0;
    }

    /** The scope returned by {@link #noGrad()}; closing it restores recording. */
    public static final class NoGrad implements AutoCloseable {
        private boolean closed;

        private NoGrad() {
        }

        @Override
        public void close() {
            if (!closed) {
                closed = true;
                DISABLED.get()[0]--;
            }
        }
    }
}
