package org.jdeep.models.course;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.jdeep.loss.L2Penalty;
import org.jdeep.loss.Loss;
import org.jdeep.nn.Module;
import org.jdeep.optim.LearningRateSchedule;
import org.jdeep.optim.Optimizer;
import org.jdeep.optim.SGD;
import org.jdeep.optim.SgdConfig;

/**
 * One of the course's models as {@code jdeep train} runs it: its name, the lectures it implements, the course's
 * hyperparameters, its data (generated in code, or read from {@code --data}), and its network. The command line
 * does the rest the same way for every model: trains ({@link Training}), reports train/dev/test metrics, saves
 * the parameters and a run record, and plots ({@link ModelStore}, {@link Plots}).
 *
 * <p>To add a model, implement this interface in the package of its course week and add one line to
 * {@code org.jdeep.models.Catalog}. The network must end on raw scores ({@link Task}); the defaults below give
 * batch gradient descent on the task's cross-entropy at a constant learning rate without regularisation, as
 * Course 1 trains.
 */
public interface CourseModel {

    /** The name on the command line, lower case with dashes: {@code jdeep train NAME}. */
    String name();

    /** One line saying what the model is and what it learns. */
    String description();

    /**
     * The lectures it implements, each as {@code "C1W3 3.3 Computing a Neural Network's output"} (course, week,
     * the lecture's number and title in the course's table of contents).
     */
    List<String> lectures();

    /** The course's hyperparameters for this model; the command line's options override them. */
    Settings defaults();

    /** The model-specific options ({@code --option KEY=VALUE}), one line each, e.g. {@code "hidden=4  hidden units"}. */
    default List<String> optionHelp() {
        return List.of();
    }

    /**
     * The data to train and evaluate on.
     *
     * @param settings the run's settings (data options such as {@code dataset=moons} are read from them)
     * @param path the {@code --data} path, or null for the model's generated data
     * @return the data, owned by the caller
     * @throws IOException when {@code path} cannot be read
     * @throws IllegalArgumentException when {@code path} holds data this model cannot use
     */
    CourseData data(Settings settings, Path path) throws IOException;

    /**
     * A freshly initialised network for {@code features} inputs, drawing its parameters from a
     * {@link org.jdeep.random.RandomState} seeded with {@link Settings#seed()}. Build it outside any
     * {@link org.jdeep.MemoryScope}: the caller owns it.
     *
     * @param settings the run's settings (e.g. layer sizes from the options)
     * @param features the number of input features n_x
     * @return a network {@code (m, n_x) -> (m, 1)} of scores for {@link Task#BINARY}, {@code (m, C)} for
     *     {@link Task#MULTICLASS}
     */
    Module build(Settings settings, int features);

    /** What the output means; binary by default. */
    default Task task() {
        return Task.BINARY;
    }

    /**
     * The cost of the network's scores against the labels; the task's cross-entropy by default. Training minimises
     * it plus the {@link #l2Penalty} when there is one; evaluation reports it alone.
     */
    default Loss loss() {
        return task().loss();
    }

    /**
     * The L2 regularisation of the training cost (Course 2, week 1, 1.4 Regularization), or none (the default).
     * When present, training minimises {@code loss() + (lambda / 2m) sum_l ||W[l]||_F^2}, the course's
     * {@code compute_cost_with_regularization}: the printed and recorded costs include the penalty, and autograd
     * differentiates it, adding {@code (lambda / m) W} to each weight's gradient as the course's
     * {@code backward_propagation_with_regularization} does.
     *
     * @param settings the run's settings (e.g. {@code lambd} from the options)
     * @param m the number of training examples, the course's m
     * @throws IllegalArgumentException when an option is malformed
     */
    default Optional<L2Penalty> l2Penalty(Settings settings, int m) {
        return Optional.empty();
    }

    /**
     * The learning-rate decay (Course 2, week 2, 2.9 Learning rate decay); no decay
     * ({@link LearningRateSchedule#constant()}) by default. Training applies it as the course's loop does: after
     * epoch {@code i} (after iteration {@code i} with the whole training set as the batch) the learning rate becomes
     * {@code learningRate(α₀, i)}, α₀ being {@link Settings#learningRate()} ({@code --lr}).
     *
     * @param settings the run's settings (e.g. {@code decay=schedule} from the options)
     * @throws IllegalArgumentException when an option is malformed or unknown
     */
    default LearningRateSchedule schedule(Settings settings) {
        return LearningRateSchedule.constant();
    }

    /**
     * The optimizer over the network's parameters; gradient descent at {@link Settings#learningRate()} by
     * default (Course 1, week 2, 2.4 Gradient Descent). Made outside any memory scope; the caller closes it.
     */
    default Optimizer optimizer(Module network, Settings settings) {
        return new SGD(network.parameters(), new SgdConfig(settings.learningRate()));
    }

    /** The classes' names, index = class id; {@code ["0", "1"]} by default. */
    default List<String> classNames() {
        return List.of("0", "1");
    }
}
