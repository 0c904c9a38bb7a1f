package org.jdeep;

import java.lang.ref.Cleaner;
import java.util.concurrent.atomic.AtomicInteger;
import org.jdeep.spi.Backend;
import org.jdeep.spi.Buffer;

/**
 * A backend buffer shared by a tensor and the views made from it, freed when the last of them is closed,
 * or by a {@link Cleaner} once all of them are unreachable (the safety net for tensors never closed).
 */
final class Storage {
    private static final Cleaner CLEANER = Cleaner.create();

    final Backend backend;
    final Buffer buffer;
    private final AtomicInteger owners = new AtomicInteger();
    private final Cleaner.Cleanable cleanable;

    Storage(Backend backend, Buffer buffer) {
        this.backend = backend;
        this.buffer = buffer;
        this.cleanable = CLEANER.register(this, new Release(backend, buffer));
    }

    void retain() {
        owners.incrementAndGet();
    }

    /** Whether exactly one tensor (or view) owns this buffer. */
    boolean soleOwner() {
        return owners.get() == 1;
    }

    /** Drops one owner; the last one frees the buffer. */
    void release() {
        if (owners.decrementAndGet() == 0) {
            cleanable.clean();
        }
    }

    /** The cleaning action; it must not refer to the Storage, or the Storage would never become unreachable. */
    private record Release(Backend backend, Buffer buffer) implements Runnable {
        @Override
        public void run() {
            backend.release(buffer);
        }
    }
}
