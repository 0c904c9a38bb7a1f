package org.jdeep.models.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Properties;
import org.jdeep.BackendUnavailableException;
import org.jdeep.ShapeMismatchException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code jdeep} command line, parsed with picocli:
 * <pre>
 * jdeep list                                  every model, with the lectures it covers
 * jdeep train MODEL [--backend NAME] [--epochs N] [--batch-size B] [--lr X] [--seed S] [--data PATH] [--out DIR]
 * jdeep evaluate --model DIR [--data PATH]    a saved model's train/dev/test metrics
 * jdeep predict --model DIR --input ...       a saved model's predictions
 * jdeep backends                              the backends found, whether each can run here, and why
 * jdeep demo                                  a few tensor operations on the selected backend
 * </pre>
 * Exit status: 0 on success, 1 when the command fails (a backend that cannot run, unreadable data...; the reason
 * is printed on one line), 2 for a usage error. The backend is chosen with {@code --backend NAME} or, for every
 * command, {@code -Djdeep.backend=NAME} / {@code JDEEP_BACKEND=NAME} (default {@code cpu}).
 */
@Command(name = "jdeep", synopsisHeading = "", customSynopsis = "usage: jdeep <command> [options]  (jdeep help <command> for its options)",
        description = "Trains and runs the Deep Learning Specialization's models on jdeep.",
        mixinStandardHelpOptions = true, versionProvider = Main.Version.class, sortOptions = false,
        subcommands = {ListCommand.class, TrainCommand.class, EvaluateCommand.class, PredictCommand.class,
            BackendsCommand.class, DemoCommand.class, CommandLine.HelpCommand.class},
        footer = {"", "Select a backend with --backend NAME (train, evaluate, predict), or -Djdeep.backend=NAME or "
                + "JDEEP_BACKEND=NAME (default: cpu)."})
public final class Main implements Runnable {
    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    /** The top-level command; {@link #main} and {@link #run} make one per invocation. */
    public Main() {
    }

    /** Without a command: prints the usage. */
    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** Runs one command and exits with its status. */
    public static void main(String[] args) {
        if (System.getProperty("java.awt.headless") == null) {
            System.setProperty("java.awt.headless", "true"); // plots are drawn off screen
        }
        System.exit(run(args, System.out, System.err));
    }

    /** Runs one command, printing to {@code out} and {@code err}; returns the exit status. */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        CommandLine cmd = new CommandLine(new Main());
        cmd.setOut(new PrintWriter(out, true, StandardCharsets.UTF_8));
        cmd.setErr(new PrintWriter(err, true, StandardCharsets.UTF_8));
        cmd.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            PrintWriter w = commandLine.getErr();
            if (isExpected(e)) {
                w.println("jdeep: " + oneLine(e));
            } else {
                w.println("jdeep: " + commandLine.getCommandName() + " failed: " + e);
                e.printStackTrace(w);
            }
            w.flush();
            return 1;
        });
        cmd.setParameterExceptionHandler((e, arguments) -> {
            CommandLine where = e.getCommandLine();
            PrintWriter w = where.getErr();
            w.println("jdeep: " + e.getMessage());
            CommandLine.UnmatchedArgumentException.printSuggestions(e, w);
            where.usage(w);
            w.flush();
            return CommandLine.ExitCode.USAGE;
        });
        int status = cmd.execute(args);
        cmd.getOut().flush();
        cmd.getErr().flush();
        return status;
    }

    private static boolean isExpected(Exception e) {
        return e instanceof BackendUnavailableException || e instanceof IOException
                || e instanceof UncheckedIOException || e instanceof IllegalArgumentException
                || e instanceof ShapeMismatchException;
    }

    private static String oneLine(Exception e) {
        String m = e.getMessage() == null ? e.toString() : e.getMessage();
        return m.replace('\n', ' ').replaceAll(" {2,}", " ");
    }

    /** The version of the jdeep-models jar (its Maven version), or "unknown" from a build directory. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"jdeep " + version()};
        }
    }

    /** The jdeep-models version, from the module descriptor or the jar's Maven properties. */
    static String version() {
        Module m = Main.class.getModule();
        if (m.getDescriptor() != null && m.getDescriptor().rawVersion().isPresent()) {
            return m.getDescriptor().rawVersion().get();
        }
        try (InputStream in = Main.class.getResourceAsStream("/META-INF/maven/org.jdeep/jdeep-models/pom.properties")) {
            if (in != null) {
                Properties p = new Properties();
                p.load(in);
                return p.getProperty("version", "unknown");
            }
        } catch (IOException e) {
            // fall through
        }
        return "unknown";
    }
}
