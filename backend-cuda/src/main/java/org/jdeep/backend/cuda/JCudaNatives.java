package org.jdeep.backend.cuda;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import jcuda.driver.JCudaDriver;

/**
 * Makes JCuda's native library loadable on the module path, before the first call into {@link JCudaDriver}.
 *
 * <p>JCuda's {@code LibUtils} loads {@value CudaDriver#JCUDA_LIBRARY} first with {@code System.loadLibrary}
 * (from {@code java.library.path}), then as a resource: it looks for {@code java.io.tmpdir/}{@value
 * CudaDriver#JCUDA_LIBRARY}, loads that file if it exists, and otherwise writes it there from
 * {@code /lib/}{@value CudaDriver#JCUDA_LIBRARY}, read with {@code Class.getResourceAsStream}. On the class
 * path that read finds the natives jar. On the module path it cannot: JCuda is the automatic module
 * {@code jcuda}, {@code Class.getResourceAsStream} of a class in a named module searches that module alone,
 * and the library sits in another jar (the automatic module {@code jcuda.natives}). So, when JCuda is a named
 * module and neither of the files JCuda would load exists, this class writes the library to the same file in
 * {@code java.io.tmpdir} that JCuda itself writes on the class path, reading it from whichever module (or
 * class path entry) holds it: JCuda then loads it as it would on the class path. Nothing is done on the class
 * path, where JCuda needs no help.
 */
final class JCudaNatives {

    /** The library's resource name in the natives jar. */
    static final String RESOURCE = "lib/" + CudaDriver.JCUDA_LIBRARY;

    private JCudaNatives() {
    }

    /**
     * Prepares the library for JCuda where JCuda cannot read its natives jar itself.
     *
     * @return null when there was nothing to do or the library was written; otherwise one line that says why it
     *     could not be prepared, for the probe's message if JCuda then fails to load
     */
    static String prepare() {
        Module jcuda = JCudaDriver.class.getModule();
        if (!jcuda.isNamed()) {
            return null; // the class path: JCuda reads its natives jar itself
        }
        if (onLibraryPath() != null) {
            return null; // System.loadLibrary finds it
        }
        Path target = Path.of(System.getProperty("java.io.tmpdir", "/tmp"), CudaDriver.JCUDA_LIBRARY);
        if (Files.exists(target)) {
            return null; // JCuda loads an existing copy (one it or this class wrote earlier)
        }
        try (InputStream in = open(jcuda)) {
            if (in == null) {
                return "the natives jar (org.jcuda:jcuda-natives:12.6.0:linux-x86_64) is not on the module path";
            }
            write(in, target);
            return null;
        } catch (IOException | RuntimeException e) {
            return "could not write it to " + target + ": " + e;
        }
    }

    /** The library in a {@code java.library.path} folder, or null. */
    static Path onLibraryPath() {
        for (String dir : System.getProperty("java.library.path", "").split(File.pathSeparator)) {
            if (!dir.isEmpty()) {
                Path p = Path.of(dir, CudaDriver.JCUDA_LIBRARY);
                if (Files.isRegularFile(p)) {
                    return p;
                }
            }
        }
        return null;
    }

    /**
     * The library's bytes, or null. The natives jar holds no classes, so as an automatic module it has no
     * packages: its {@code lib/} resources are in no package and so not encapsulated, and any module may read
     * them. JCuda's class loader finds them on the module path (the application class loader defines every
     * module of the module path) and on the class path; a layer of its own, with a loader per module, is
     * searched module by module.
     */
    private static InputStream open(Module jcuda) throws IOException {
        ClassLoader loader = jcuda.getClassLoader();
        InputStream in = loader == null ? null : loader.getResourceAsStream(RESOURCE);
        ModuleLayer layer = jcuda.getLayer();
        if (in == null && layer != null) {
            for (Module m : layer.modules()) {
                in = m.getResourceAsStream(RESOURCE);
                if (in != null) {
                    break;
                }
            }
        }
        return in;
    }

    /**
     * Writes the library to a temporary file beside {@code target} and renames it: a JVM that starts at the same
     * time never loads a half-written library (both write the same bytes, and the last rename wins).
     */
    private static void write(InputStream in, Path target) throws IOException {
        Path dir = target.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path part = Files.createTempFile(dir, CudaDriver.JCUDA_LIBRARY + ".", ".part");
        try {
            Files.copy(in, part, StandardCopyOption.REPLACE_EXISTING);
            try {
                Files.move(part, target, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(part, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(part);
        }
    }
}
