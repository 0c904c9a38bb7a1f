package org.jdeep.backend.opencl;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Counters of the data the OpenCL backend moves between host and device, for tests and for anyone checking
 * that tensors stay on the device. A <em>transfer</em> is one host-to-device write or device-to-host read of
 * a data buffer: an explicit write or read of a staging array or an arena, or the copy Aparapi makes when
 * an array is bound to a kernel argument for the first time (an arena when it is created or grows, a staging
 * array when it changes size). Each launch also writes its small parameter block (at most 320 bytes),
 * counted separately as an argument write; index checks read back a 16-byte flag block, counted as a
 * device-to-host transfer.
 */
public final class OpenClDiagnostics {

    private static final AtomicLong H2D = new AtomicLong();
    private static final AtomicLong D2H = new AtomicLong();
    private static final AtomicLong H2D_BYTES = new AtomicLong();
    private static final AtomicLong D2H_BYTES = new AtomicLong();
    private static final AtomicLong ARGUMENT_WRITES = new AtomicLong();
    private static final AtomicLong LAUNCHES = new AtomicLong();

    private OpenClDiagnostics() {
    }

    /**
     * The counts since the JVM started or since {@link #reset()}, summed over every open OpenCL backend.
     *
     * @param hostToDevice data transfers from host to device
     * @param deviceToHost data transfers from device to host
     * @param bytesHostToDevice bytes of those host-to-device transfers
     * @param bytesDeviceToHost bytes of those device-to-host transfers
     * @param argumentWrites writes of a launch's parameter block or of the flag block
     * @param launches kernel launches
     */
    public record Transfers(long hostToDevice, long deviceToHost, long bytesHostToDevice, long bytesDeviceToHost,
                            long argumentWrites, long launches) {
        /** Host-to-device plus device-to-host data transfers. */
        public long total() {
            return hostToDevice + deviceToHost;
        }
    }

    /** The current counts. */
    public static Transfers transfers() {
        return new Transfers(H2D.get(), D2H.get(), H2D_BYTES.get(), D2H_BYTES.get(), ARGUMENT_WRITES.get(),
                LAUNCHES.get());
    }

    /** Sets every counter to zero. */
    public static void reset() {
        H2D.set(0);
        D2H.set(0);
        H2D_BYTES.set(0);
        D2H_BYTES.set(0);
        ARGUMENT_WRITES.set(0);
        LAUNCHES.set(0);
    }

    static void hostToDevice(long bytes) {
        H2D.incrementAndGet();
        H2D_BYTES.addAndGet(bytes);
    }

    static void deviceToHost(long bytes) {
        D2H.incrementAndGet();
        D2H_BYTES.addAndGet(bytes);
    }

    static void argumentWrite() {
        ARGUMENT_WRITES.incrementAndGet();
    }

    static void launch() {
        LAUNCHES.incrementAndGet();
    }
}
