/*
 * Course 2, week 1, "Practical aspects of Deep Learning": 1.12 Numerical approximation of gradients, 1.13 Gradient
 * checking, 1.14 Gradient Checking Implementation Notes.
 * The programming assignment "Gradient Checking": a deep network's back-propagation compared with two-sided
 * differences, catching the mistakes the notebook plants.
 */
package org.jdeep.models.c2w1;

import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jdeep.MemoryScope;
import org.jdeep.Tensor;
import org.jdeep.autograd.GradientCheck;
import org.jdeep.loss.BinaryCrossEntropy;
import org.jdeep.loss.L2Penalty;
import org.jdeep.models.companion.GradientCheckingCompanion;
import org.jdeep.nn.Linear;
import org.jdeep.nn.ReLU;
import org.jdeep.nn.Sequential;
import org.jdeep.random.RandomState;

/**
 * Gradient checking of the notebook's deep network, {@code LINEAR -> RELU -> LINEAR -> RELU -> LINEAR -> SIGMOID}
 * with layers {@code [4, 5, 3, 1]}, on its test case ({@code np.random.seed(1)}; {@code x = randn(4, 3)},
 * {@code y = [1, 1, 0]}, then {@code W1, b1, W2, b2, W3, b3} drawn with {@code randn}), four ways:
 * <ol>
 *   <li>jdeep's network ({@link Linear}, {@link ReLU}) checked by {@link GradientCheck}: autograd's gradients pass
 *       (difference about 1e-8 to 1e-7, the rounding of the two-sided differences);</li>
 *   <li>the notebook's back-propagation written by hand ({@code GradientCheckingCompanion.backwardPropagationN})
 *       checked by {@code gradient_check_n}: passes, difference 1.19e-7;</li>
 *   <li>the notebook's back-propagation as handed out, with its two planted mistakes ({@code dW2} doubled,
 *       {@code db1} four times too large): {@code gradient_check_n} says "There is a mistake in the backward
 *       propagation!", difference 0.285;</li>
 *   <li>a mistake autograd users make: an L2 penalty added to the cost as a plain number ({@code item()}), outside
 *       the graph, so back-propagation never sees it while the numerical gradient does: {@link GradientCheck}
 *       catches it and names the element where the two gradients differ most.</li>
 * </ol>
 * Run it with {@code main}; the report is also returned for tests and the command line.
 */
public final class GradientCheckingDemo {
    private GradientCheckingDemo() {
    }

    /** The notebook's test case: {@code X (4, 3)}, {@code Y (1, 3)} and the parameters, course layout. */
    public record TestCase(Tensor X, Tensor Y, Map<String, Tensor> parameters) {
    }

    /** {@code gradient_check_n_test_case()}: everything drawn after {@code np.random.seed(1)}, in the notebook's order. */
    public static TestCase testCase() {
        RandomState rng = new RandomState(1);
        Tensor x = rng.randn(4, 3);
        Tensor y = Tensor.of(new double[] {1, 1, 0}, 1, 3);
        Map<String, Tensor> p = new LinkedHashMap<>();
        int[][] shapes = {{5, 4}, {5, 1}, {3, 5}, {3, 1}, {1, 3}, {1, 1}};
        String[] names = {"W1", "b1", "W2", "b2", "W3", "b3"};
        for (int i = 0; i < names.length; i++) {
            p.put(names[i], rng.randn(shapes[i]));
        }
        return new TestCase(x, y, p);
    }

    /**
     * jdeep's network {@code Linear(4, 5) -> ReLU -> Linear(5, 3) -> ReLU -> Linear(3, 1)} (scores, the sigmoid is in
     * the cost) holding the test case's parameters: each {@code W[l]} transposed into the layer's {@code (in, out)}
     * weight, each {@code b[l]} flattened into its bias.
     */
    public static Sequential network(Map<String, Tensor> parameters) {
        RandomState unused = new RandomState(0);
        Sequential net = new Sequential(new Linear(4, 5, unused), new ReLU(), new Linear(5, 3, unused), new ReLU(),
                new Linear(3, 1, unused));
        Map<String, Tensor> state = new LinkedHashMap<>();
        int[] layer = {0, 2, 4};
        try (MemoryScope scope = MemoryScope.open()) {
            for (int l = 1; l <= 3; l++) {
                state.put(layer[l - 1] + ".weight", parameters.get("W" + l).transpose());
                state.put(layer[l - 1] + ".bias", parameters.get("b" + l).reshape(-1));
            }
            net.loadStateDict(state);
        }
        return net;
    }

