package org.jdeep.models.companion;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jdeep.Autograd;
import org.jdeep.MemoryScope;
import org.jdeep.Tensor;
import org.jdeep.autograd.GradientCheck;
import org.jdeep.loss.BinaryCrossEntropy;
import org.jdeep.models.companion.DeepNetStepByStepCompanion.ModelForward;

/**
 * Course 2, week 1, programming assignment "Gradient Checking", in jdeep (lectures 1.12 Numerical approximation of
 * gradients, 1.13 Gradient checking, 1.14 Gradient Checking Implementation Notes).
 *
 * <p>The 1-D check {@code J(theta) = theta x} runs on jdeep's {@link GradientCheck} (whose analytic gradient comes
 * from autograd). The N-dimensional check of the notebook compares gradients computed BY HAND
 * ({@link #backwardPropagationN}) with two-sided differences of {@link #forwardPropagationN}'s cost; that is what
 * catches a mistake in hand-written back-propagation, so it takes the gradients to check as an argument. The
 * notebook's back-propagation has two planted mistakes ({@code dW2} doubled, {@code db1} times 4):
 * {@link #backwardPropagationNWithBugs} keeps them, and the check reports about 0.285 against about 1.2e-7 for the
 * correct {@link #backwardPropagationN}.
 */
public final class GradientCheckingCompanion {
    /** The course's perturbation. */
    public static final double EPSILON = 1e-7;
    /** The notebook's threshold: a larger difference means a mistake in back-propagation. */
    public static final double THRESHOLD = 2e-7;

    private GradientCheckingCompanion() {
    }

    /** {@code forward_propagation(x, theta)} of the 1-D example: {@code J = theta * x}. */
    public static Tensor forwardPropagation(Tensor x, Tensor theta) {
        return theta.mul(x);
    }

    /** {@code forward_propagation(x, theta)} on numbers: {@code J = theta * x}. */
    public static double forwardPropagation(double x, double theta) {
        try (Tensor tx = Tensor.scalar(x); Tensor tt = Tensor.scalar(theta); Tensor j = forwardPropagation(tx, tt)) {
            return j.item();
        }
    }

    /** {@code backward_propagation(x, theta)} of the 1-D example: {@code dJ/dtheta = x}. */
    public static double backwardPropagation(double x, double theta) {
        return x;
    }

    /**
     * {@code gradient_check(x, theta, epsilon=1e-7)}: {@code ||grad - gradapprox|| / (||grad|| + ||gradapprox||)} with
     * {@code gradapprox = (J(theta + eps) - J(theta - eps)) / (2 eps)}, by jdeep's {@link GradientCheck} (its analytic
     * gradient, by autograd, is {@link #backwardPropagation(double, double)}'s {@code x}).
     *
     * @return the relative difference; below 1e-7 the notebook says the backward propagation works
     */
    public static double gradientCheck(double x, double theta, double epsilon, boolean printMsg) {
        try (Tensor tx = Tensor.scalar(x); Tensor t0 = Tensor.scalar(theta); Tensor leaf = t0.requiresGrad()) {
            GradientCheck.Result r = new GradientCheck(epsilon, 1e-7).check(Map.of("theta", leaf),
                    () -> forwardPropagation(tx, leaf));
            if (printMsg) {
                System.out.println(r.passed() ? "Your backward propagation works perfectly fine! difference = "
                        + r.difference() : "There is a mistake in the backward propagation! difference = " + r.difference());
            }
            return r.difference();
        }
    }

    /**
     * What {@code forward_propagation_n} returns.
     *
     * @param cost the cross-entropy cost
     * @param forward the output {@code A3} and the layers' caches
     */
    public record ForwardN(double cost, ModelForward forward) {
    }

    /**
     * {@code forward_propagation_n(X, Y, parameters)}: {@code LINEAR -> RELU -> LINEAR -> RELU -> LINEAR -> SIGMOID}
     * ({@link NotebookUtils#forwardPropagation}) and the cost {@code (1/m) sum(-Y log(A3) - (1 - Y) log(1 - A3))}
     * ({@link BinaryCrossEntropy#ofProbabilities}).
     *
     * @param Y labels {@code (1, m)} or {@code (m)}
     */
    public static ForwardN forwardPropagationN(Tensor X, Tensor Y, Map<String, Tensor> parameters) {
        ModelForward f = NotebookUtils.forwardPropagation(X, parameters);
        try (Tensor a = f.AL().reshape(-1); Tensor y = Y.reshape(-1); Tensor cost = BinaryCrossEntropy.ofProbabilities(a, y)) {
            return new ForwardN(cost.item(), f);
        }
    }

    /** {@code backward_propagation_n(X, Y, cache)} without the notebook's planted mistakes. */
    public static Map<String, Tensor> backwardPropagationN(Tensor X, Tensor Y, ForwardN forward) {
        try (Tensor y = Y.reshape(forward.forward().AL().shape().dims())) {
            return NotebookUtils.backwardPropagation(X, y, forward.forward());
        }
    }

    /**
     * {@code backward_propagation_n(X, Y, cache)} exactly as the notebook hands it out: {@code dW2} twice too large
     * and {@code db1} four times too large. {@link #gradientCheckN} catches both.
     */
    public static Map<String, Tensor> backwardPropagationNWithBugs(Tensor X, Tensor Y, ForwardN forward) {
        Map<String, Tensor> grads = backwardPropagationN(X, Y, forward);
        Tensor dW2 = grads.get("dW2");
        Tensor db1 = grads.get("db1");
        grads.put("dW2", dW2.mul(2));
        grads.put("db1", db1.mul(4));
        dW2.close();
        db1.close();
        return grads;
    }

