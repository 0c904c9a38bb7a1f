/**
 * The conformance suite every jdeep backend must pass. The module is reserved in the build; the suite
 * arrives with the conformance issue.
 */
module org.jdeep.conformance {
    requires org.jdeep.api;
}
