package org.jdeep.backend.cuda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jdeep.backend.cuda.Kernels.Kernel;
import org.jdeep.backend.cuda.Kernels.Param;
import org.junit.jupiter.api.Test;

/**
 * Every kernel the Java side launches exists in the committed PTX with exactly the parameters the Java side
 * passes (types, struct sizes, order), and every kernel in the PTX is declared in {@link Kernels}. A wrong
 * argument list would otherwise only show on a GPU, as garbage or a crash.
 */
class KernelSignatureTest {

    private static final Pattern ENTRY = Pattern.compile("\\.visible \\.entry (\\w+)\\(([^)]*)\\)");
    private static final Pattern PARAM = Pattern.compile(
            "\\.param\\s+(?:\\.align\\s+\\d+\\s+)?(\\.\\w+)(?:\\s+\\.ptr(?:\\s+\\.\\w+)*(?:\\s+\\.align\\s+\\d+)?)?"
                    + "\\s+\\w+(?:\\[(\\d+)\\])?");

    /** PTX type and size of each parameter, per kernel name, for one module. */
    static Map<String, List<String>> entries(String module) {
        String ptx = new String(CudaBackend.ptx(module), StandardCharsets.UTF_8);
        Map<String, List<String>> out = new LinkedHashMap<>();
        Matcher e = ENTRY.matcher(ptx);
        while (e.find()) {
            List<String> params = new ArrayList<>();
            for (String p : e.group(2).split(",")) {
                if (p.isBlank()) {
                    continue;
                }
                Matcher m = PARAM.matcher(p.strip());
                assertTrue(m.matches(), "unparsed parameter of " + e.group(1) + ": " + p.strip());
                params.add(m.group(2) == null ? m.group(1) : m.group(1) + "[" + m.group(2) + "]");
            }
            out.put(e.group(1), params);
        }
        return out;
    }

    private static String expected(Param p) {
        return p.isStruct() ? ".b8[" + p.bytes + "]" : p.ptxType;
    }

    @Test
    void everyDeclaredKernelMatchesItsPtxSignature() {
        Map<String, Map<String, List<String>>> modules = new LinkedHashMap<>();
        for (String m : Kernels.MODULES) {
            modules.put(m, entries(m));
        }
        for (Kernel k : Kernels.all()) {
            Map<String, List<String>> entries = modules.get(k.module());
            assertTrue(entries != null, k + ": unknown module");
            List<String> actual = entries.get(k.name());
            assertTrue(actual != null, k + " is not in " + k.module() + ".ptx; it has " + entries.keySet());
            List<String> want = k.params().stream().map(KernelSignatureTest::expected).toList();
            assertEquals(want, actual, k + ": Java passes " + want + ", the PTX takes " + actual);
        }
    }

    @Test
    void everyPtxKernelIsDeclared() {
        TreeSet<String> declared = new TreeSet<>();
        for (Kernel k : Kernels.all()) {
            declared.add(k.module() + ":" + k.name());
        }
        TreeSet<String> inPtx = new TreeSet<>();
        for (String m : Kernels.MODULES) {
            for (String name : entries(m).keySet()) {
                inPtx.add(m + ":" + name);
            }
        }
        assertEquals(inPtx, declared);
        assertEquals(44, declared.size());
    }

    @Test
    void structSizesAreTheHeadersLayouts() {
        assertEquals(184, Param.ELEM.bytes);
        assertEquals(128, Param.AXIS.bytes);
        assertEquals(64, Param.MAT.bytes);
        assertEquals(104, Param.CONV.bytes);
    }
}
