package org.jdeep.backend.opencl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A garbage collection between a launch and the read-back of a kernel's array loses nothing. Aparapi re-pins a
 * moved array in {@code get()} without remapping a buffer mapped onto it, so with buffers mapped onto the Java
 * heap (Aparapi's default for CPU devices) the next launches write to the array's old place: on PoCL the JVM
 * died within 10 rounds in 6 runs of 6. Runs in a fresh JVM so that such a crash fails this test only.
 */
class GcMoveTest {

    @Test
    void aKernelArrayMovedByTheCollectorKeepsItsValuesAndTheHeapStaysIntact() throws Exception {
        Both.opencl();
        List<String> command = new ArrayList<>(ChildJvm.classPathCommand(GcMoveMain.class, "-XX:+UseG1GC"));
        command.add("30");
        ChildJvm child = ChildJvm.run(command, Map.of());
        assertEquals(0, child.exitStatus(), child.output());
        assertTrue(child.output().contains("ok rounds=30"), child.output());
    }
}
