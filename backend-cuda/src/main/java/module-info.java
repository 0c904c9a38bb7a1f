/**
 * jdeep's CUDA backend: every SPI primitive as one of jdeep's own CUDA kernels (compiled to PTX by
 * {@code tools/build_ptx.sh}, shipped as resources and loaded with {@code cuModuleLoadData}), driven through
 * JCuda's binding of the CUDA driver API. Needs an NVIDIA GPU of compute capability 7.5 or newer and a driver
 * for CUDA 13.0 or newer; the probe says which of these is missing.
 *
 * <p>Launch with {@code jcuda-12.6.0.jar} and {@code jcuda-natives-12.6.0-linux-x86_64.jar} on the class path
 * or on the module path. On the module path JCuda is the automatic module {@code jcuda}, which this module
 * requires only statically: resolve it with {@code --add-modules jcuda} (or {@code ALL-MODULE-PATH}). JCuda
 * cannot read its natives jar there, so the backend extracts {@code libJCudaDriver-12.6.0-linux-x86_64.so} to
 * {@code java.io.tmpdir}, where JCuda looks for it (see {@code docs/backend-cuda.md}).
 *
 * <p>System properties: {@code jdeep.cuda.device} (GPU index, default 0) and {@code jdeep.cuda.sync=true}
 * (wait for and check every kernel, to name a failing one).
 */
module org.jdeep.backend.cuda {
    requires org.jdeep.spi;
    // Static: a module path without JCuda still boots, and the probe reports the missing jar.
    requires static jcuda;

    provides org.jdeep.spi.BackendProvider with org.jdeep.backend.cuda.CudaBackendProvider;
}
