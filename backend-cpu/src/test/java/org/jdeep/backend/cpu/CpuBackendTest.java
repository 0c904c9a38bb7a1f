package org.jdeep.backend.cpu;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ServiceLoader;
import org.jdeep.spi.Backend;
import org.jdeep.spi.BackendProvider;
import org.jdeep.spi.Buffer;
import org.jdeep.spi.FusedSoftmax;
import org.jdeep.spi.Probe;
import org.jdeep.types.DType;
import org.junit.jupiter.api.Test;

/** The provider (ServiceLoader, probe, open) and the memory half of the SPI. */
class CpuBackendTest {

    @Test
    void serviceLoaderFindsCpu() {
        // Tests run inside the backend's module, which provides but does not declare that it uses the service.
        getClass().getModule().addUses(BackendProvider.class);
        BackendProvider found = null;
        for (BackendProvider p : ServiceLoader.load(BackendProvider.class)) {
            if (p.name().equals("cpu")) {
                found = p;
            }
        }
        assertInstanceOf(CpuBackendProvider.class, found);
    }

    @Test
    void probeDescribesTheMachineAndOpenGivesAFusedSoftmaxBackend() {
        Probe probe = new CpuBackendProvider().probe();
        assertTrue(probe.available(), probe.detail());
        assertTrue(probe.detail().startsWith("cpu: " + System.getProperty("os.arch") + ", "), probe.detail());
        assertTrue(probe.detail().contains("thread") && probe.detail().contains("Vector API"), probe.detail());
        try (Backend be = new CpuBackendProvider().open()) {
            assertEquals("cpu", be.name());
            assertEquals(probe.detail(), be.device());
            assertInstanceOf(FusedSoftmax.class, be);
        }
    }

    @Test
    void aBadThreadPropertyMakesTheProbeUnavailableAndOpenFail() {
        String old = System.getProperty("jdeep.cpu.threads");
        try {
            System.setProperty("jdeep.cpu.threads", "many");
            Probe probe = new CpuBackendProvider().probe();
            assertFalse(probe.available());
            assertTrue(probe.detail().contains("jdeep.cpu.threads"), probe.detail());
            assertThrows(IllegalStateException.class, () -> new CpuBackendProvider().open());
            System.setProperty("jdeep.cpu.threads", "3");
            assertTrue(new CpuBackendProvider().probe().detail().contains("3 threads"));
        } finally {
            if (old == null) {
                System.clearProperty("jdeep.cpu.threads");
            } else {
                System.setProperty("jdeep.cpu.threads", old);
            }
        }
    }

    @Test
    void allocateUploadDownloadRelease() {
        try (CpuBackend be = new CpuBackend(new CpuThreads(1))) {
            Buffer f = be.allocate(DType.FLOAT32, 4);
            assertEquals(DType.FLOAT32, f.dtype());
            assertEquals(4, f.length());
            float[] back = new float[4];
            be.download(f, back);
            assertArrayEquals(new float[4], back, "zero-filled");
            be.upload(new float[] {1, 2}, f); // a shorter host array fills the start
            be.download(f, back);
            assertArrayEquals(new float[] {1, 2, 0, 0}, back);
            float[] three = new float[3];
            be.download(f, three);
            assertArrayEquals(new float[] {1, 2, 0}, three);

            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> be.upload(new float[5], f));
            assertTrue(e.getMessage().contains("5") && e.getMessage().contains("4"), e.getMessage());
            e = assertThrows(IllegalArgumentException.class, () -> be.download(f, new float[6]));
            assertTrue(e.getMessage().contains("6") && e.getMessage().contains("4"), e.getMessage());
            assertThrows(IllegalArgumentException.class, () -> be.upload(new int[1], f));
            assertThrows(IllegalArgumentException.class, () -> be.allocate(DType.INT32, -1));
            assertEquals(0, be.allocate(DType.FLOAT64, 0).length());

            Buffer d = be.allocate(DType.FLOAT64, 2);
            be.upload(new double[] {1.5, -2}, d);
            double[] db = new double[2];
            be.download(d, db);
            assertArrayEquals(new double[] {1.5, -2}, db);
            Buffer i = be.allocate(DType.INT32, 2);
            be.upload(new int[] {7, -7}, i);
            int[] ib = new int[2];
            be.download(i, ib);
            assertArrayEquals(new int[] {7, -7}, ib);

            be.release(f);
            be.release(f); // harmless
            assertThrows(IllegalStateException.class, () -> be.download(f, back));
        }
    }
}
