/*
 * Course 1, week 2, "Neural Networks Basics": 2.1 Binary Classification, 2.2 Logistic Regression, 2.3 Logistic
 * Regression Cost Function, 2.4 Gradient Descent, 2.9 Logistic Regression Gradient Descent, 2.10 Gradient Descent
 * on m Examples, 2.13 Vectorizing Logistic Regression, 2.14 Vectorizing Logistic Regression's Gradient, 2.18
 * Explanation of logistic regression cost function.
 * The programming assignment "Logistic Regression with a Neural Network mindset" (model).
 */
package org.jdeep.models.c1w2;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.jdeep.models.course.BinaryImages;
import org.jdeep.models.course.CourseData;
import org.jdeep.models.course.CourseLinear;
import org.jdeep.models.course.CourseModel;
import org.jdeep.models.course.Settings;
import org.jdeep.nn.Module;
import org.jdeep.nn.init.Initializer;
import org.jdeep.random.RandomState;

/**
 * Logistic regression as a neural network with no hidden layer: a binary image classifier (cat / non-cat), the
 * course's {@code model(X_train, Y_train, X_test, Y_test, num_iterations=2000, learning_rate=0.005)}.
 * <pre>
 * course (examples as columns)                     jdeep (examples as rows)
 * X (12288, m) = images.reshape(m, -1).T / 255     X (m, 12288), the same values
 * w = zeros((12288, 1)), b = 0                     CourseLinear(12288, 1), Initializer.zeros(): weight (1, 12288) = w.T
 * A = sigmoid(w.T X + b)                           scores z = (w.T Xᵀ)ᵀ + b; sigmoid inside the cost
 * cost = -(1/m) sum(Y log A + (1-Y) log(1-A))      BinaryCrossEntropy.ofLogits(z, Y)
 * dw = (1/m) X (A-Y).T; db = (1/m) sum(A-Y)        autograd
 * w = w - learning_rate * dw                       SGD(0.005)
 * </pre>
 * Starting from zeros, the first cost is {@code log 2 = 0.693147} whatever the data. On the course's images it
 * reaches 99% train and 70% test accuracy; on the synthetic stand-in ({@link BinaryImages#synthetic}) it does
 * better on the test set, that set being easier.
 *
 * <p>Data: synthetic images by default; {@code --data PATH} reads real ones (see {@link BinaryImages#read}).
 */
public final class LogisticRegression implements CourseModel {

    /** The model, with the course's defaults ({@link #defaults()}). */
    public LogisticRegression() {
    }

    @Override
    public String name() {
        return "logistic-regression";
    }

    @Override
    public String description() {
        return "logistic regression as a neural network: a binary cat / non-cat image classifier";
    }

    @Override
    public List<String> lectures() {
        return List.of("C1W2 2.1 Binary Classification", "C1W2 2.2 Logistic Regression",
                "C1W2 2.3 Logistic Regression Cost Function", "C1W2 2.4 Gradient Descent",
                "C1W2 2.9 Logistic Regression Gradient Descent", "C1W2 2.10 Gradient Descent on m Examples",
                "C1W2 2.13 Vectorizing Logistic Regression", "C1W2 2.14 Vectorizing Logistic Regression's Gradient",
                "C1W2 2.18 Explanation of logistic regression cost function");
    }

    /** The notebook's: 2000 iterations at 0.005, the cost every 100. */
    @Override
    public Settings defaults() {
        return new Settings(2000, 0, 0.005, 1, 100);
    }

    @Override
    public List<String> optionHelp() {
        return new ArrayList<>(BinaryImages.optionHelp());
    }

    @Override
    public CourseData data(Settings settings, Path path) throws IOException {
        return BinaryImages.load(settings, path);
    }

    /**
     * One {@link CourseLinear} {@code (n_x -> 1)} starting at zero, the course's {@code initialize_with_zeros}: its
     * weight {@code (1, n_x)} is the course's {@code w.T}.
     */
    @Override
    public Module build(Settings settings, int features) {
        return new CourseLinear(features, 1, Initializer.zeros(), new RandomState(settings.seed()));
    }

    @Override
    public List<String> classNames() {
        return BinaryImages.CLASSES;
    }
}
