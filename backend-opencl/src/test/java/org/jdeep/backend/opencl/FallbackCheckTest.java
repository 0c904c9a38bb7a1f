package org.jdeep.backend.opencl;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.aparapi.Range;
import com.aparapi.device.OpenCLDevice;
import org.jdeep.backend.opencl.kernels.DoublingKernel;
import org.jdeep.backend.opencl.kernels.UntranslatableKernel;
import org.jdeep.spi.Backend;
import org.jdeep.spi.BinaryOp;
import org.jdeep.spi.View;
import org.jdeep.types.DType;
import org.junit.jupiter.api.Test;

/**
 * Aparapi falls back to Java without a word when a kernel cannot run on OpenCL; the backend's check sees
 * it. A kernel that calls a method Aparapi cannot translate stands in for any such failure.
 */
class FallbackCheckTest {

    @Test
    void aKernelThatFellBackToJavaIsCaughtWithAparapisReason() {
        Both.opencl();
        OpenCLDevice device = OpenClDevices.scan().chosen().device();
        AparapiLog.install();
        AparapiLog.clear();

        DoublingKernel fine = new DoublingKernel();
        OpenClDevices.onlyOn(fine, device);
        OpenClBackend.execute(fine, device, Range.create(device, 64, 64), "doubling");
        assertNull(OpenClBackend.ranOnDevice(fine, device), "a translatable kernel runs on the device");

        // Without a device in the range Aparapi quietly runs the kernel in Java; the check notices.
        UntranslatableKernel quiet = new UntranslatableKernel();
        OpenClDevices.onlyOn(quiet, device);
        quiet.execute(Range.create(64, 64));
        String problem = OpenClBackend.ranOnDevice(quiet, device);
        assertNotNull(problem, "Aparapi fell back to Java and the check noticed");
        assertTrue(problem.contains("did not run on OpenCL device") && problem.contains("Java"), problem);
        assertTrue(problem.contains("Device failed for UntranslatableKernel"), "carries Aparapi's reason: " + problem);

        // Through the backend's launcher (a range naming the device) the failure is an exception naming the kernel.
        UntranslatableKernel loud = new UntranslatableKernel();
        OpenClDevices.onlyOn(loud, device);
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> OpenClBackend.execute(loud, device, Range.create(device, 64, 64), "test"));
        assertTrue(e.getMessage().contains("UntranslatableKernel") && e.getMessage().contains("Device failed"),
                e.getMessage());
        System.out.println("fallback detected: " + problem);
        System.out.println("launch refused: " + e.getMessage());
    }

    @Test
    void withoutFp64Float64OpsThrowNamingTheOpAndDevice() {
        Both.opencl();
        OpenClDevices.Info real = OpenClDevices.scan().chosen();
        OpenClDevices.Info noFp64 = new OpenClDevices.Info(real.index(), real.device(), real.name(), real.platform(),
                real.type(), real.computeUnits(), real.globalMemory(), false);
        assertTrue(noFp64.describe().contains("no fp64"));
        try (Backend be = new OpenClBackend(noFp64)) {
            UnsupportedOperationException e = assertThrows(UnsupportedOperationException.class,
                    () -> be.allocate(DType.FLOAT64, 4));
            assertTrue(e.getMessage().contains("allocate") && e.getMessage().contains(real.name())
                    && e.getMessage().contains("no fp64"), e.getMessage());
            // FLOAT32 and INT32 still work on the fp64-free program.
            var b = be.allocate(DType.INT32, 3);
            be.upload(new int[] {1, 2, 3}, b);
            View v = new View(b, 0, new int[] {3}, new int[] {1});
            be.binary(BinaryOp.MUL, v, v, v);
            int[] r = new int[3];
            be.download(b, r);
            assertTrue(r[2] == 9, "3*3 on the fp64-free program");
        }
    }
}
