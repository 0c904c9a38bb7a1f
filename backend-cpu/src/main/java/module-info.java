/**
 * jdeep's pure-Java CPU backend: the reference implementation of every SPI primitive, parallel over the
 * cores, with a Vector API matrix multiply.
 *
 * <p>System property {@code jdeep.cpu.threads}: the number of worker threads (default: the available
 * processors). The module requires the incubating {@code jdk.incubator.vector}; the JVM prints
 * "WARNING: Using incubator modules: jdk.incubator.vector" once at start-up, which is expected. On the
 * class path, launch with {@code --add-modules jdk.incubator.vector}.
 */
module org.jdeep.backend.cpu {
    requires org.jdeep.spi;
    requires jdk.incubator.vector;

    provides org.jdeep.spi.BackendProvider with org.jdeep.backend.cpu.CpuBackendProvider;
}
