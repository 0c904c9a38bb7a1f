package org.jdeep;

/**
 * One backend provider found by {@link Backends#list()}, with its probe result.
 *
 * @param name the name to select it by ({@code -Djdeep.backend=NAME})
 * @param available whether it can run here
 * @param detail the device when available, otherwise the reason it cannot run
 */
public record BackendInfo(String name, boolean available, String detail) {

    /** One line for diagnostics: {@code cpu  available  <device>}. */
    @Override
    public String toString() {
        return String.format("%-8s %-12s %s", name, available ? "available" : "unavailable", detail);
    }
}
