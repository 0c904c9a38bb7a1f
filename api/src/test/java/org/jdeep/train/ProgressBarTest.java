package org.jdeep.train;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

/** The terminal progress bar: its text, in-place redrawing, and silence without a terminal. */
class ProgressBarTest {

    @Test
    void theLineShowsTheBarPercentStatusAndRemainingTime() {
        assertEquals("[=========>          ]  45% epoch 3/10 loss 0.4321 eta 0:12",
                ProgressBar.line(45, 100, "epoch 3/10 loss 0.4321", 9.8));
        assertEquals("[>                   ]   0% start", ProgressBar.line(0, 100, "start", 0));
        assertEquals("[====================] 100% done", ProgressBar.line(7, 7, "done", 3));
        assertEquals("[=>                  ]   5% long eta 3:10", ProgressBar.line(5, 100, "long", 10));
    }

    @Test
    void itRedrawsInPlaceAndEndsTheLine() {
        StringWriter text = new StringWriter();
        ProgressBar bar = new ProgressBar(new PrintWriter(text), 2);
        bar.update(1, "a");
        bar.update(2, "b");
        bar.finish();
        String out = text.toString();
        assertEquals(2, out.chars().filter(c -> c == '\r').count(), out);
        assertEquals(true, out.endsWith("] 100% b" + System.lineSeparator()), out);
    }

    @Test
    void withoutATerminalItIsQuiet() {
        // tests run with output redirected: there is no console, so the bar writes nothing even when enabled
        ProgressBar bar = ProgressBar.onTerminal(true, 10);
        bar.update(5, "x");
        bar.finish();
        assertEquals(null, System.console(), "surefire runs without a terminal");
    }
}
