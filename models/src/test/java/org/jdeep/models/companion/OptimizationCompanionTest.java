package org.jdeep.models.companion;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.google.gson.JsonElement;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jdeep.MemoryScope;
import org.jdeep.Tensor;
import org.jdeep.data.Dataset;
import org.jdeep.models.c1w3.PlanarData;
import org.jdeep.models.companion.OptimizationCompanion.Hyperparameters;
import org.jdeep.models.companion.OptimizationCompanion.MiniBatch;
import org.jdeep.models.companion.OptimizationCompanion.Optimizer;
import org.jdeep.optim.Adam;
import org.jdeep.optim.AdamConfig;
import org.jdeep.optim.Momentum;
import org.jdeep.optim.MomentumConfig;
import org.jdeep.random.RandomState;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class OptimizationCompanionTest {
    /** The notebook's full 5000-epoch runs take 2-4 s each; -Djdeep.companion.fullRuns=false skips them. */
    static final boolean FULL_RUNS = !"false".equals(System.getProperty("jdeep.companion.fullRuns"));
    private static final List<String> PARAMS = List.of("W1", "b1", "W2", "b2", "W3", "b3");
    private MemoryScope scope;

    @BeforeEach
    void open() {
        scope = MemoryScope.open();
    }

    @AfterEach
    void close() {
        scope.close();
    }

    @Test
    void gradientDescentStepMatchesTheNotebook() {
        CourseReference.Case c = CourseReference.get("c2w2_update_parameters_with_gd");
        OptimizationCompanion.updateParametersWithGd(c.inMap("parameters"), c.inMap("grads"), c.param("learning_rate"))
                .forEach(c::check);
    }

    @Test
    void randomMiniBatchesMatchTheNotebook() {
        CourseReference.Case c = CourseReference.get("c2w2_random_mini_batches_public");
        List<MiniBatch> batches = OptimizationCompanion.randomMiniBatches(c.in("X"), c.in("Y"),
                (int) c.param("mini_batch_size"), (long) c.param("seed"));
        List<JsonElement> expected = c.outputs().getAsJsonArray("mini_batches").asList();
        assertEquals(expected.size(), batches.size());
        for (int k = 0; k < batches.size(); k++) {
            Tolerance.check("batch " + k + " X", CourseReference.flatten(expected.get(k).getAsJsonObject().get("X")),
                    batches.get(k).X().toDoubleArray(), 0, 0);
            Tolerance.check("batch " + k + " Y", CourseReference.flatten(expected.get(k).getAsJsonObject().get("Y")),
                    batches.get(k).Y().toDoubleArray(), 0, 0);
        }
    }

    @Test
    void randomMiniBatchesOfTheCatSizedSetMatchTheNotebook() {
        CourseReference.Case c = CourseReference.get("c2w2_random_mini_batches_index");
        double[] x = new double[12288 * 148];
        for (int i = 0; i < x.length; i++) {
            x[i] = i;
        }
        Tensor X = Tensor.of(x, 148, 12288).transpose(); // X = arange(12288*148).reshape(148, 12288).T
        List<MiniBatch> batches = OptimizationCompanion.randomMiniBatches(X, c.in("Y"), 64, 0);
        c.check("num_batches", batches.size());
        c.check("first_batch_row0_first3", batches.get(0).X().slice(0, 0, 1, 1).slice(1, 0, 3, 1).reshape(3));
        MiniBatch last = batches.get(batches.size() - 1);
        c.check("last_batch_last_row_first3", last.X().slice(0, 12287, 12288, 1).slice(1, 0, 3, 1).reshape(3));
    }

    @Test
    void momentumMatchesTheNotebookAndJdeepsMomentum() {
        CourseReference.Case v0 = CourseReference.get("c2w2_initialize_velocity");
        OptimizationCompanion.initializeVelocity(v0.inMap("parameters")).forEach(v0::check);
        CourseReference.Case c = CourseReference.get("c2w2_update_parameters_with_momentum");
        OptimizationCompanion.MomentumStep r = OptimizationCompanion.updateParametersWithMomentum(c.inMap("parameters"),
                c.inMap("grads"), c.inMap("v"), c.param("beta"), c.param("learning_rate"));
        r.parameters().forEach((k, t) -> c.check("parameters", k, t));
        r.v().forEach((k, t) -> c.check("v", k, t));
        // three steps of the notebook's update equal three steps of org.jdeep.optim.Momentum
        Map<String, Tensor> p = c.inMap("parameters");
        Map<String, Tensor> g = c.inMap("grads");
        Map<String, Tensor> v = OptimizationCompanion.initializeVelocity(p);
        Map<String, Tensor> leaves = leaves(p);
        try (Momentum opt = new Momentum(leaves, new MomentumConfig(0.05, 0.8))) {
            for (int step = 0; step < 3; step++) {
                OptimizationCompanion.MomentumStep s = OptimizationCompanion.updateParametersWithMomentum(p, g, v, 0.8, 0.05);
                p = s.parameters();
                v = s.v();
                stepWith(opt, leaves, g);
            }
        }
        assertSame(p, leaves);
    }

    @Test
    void adamMatchesTheNotebookAndJdeepsAdam() {
        CourseReference.Case a0 = CourseReference.get("c2w2_initialize_adam");
        OptimizationCompanion.AdamState state = OptimizationCompanion.initializeAdam(a0.inMap("parameters"));
        state.v().forEach((k, t) -> a0.check("v", k, t));
        state.s().forEach((k, t) -> a0.check("s", k, t));
        CourseReference.Case c = CourseReference.get("c2w2_update_parameters_with_adam");
        OptimizationCompanion.AdamStep r = OptimizationCompanion.updateParametersWithAdam(c.inMap("parameters"),
                c.inMap("grads"), c.inMap("v"), c.inMap("s"), (int) c.param("t"), c.param("learning_rate"),
                c.param("beta1"), c.param("beta2"), c.param("epsilon"));
        r.parameters().forEach((k, t) -> c.check("parameters", k, t));
        r.v().forEach((k, t) -> c.check("v", k, t));
        r.s().forEach((k, t) -> c.check("s", k, t));
        r.vCorrected().forEach((k, t) -> c.check("v_corrected", k, t));
        r.sCorrected().forEach((k, t) -> c.check("s_corrected", k, t));
        // four steps of the notebook's update (t = 1..4) equal four steps of org.jdeep.optim.Adam
        Map<String, Tensor> p = c.inMap("parameters");
        Map<String, Tensor> g = c.inMap("grads");
        OptimizationCompanion.AdamState s = OptimizationCompanion.initializeAdam(p);
        Map<String, Tensor> v = s.v();
        Map<String, Tensor> sq = s.s();
        Map<String, Tensor> leaves = leaves(p);
        try (Adam opt = new Adam(leaves, new AdamConfig(0.02, 0.8, 0.888, 1e-2))) {
            for (int t = 1; t <= 4; t++) {
                OptimizationCompanion.AdamStep step = OptimizationCompanion.updateParametersWithAdam(p, g, v, sq, t, 0.02,
                        0.8, 0.888, 1e-2);
                p = step.parameters();
                v = step.v();
                sq = step.s();
                stepWith(opt, leaves, g);
            }
        }
        assertSame(p, leaves);
    }

    private static Map<String, Tensor> leaves(Map<String, Tensor> p) {
        Map<String, Tensor> out = new LinkedHashMap<>();
        p.forEach((k, t) -> out.put(k, t.to(t.dtype()).requiresGrad()));
        return out;
    }

    /** One optimizer step with the given gradients, through autograd: backward of sum(W * dW) gives dW. */
    private static void stepWith(org.jdeep.optim.Optimizer opt, Map<String, Tensor> leaves, Map<String, Tensor> grads) {
        opt.zeroGrad();
        try (MemoryScope s = MemoryScope.open()) {
            Tensor total = null;
            for (Map.Entry<String, Tensor> e : leaves.entrySet()) {
                Tensor term = e.getValue().mul(grads.get("d" + e.getKey())).sum();
                total = total == null ? term : total.add(term);
            }
            total.backward();
        }
        opt.step();
    }

    private static void assertSame(Map<String, Tensor> companion, Map<String, Tensor> optimizer) {
        companion.forEach((k, t) -> Tolerance.check(k + ": companion against the api's optimizer",
                optimizer.get(k).toDoubleArray(), t.toDoubleArray(), 1e-14, 1e-15));
    }

    @ParameterizedTest
    @ValueSource(strings = {"c2w2_schedule_lr_decay_1", "c2w2_schedule_lr_decay_3", "c2w2_schedule_lr_decay_5"})
    void scheduleLrDecayMatchesTheNotebook(String id) {
        CourseReference.Case c = CourseReference.get(id);
        c.check("learning_rate", OptimizationCompanion.scheduleLrDecay(c.inNumber("learning_rate0"),
                (int) c.inNumber("epoch_num"), c.inNumber("decay_rate"), (int) c.inNumber("time_interval")));
    }

    @Test
    void updateLrIsTheLecturesFormula() {
        assertEquals(0.5 / (1 + 0.3 * 2), OptimizationCompanion.updateLr(0.5, 2, 0.3));
        assertEquals(0.1, OptimizationCompanion.updateLr(0.1, 0, 1));
        assertEquals(0.5 / 3, OptimizationCompanion.scheduleLrDecay(0.5, 2500, 1));
    }

    /** The notebook's moons: make_moons(300, noise .2) after seed 3, as columns. */
    static Tensor[] moons() {
        Dataset d = PlanarData.moons(300, 0.2, 3);
        return new Tensor[] {d.x().transpose(), d.y().transpose()};
    }

    @Test
    void theMoonsAreTheNotebooks() {
        CompanionGolden.Case g = CompanionGolden.get("c2w2_moons");
        Tensor[] d = moons();
        g.check("X", d[0], 1e-13, 1e-15);
        g.check("Y", d[1], 0, 0);
    }

    static Hyperparameters run(String name) {
        return switch (name) {
            case "gd" -> OptimizationCompanion.defaults(Optimizer.GD);
            case "momentum" -> OptimizationCompanion.defaults(Optimizer.MOMENTUM);
            case "adam" -> OptimizationCompanion.defaults(Optimizer.ADAM);
            case "gd_update_lr" -> OptimizationCompanion.defaults(Optimizer.GD).withLearningRate(0.1)
                    .withDecay(OptimizationCompanion::updateLr, 1);
            case "gd_schedule" -> OptimizationCompanion.defaults(Optimizer.GD).withLearningRate(0.1)
                    .withDecay(OptimizationCompanion::scheduleLrDecay, 1);
            case "momentum_schedule" -> OptimizationCompanion.defaults(Optimizer.MOMENTUM).withLearningRate(0.1)
                    .withDecay(OptimizationCompanion::scheduleLrDecay, 1);
            case "adam_schedule" -> OptimizationCompanion.defaults(Optimizer.ADAM).withLearningRate(0.01)
                    .withDecay(OptimizationCompanion::scheduleLrDecay, 1);
            default -> throw new IllegalArgumentException(name);
        };
    }

    @ParameterizedTest
    @ValueSource(strings = {"gd", "momentum", "adam", "gd_update_lr", "gd_schedule", "momentum_schedule", "adam_schedule"})
    void modelTrainsLikeNumpyOnTheMoons(String name) {
        Tensor[] d = moons();
        CompanionGolden.Case g = CompanionGolden.get("c2w2_model_" + name + "_201");
        OptimizationCompanion.Training t = OptimizationCompanion.model(d[0], d[1], new int[] {2, 5, 2, 1},
                run(name).withNumEpochs(201), false);
        g.check("costs", t.costs(), 1e-10, 0);
        g.check("rates", t.learningRates(), 1e-15, 0);
        for (String k : PARAMS) {
            g.check(k, t.parameters().get(k), 1e-8, 1e-11);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"gd", "momentum", "adam", "gd_update_lr", "gd_schedule", "momentum_schedule", "adam_schedule"})
    void modelReproducesTheNotebooksPrintedCosts(String name) {
        assumeTrue(FULL_RUNS, "skipped by -Djdeep.companion.fullRuns=false");
        Tensor[] d = moons();
        CompanionGolden.Case g = CompanionGolden.get("c2w2_model_" + name + "_5000");
        OptimizationCompanion.Training t = OptimizationCompanion.model(d[0], d[1], new int[] {2, 5, 2, 1}, run(name),
                false);
        double[] printed = g.values("printed");
        for (int i = 0; i < printed.length; i++) {
            // printed with %f: six decimals
            assertEquals(printed[i], t.costs().get(10 * i), 5e-7, "Cost after epoch " + 1000 * i);
        }
        try (Tensor p = NotebookUtils.predictDec(t.parameters(), d[0])) {
            assertEquals(g.number("accuracy"), NotebookUtils.accuracy(p, d[1]), 1e-12);
        }
    }

    @Test
    void theRandomStateOfTheMiniBatchesIsTheNotebooks() {
        // epoch i of model() shuffles with seed 10 + i + 1, as random_mini_batches(X, Y, 64, seed) after seed += 1
        Tensor X = new RandomState(0).randn(2, 10);
        Tensor Y = Tensor.arange(10).to(org.jdeep.types.DType.FLOAT64).reshape(1, 10);
        List<MiniBatch> b = OptimizationCompanion.randomMiniBatches(X, Y, 4, 11);
        int[] order = new RandomState(11).permutation(10);
        assertEquals(3, b.size());
        assertEquals(order[0], (int) b.get(0).Y().toDoubleArray()[0]);
        assertEquals(order[9], (int) b.get(2).Y().toDoubleArray()[1]);
    }
}