    /**
     * What {@code dictionary_to_vector} returns.
     *
     * @param theta every parameter's elements in one column {@code (n, 1)}, {@code W1} (row-major) first, then
     *     {@code b1}, {@code W2}, ...
     * @param keys the name of the parameter each element comes from
     */
    public record Vector(Tensor theta, List<String> keys) {
    }

    /** {@code dictionary_to_vector(parameters)}: the parameters, in their map order, as one column vector. */
    public static Vector dictionaryToVector(Map<String, Tensor> parameters) {
        List<Tensor> columns = new ArrayList<>();
        List<String> keys = new ArrayList<>();
        parameters.forEach((name, p) -> {
            columns.add(p.reshape(-1, 1));
            for (int i = 0; i < p.size(); i++) {
                keys.add(name);
            }
        });
        Tensor theta = Tensor.concat(columns, 0);
        columns.forEach(Tensor::close);
        return new Vector(theta, List.copyOf(keys));
    }

    /**
     * {@code vector_to_dictionary(theta)}: the inverse of {@link #dictionaryToVector}, the shapes and order taken from
     * {@code like} (the notebook hard-codes those of its 4-5-3-1 network).
     */
    public static Map<String, Tensor> vectorToDictionary(Tensor theta, Map<String, Tensor> like) {
        Map<String, Tensor> out = new LinkedHashMap<>();
        int offset = 0;
        for (Map.Entry<String, Tensor> e : like.entrySet()) {
            int n = e.getValue().size();
            try (Tensor flat = theta.reshape(-1); Tensor part = flat.slice(0, offset, offset + n, 1)) {
                out.put(e.getKey(), part.reshape(e.getValue().shape().dims()));
            }
            offset += n;
        }
        if (offset != theta.size()) {
            throw new IllegalArgumentException("vector_to_dictionary: theta has " + theta.size() + " elements, the "
                    + "parameters " + like.keySet() + " " + offset);
        }
        return out;
    }

    /**
     * {@code gradients_to_vector(gradients)}: {@code dW1, db1, dW2, ...} (the gradient of each parameter of
     * {@code like}, in its order) as one column vector.
     */
    public static Tensor gradientsToVector(Map<String, Tensor> gradients, Map<String, Tensor> like) {
        Map<String, Tensor> ordered = new LinkedHashMap<>();
        for (String name : like.keySet()) {
            Tensor g = gradients.get("d" + name);
            if (g == null) {
                throw new IllegalArgumentException("gradients_to_vector: no d" + name + " among " + gradients.keySet());
            }
            ordered.put("d" + name, g);
        }
        return dictionaryToVector(ordered).theta();
    }

    /**
     * {@code gradient_check_n(parameters, gradients, X, Y, epsilon=1e-7, print_msg=False)}: for each of the n
     * parameters, {@code gradapprox[i] = (J(theta + eps e_i) - J(theta - eps e_i)) / (2 eps)} with J from
     * {@link #forwardPropagationN}; the result is {@code ||grad - gradapprox|| / (||grad|| + ||gradapprox||)}.
     *
     * @param gradients the hand-computed gradients to check ({@code dW1, db1, ...})
     * @return the relative difference; above 2e-7 there is a mistake in the backward propagation
     */
    public static double gradientCheckN(Map<String, Tensor> parameters, Map<String, Tensor> gradients, Tensor X,
                                        Tensor Y, double epsilon, boolean printMsg) {
        try (Autograd.NoGrad off = Autograd.noGrad(); MemoryScope scope = MemoryScope.open()) {
            Vector v = dictionaryToVector(parameters);
            double[] theta = v.theta().toDoubleArray();
            int n = theta.length;
            double[] gradapprox = new double[n];
            for (int i = 0; i < n; i++) {
                double original = theta[i];
                theta[i] = original + epsilon;
                double jPlus = costAt(theta, parameters, X, Y);
                theta[i] = original - epsilon;
                double jMinus = costAt(theta, parameters, X, Y);
                theta[i] = original;
                gradapprox[i] = (jPlus - jMinus) / (2 * epsilon);
            }
            Tensor grad = gradientsToVector(gradients, parameters);
            Tensor approx = Tensor.of(gradapprox, n, 1);
            double numerator = norm(grad.sub(approx));
            double denominator = norm(grad) + norm(approx);
            double difference = numerator / denominator;
            if (printMsg) {
                System.out.println(difference > THRESHOLD
                        ? "There is a mistake in the backward propagation! difference = " + difference
                        : "Your backward propagation works perfectly fine! difference = " + difference);
            }
            return difference;
        }
    }

    /** {@code gradient_check_n} with the course's {@code epsilon = 1e-7}, silent. */
    public static double gradientCheckN(Map<String, Tensor> parameters, Map<String, Tensor> gradients, Tensor X,
                                        Tensor Y) {
        return gradientCheckN(parameters, gradients, X, Y, EPSILON, false);
    }

    /** The cost at the parameter vector {@code theta}, each call in its own memory scope. */
    private static double costAt(double[] theta, Map<String, Tensor> like, Tensor X, Tensor Y) {
        try (MemoryScope scope = MemoryScope.open()) {
            Tensor t = Tensor.of(theta, theta.length, 1);
            return forwardPropagationN(X, Y, vectorToDictionary(t, like)).cost();
        }
    }

    /** {@code np.linalg.norm(v)}: the square root of the sum of squares. */
    private static double norm(Tensor v) {
        try (Tensor sq = v.square(); Tensor s = sq.sum(); Tensor r = s.sqrt()) {
            return r.item();
        }
    }
}
