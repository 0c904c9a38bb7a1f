package org.jdeep.conformance;

import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.TestFactory;

/**
 * The conformance suite as a JUnit 5 test class. A backend's own build runs it by extending this class in its
 * test sources ({@code class MyBackendConformanceTest extends ConformanceTests {}}) with its backend on the
 * test class or module path; see {@link ConformanceSuite} for the system properties and
 * {@code docs/backend-authors.md} for the whole recipe. The report goes to {@code target/conformance/}.
 */
public class ConformanceTests {

    /** Public for JUnit and for subclasses. */
    public ConformanceTests() {
    }

    /** Every check of every backend asked for. */
    @TestFactory
    public Stream<DynamicNode> conformance() {
        return ConformanceSuite.tests();
    }

    /** Writes the Markdown report and prints the console summary. */
    @AfterAll
    public static void writeReport() {
        ConformanceSuite.writeReport();
    }
}
