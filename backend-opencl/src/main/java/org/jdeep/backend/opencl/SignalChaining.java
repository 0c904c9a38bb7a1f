package org.jdeep.backend.opencl;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * Whether this JVM may load an OpenCL driver. Drivers built on LLVM, PoCL among them, install LLVM's crash
 * handlers for SIGSEGV and SIGBUS when they load, replacing the JVM's. The JVM uses SIGSEGV itself (implicit
 * null checks, safepoint polls), so from then on it dies at random with status 139 and no error report (seen
 * here: 1 run in 6 of the 16-second L-layer benchmark). The JDK's fix is signal chaining: {@code libjsig.so},
 * preloaded, keeps the JVM's handlers first and hands other signals on to the driver's. On Linux, this backend
 * therefore runs only in a JVM that has it; {@code ./jdeep} and the build's tests preload it.
 */
final class SignalChaining {

    private SignalChaining() {
    }

    /** The reason OpenCL must not be loaded into this JVM, or null when it may. */
    static String problem() {
        if (!System.getProperty("os.name", "").toLowerCase(Locale.ROOT).contains("linux")) {
            return null;
        }
        Path maps = Path.of("/proc/self/maps");
        if (!Files.isReadable(maps)) {
            return null;
        }
        try (Stream<String> lines = Files.lines(maps)) {
            if (lines.anyMatch(l -> l.endsWith("/libjsig.so"))) {
                return null;
            }
        } catch (IOException | UncheckedIOException e) {
            return null;
        }
        return "opencl: this JVM runs without signal chaining, and an OpenCL driver built on LLVM (such as PoCL) "
                + "would replace its crash handlers and make it die at random; start it with LD_PRELOAD="
                + Path.of(System.getProperty("java.home"), "lib", "libjsig.so") + " (./jdeep does)";
    }
}
