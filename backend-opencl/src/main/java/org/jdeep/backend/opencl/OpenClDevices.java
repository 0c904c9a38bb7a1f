package org.jdeep.backend.opencl;

import com.aparapi.device.Device;
import com.aparapi.device.OpenCLDevice;
import com.aparapi.exception.CompileFailedException;
import com.aparapi.internal.kernel.KernelManager;
import com.aparapi.internal.opencl.OpenCLLoader;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.jdeep.backend.opencl.kernels.Fp64Probe;

/**
 * The OpenCL devices Aparapi sees, their fp64 support, and the one jdeep uses. Loaded only when the
 * provider is probed or opened, since touching Aparapi loads its native library.
 */
final class OpenClDevices {

    /** The system property that picks a device by its index in {@link #describeAll}. */
    static final String DEVICE_PROPERTY = "jdeep.opencl.device";

    /** One device: its index in Aparapi's list, and what the probe prints. */
    record Info(int index, OpenCLDevice device, String name, String platform, Device.TYPE type, int computeUnits,
                long globalMemory, boolean fp64) {
        /** {@code [index] name (platform name, platform vendor), TYPE, N compute units, M MiB, fp64|no fp64}. */
        String describe() {
            return "[" + index + "] " + name + " (" + platform + "), " + type + ", " + computeUnits
                    + " compute units, " + (globalMemory >> 20) + " MiB, " + (fp64 ? "fp64" : "no fp64");
        }
    }

    /** The outcome of a scan: the chosen device, or the reason there is none. */
    record Scan(List<Info> devices, Info chosen, String problem) {
        String detail() {
            if (chosen == null) {
                return problem;
            }
            StringBuilder sb = new StringBuilder("opencl: ").append(chosen.describe().substring(
                    chosen.describe().indexOf(' ') + 1)).append(" [device ").append(chosen.index()).append(']');
            if (devices.size() > 1) {
                sb.append("; devices:");
                for (Info d : devices) {
                    sb.append(' ').append(d.describe()).append(';');
                }
                sb.setLength(sb.length() - 1);
            }
            return sb.toString();
        }
    }

    private static Scan scan;
    private static final List<Fp64Probe> PROBES = new ArrayList<>();

    private OpenClDevices() {
    }

    /** Scans once per JVM (Aparapi caches its platform list too); never throws. */
    static synchronized Scan scan() {
        if (scan == null) {
            scan = doScan();
        }
        return scan;
    }

    private static Scan doScan() {
        List<Info> infos = new ArrayList<>();
        try {
            if (!OpenCLLoader.isOpenCLAvailable()) {
                return new Scan(infos, null, "opencl: Aparapi could not load its native library or libOpenCL.so.1 "
                        + "(install ocl-icd-libopencl1 and an ICD such as pocl-opencl-icd)");
            }
            List<OpenCLDevice> devices = OpenCLDevice.listDevices(null);
            if (devices.isEmpty()) {
                return new Scan(infos, null, "opencl: no OpenCL platform found (install an ICD such as "
                        + "pocl-opencl-icd)");
            }
            for (int i = 0; i < devices.size(); i++) {
                OpenCLDevice d = devices.get(i);
                // Aparapi treats every device as sharing host memory unless told otherwise, and then maps
                // buffers onto the Java arrays (CL_MEM_USE_HOST_PTR). The garbage collector may move a small
                // array between a launch and its read-back; Aparapi's get() then re-pins the array at its new
                // address without remapping the buffer, and later launches write to the old address: heap
                // corruption, a crashed JVM (GcMoveTest). Buffers of the device's own are immune to moves.
                d.setSharedMemory(false);
                infos.add(new Info(i, d, d.getName().trim(), d.getOpenCLPlatform().getName().trim() + ", "
                        + d.getOpenCLPlatform().getVendor().trim(), d.getType(),
                        d.getMaxComputeUnits(), d.getGlobalMemSize(), hasFp64(d)));
            }
        } catch (RuntimeException | LinkageError e) {
            return new Scan(infos, null, "opencl: probing OpenCL through Aparapi failed: " + e);
        }
        String wanted = System.getProperty(DEVICE_PROPERTY);
        if (wanted != null && !wanted.isBlank()) {
            int index;
            try {
                index = Integer.parseInt(wanted.trim());
            } catch (NumberFormatException e) {
                index = -1;
            }
            if (index < 0 || index >= infos.size()) {
                return new Scan(infos, null, "opencl: -D" + DEVICE_PROPERTY + "=" + wanted + " is not a device "
                        + "index; devices: " + list(infos));
            }
            return new Scan(infos, infos.get(index), null);
        }
        Info best = infos.stream().min(Comparator.comparingInt((Info d) -> rank(d.type()))
                .thenComparing(Comparator.comparingInt(Info::computeUnits).reversed())
                .thenComparingInt(Info::index)).orElseThrow();
        return new Scan(infos, best, null);
    }

    private static int rank(Device.TYPE type) {
        return switch (type) {
            case GPU -> 0;
            case ACC -> 1;
            case CPU -> 2;
            case UNKNOWN, JTP, SEQ, ALT -> 3;
        };
    }

    private static String list(List<Info> infos) {
        StringBuilder sb = new StringBuilder();
        for (Info d : infos) {
            sb.append(sb.length() == 0 ? "" : "; ").append(d.describe());
        }
        return sb.toString();
    }

    /** Compiles a double kernel for the device: Aparapi refuses with "FP64 required but not supported". */
    private static boolean hasFp64(OpenCLDevice device) {
        Fp64Probe probe = new Fp64Probe();
        // Never disposed: Aparapi 3.0.2 crashes in JNIContext::dispose for a kernel that was compiled but
        // never run. One small context per device per JVM.
        PROBES.add(probe);
        try {
            onlyOn(probe, device);
            probe.compile(device);
            return true;
        } catch (CompileFailedException e) {
            return false;
        }
    }

    /** Makes the device the kernel's only preferred device, so Aparapi never picks another one by itself. */
    static void onlyOn(com.aparapi.Kernel kernel, Device device) {
        Set<Device> only = new LinkedHashSet<>();
        only.add(device);
        KernelManager.instance().setPreferredDevices(kernel, new LinkedHashSet<>(only));
    }
}