    /**
     * What the four checks found.
     *
     * @param autograd jdeep's check of its network's autograd gradients
     * @param handWritten {@code gradient_check_n} of the correct hand-written back-propagation
     * @param planted {@code gradient_check_n} of the notebook's back-propagation with its two mistakes
     * @param detachedPenalty jdeep's check of a cost whose L2 term was added outside the graph
     */
    public record Report(GradientCheck.Result autograd, double handWritten, double planted,
                         GradientCheck.Result detachedPenalty) {
        /** Whether every check said what it should: the two correct ones pass, the two mistakes are caught. */
        public boolean asExpected() {
            return autograd.passed() && handWritten <= GradientCheckingCompanion.THRESHOLD
                    && planted > GradientCheckingCompanion.THRESHOLD && !detachedPenalty.passed();
        }
    }

    /** Runs the four checks, printing each verdict to {@code log}. */
    public static Report run(PrintWriter log) {
        try (MemoryScope scope = MemoryScope.open()) {
            TestCase tc = testCase();
            Tensor xRows = tc.X().transpose();                     // (m, 4): jdeep's examples are rows
            Tensor yRows = tc.Y().transpose();                     // (m, 1)
            try (Sequential net = network(tc.parameters())) {
                GradientCheck.Result autograd = GradientCheck.checkCourse(net.parameters(),
                        () -> BinaryCrossEntropy.ofLogits(net.forward(xRows), yRows));
                log.println("1. jdeep's network, autograd:        " + autograd);

                GradientCheckingCompanion.ForwardN f = GradientCheckingCompanion.forwardPropagationN(tc.X(), tc.Y(),
                        tc.parameters());
                Map<String, Tensor> good = GradientCheckingCompanion.backwardPropagationN(tc.X(), tc.Y(), f);
                double handWritten = GradientCheckingCompanion.gradientCheckN(tc.parameters(), good, tc.X(), tc.Y());
                log.println("2. hand-written backward_propagation_n: " + verdict(handWritten));
                Map<String, Tensor> buggy = GradientCheckingCompanion.backwardPropagationNWithBugs(tc.X(), tc.Y(), f);
                double planted = GradientCheckingCompanion.gradientCheckN(tc.parameters(), buggy, tc.X(), tc.Y());
                log.println("3. the notebook's planted mistakes:    " + verdict(planted));

                L2Penalty l2 = new L2Penalty(0.7, 3);
                List<Tensor> weights = List.copyOf(L2Penalty.weightsOf(net.parameters()).values());
                GradientCheck.Result detached = GradientCheck.checkCourse(net.parameters(), () -> {
                    Tensor ce = BinaryCrossEntropy.ofLogits(net.forward(xRows), yRows);
                    double penalty = l2.of(weights).item();      // the mistake: a number, not a tensor of the graph
                    return ce.add(penalty);
                });
                log.println("4. an L2 penalty outside the graph:    " + detached);
                return new Report(autograd, handWritten, planted, detached);
            }
        }
    }

    private static String verdict(double difference) {
        return String.format(Locale.ROOT, difference > GradientCheckingCompanion.THRESHOLD
                ? "There is a mistake in the backward propagation! difference = %.10g"
                : "Your backward propagation works perfectly fine! difference = %.10g", difference);
    }

    /** Prints the four checks. */
    public static void main(String[] args) {
        PrintWriter log = new PrintWriter(System.out, true);
        Report r = run(log);
        log.println(r.asExpected() ? "every check said what it should" : "UNEXPECTED: " + r);
    }
}
