package org.jdeep.models.companion;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jdeep.MemoryScope;
import org.jdeep.Tensor;
import org.jdeep.loss.BinaryCrossEntropy;
import org.jdeep.optim.SGD;
import org.jdeep.optim.SgdConfig;
import org.jdeep.types.DType;

/**
 * Course 1, week 2, programming assignment "Logistic Regression with a Neural Network mindset", in jdeep
 * (lectures 2.1-2.4 Binary Classification, Logistic Regression, its Cost Function, Gradient Descent; 2.7-2.10 the
 * computation graph and logistic regression gradient descent; 2.13-2.14 Vectorizing Logistic Regression and its
 * gradient).
 *
 * <p>Shapes as in the notebook: {@code w (n_x, 1)}, {@code b} a number, {@code X (n_x, m)}, {@code Y (1, m)}.
 * The forward pass is {@code A = sigmoid(w^T X + b)}, the cost {@link BinaryCrossEntropy#ofProbabilities}, and the
 * gradients {@code dw = (1/m) X (A - Y)^T}, {@code db = (1/m) sum(A - Y)} come from autograd (the test checks
 * them against those formulas); {@link #optimize} updates with {@link SGD}, whose step is the notebook's
 * {@code w = w - learning_rate * dw}.
 */
public final class LogisticRegressionCompanion {
    private LogisticRegressionCompanion() {
    }

    /** {@code sigmoid(z)}: {@code 1 / (1 + exp(-z))} element by element. */
    public static Tensor sigmoid(Tensor z) {
        return z.sigmoid();
    }

    /**
     * What {@code initialize_with_zeros(dim)} returns.
     *
     * @param w zeros {@code (dim, 1)}
     * @param b the bias, {@code 0.0}
     */
    public record Zeros(Tensor w, double b) {
    }

    /** {@code initialize_with_zeros(dim)}: {@code w = np.zeros((dim, 1))}, {@code b = 0.0}. */
    public static Zeros initializeWithZeros(int dim) {
        return new Zeros(Tensor.zeros(DType.FLOAT64, dim, 1), 0.0);
    }

    /**
     * What {@code propagate} returns: the notebook's {@code grads} dictionary and {@code cost}.
     *
     * @param dw the gradient of the cost with respect to w, {@code (n_x, 1)}
     * @param db the gradient with respect to b
     * @param cost the cross-entropy cost
     */
    public record Propagation(Tensor dw, double db, double cost) {
    }

    /**
     * {@code propagate(w, b, X, Y)}: forward propagation to the cost
     * {@code J = -(1/m) sum(Y log(A) + (1 - Y) log(1 - A))} with {@code A = sigmoid(w^T X + b)}, then backward
     * propagation to {@code dw = (1/m) X (A - Y)^T} and {@code db = (1/m) sum(A - Y)} (by autograd).
     *
     * @param w weights {@code (n_x, 1)}
     * @param b bias
     * @param X data {@code (n_x, m)}
     * @param Y true labels {@code (1, m)}, 0 or 1
     * @return the gradients and the cost
     */
    public static Propagation propagate(Tensor w, double b, Tensor X, Tensor Y) {
        try (Tensor wLeaf = w.requiresGrad(); Tensor b0 = Tensor.scalar(b); Tensor bLeaf = b0.requiresGrad();
             Tensor cost = cost(wLeaf, bLeaf, X, Y)) {
            cost.backward();
            return new Propagation(wLeaf.grad().to(DType.FLOAT64), bLeaf.grad().item(), cost.item());
        }
    }

    /** {@code sigmoid(w^T X + b)}, {@code (1, m)}. */
    private static Tensor activation(Tensor w, Tensor b, Tensor X) {
        try (Tensor wt = w.transpose(); Tensor z0 = wt.matmul(X); Tensor z = z0.add(b)) {
            return z.sigmoid();
        }
    }

    /** The cost of the logistic regression (w, b) on (X, Y), recorded for autograd when w, b track gradients. */
    private static Tensor cost(Tensor w, Tensor b, Tensor X, Tensor Y) {
        try (Tensor a = activation(w, b, X); Tensor at = a.transpose(); Tensor yt = Y.transpose()) {
            return BinaryCrossEntropy.ofProbabilities(at, yt); // (m, 1) each: examples on axis 0
        }
    }

    /**
     * What {@code optimize} returns: the notebook's {@code params}, {@code grads} and {@code costs}.
     *
     * @param w the learned weights {@code (n_x, 1)}
     * @param b the learned bias
     * @param dw the gradient of the LAST iteration, computed before its update
     * @param db the same for b
     * @param costs the cost every 100 iterations (at i = 0, 100, ...), before that iteration's update
     */
    public record Optimization(Tensor w, double b, Tensor dw, double db, List<Double> costs) {
    }

