package org.jdeep.conformance;

import java.util.Map;

/**
 * Cases that fail because of a known bug in jdeep's API (not in the backend under test), each with the bug. Such
 * a case is reported as {@code KNOWN ISSUE} and skipped while it fails; once it passes, the suite fails and asks
 * for the entry to be removed, so a fix is never left unverified (a strict expected failure).
 */
final class KnownIssues {
    private KnownIssues() {
    }

    /** Case name to the bug behind it; empty while the API has no known bug. */
    private static final Map<String, String> TENSOR = Map.of();

    /** The known bug behind a case of {@code part}, or null. */
    static String reason(String part, String caseName) {
        return part.equals("tensor") ? TENSOR.get(caseName) : null;
    }
}
