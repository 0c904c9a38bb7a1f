package org.jdeep.models;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;

/**
 * The course's seeded reference cases ({@code shared/reference/course/c1c2_public.json}, beside the repository),
 * read in place. A test that needs them is skipped, saying why, when they are absent.
 */
public final class CourseReference {
    private static Map<String, Object> cases;

    private CourseReference() {
    }

    /**
     * The directory: under {@code -Djdeep.shared=PATH} (the property the companion and course-map tests use), else
     * found by walking up from the working directory; null when absent.
     */
    static Path directory() {
        String shared = System.getProperty("jdeep.shared");
        if (shared != null && !shared.isBlank()) {
            Path d = Path.of(shared, "reference", "course");
            return Files.isDirectory(d) ? d : null;
        }
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            Path d = p.resolve("shared").resolve("reference").resolve("course");
            if (Files.isRegularFile(d.resolve("c1c2_public.json"))) {
                return d;
            }
        }
        return null;
    }

    /**
     * The case with this id; skips the calling test when the reference files or the case are absent.
     */
    @SuppressWarnings("unchecked")
    public static synchronized Map<String, Object> get(String id) throws IOException {
        if (cases == null) {
            Path dir = directory();
            Assumptions.assumeTrue(dir != null, "the course reference cases (shared/reference/course/c1c2_public.json "
                    + "beside the repository) are absent: skipping " + id);
            Map<String, Object> root = (Map<String, Object>) TestJson.read(dir.resolve("c1c2_public.json"));
            cases = new java.util.LinkedHashMap<>();
            for (Object c : (List<Object>) root.get("cases")) {
                Map<String, Object> m = (Map<String, Object>) c;
                cases.put((String) m.get("id"), m);
            }
        }
        Object c = cases.get(id);
        Assumptions.assumeTrue(c != null, "case " + id + " is not in the public reference cases: skipping");
        return (Map<String, Object>) c;
    }

    /** The array {@code name} of a case's {@code inputs} or {@code outputs}: {@code {shape, data}}. */
    public static double[] data(Map<String, Object> section, String name) {
        return TestJson.doubles(TestJson.obj(section, name).get("data"));
    }

    /** The shape of an array entry. */
    public static int[] shape(Map<String, Object> section, String name) {
        double[] d = TestJson.doubles(TestJson.obj(section, name).get("shape"));
        int[] out = new int[d.length];
        for (int k = 0; k < d.length; k++) {
            out[k] = (int) d[k];
        }
        return out;
    }
}
