package org.jdeep.spi;

/**
 * Whether a backend can run on this machine, with one line that says why: the device when it can, the
 * reason and the fix when it cannot (for example "no OpenCL platform found (install an ICD such as
 * pocl-opencl-icd)").
 *
 * @param available whether {@link BackendProvider#open()} will succeed
 * @param detail the device description, or the reason it is unavailable
 */
public record Probe(boolean available, String detail) {

    /** Requires a detail. */
    public Probe {
        if (detail == null || detail.isBlank()) {
            throw new IllegalArgumentException("a probe result needs a detail line");
        }
    }

    /** The backend can run, on the device described. */
    public static Probe available(String device) {
        return new Probe(true, device);
    }

    /** The backend cannot run here, for the reason given. */
    public static Probe unavailable(String reason) {
        return new Probe(false, reason);
    }
}
