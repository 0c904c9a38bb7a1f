package org.jdeep.backend.cuda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.lang.module.ModuleDescriptor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ServiceLoader;
import java.util.zip.ZipFile;
import jcuda.driver.CUresult;
import org.jdeep.spi.BackendProvider;
import org.jdeep.spi.Probe;
import org.junit.jupiter.api.Test;

/** The provider in this JVM (the class path) and the one-line reasons the probe gives. */
class ProbeTest {

    @Test
    void foundByServiceLoaderOnTheClassPath() {
        boolean found = ServiceLoader.load(BackendProvider.class).stream()
                .anyMatch(p -> p.type() == CudaBackendProvider.class);
        assertTrue(found, "META-INF/services/org.jdeep.spi.BackendProvider lists the cuda provider");
        assertEquals("cuda", new CudaBackendProvider().name());
    }

    @Test
    void moduleDescriptorProvidesTheBackend() throws Exception {
        // The descriptor in the jar or folder the provider was loaded from (the class path does not apply it).
        Path where = Path.of(CudaBackendProvider.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        ModuleDescriptor d;
        if (Files.isDirectory(where)) {
            try (InputStream in = Files.newInputStream(where.resolve("module-info.class"))) {
                d = ModuleDescriptor.read(in);
            }
        } else {
            try (ZipFile jar = new ZipFile(where.toFile()); InputStream in = jar.getInputStream(
                    jar.getEntry("module-info.class"))) {
                d = ModuleDescriptor.read(in);
            }
        }
        assertEquals("org.jdeep.backend.cuda", d.name());
        assertTrue(d.provides().stream().anyMatch(p -> p.service().equals("org.jdeep.spi.BackendProvider")
                && p.providers().contains(CudaBackendProvider.class.getName())), d.toString());
        assertTrue(d.requires().stream().anyMatch(r -> r.name().equals("jcuda")
                && r.modifiers().contains(ModuleDescriptor.Requires.Modifier.STATIC)), d.toString());
    }

    @Test
    void probeNeverThrowsAndIsOneLine() {
        Probe p = new CudaBackendProvider().probe();
        assertTrue(p.detail().startsWith("cuda: "), p.detail());
        assertFalse(p.detail().contains("\n"), p.detail());
        assertSame(p, new CudaBackendProvider().probe(), "probed once per JVM");
        if (!p.available()) {
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> new CudaBackendProvider().open());
            assertEquals(p.detail(), e.getMessage());
        }
    }

    @Test
    void withoutDriverTheReasonNamesIt() {
        Probe p = new CudaBackendProvider().probe();
        boolean driverLibrary = Files.exists(Path.of("/usr/lib/x86_64-linux-gnu/libcuda.so.1"))
                || Files.exists(Path.of("/usr/lib64/libcuda.so.1")) || Files.exists(Path.of("/usr/lib/libcuda.so.1"));
        if (!driverLibrary && System.getenv("LD_LIBRARY_PATH") == null) {
            assertFalse(p.available());
            assertEquals("cuda: no NVIDIA driver: libcuda.so.1 was not found (JCuda's native library loaded, but the "
                    + "driver library it links is missing; install the NVIDIA driver, R580+ for CUDA 13)", p.detail());
        }
    }

    @Test
    void loadFailureMessages() {
        String jcudaMessage = "Error while loading native library \"JCudaDriver-12.6.0-linux-x86_64\"\n"
                + "Operating system name: Linux\n...\njava.lang.UnsatisfiedLinkError: /tmp/libJCudaDriver-12.6.0-"
                + "linux-x86_64.so: libcuda.so.1: cannot open shared object file: No such file or directory";
        assertTrue(CudaDriver.describeLoadFailure(jcudaMessage, false, null).startsWith("cuda: no NVIDIA driver"));
        assertTrue(CudaDriver.describeLoadFailure(jcudaMessage, true, null).startsWith("cuda: no NVIDIA driver"));
        String missing = "Error while loading native library \"JCudaDriver-12.6.0-linux-x86_64\"\nmore";
        assertEquals("cuda: JCuda's native library libJCudaDriver-12.6.0-linux-x86_64.so could not be loaded (put "
                + "org.jcuda:jcuda-natives:12.6.0:linux-x86_64 on the class path): Error while loading native library "
                + "\"JCudaDriver-12.6.0-linux-x86_64\"", CudaDriver.describeLoadFailure(missing, false, null));
        assertEquals("cuda: JCuda's native library libJCudaDriver-12.6.0-linux-x86_64.so could not be loaded (on the "
                + "module path jdeep extracts it from jcuda-natives-12.6.0-linux-x86_64.jar to java.io.tmpdir, but the "
                + "natives jar is missing; or pass -Djava.library.path=DIR where DIR holds "
                + "libJCudaDriver-12.6.0-linux-x86_64.so): Error while loading native library "
                + "\"JCudaDriver-12.6.0-linux-x86_64\"",
                CudaDriver.describeLoadFailure(missing, true, "the natives jar is missing"));
        assertTrue(CudaDriver.describeLoadFailure(null, false, null).startsWith("cuda: JCuda's native library"));
    }

    @Test
    void initFailureMessages() {
        assertEquals("cuda: no CUDA device: the NVIDIA driver is installed but cuInit found no GPU (driver supports "
                + "CUDA 13.0) (CUDA_ERROR_NO_DEVICE)",
                CudaDriver.describeInitFailure(CUresult.CUDA_ERROR_NO_DEVICE, 13000));
        assertTrue(CudaDriver.describeInitFailure(CUresult.CUDA_ERROR_STUB_LIBRARY, 0).contains("stub library"));
        assertEquals("cuda: cuInit failed: CUDA_ERROR_UNKNOWN (driver supports CUDA 12.8)",
                CudaDriver.describeInitFailure(CUresult.CUDA_ERROR_UNKNOWN, 12080));
    }

    @Test
    void platformCheck() {
        assertNull(CudaBackendProvider.platformProblem("Linux", "amd64"));
        assertEquals("cuda: jdeep's CUDA backend runs on linux-x86_64 (the JCuda natives it ships), not on Mac OS X "
                + "aarch64", CudaBackendProvider.platformProblem("Mac OS X", "aarch64"));
        assertTrue(CudaBackendProvider.platformProblem("Linux", "aarch64") != null);
    }

    @Test
    void deviceLine() {
        CudaDriver.DeviceInfo info = new CudaDriver.DeviceInfo(0, "NVIDIA H200", 9, 0, 132, 150_011_707_392L, 13000,
                "12.6.0");
        assertEquals("cuda: NVIDIA H200 (device 0, compute capability 9.0, 132 SMs, 139.7 GiB), driver supports CUDA "
                + "13.0, JCuda 12.6.0", info.describe());
        assertEquals("12.4", CudaDriver.cudaVersion(12040));
        assertEquals("abc", CudaDriver.cString(new byte[] {'a', 'b', 'c', 0, 'x'}));
    }

    @Test
    void ptxResourcesAreNulTerminated() {
        for (String m : Kernels.MODULES) {
            byte[] ptx = CudaBackend.ptx(m);
            assertEquals(0, ptx[ptx.length - 1], m);
            assertTrue(new String(ptx, 0, 2, java.nio.charset.StandardCharsets.US_ASCII).equals("//"), m);
        }
    }
}
