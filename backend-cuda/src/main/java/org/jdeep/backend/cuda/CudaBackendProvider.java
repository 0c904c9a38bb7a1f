package org.jdeep.backend.cuda;

import java.util.Locale;
import org.jdeep.spi.Backend;
import org.jdeep.spi.BackendProvider;
import org.jdeep.spi.Probe;

/**
 * The {@code "cuda"} backend provider. Constructing it loads nothing; {@link #probe()} loads JCuda and its
 * natives, initialises the NVIDIA driver and describes the GPU, once per JVM (a failed native load cannot be
 * retried in the same JVM anyway), and never throws: a missing JCuda jar, JCuda native library, driver or
 * device each gives one line saying which.
 *
 * <p>System property {@value #DEVICE_PROPERTY}: the index of the GPU to use (default 0).
 */
public final class CudaBackendProvider implements BackendProvider {

    /** Selects the GPU by its driver index. */
    public static final String DEVICE_PROPERTY = "jdeep.cuda.device";

    private static final Object LOCK = new Object();
    private static Probe cachedProbe;
    private static Object cachedDevice;

    /** Public no-argument constructor for {@link java.util.ServiceLoader}; does no work. */
    public CudaBackendProvider() {
    }

    @Override
    public String name() {
        return "cuda";
    }

    @Override
    public Probe probe() {
        synchronized (LOCK) {
            if (cachedProbe == null) {
                cachedProbe = runProbe();
            }
            return cachedProbe;
        }
    }

    @Override
    public Backend open() {
        Probe p = probe();
        if (!p.available()) {
            throw new IllegalStateException(p.detail());
        }
        synchronized (LOCK) {
            return CudaBackend.open((CudaDriver.DeviceInfo) cachedDevice);
        }
    }

    /** Everything that can go wrong becomes an unavailable probe; nothing escapes. */
    private static Probe runProbe() {
        String platform = platformProblem(System.getProperty("os.name", ""), System.getProperty("os.arch", ""));
        if (platform != null) {
            return Probe.unavailable(platform);
        }
        int ordinal;
        try {
            ordinal = Integer.parseInt(System.getProperty(DEVICE_PROPERTY, "0").trim());
        } catch (NumberFormatException e) {
            return Probe.unavailable("cuda: -D" + DEVICE_PROPERTY + "=" + System.getProperty(DEVICE_PROPERTY)
                    + " is not a device index");
        }
        try {
            CudaDriver.DeviceInfo info = CudaDriver.initialise(ordinal);
            cachedDevice = info;
            return Probe.available(info.describe());
        } catch (CudaDriver.Unavailable e) {
            return Probe.unavailable(e.getMessage());
        } catch (NoClassDefFoundError e) {
            return Probe.unavailable(describeMissingClass(e));
        } catch (UnsatisfiedLinkError e) {
            // A native method missing from a library that did load: the wrong natives version.
            return Probe.unavailable("cuda: JCuda's native library does not match JCuda 12.6.0: " + oneLine(e));
        } catch (RuntimeException | LinkageError e) {
            return Probe.unavailable("cuda: probe failed: " + oneLine(e));
        }
    }

    /** JCuda bundles natives for this backend's platform only. */
    static String platformProblem(String osName, String osArch) {
        String os = osName.toLowerCase(Locale.ROOT);
        String arch = osArch.toLowerCase(Locale.ROOT);
        if (!os.startsWith("linux") || !(arch.equals("amd64") || arch.equals("x86_64"))) {
            return "cuda: jdeep's CUDA backend runs on linux-x86_64 (the JCuda natives it ships), not on " + osName
                    + " " + osArch;
        }
        return null;
    }

    static String describeMissingClass(NoClassDefFoundError e) {
        String m = String.valueOf(e.getMessage());
        if (m.startsWith("jcuda/") || m.startsWith("jcuda.")) {
            if (CudaBackendProvider.class.getModule().isNamed()) {
                return "cuda: JCuda (org.jcuda:jcuda:12.6.0, the automatic module jcuda) is not readable: put its jar "
                        + "on the module path and add --add-modules jcuda (missing class " + m + ")";
            }
            return "cuda: the JCuda jar (org.jcuda:jcuda:12.6.0) is not on the class path (missing class " + m
                    + ")";
        }
        if (m.startsWith("Could not initialize class jcuda")) {
            return "cuda: JCuda failed to initialise earlier in this JVM (" + m + ")";
        }
        return "cuda: probe failed: " + oneLine(e);
    }

    private static String oneLine(Throwable t) {
        String m = t.getMessage() == null ? "" : t.getMessage().strip().lines().findFirst().orElse("");
        return t.getClass().getName() + (m.isEmpty() ? "" : ": " + m);
    }
}
