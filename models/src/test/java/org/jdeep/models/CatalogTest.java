package org.jdeep.models;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Set;
import java.util.regex.Pattern;
import org.jdeep.models.course.CourseModel;
import org.jdeep.models.course.Settings;
import org.junit.jupiter.api.Test;

/** Every catalog entry is a well-formed course model: a unique name, its lectures, valid defaults. */
class CatalogTest {
    private static final Pattern NAME = Pattern.compile("[a-z0-9]+(-[a-z0-9]+)*");
    private static final Pattern LECTURE = Pattern.compile("C[1-5]W[1-4] \\d+\\.\\d+ \\S.*");

    @Test
    void everyModelHasAUniqueNameItsLecturesAndDefaults() {
        Set<String> names = new HashSet<>();
        assertFalse(Catalog.all().isEmpty());
        for (CourseModel m : Catalog.all()) {
            assertTrue(NAME.matcher(m.name()).matches(), "name " + m.name());
            assertTrue(names.add(m.name()), "duplicate name " + m.name());
            assertFalse(m.description().isBlank(), m.name());
            assertFalse(m.lectures().isEmpty(), m.name() + " lists no lecture");
            for (String l : m.lectures()) {
                assertTrue(LECTURE.matcher(l).matches(), m.name() + ": lecture '" + l + "' is not like 'C1W3 3.1 Title'");
            }
            Settings d = m.defaults();
            assertNotNull(d, m.name());
            assertEquals(d, Settings.fromMetadata(d.toMetadata()), m.name() + ": settings survive the model file");
            assertSame(m, Catalog.find(m.name().toUpperCase()).orElseThrow());
        }
        assertTrue(Catalog.find("no-such-model").isEmpty());
    }

    @Test
    void theCourseOneModelsAreListedInCourseOrder() {
        assertEquals(java.util.List.of("logistic-regression", "planar", "two-layer", "deep"),
                Catalog.names().subList(0, 4));
    }
}
