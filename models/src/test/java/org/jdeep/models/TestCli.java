package org.jdeep.models;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.jdeep.models.cli.Main;

/** Runs the {@code jdeep} command line in this JVM, for tests, capturing what it prints. */
public final class TestCli {
    private TestCli() {
    }

    /**
     * What a command gave.
     *
     * @param status the exit status
     * @param out what it printed on standard output
     * @param err what it printed on standard error
     */
    public record Result(int status, String out, String err) {
    }

    /** Runs {@code jdeep ARGS...} as {@link Main#run} does for the launcher. */
    public static Result jdeep(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = Main.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Result(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }
}
