package org.jdeep.models.docs;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.jdeep.Autograd;
import org.jdeep.MemoryScope;
import org.jdeep.Tensor;
import org.jdeep.data.Dataset;
import org.jdeep.eval.Metric;
import org.jdeep.io.SafeTensors;
import org.jdeep.loss.BinaryCrossEntropy;
import org.jdeep.models.c1w3.PlanarData;
import org.jdeep.nn.Linear;
import org.jdeep.nn.ReLU;
import org.jdeep.nn.Sequential;
import org.jdeep.optim.Adam;
import org.jdeep.optim.AdamConfig;
import org.jdeep.optim.LearningRateSchedule;
import org.jdeep.random.RandomState;
import org.jdeep.train.EarlyStopping;
import org.jdeep.train.History;
import org.jdeep.train.Trainer;
import org.jdeep.train.TrainingConfig;
import org.junit.jupiter.api.Test;

/** The code of docs/guide-training.md. */
class GuideTrainingTest {

    @Test
    void buildTrainSaveLoad() throws IOException {
        try (MemoryScope scope = MemoryScope.open()) {
            Dataset all = PlanarData.moons(1000, 0.2, 3);
            Dataset.Split split = all.split(0.6, 0.2, new RandomState(0));
            assertEquals(600, split.train().size());

            RandomState rng = new RandomState(3);
            Sequential model = new Sequential(
                    new Linear(2, 5, rng), new ReLU(),
                    new Linear(5, 2, rng), new ReLU(),
                    new Linear(2, 1, rng));

            Adam adam = new Adam(model.parameters(), new AdamConfig(0.01));
            Trainer trainer = new Trainer(model, BinaryCrossEntropy::ofLogits, adam, new TrainingConfig(300, 64))
                    .metrics(Metric.binaryAccuracy(0))
                    .schedule(new LearningRateSchedule.ScheduledDecay(1, 100))
                    .earlyStopping(new EarlyStopping("accuracy", 50, true))
                    .progressBar(false);
            History history = trainer.fit(split.train(), split.dev());
            assertTrue(history.last().dev().get("accuracy") > 0.9, history.last().dev().toString());
            assertTrue(trainer.evaluate(split.test()).get("accuracy") > 0.9);

            Path file = Files.createTempDirectory("jdeep").resolve("moons.safetensors");
            SafeTensors.save(file, model.stateDict(), SafeTensors.provenance(3, "moons [2, 5, 2, 1], Adam 0.01"));

            Sequential again = new Sequential(new Linear(2, 5, rng), new ReLU(), new Linear(5, 2, rng), new ReLU(),
                    new Linear(2, 1, rng));
            Map<String, String> metadata = SafeTensors.loadInto(file, again.stateDict());
            assertEquals("3", metadata.get("seed"));
            again.eval();
            model.eval();
            try (Autograd.NoGrad off = Autograd.noGrad()) {
                Tensor scores = again.forward(split.test().x());
                assertArrayEquals(model.forward(split.test().x()).toDoubleArray(), scores.toDoubleArray(), 0);
            }
            adam.close();
            model.close();
            again.close();
            Files.deleteIfExists(file);
            Files.deleteIfExists(file.getParent());
        }
    }
}
