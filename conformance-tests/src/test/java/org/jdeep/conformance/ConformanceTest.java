package org.jdeep.conformance;

/**
 * The suite on every backend of this build. Surefire runs it twice: on the module path (providers found
 * through {@code provides}) and on the class path (through {@code META-INF/services}).
 */
class ConformanceTest extends ConformanceTests {
}
