package org.jdeep.backend.opencl;

import com.aparapi.Config;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * Keeps the reason Aparapi logs when a device fails a kernel ("Device failed for ...: reason"), the only
 * place it says why it fell back to Java.
 */
final class AparapiLog extends Handler {
    private static AparapiLog installed;
    private volatile String last;

    private AparapiLog() {
    }

    static synchronized void install() {
        if (installed == null) {
            installed = new AparapiLog();
            Logger.getLogger(Config.getLoggerName()).addHandler(installed);
        }
    }

    static String lastFailure() {
        return installed == null ? null : installed.last;
    }

    static void clear() {
        if (installed != null) {
            installed.last = null;
        }
    }

    @Override
    public void publish(LogRecord record) {
        String m = record.getMessage();
        if (m != null && (m.startsWith("Device failed") || m.startsWith("Execution mode"))) {
            last = m;
        }
    }

    @Override
    public void flush() {
    }

    @Override
    public void close() {
    }
}
