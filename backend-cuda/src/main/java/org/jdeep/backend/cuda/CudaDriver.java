package org.jdeep.backend.cuda;

import static jcuda.driver.JCudaDriver.cuDeviceGet;
import static jcuda.driver.JCudaDriver.cuDeviceGetAttribute;
import static jcuda.driver.JCudaDriver.cuDeviceGetCount;
import static jcuda.driver.JCudaDriver.cuDeviceGetName;
import static jcuda.driver.JCudaDriver.cuDeviceTotalMem;
import static jcuda.driver.JCudaDriver.cuDriverGetVersion;
import static jcuda.driver.JCudaDriver.cuInit;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import jcuda.JCudaVersion;
import jcuda.driver.CUdevice;
import jcuda.driver.CUdevice_attribute;
import jcuda.driver.CUresult;
import jcuda.driver.JCudaDriver;

/**
 * The first contact with JCuda and the NVIDIA driver, made only from {@link CudaBackendProvider#probe()} and
 * {@link CudaBackendProvider#open()}: loading this class loads JCuda's Java classes, and {@link #initialise}
 * loads its native library (which links {@code libcuda.so.1}, the driver) and calls {@code cuInit}. Every
 * way that can fail becomes an {@link Unavailable} with one line that says what is missing.
 */
final class CudaDriver {

    /** The oldest driver API version that accepts nvcc 13's PTX ({@code .version 9.0}). */
    static final int MIN_DRIVER_VERSION = 13000;
    /** The oldest compute capability the PTX ({@code .target sm_75}) runs on, as major*10 + minor. */
    static final int MIN_CAPABILITY = 75;

    private CudaDriver() {
    }

    /** Why the backend cannot run here: one line for {@code backends}. */
    static final class Unavailable extends Exception {
        private static final long serialVersionUID = 1L;

        Unavailable(String reason) {
            super(reason, null, false, false);
        }
    }

    /** The device the backend runs on, as the driver describes it. */
    record DeviceInfo(int ordinal, String name, int capabilityMajor, int capabilityMinor, int multiprocessors,
                      long totalBytes, int driverVersion, String jcudaVersion) {

        /** The probe's detail line. */
        String describe() {
            return "cuda: " + name + " (device " + ordinal + ", compute capability " + capabilityMajor + "."
                    + capabilityMinor + ", " + multiprocessors + " SMs, " + gib(totalBytes) + "), driver supports CUDA "
                    + cudaVersion(driverVersion) + ", JCuda " + jcudaVersion;
        }
    }

    /** {@code 13000} as {@code "13.0"}. */
    static String cudaVersion(int v) {
        return (v / 1000) + "." + (v % 1000) / 10;
    }

    /** Bytes as GiB with one decimal. */
    static String gib(long bytes) {
        return String.format(Locale.ROOT, "%.1f GiB", bytes / (double) (1L << 30));
    }

    /**
     * Loads JCuda's natives, initialises the driver and describes device {@code ordinal}.
     *
     * @throws Unavailable with the reason when any step fails
     */
    static DeviceInfo initialise(int ordinal) throws Unavailable {
        // On the module path JCuda cannot read its natives jar: write the library where JCuda looks first.
        String notPrepared = JCudaNatives.prepare();
        try {
            // The first call into JCudaDriver runs its static initialiser, which loads the native library.
            JCudaDriver.setExceptionsEnabled(false);
        } catch (UnsatisfiedLinkError e) {
            throw new Unavailable(describeLoadFailure(e.getMessage(), JCudaDriver.class.getModule().isNamed(),
                    notPrepared));
        }
        int[] version = {0};
        int vr = cuDriverGetVersion(version);
        int r = cuInit(0);
        if (r != CUresult.CUDA_SUCCESS) {
            throw new Unavailable(describeInitFailure(r, vr == CUresult.CUDA_SUCCESS ? version[0] : 0));
        }
        int[] count = {0};
        check(cuDeviceGetCount(count), "cuDeviceGetCount");
        if (count[0] == 0) {
            throw new Unavailable("cuda: no CUDA device: the NVIDIA driver is installed but reports no GPU");
        }
        if (ordinal < 0 || ordinal >= count[0]) {
            throw new Unavailable("cuda: -D" + CudaBackendProvider.DEVICE_PROPERTY + "=" + ordinal + " but the driver "
                    + "reports " + count[0] + (count[0] == 1 ? " device (index 0)" : " devices (0 to " + (count[0] - 1)
                    + ")"));
        }
        if (version[0] < MIN_DRIVER_VERSION) {
            throw new Unavailable("cuda: the NVIDIA driver supports CUDA " + cudaVersion(version[0]) + ", but jdeep's "
                    + "kernels are PTX 9.0 from nvcc 13 and need a driver for CUDA 13.0 or newer (R580+): update the "
                    + "driver");
        }
        CUdevice device = new CUdevice();
        check(cuDeviceGet(device, ordinal), "cuDeviceGet");
        byte[] name = new byte[256];
        check(cuDeviceGetName(name, name.length, device), "cuDeviceGetName");
        int major = attribute(device, CUdevice_attribute.CU_DEVICE_ATTRIBUTE_COMPUTE_CAPABILITY_MAJOR);
        int minor = attribute(device, CUdevice_attribute.CU_DEVICE_ATTRIBUTE_COMPUTE_CAPABILITY_MINOR);
        int sms = attribute(device, CUdevice_attribute.CU_DEVICE_ATTRIBUTE_MULTIPROCESSOR_COUNT);
        long[] total = {0};
        check(cuDeviceTotalMem(total, device), "cuDeviceTotalMem");
        DeviceInfo info = new DeviceInfo(ordinal, cString(name), major, minor, sms, total[0], version[0],
                JCudaVersion.get());
        if (major * 10 + minor < MIN_CAPABILITY) {
            throw new Unavailable("cuda: " + info.name() + " has compute capability " + major + "." + minor
                    + ", and jdeep's PTX targets sm_75 (Turing) or newer");
        }
        return info;
    }

