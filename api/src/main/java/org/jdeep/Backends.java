package org.jdeep;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.function.Supplier;
import org.jdeep.spi.Backend;
import org.jdeep.spi.BackendProvider;
import org.jdeep.spi.Probe;

/**
 * Finds backends with {@link ServiceLoader} and chooses the one tensors are made on: the one named by the
 * system property {@code jdeep.backend}, else the environment variable {@code JDEEP_BACKEND}, else
 * {@code cpu}. A backend that is asked for but missing or unable to run raises
 * {@link BackendUnavailableException} with the reason; there is never a silent fallback.
 *
 * <p>Discovery happens on first use, not at class load, and a provider's probe runs only when that backend is
 * asked for or {@link #list()} is called. A provider that fails to load or whose probe throws is reported as
 * unavailable with that error and does not affect the others.
 */
public final class Backends {
    /** The system property that selects a backend. */
    public static final String PROPERTY = "jdeep.backend";
    /** The environment variable that selects a backend when the property is not set. */
    public static final String ENVIRONMENT = "JDEEP_BACKEND";
    /** The backend used when neither is set. */
    public static final String DEFAULT = "cpu";

    private static final Object LOCK = new Object();
    private static volatile Map<String, Found> found;
    private static final Map<String, Backend> OPENED = new LinkedHashMap<>();
    private static volatile Backend defaultBackend;
    private static final ThreadLocal<Backend> OVERRIDE = new ThreadLocal<>();

    private Backends() {
    }

    /**
     * A provider found on the class or module path. Its probe runs when first needed, not at discovery: probing
     * may load a native library (an OpenCL driver, CUDA), and a backend nobody asked for must not. PoCL's LLVM,
     * for one, replaces the JVM's SIGSEGV handler when it loads, after which the JVM's own use of that signal
     * (implicit null checks, safepoint polls) kills the process at random.
     */
    private static final class Found {
        final String name;
        final BackendProvider provider;
        private final String typeName;
        private Probe probe;

        Found(String name, BackendProvider provider, String typeName, Probe probe) {
            this.name = name;
            this.provider = provider;
            this.typeName = typeName;
            this.probe = probe;
        }

        synchronized Probe probe() {
            if (probe == null) {
                try {
                    probe = provider.probe();
                    if (probe == null) {
                        probe = Probe.unavailable("provider " + typeName + " returned no probe result");
                    }
                } catch (RuntimeException | LinkageError e) {
                    probe = Probe.unavailable("probe of " + typeName + " threw " + e);
                }
            }
            return probe;
        }
    }

    /** Every backend provider found, in discovery order, each with its probe result. */
    public static List<BackendInfo> list() {
        List<BackendInfo> out = new ArrayList<>();
        for (Found f : discover().values()) {
            out.add(new BackendInfo(f.name, f.probe().available(), f.probe().detail()));
        }
        return Collections.unmodifiableList(out);
    }

    /**
     * The name asked for by {@code -Djdeep.backend} or {@code JDEEP_BACKEND}, else {@value #DEFAULT}.
     */
    public static String requestedName() {
        String p = System.getProperty(PROPERTY);
        if (p != null && !p.isBlank()) {
            return p.trim().toLowerCase(Locale.ROOT);
        }
        String e = System.getenv(ENVIRONMENT);
        if (e != null && !e.isBlank()) {
            return e.trim().toLowerCase(Locale.ROOT);
        }
        return DEFAULT;
    }

    /**
     * The backend new tensors are made on: the one selected by {@link #using(String)} on this thread if any,
     * otherwise the requested one ({@link #requestedName()}), opened on first use.
     *
     * @throws BackendUnavailableException when the requested backend is missing or cannot run
     */
    public static Backend current() {
        Backend o = OVERRIDE.get();
        if (o != null) {
            return o;
        }
        Backend b = defaultBackend;
        if (b == null) {
            synchronized (LOCK) {
                if (defaultBackend == null) {
                    defaultBackend = get(requestedName());
                }
                b = defaultBackend;
            }
        }
        return b;
    }

    /**
     * The name and device of the backend {@link #current()} returns (opening it if needed).
     *
     * @throws BackendUnavailableException when the requested backend is missing or cannot run
     */
    public static BackendInfo selected() {
        Backend b = current();
        return new BackendInfo(b.name(), true, b.device());
    }

