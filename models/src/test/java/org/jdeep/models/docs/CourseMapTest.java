package org.jdeep.models.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * docs/course-map.md lists every lecture of Courses 1-3 of the course's table of contents
 * ({@code ../shared/course/lectures.tsv}, or {@code -Djdeep.shared=PATH}), and each concept link has its paragraph.
 */
class CourseMapTest {

    private static Path root() {
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            if (Files.isRegularFile(p.resolve("pom.xml")) && Files.isDirectory(p.resolve("models"))) {
                return p;
            }
        }
        throw new AssertionError("no repository root above " + Path.of("").toAbsolutePath());
    }

    private static String map() throws IOException {
        return Files.readString(root().resolve("docs/course-map.md"), StandardCharsets.UTF_8);
    }

    @Test
    void everyLectureOfCoursesOneToThreeIsMapped() throws IOException {
        String property = System.getProperty("jdeep.shared");
        Path shared = property != null && !property.isBlank() ? Path.of(property) : root().resolveSibling("shared");
        Path tsv = shared.resolve("course/lectures.tsv");
        assumeTrue(Files.isRegularFile(tsv), "skipped: the course's table of contents is absent (" + tsv
                + "); set -Djdeep.shared=PATH");
        // the map's rows by course and week: "C1W2 2.17" -> the title written there
        java.util.Map<String, String> rows = new java.util.HashMap<>();
        String course = null;
        String week = null;
        for (String line : map().split("\n")) {
            Matcher c = Pattern.compile("^## Course (\\d)").matcher(line);
            Matcher w = Pattern.compile("^### Week (\\d)").matcher(line);
            Matcher r = Pattern.compile("^\\| (\\d+\\.\\d+) ([^|]+) \\|").matcher(line);
            if (c.find()) {
                course = c.group(1);
            } else if (w.find()) {
                week = w.group(1);
            } else if (r.find() && course != null && week != null) {
                rows.put("C" + course + "W" + week + " " + r.group(1), r.group(2));
            }
        }
        List<String> missing = new ArrayList<>();
        for (String line : Files.readAllLines(tsv, StandardCharsets.UTF_8)) {
            String[] f = line.split("\t");
            if (f[0].equals("course") || Integer.parseInt(f[0]) > 3) {
                continue;
            }
            String key = "C" + f[0] + "W" + f[1] + " " + f[2];
            String title = rows.get(key);
            // the table of contents has a few run-together titles ("Random+Initialization"): compare letters only
            if (title == null || !letters(f[3]).contains(letters(title))) {
                missing.add(key + " " + f[3] + (title == null ? "" : " (the map says '" + title + "')"));
            }
        }
        assertEquals(List.of(), missing, "lectures missing from docs/course-map.md");
    }

    private static String letters(String s) {
        return s.toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z]", "");
    }

    @Test
    void everyConceptLinkHasItsParagraph() throws IOException {
        String map = map();
        Matcher m = Pattern.compile("\\]\\(#([a-z0-9-]+)\\)").matcher(map);
        int links = 0;
        while (m.find()) {
            links++;
            String anchor = m.group(1);
            boolean found = map.lines().filter(l -> l.startsWith("#"))
                    .map(l -> l.replaceFirst("^#+ ", "").toLowerCase().replaceAll("[^a-z0-9 -]", "").replace(' ', '-'))
                    .anyMatch(anchor::equals);
            assertTrue(found, "no heading for #" + anchor);
        }
        assertTrue(links > 20, "concept links: " + links);
    }
}
