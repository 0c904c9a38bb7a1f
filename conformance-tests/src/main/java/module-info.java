/**
 * The conformance suite every jdeep backend must pass, as a library of JUnit 5 dynamic tests: see
 * {@link org.jdeep.conformance.ConformanceSuite} and {@link org.jdeep.conformance.ConformanceTests}, and
 * {@code docs/backend-authors.md} for how a backend author runs it.
 */
module org.jdeep.conformance {
    requires transitive org.jdeep.api;
    requires transitive org.junit.jupiter.api;

    exports org.jdeep.conformance;
    opens org.jdeep.conformance to org.junit.platform.commons;
}
