package org.jdeep.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jdeep.Backends;
import org.jdeep.Tensor;
import org.jdeep.data.Dataset;
import org.jdeep.eval.Metric;
import org.jdeep.io.Checkpoint;
import org.jdeep.io.SafeTensors;
import org.jdeep.loss.BinaryCrossEntropy;
import org.jdeep.nn.Linear;
import org.jdeep.nn.Module;
import org.jdeep.nn.ReLU;
import org.jdeep.nn.Sequential;
import org.jdeep.optim.Adam;
import org.jdeep.optim.AdamConfig;
import org.jdeep.optim.LearningRateSchedule;
import org.jdeep.optim.SGD;
import org.jdeep.optim.SgdConfig;
import org.jdeep.random.RandomState;
import org.jdeep.testproviders.CountingProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The training loop: a seeded two-layer network, early stopping, checkpoints, schedules and flat memory. */
class TrainerTest {
    @TempDir
    Path dir;

    /** m points uniform in [-1.5, 1.5]^2, labelled 1 inside the unit circle: not linearly separable. */
    static Dataset circle(int m, long seed) {
        RandomState rng = new RandomState(seed);
        Tensor x = rng.uniform(-1.5, 1.5, m, 2);
        try (Tensor sq = x.square(); Tensor r2 = sq.sum(1, true)) {
            return Dataset.of(x, r2.lt(1.0));
        }
    }

    /** A 2 -> 16 -> 1 network (ReLU, then a logit), He-initialised from a seeded generator. */
    static Module twoLayer(long seed) {
        RandomState rng = new RandomState(seed);
        return new Sequential(new Linear(2, 16, rng), new ReLU(), new Linear(16, 1, rng));
    }

    /** One complete seeded run: its history and the final parameters. */
    record Run(History history, Map<String, double[]> weights) {
    }

    static Run train(long seed) {
        try (Dataset data = circle(500, 3); Dataset.Split split = data.split(0.8, 0.2); Module model = twoLayer(seed);
             Adam adam = new Adam(model.parameters(), new AdamConfig(0.01))) {
            Trainer trainer = new Trainer(model, BinaryCrossEntropy::ofLogits, adam, new TrainingConfig(40, 32))
                    .metrics(Metric.binaryAccuracy(0)) // logits: z > 0 is a > 0.5
                    .progressBar(false);
            History h = trainer.fit(split.train(), split.dev());
            Map<String, double[]> w = new LinkedHashMap<>();
            model.parameters().forEach((k, v) -> w.put(k, v.toDoubleArray()));
            return new Run(h, w);
        }
    }

    @Test
    void aSeededTwoLayerNetworkLearnsTheCircleIdenticallyOnEveryRun() {
        Run first = train(1);
        Run second = train(1);
        History h = first.history();
        assertEquals(40, h.epochs().size());
        assertEquals(40 * 13, h.iterations().size(), "400 training examples in batches of 32: 12 full and one of 16");
        assertEquals(16, h.iterations().get(12).batchSize());
        // on the CPU backend the run ends at 98 of 100 dev examples right (train 0.99, from 0.57 after epoch 0);
        // the bound leaves room for a backend whose sums round differently
        double devAccuracy = h.last().dev().get("accuracy");
        assertTrue(devAccuracy >= 0.97, "dev accuracy " + devAccuracy);
        assertTrue(h.last().metrics().get("accuracy") >= 0.97, "train accuracy " + h.last().metrics());
        assertTrue(h.last().loss() < h.epochs().get(0).loss() / 3, "the cost fell: " + h.epochLosses()[0] + " -> "
                + h.last().loss());
        assertArrayEquals(h.epochLosses(), second.history().epochLosses(), 0.0, "bit-identical costs");
        assertEquals(devAccuracy, second.history().last().dev().get("accuracy"));
        first.weights().forEach((k, v) -> assertArrayEquals(v, second.weights().get(k), 0.0, k));
    }

    @Test
    void earlyStoppingStopsAfterPatienceAndRestoresTheBestWeights() {
        try (Dataset data = circle(200, 5); Dataset.Split split = data.split(0.5, 0.5); Module model = twoLayer(2);
             Adam adam = new Adam(model.parameters(), new AdamConfig(0.05))) {
            Trainer trainer = new Trainer(model, BinaryCrossEntropy::ofLogits, adam, new TrainingConfig(500, 20))
                    .metrics(Metric.binaryAccuracy(0))
                    .earlyStopping(new EarlyStopping("loss", 3))
                    .progressBar(false);
            History h = trainer.fit(split.train(), split.dev());
            assertTrue(h.stoppedEarly(), "500 epochs of lr 0.05 on 100 examples overfit; dev loss rises");
            int best = h.bestEpoch();
            assertEquals(best + 3 + 1, h.epochs().size(), "stopped 3 epochs after the best");
            double bestLoss = h.epochs().get(best).dev().get("loss");
            for (History.Epoch e : h.epochs()) {
                assertTrue(e.dev().get("loss") >= bestLoss);
            }
            assertEquals(bestLoss, trainer.evaluate(split.dev()).get("loss"), 1e-12, "the best weights are back");
        }
    }

