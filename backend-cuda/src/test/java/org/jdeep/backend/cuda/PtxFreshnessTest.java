package org.jdeep.backend.cuda;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The committed PTX is what {@code tools/build_ptx.sh} makes from the committed CUDA sources. Without nvcc
 * the check is the SHA-256 of the sources and flags recorded in each PTX header (so editing a {@code .cu}
 * without regenerating fails everywhere); with nvcc of the recorded release, the PTX is regenerated and
 * compared byte for byte (nvcc's output is deterministic); with ptxas, each file is assembled for sm_75
 * (the pinned target) and sm_90 to prove it parses and compiles.
 */
class PtxFreshnessTest {

    private static final Path SOURCES = Path.of("src", "main", "cuda");
    private static final Path PTX = Path.of("src", "main", "resources", "org", "jdeep", "backend", "cuda");

    private static List<Path> ptxFiles() throws IOException {
        try (Stream<Path> s = Files.list(PTX)) {
            List<Path> files = s.filter(p -> p.toString().endsWith(".ptx")).sorted().toList();
            assertEquals(Kernels.MODULES.size(), files.size(), "one PTX file per module: " + files);
            return files;
        }
    }

    private static List<Path> cudaSources() throws IOException {
        try (Stream<Path> s = Files.list(SOURCES)) {
            return s.sorted((a, b) -> a.getFileName().toString().compareTo(b.getFileName().toString())).toList();
        }
    }

    /** The FLAGS="..." line of tools/build_ptx.sh. */
    private static String scriptFlags() throws IOException {
        String script = Files.readString(TestPaths.repoRoot().resolve("tools").resolve("build_ptx.sh"));
        Matcher m = Pattern.compile("(?m)^FLAGS=\"([^\"]*)\"$").matcher(script);
        assertTrue(m.find(), "no FLAGS= line in tools/build_ptx.sh");
        return m.group(1);
    }

    /** build_ptx.sh's hash: "flags:FLAGS\n", then "file:NAME\n" and the bytes of each source in name order. */
    static String sourcesHash(String flags) throws Exception {
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        sha.update(("flags:" + flags + "\n").getBytes(StandardCharsets.UTF_8));
        for (Path f : cudaSources()) {
            sha.update(("file:" + f.getFileName() + "\n").getBytes(StandardCharsets.UTF_8));
            sha.update(Files.readAllBytes(f));
        }
        return HexFormat.of().formatHex(sha.digest());
    }

    private static String header(Path ptx, String key) throws IOException {
        for (String line : Files.readAllLines(ptx)) {
            if (line.startsWith("// " + key + ": ")) {
                return line.substring(key.length() + 5);
            }
        }
        throw new AssertionError(ptx + " has no '// " + key + ":' header line: regenerate it with tools/build_ptx.sh");
    }

    @Test
    void committedPtxMatchesItsSourcesHash() throws Exception {
        String hash = sourcesHash(scriptFlags());
        for (Path ptx : ptxFiles()) {
            assertEquals(hash, header(ptx, "jdeep-sources-sha256"),
                    ptx + " is out of date with backend-cuda/src/main/cuda: run tools/build_ptx.sh");
            assertEquals(scriptFlags(), header(ptx, "jdeep-nvcc-flags"), ptx.toString());
        }
    }

    @Test
    void scriptComputesTheSameHash() throws Exception {
        Path bash = TestPaths.onPath("bash");
        assumeTrue(bash != null, "no bash");
        Result r = run(List.of(bash.toString(), "tools/build_ptx.sh", "--hash"));
        assertEquals(0, r.exit, r.output);
        assertEquals(sourcesHash(scriptFlags()), r.output.strip());
    }

    @Test
    void ptxTargetsAreThePinnedOnes() throws IOException {
        for (Path ptx : ptxFiles()) {
            String text = Files.readString(ptx);
            assertTrue(text.contains("\n.version 9.0\n"), ptx + ": nvcc 13.0 writes PTX ISA 9.0");
            assertTrue(text.contains("\n.target sm_75\n"), ptx + ": the pinned target is compute_75");
            assertTrue(text.contains("\n.address_size 64\n"), ptx.toString());
        }
    }

    @Test
    void nvccRegeneratesTheCommittedPtxExactly(@TempDir Path out) throws Exception {
        Path nvcc = TestPaths.onPath("nvcc");
        assumeTrue(nvcc != null, "nvcc is not installed: only the sources hash was checked");
        Result version = run(List.of(nvcc.toString(), "--version"));
        String release = version.output.lines().filter(l -> l.contains("release")).findFirst().orElse("?");
        String recorded = header(ptxFiles().get(0), "jdeep-nvcc");
        assumeTrue(release.equals(recorded), "the PTX was made by '" + recorded + "', this nvcc is '" + release
                + "': only the sources hash was checked");
        Result r = run(List.of("bash", "tools/build_ptx.sh", "--out", out.toString()));
        assertEquals(0, r.exit, r.output);
        for (Path ptx : ptxFiles()) {
            assertArrayEquals(Files.readAllBytes(ptx), Files.readAllBytes(out.resolve(ptx.getFileName())),
                    ptx + " differs from what tools/build_ptx.sh makes now: regenerate and commit it");
        }
    }

    @Test
    void ptxasAssemblesEveryFile(@TempDir Path out) throws Exception {
        Path ptxas = TestPaths.onPath("ptxas");
        assumeTrue(ptxas != null, "ptxas is not installed");
        for (Path ptx : ptxFiles()) {
            for (String arch : new String[] {"sm_75", "sm_90"}) {
                Path cubin = out.resolve(ptx.getFileName() + "." + arch + ".cubin");
                Result r = run(List.of(ptxas.toString(), "-arch=" + arch, "-O3", ptx.toAbsolutePath().toString(),
                        "-o", cubin.toString()));
                assertEquals(0, r.exit, "ptxas -arch=" + arch + " " + ptx + ":\n" + r.output);
                assertTrue(Files.size(cubin) > 0, cubin.toString());
            }
        }
    }

    record Result(int exit, String output) {
    }

    private static Result run(List<String> cmd) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(new ArrayList<>(cmd)).redirectErrorStream(true);
        pb.directory(TestPaths.repoRoot().toFile());
        Process p = pb.start();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        p.getInputStream().transferTo(bytes);
        if (!p.waitFor(300, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("timed out: " + cmd);
        }
        return new Result(p.exitValue(), bytes.toString(StandardCharsets.UTF_8));
    }
}