    /**
     * The named backend, opened once and shared.
     *
     * @throws BackendUnavailableException when no provider has that name or its probe says it cannot run
     */
    public static Backend get(String name) {
        String key = name.trim().toLowerCase(Locale.ROOT);
        synchronized (LOCK) {
            Backend b = OPENED.get(key);
            if (b != null) {
                return b;
            }
            Found f = discover().get(key);
            if (f == null) {
                throw new BackendUnavailableException(requestSource(key) + " was not found. " + summary());
            }
            if (!f.probe().available()) {
                throw new BackendUnavailableException(requestSource(key) + " cannot run here: " + f.probe().detail()
                        + ". " + summary());
            }
            try {
                b = f.provider.open();
            } catch (RuntimeException | LinkageError e) {
                throw new BackendUnavailableException("backend '" + key + "' failed to open: " + e, e);
            }
            OPENED.put(key, b);
            return b;
        }
    }

    /**
     * Makes tensors created on this thread use the named backend until the returned scope is closed:
     * {@code try (var s = Backends.using("opencl")) { ... }}. Scopes nest.
     *
     * @throws BackendUnavailableException when that backend is missing or cannot run
     */
    public static Scope using(String name) {
        Backend previous = OVERRIDE.get();
        OVERRIDE.set(get(name));
        return new Scope(previous);
    }

    /** Runs {@code body} with tensors made on the named backend; see {@link #using(String)}. */
    public static <T> T with(String name, Supplier<T> body) {
        Scope scope = using(name);
        try {
            return body.get();
        } finally {
            scope.close();
        }
    }

    /** The scope returned by {@link #using(String)}; closing it restores the previous backend. */
    public static final class Scope implements AutoCloseable {
        private final Backend previous;
        private boolean closed;

        private Scope(Backend previous) {
            this.previous = previous;
        }

        @Override
        public void close() {
            if (!closed) {
                closed = true;
                if (previous == null) {
                    OVERRIDE.remove();
                } else {
                    OVERRIDE.set(previous);
                }
            }
        }
    }

    /** {@code "backend 'NAME'"} and, when the user asked for it by property or variable, how. */
    private static String requestSource(String key) {
        if (key.equals(normalized(System.getProperty(PROPERTY)))) {
            return "backend '" + key + "' (asked for with -D" + PROPERTY + "=" + key + ")";
        }
        if (key.equals(normalized(System.getenv(ENVIRONMENT)))) {
            return "backend '" + key + "' (asked for with " + ENVIRONMENT + "=" + key + ")";
        }
        return "backend '" + key + "'";
    }

    private static String normalized(String s) {
        return s == null ? null : s.trim().toLowerCase(Locale.ROOT);
    }

    private static String summary() {
        Map<String, Found> all = discover();
        if (all.isEmpty()) {
            return "No backend was found at all: put a backend jar such as jdeep-backend-cpu on the class or "
                    + "module path.";
        }
        StringBuilder sb = new StringBuilder("Backends found: ");
        boolean first = true;
        for (Found f : all.values()) {
            sb.append(first ? "" : "; ").append(f.name).append(f.probe().available() ? " (available)"
                    : " (unavailable: " + f.probe().detail() + ")");
            first = false;
        }
        return sb.append(". Choose one with -D").append(PROPERTY).append("=NAME or ").append(ENVIRONMENT)
                .append("=NAME.").toString();
    }

    private static Map<String, Found> discover() {
        Map<String, Found> f = found;
        if (f == null) {
            synchronized (LOCK) {
                if (found == null) {
                    found = Collections.unmodifiableMap(load());
                }
                f = found;
            }
        }
        return f;
    }

    private static Map<String, Found> load() {
        Map<String, Found> out = new LinkedHashMap<>();
        ServiceLoader<BackendProvider> loader = ServiceLoader.load(BackendProvider.class,
                Backends.class.getClassLoader());
        var it = loader.stream().iterator();
        int failures = 0;
        while (true) {
            ServiceLoader.Provider<BackendProvider> handle;
            try {
                if (!it.hasNext()) {
                    break;
                }
                handle = it.next();
            } catch (ServiceConfigurationError e) {
                failures++;
                String name = "broken-" + failures;
                out.put(name, new Found(name, null, name,
                        Probe.unavailable("provider failed to load: " + e.getMessage())));
                continue;
            }
            String typeName = handle.type().getName();
            BackendProvider provider;
            String name;
            try {
                provider = handle.get();
                name = provider.name().trim().toLowerCase(Locale.ROOT);
            } catch (ServiceConfigurationError | RuntimeException | LinkageError e) {
                out.put(typeName, new Found(typeName, null, typeName, Probe.unavailable("provider " + typeName
                        + " failed to load: " + e)));
                continue;
            }
            if (out.containsKey(name)) {
                continue; // the same provider seen through both the module path and META-INF/services
            }
            out.put(name, new Found(name, provider, typeName, null));
        }
        return out;
    }
}
