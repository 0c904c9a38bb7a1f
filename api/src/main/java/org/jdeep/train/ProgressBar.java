package org.jdeep.train;

import java.io.Console;
import java.io.PrintWriter;

/**
 * A one-line progress bar for long training runs, redrawn in place with a carriage return at most ten times a
 * second: {@code [=========>          ]  45% epoch 3/10 loss 0.4321 dev_accuracy 0.9500 eta 0:12}. It writes to
 * the terminal only: with no console (output redirected to a file or a pipe, as in CI and tests) it stays quiet.
 */
final class ProgressBar {
    private static final int WIDTH = 20;
    private static final long REDRAW_NANOS = 100_000_000L;

    private final PrintWriter out; // null: quiet
    private final long total;
    private final long start = System.nanoTime();
    private long lastDraw = Long.MIN_VALUE;

    ProgressBar(PrintWriter out, long total) {
        this.out = out;
        this.total = total;
    }

    /** A bar on the terminal when {@code enabled} and there is one, otherwise a quiet bar. */
    static ProgressBar onTerminal(boolean enabled, long total) {
        Console console = System.console();
        return new ProgressBar(enabled && console != null ? console.writer() : null, total);
    }

    /** Redraws with {@code done} of the total steps and a status, unless the last drawing is too recent. */
    void update(long done, String status) {
        long now = System.nanoTime();
        if (out == null || (done < total && lastDraw != Long.MIN_VALUE && now - lastDraw < REDRAW_NANOS)) {
            return;
        }
        lastDraw = now;
        out.print("\r" + line(done, total, status, (now - start) / 1e9));
        out.flush();
    }

    /** Ends the line. */
    void finish() {
        if (out != null) {
            out.println();
            out.flush();
        }
    }

    /** The bar's text for {@code done} of {@code total} steps after {@code seconds}. */
    static String line(long done, long total, String status, double seconds) {
        double f = total == 0 ? 1 : Math.min(1, (double) done / total);
        int filled = (int) (f * WIDTH);
        StringBuilder bar = new StringBuilder("[");
        for (int i = 0; i < WIDTH; i++) {
            bar.append(i < filled ? '=' : i == filled ? '>' : ' ');
        }
        bar.append(String.format("] %3d%% %s", (int) (f * 100), status));
        if (done > 0 && done < total) {
            long eta = Math.round(seconds / done * (total - done));
            bar.append(String.format(" eta %d:%02d", eta / 60, eta % 60));
        }
        return bar.toString();
    }
}