    @Test
    void checkpointsAreWrittenPeriodicallyWithProvenance() throws IOException {
        try (Dataset data = circle(64, 7); Module model = twoLayer(3);
             SGD sgd = new SGD(model.parameters(), new SgdConfig(0.1))) {
            new Trainer(model, BinaryCrossEntropy::ofLogits, sgd, new TrainingConfig(5, 16))
                    .checkpoints(new Checkpoints(dir, 2))
                    .progressBar(false)
                    .fit(data, null);
            try (var files = Files.list(dir)) {
                assertEquals(List.of("epoch-00002.safetensors", "epoch-00004.safetensors"),
                        files.map(p -> p.getFileName().toString()).sorted().toList());
            }
            try (Checkpoint c = SafeTensors.load(dir.resolve("epoch-00004.safetensors"))) {
                assertEquals(List.of("0.weight", "0.bias", "2.weight", "2.bias"), List.copyOf(c.tensors().keySet()));
                assertEquals("4", c.metadata().get("epoch"));
                assertEquals("10", c.metadata().get("seed"));
                assertEquals("TrainingConfig[epochs=5, batchSize=16, seed=10]", c.metadata().get("config"));
                assertEquals("SGD(SgdConfig[learningRate=0.1])", c.metadata().get("optimizer"));
            }
        }
    }

    @Test
    void theScheduleSetsTheRateAfterEachEpochAsTheCoursesLoop() {
        try (Dataset data = circle(32, 7); Module model = twoLayer(3);
             SGD sgd = new SGD(model.parameters(), new SgdConfig(0.1))) {
            History h = new Trainer(model, BinaryCrossEntropy::ofLogits, sgd, new TrainingConfig(4, 32))
                    .schedule(new LearningRateSchedule.InverseTimeDecay(1))
                    .progressBar(false)
                    .fit(data, null);
            // epoch 0 at lr0; after epoch i: lr0 / (1 + i)
            assertArrayEquals(new double[] {0.1, 0.1, 0.05, 0.1 / 3},
                    h.epochs().stream().mapToDouble(History.Epoch::learningRate).toArray(), 1e-17);
            assertEquals(0.025, sgd.learningRate(), 1e-17);
        }
    }

    @Test
    void memoryStaysFlatFromEpochToEpoch() {
        try (Backends.Scope counting = Backends.using("counting");
             Dataset data = circle(100, 7); Module model = twoLayer(3);
             Adam adam = new Adam(model.parameters(), new AdamConfig(0.01))) {
            List<Integer> live = new ArrayList<>();
            List<Long> iterations = new ArrayList<>();
            new Trainer(model, BinaryCrossEntropy::ofLogits, adam, new TrainingConfig(4, 16))
                    .metrics(Metric.binaryAccuracy(0))
                    .listener(new TrainingListener() {
                        @Override
                        public void onIteration(History.Iteration it) {
                            iterations.add(it.iteration());
                        }

                        @Override
                        public void onEpoch(History.Epoch e) {
                            live.add(CountingProvider.live());
                        }
                    })
                    .progressBar(false)
                    .fit(data, data);
            assertEquals(List.of(live.get(0), live.get(0), live.get(0), live.get(0)), live,
                    "live buffers after each epoch");
            assertEquals(4 * 7, iterations.size());
            assertEquals(27L, iterations.get(27));
        }
    }

    @Test
    void earlyStoppingNeedsADevSetAndAKnownName() {
        try (Dataset data = circle(32, 7); Module model = twoLayer(3);
             SGD sgd = new SGD(model.parameters(), new SgdConfig(0.1))) {
            Trainer t = new Trainer(model, BinaryCrossEntropy::ofLogits, sgd, new TrainingConfig(2, 16))
                    .metrics(Metric.binaryAccuracy(0))
                    .earlyStopping(new EarlyStopping("f1", 2));
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> t.fit(data, data));
            assertEquals("early stopping on 'f1' needs a dev set and \"loss\" or one of the metrics [accuracy]",
                    e.getMessage());
            t.earlyStopping(new EarlyStopping("accuracy", 2));
            assertThrows(IllegalArgumentException.class, () -> t.fit(data, null));
            assertFalse(t.fit(data, data).epochs().isEmpty());
        }
    }

    @Test
    void configurationsRejectImpossibleValues() {
        assertEquals(new TrainingConfig(5000, 64, 10), new TrainingConfig());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new TrainingConfig(0, 64));
        assertEquals("TrainingConfig: epochs must be >= 1, got 0", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new TrainingConfig(10, 0));
        e = assertThrows(IllegalArgumentException.class, () -> new TrainingConfig(10, 64, 0xffffffffL));
        assertTrue(e.getMessage().contains("seed + epochs must lie in [0, 2^32 - 1]"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new EarlyStopping("loss", 0));
        assertEquals("EarlyStopping: patience must be >= 1, got 0", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new EarlyStopping(" ", 3));
        e = assertThrows(IllegalArgumentException.class, () -> new Checkpoints(dir, 0));
        assertEquals("Checkpoints: everyEpochs must be >= 1, got 0", e.getMessage());
        assertEquals(dir.resolve("epoch-00012.safetensors"), new Checkpoints(dir, 3).file(12));
    }
}
