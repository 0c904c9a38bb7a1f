package org.jdeep.backend.opencl;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import org.jdeep.spi.Buffer;
import org.jdeep.spi.View;
import org.jdeep.types.DType;
import org.junit.jupiter.api.Test;

/**
 * Every device, a CPU one too, keeps buffers of its own, as a GPU does: a kernel's result is in device memory
 * and the Java arena behind it stays stale until a download reads it back. So on PoCL the tests run the GPU's
 * transfer path, where a missing write or read shows.
 */
class DeviceBuffersTest {

    @Test
    void resultsLiveOnTheDeviceNotInTheJavaArena() {
        OpenClBackend be = (OpenClBackend) Both.opencl();
        Buffer b = be.allocate(DType.FLOAT32, 4);
        float[] arena = be.program().f32();
        int at = OpenClBackend.arenaOffset(b);
        float before = arena[at];
        be.fill(new View(b, 0, new int[] {4}, new int[] {1}), 12345.5);
        assertNotEquals(12345.5f, before);
        assertEquals(before, arena[at], "the host copy of the arena is not updated by a kernel");
        float[] r = new float[4];
        be.download(b, r);
        assertArrayEquals(new float[] {12345.5f, 12345.5f, 12345.5f, 12345.5f}, r);
        be.release(b);
    }
}