    /**
     * {@code optimize(w, b, X, Y, num_iterations=100, learning_rate=0.009, print_cost=False)}: gradient descent,
     * {@code w = w - learning_rate * dw}, {@code b = b - learning_rate * db}, on a copy of {@code w}.
     *
     * @param w initial weights {@code (n_x, 1)} (not modified)
     * @param b initial bias
     * @param X data {@code (n_x, m)}
     * @param Y labels {@code (1, m)}
     * @param numIterations the number of gradient-descent steps
     * @param learningRate the learning rate α
     * @param printCost whether to print {@code "Cost after iteration %i: %f"} every 100 steps
     * @return the parameters, the last gradients and the costs
     */
    public static Optimization optimize(Tensor w, double b, Tensor X, Tensor Y, int numIterations,
                                        double learningRate, boolean printCost) {
        List<Double> costs = new ArrayList<>();
        try (Tensor w0 = w.to(DType.FLOAT64); Tensor wLeaf = w0.requiresGrad(); Tensor b0 = Tensor.scalar(b);
             Tensor bLeaf = b0.requiresGrad();
             SGD sgd = new SGD(Map.of("w", wLeaf, "b", bLeaf), new SgdConfig(learningRate))) {
            for (int i = 0; i < numIterations; i++) {
                try (MemoryScope scope = MemoryScope.open()) {
                    sgd.zeroGrad();
                    Tensor cost = cost(wLeaf, bLeaf, X, Y);
                    cost.backward();
                    if (i % 100 == 0) {
                        costs.add(cost.item());
                        if (printCost) {
                            System.out.printf("Cost after iteration %d: %f%n", i, cost.item());
                        }
                    }
                    sgd.step();
                }
            }
            Tensor dw = wLeaf.grad() == null ? Tensor.zeros(DType.FLOAT64, w.shape().dims()) : wLeaf.grad().to(DType.FLOAT64);
            double db = bLeaf.grad() == null ? 0.0 : bLeaf.grad().item();
            return new Optimization(wLeaf.to(DType.FLOAT64), bLeaf.item(), dw, db, List.copyOf(costs));
        }
    }

    /**
     * {@code predict(w, b, X)}: {@code Y_prediction (1, m)}, 1.0 where {@code sigmoid(w^T X + b) > 0.5}, else 0.0.
     */
    public static Tensor predict(Tensor w, double b, Tensor X) {
        try (Tensor bt = Tensor.scalar(b); Tensor a = activation(w, bt, X)) {
            return a.gt(0.5);
        }
    }

    /**
     * What {@code model} returns: the notebook's dictionary {@code d}.
     *
     * @param costs the cost every 100 iterations
     * @param yPredictionTest predictions on the test set {@code (1, m_test)}
     * @param yPredictionTrain predictions on the training set {@code (1, m_train)}
     * @param w the learned weights
     * @param b the learned bias
     * @param learningRate the learning rate used
     * @param numIterations the number of iterations run
     * @param trainAccuracy {@code 100 - mean(|Y_prediction_train - Y_train|) * 100}, in percent
     * @param testAccuracy the same on the test set
     */
    public record Model(List<Double> costs, Tensor yPredictionTest, Tensor yPredictionTrain, Tensor w, double b,
                        double learningRate, int numIterations, double trainAccuracy, double testAccuracy) {
    }

    /**
     * {@code model(X_train, Y_train, X_test, Y_test, num_iterations=2000, learning_rate=0.5, print_cost=False)}:
     * zeros, {@link #optimize}, {@link #predict} on both sets, and the accuracies the notebook prints as
     * {@code "train accuracy: ... %"}.
     */
    public static Model model(Tensor xTrain, Tensor yTrain, Tensor xTest, Tensor yTest, int numIterations,
                              double learningRate, boolean printCost) {
        Zeros init = initializeWithZeros(xTrain.shape().dim(0));
        Optimization opt;
        try (Tensor w0 = init.w()) {
            opt = optimize(w0, init.b(), xTrain, yTrain, numIterations, learningRate, printCost);
        }
        opt.dw().close();
        Tensor predTest = predict(opt.w(), opt.b(), xTest);
        Tensor predTrain = predict(opt.w(), opt.b(), xTrain);
        double trainAccuracy = accuracy(predTrain, yTrain);
        double testAccuracy = accuracy(predTest, yTest);
        if (printCost) {
            System.out.println("train accuracy: " + trainAccuracy + " %");
            System.out.println("test accuracy: " + testAccuracy + " %");
        }
        return new Model(opt.costs(), predTest, predTrain, opt.w(), opt.b(), learningRate, numIterations,
                trainAccuracy, testAccuracy);
    }

    /** {@code 100 - np.mean(np.abs(prediction - Y)) * 100}. */
    static double accuracy(Tensor prediction, Tensor y) {
        try (Tensor d = prediction.sub(y); Tensor a = d.abs(); Tensor mean = a.mean()) {
            return 100 - mean.item() * 100;
        }
    }
}
