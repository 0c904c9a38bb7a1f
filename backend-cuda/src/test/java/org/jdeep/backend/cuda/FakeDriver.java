package org.jdeep.backend.cuda;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Builds the stand-in driver {@code DIR/libcuda.so.1} from {@code src/test/c}: {@code fake_libcuda.c} (gcc),
 * and, where g++ exists, the kernel emulator ({@code cuda_emulator.cpp}) with jdeep's kernels
 * ({@code src/main/cuda/*.cu}) compiled as host C++, so that launches really run the kernels. Built once per
 * test JVM.
 */
final class FakeDriver {

    /** The folder holding libcuda.so.1, and whether its launches run the kernels. */
    record Built(Path dir, boolean emulated) {
    }

    private static Built built;

    private FakeDriver() {
    }

    /** The fake driver, or null when there is no gcc. */
    static synchronized Built build(Path tmp) throws Exception {
        if (built != null && Files.exists(built.dir().resolve("libcuda.so.1"))) {
            return built;
        }
        Path gcc = TestPaths.onPath("gcc");
        if (gcc == null) {
            return null;
        }
        Path gxx = TestPaths.onPath("g++");
        Path dir = Files.createDirectories(tmp.resolve("fake-driver"));
        Path c = Path.of("src", "test", "c").toAbsolutePath();
        Path cuda = Path.of("src", "main", "cuda").toAbsolutePath();
        List<String> objects = new ArrayList<>();
        Path fake = dir.resolve("fake_libcuda.o");
        compile(List.of(gcc.toString(), "-c", "-fPIC", "-O1", "-Wall", "-Werror", "-o", fake.toString(),
                c.resolve("fake_libcuda.c").toString()));
        objects.add(fake.toString());
        if (gxx != null) {
            // One translation unit per .cu file, each registering its kernels with the emulator.
            Map<String, List<String>> byModule = new LinkedHashMap<>();
            for (Kernels.Kernel k : Kernels.all()) {
                byModule.computeIfAbsent(k.module(), m -> new ArrayList<>()).add(k.name());
            }
            List<Path> units = new ArrayList<>();
            for (Map.Entry<String, List<String>> e : byModule.entrySet()) {
                StringBuilder src = new StringBuilder("#include \"" + cuda.resolve(e.getKey() + ".cu") + "\"\n");
                for (String name : e.getValue()) {
                    src.append("EMU_KERNEL(").append(name).append(")\n");
                }
                Path unit = dir.resolve("emu_" + e.getKey() + ".cpp");
                Files.writeString(unit, src);
                units.add(unit);
            }
            units.add(c.resolve("cuda_emulator.cpp"));
            for (Path unit : units) {
                Path o = dir.resolve(unit.getFileName().toString().replace(".cpp", ".o"));
                compile(List.of(gxx.toString(), "-std=c++17", "-c", "-fPIC", "-O1", "-Wall", "-Werror",
                        "-Wno-unknown-pragmas", "-include", c.resolve("cuda_host_shim.h").toString(), "-I" + c,
                        "-I" + cuda, "-x", "c++", "-o", o.toString(), unit.toString()));
                objects.add(o.toString());
            }
        }
        List<String> link = new ArrayList<>(List.of((gxx != null ? gxx : gcc).toString(), "-shared", "-o",
                dir.resolve("libcuda.so.1").toString()));
        link.addAll(objects);
        compile(link);
        built = new Built(dir, gxx != null);
        return built;
    }

    private static void compile(List<String> cmd) throws Exception {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String log = new String(p.getInputStream().readAllBytes());
        if (!p.waitFor(300, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new AssertionError("failed: " + String.join(" ", cmd) + "\n" + log);
        }
    }
}
