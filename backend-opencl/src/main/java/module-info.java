/**
 * jdeep's OpenCL backend, on Aparapi: every SPI primitive runs as an OpenCL kernel translated from Java
 * bytecode, in FLOAT32, INT32 and (on devices with cl_khr_fp64) FLOAT64. Buffers live in device-resident
 * arenas; data crosses between host and device only on upload, download, arena growth and the read-back
 * of index checks ({@link org.jdeep.backend.opencl.OpenClDiagnostics} counts every crossing).
 *
 * <p>System property {@code jdeep.opencl.device}: the index of the device to use, from the list the probe
 * prints (default: the best device, GPUs and accelerators before CPUs, then by compute units).
 *
 * <p>Aparapi has no module descriptor; its automatic module name, from the jar name, is {@code aparapi}.
 * It reads kernel fields by reflection, so the kernel package is opened to it.
 */
module org.jdeep.backend.opencl {
    requires org.jdeep.spi;
    requires aparapi;
    requires java.logging;
    requires java.management;

    exports org.jdeep.backend.opencl;
    opens org.jdeep.backend.opencl.kernels to aparapi;

    provides org.jdeep.spi.BackendProvider with org.jdeep.backend.opencl.OpenClBackendProvider;
}