    private static int attribute(CUdevice device, int attribute) throws Unavailable {
        int[] v = {0};
        check(cuDeviceGetAttribute(v, attribute, device), "cuDeviceGetAttribute(" + attribute + ")");
        return v[0];
    }

    private static void check(int result, String call) throws Unavailable {
        if (result != CUresult.CUDA_SUCCESS) {
            throw new Unavailable("cuda: " + call + " failed: " + CUresult.stringFor(result));
        }
    }

    static String cString(byte[] bytes) {
        int n = 0;
        while (n < bytes.length && bytes[n] != 0) {
            n++;
        }
        return new String(bytes, 0, n, StandardCharsets.UTF_8).trim();
    }

    /** The library JCuda's driver binding loads, in the natives jar's {@code lib/} folder. */
    static final String JCUDA_LIBRARY = "libJCudaDriver-12.6.0-linux-x86_64.so";

    /**
     * One line for a failure to load JCuda's native library. The error's message (JCuda puts the nested
     * load attempts' traces in it) tells the missing driver ({@code libcuda.so.1}) from a missing JCuda library.
     *
     * @param onModulePath whether JCuda is a named module (then {@link JCudaNatives} prepared the library)
     * @param notPrepared why {@link JCudaNatives#prepare()} could not write the library, or null
     */
    static String describeLoadFailure(String message, boolean onModulePath, String notPrepared) {
        String m = message == null ? "" : message;
        if (m.contains("libcuda.so")) {
            return "cuda: no NVIDIA driver: libcuda.so.1 was not found (JCuda's native library loaded, but the "
                    + "driver library it links is missing; install the NVIDIA driver, R580+ for CUDA 13)";
        }
        String hint = onModulePath
                ? "on the module path jdeep extracts it from jcuda-natives-12.6.0-linux-x86_64.jar to java.io.tmpdir"
                        + (notPrepared == null ? "" : ", but " + notPrepared)
                        + "; or pass -Djava.library.path=DIR where DIR holds " + JCUDA_LIBRARY
                : "put org.jcuda:jcuda-natives:12.6.0:linux-x86_64 on the class path";
        return "cuda: JCuda's native library " + JCUDA_LIBRARY + " could not be loaded (" + hint + ")"
                + firstLine(m);
    }

    private static String firstLine(String m) {
        String line = m.strip().lines().findFirst().orElse("");
        return line.isEmpty() ? "" : ": " + line;
    }

    /** One line for a failed {@code cuInit}. */
    static String describeInitFailure(int result, int driverVersion) {
        String name = CUresult.stringFor(result);
        String driver = driverVersion > 0 ? " (driver supports CUDA " + cudaVersion(driverVersion) + ")" : "";
        if (result == CUresult.CUDA_ERROR_NO_DEVICE) {
            return "cuda: no CUDA device: the NVIDIA driver is installed but cuInit found no GPU" + driver + " ("
                    + name + ")";
        }
        if (result == CUresult.CUDA_ERROR_STUB_LIBRARY) {
            return "cuda: libcuda.so.1 is the CUDA toolkit's stub library, not an NVIDIA driver (" + name + ")";
        }
        return "cuda: cuInit failed: " + name + driver;
    }
}
