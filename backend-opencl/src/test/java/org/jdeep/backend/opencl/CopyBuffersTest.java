package org.jdeep.backend.opencl;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.jdeep.spi.Buffer;
import org.jdeep.spi.View;
import org.jdeep.types.DType;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * With {@code -Djdeep.opencl.copyBuffers=true} (the second surefire run) the device keeps buffers of its
 * own, as a GPU does: a kernel's result is in device memory and the Java arena behind it stays stale until
 * a download reads it back. This proves that run really exercises the GPU transfer path.
 */
class CopyBuffersTest {

    @Test
    void resultsLiveOnTheDeviceNotInTheJavaArena() {
        Assumptions.assumeTrue(Boolean.getBoolean(OpenClDevices.COPY_PROPERTY), "only in the copy-buffers run");
        OpenClBackend be = (OpenClBackend) Both.opencl();
        Buffer b = be.allocate(DType.FLOAT32, 4);
        be.fill(new View(b, 0, new int[] {4}, new int[] {1}), 7);
        float[] arena = be.program().f32();
        int at = OpenClBackend.arenaOffset(b);
        assertEquals(0f, arena[at], "the host copy of the arena is not updated by a kernel");
        float[] r = new float[4];
        be.download(b, r);
        assertArrayEquals(new float[] {7, 7, 7, 7}, r);
        be.release(b);
    }
}
