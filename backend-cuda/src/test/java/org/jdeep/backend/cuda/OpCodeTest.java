package org.jdeep.backend.cuda;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.function.ToIntFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jdeep.spi.BinaryOp;
import org.jdeep.spi.ReduceOp;
import org.jdeep.spi.UnaryOp;
import org.jdeep.types.DType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The op codes the Java side passes are the kernels' {@code #define JD_*} codes, for every enum constant. */
class OpCodeTest {

    private static final Map<String, Integer> DEFINES = new HashMap<>();

    @BeforeAll
    static void parseHeader() throws IOException {
        String header = Files.readString(Path.of("src", "main", "cuda", "jdeep_cuda.cuh"));
        Matcher m = Pattern.compile("(?m)^#define JD_(UNARY|BINARY|REDUCE|DTYPE)_(\\w+) (\\d+)$").matcher(header);
        while (m.find()) {
            DEFINES.put(m.group(1) + "_" + m.group(2), Integer.parseInt(m.group(3)));
        }
    }

    private static <E extends Enum<E>> void check(String family, Class<E> type, ToIntFunction<E> code) {
        int count = 0;
        for (E e : type.getEnumConstants()) {
            Integer want = DEFINES.get(family + "_" + e.name());
            assertEquals(want, (Integer) code.applyAsInt(e), "JD_" + family + "_" + e.name());
            count++;
        }
        long defined = DEFINES.keySet().stream().filter(k -> k.startsWith(family + "_")).count();
        assertEquals(count, defined, family + ": the header defines codes the SPI does not have");
    }

    @Test
    void codesMatchTheHeader() {
        check("UNARY", UnaryOp.class, Kernels::code);
        check("BINARY", BinaryOp.class, Kernels::code);
        check("REDUCE", ReduceOp.class, Kernels::code);
        check("DTYPE", DType.class, Kernels::code);
    }
}
