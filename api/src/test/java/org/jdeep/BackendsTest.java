package org.jdeep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.jdeep.testproviders.UnavailableProvider;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class BackendsTest {

    @AfterEach
    void clearProperty() {
        System.clearProperty(Backends.PROPERTY);
    }

    private static Map<String, BackendInfo> byName() {
        return Backends.list().stream().collect(Collectors.toMap(BackendInfo::name, Function.identity()));
    }

    @Test
    void serviceLoaderFindsTheCpuBackendAvailable() {
        BackendInfo cpu = byName().get("cpu");
        assertTrue(cpu.available(), cpu.toString());
        assertTrue(cpu.detail().contains("thread"), cpu.detail());
    }

    @Test
    void anUnavailableProviderIsListedWithItsReason() {
        BackendInfo info = byName().get("nodevice");
        assertFalse(info.available());
        assertEquals("no test device attached (plug one in)", info.detail());
    }

    @Test
    void aProbeThatThrowsIsReportedNotFatal() {
        BackendInfo info = byName().get("crashy");
        assertFalse(info.available());
        assertTrue(info.detail().contains("UnsatisfiedLinkError"), info.detail());
        assertTrue(info.detail().contains("libcrashy.so"), info.detail());
    }

    @Test
    void aProviderClassThatCannotBeLoadedIsReportedNotFatal() {
        List<BackendInfo> broken = Backends.list().stream().filter(b -> b.detail().contains("DoesNotExist")).toList();
        assertEquals(1, broken.size(), Backends.list().toString());
        assertFalse(broken.get(0).available());
        assertTrue(byName().get("cpu").available());
    }

    @Test
    void choosingABackendDoesNotProbeTheOthersAndEachProbeRunsOnce() {
        // A probe may load a native library (PoCL's LLVM replaces the JVM's SIGSEGV handler), so only the backend
        // asked for is probed; list() probes the rest, each once.
        int before = UnavailableProvider.probes();
        Backends.get("cpu");
        Backends.selected();
        assertEquals(before, UnavailableProvider.probes());
        Backends.list();
        Backends.list();
        assertEquals(1, UnavailableProvider.probes());
    }

    @Test
    void theDefaultIsCpu() {
        assertEquals("cpu", Backends.requestedName());
    }

    @Test
    void thePropertySelectsTheBackend() {
        System.setProperty(Backends.PROPERTY, " NoDevice ");
        assertEquals("nodevice", Backends.requestedName());
    }

    @Test
    void aMissingBackendRaisesWithEveryProviderListed() {
        System.setProperty(Backends.PROPERTY, "quantum");
        BackendUnavailableException e = assertThrows(BackendUnavailableException.class, () -> Backends.get("quantum"));
        assertTrue(e.getMessage().startsWith("backend 'quantum' (asked for with -Djdeep.backend=quantum) was not found."),
                e.getMessage());
        assertTrue(e.getMessage().contains("cpu (available)"), e.getMessage());
        assertTrue(e.getMessage().contains("nodevice (unavailable: no test device attached (plug one in))"),
                e.getMessage());
        assertTrue(e.getMessage().contains("-Djdeep.backend=NAME or JDEEP_BACKEND=NAME"), e.getMessage());
    }

    @Test
    void anUnavailableBackendRaisesWithTheProbeReasonAndNeverFallsBack() {
        BackendUnavailableException e = assertThrows(BackendUnavailableException.class,
                () -> Backends.using("nodevice"));
        assertTrue(e.getMessage().contains("cannot run here: no test device attached (plug one in)"), e.getMessage());
    }

    @Test
    void usingScopesTheBackendToTheThreadAndRestoresIt() {
        try (Backends.Scope s = Backends.using("cpu")) {
            Tensor t = Tensor.zeros(org.jdeep.types.DType.FLOAT32, 2);
            assertEquals("cpu", t.backend().name());
        }
        assertEquals("cpu", Backends.selected().name());
    }
}
