package org.jdeep.backend.opencl;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;

/**
 * Whether this JVM's garbage collector leaves the backend's arenas where they are. Between launches the data of
 * a buffer lives only on the device; Aparapi notices at the next launch that a Java array has moved and then
 * makes a new device buffer from the array's host contents, which are stale, so a moved arena loses data. G1
 * leaves arrays as large as the arenas (16 MiB and more: humongous objects) in place, and so does ZGC (large
 * pages); the Serial, Parallel and Shenandoah collectors compact them in a full collection. (From JDK 21, G1's
 * last-ditch full collection before an OutOfMemoryError moves humongous objects too.)
 */
final class GarbageCollector {

    private GarbageCollector() {
    }

    /** The reason this JVM's collector cannot host the backend, or null when it can. */
    static String problem() {
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            String name = gc.getName();
            String collector = name.equals("MarkSweepCompact") ? "Serial"
                    : name.equals("PS MarkSweep") ? "Parallel"
                    : name.startsWith("Shenandoah") ? "Shenandoah"
                    : null;
            if (collector != null) {
                return "opencl: this JVM runs the " + collector + " garbage collector, whose full collections move "
                        + "large arrays, and a moved arena would lose the data kept on the device; run it with G1 "
                        + "(-XX:+UseG1GC, the default on machines with 2 or more CPUs and 2 GB or more)";
            }
        }
        return null;
    }
}
