package org.jdeep.backend.cuda;

/**
 * The GPU has no room for a buffer: the message names the request and the device's free and total memory
 * at that moment (from {@code cuMemGetInfo}).
 */
public final class CudaOutOfMemoryError extends OutOfMemoryError {
    private static final long serialVersionUID = 1L;

    private final long requestedBytes;
    private final long freeBytes;
    private final long totalBytes;

    CudaOutOfMemoryError(String message, long requestedBytes, long freeBytes, long totalBytes) {
        super(message);
        this.requestedBytes = requestedBytes;
        this.freeBytes = freeBytes;
        this.totalBytes = totalBytes;
    }

    /** Bytes asked for. */
    public long requestedBytes() {
        return requestedBytes;
    }

    /** Free device memory when the allocation failed, or -1 if the driver could not say. */
    public long freeBytes() {
        return freeBytes;
    }

    /** Total device memory, or -1 if the driver could not say. */
    public long totalBytes() {
        return totalBytes;
    }
}
