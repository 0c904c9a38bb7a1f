package org.jdeep.models.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import org.jdeep.models.Catalog;
import org.jdeep.models.course.CourseModel;
import org.jdeep.models.course.Settings;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code jdeep list}: every model with what it does, the lectures it covers, its defaults and options. */
@Command(name = "list", description = "List every model with the lectures it covers.")
final class ListCommand implements Callable<Integer> {
    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        for (CourseModel m : Catalog.all()) {
            out.println(m.name() + "  -  " + m.description());
            out.println(wrap("    lectures: ", String.join("; ", m.lectures()), 110));
            out.println("    defaults: " + defaults(m.defaults()));
            for (String option : m.optionHelp()) {
                out.println("    --option " + option);
            }
            out.println();
        }
        out.println("Train one with: jdeep train NAME [--epochs N] [--lr X] ... (jdeep help train)");
        return 0;
    }

    /** {@code text} after {@code head}, wrapped at word boundaries to {@code width} columns, later lines indented. */
    static String wrap(String head, String text, int width) {
        StringBuilder out = new StringBuilder(head);
        String indent = " ".repeat(head.length());
        int column = head.length();
        for (String word : text.split(" ")) {
            if (column > head.length() && column + 1 + word.length() > width) {
                out.append('\n').append(indent);
                column = indent.length();
            } else if (column > head.length()) {
                out.append(' ');
                column++;
            }
            out.append(word);
            column += word.length();
        }
        return out.toString();
    }

    static String defaults(Settings s) {
        return "--epochs " + s.epochs() + " --batch-size " + (s.batchSize() == 0 ? "all" : s.batchSize())
                + " --lr " + s.learningRate() + " --seed " + s.seed() + " --print-every " + s.printEvery();
    }
}
