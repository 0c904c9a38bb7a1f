package org.jdeep.models.course;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;
import org.jdeep.MemoryScope;
import org.jdeep.models.c1w3.PlanarClassifier;
import org.jdeep.nn.Module;
import org.jdeep.optim.LearningRateSchedule;
import org.junit.jupiter.api.Test;

/**
 * {@link Training} applies a model's {@link CourseModel#schedule} with the whole training set as the batch too:
 * after iteration i the rate becomes {@code schedule.learningRate(α₀, i)}, α₀ = {@code --lr}. (The mini-batch
 * path is checked against the notebook's runs in {@code LearningRateDecayTest}.)
 */
class TrainingScheduleTest {

    /** The planar classifier with a learning-rate decay, which the catalog's does not have. */
    private static CourseModel planarWith(LearningRateSchedule schedule) {
        PlanarClassifier planar = new PlanarClassifier();
        return new CourseModel() {
            @Override
            public String name() {
                return "planar-decayed";
            }

            @Override
            public String description() {
                return "the planar classifier with " + schedule;
            }

            @Override
            public List<String> lectures() {
                return planar.lectures();
            }

            @Override
            public Settings defaults() {
                return planar.defaults();
            }

            @Override
            public CourseData data(Settings settings, Path path) throws IOException {
                return planar.data(settings, path);
            }

            @Override
            public Module build(Settings settings, int features) {
                return planar.build(settings, features);
            }

            @Override
            public LearningRateSchedule schedule(Settings settings) {
                return schedule;
            }
        };
    }

    private static Training.Result train(CourseModel model, Settings s, StringWriter log) throws IOException {
        try (MemoryScope scope = MemoryScope.open(); CourseData d = model.data(s, null);
             Module net = model.build(s, d.features())) {
            return Training.train(model, net, s, d, new PrintWriter(log, true));
        }
    }

    @Test
    void fullBatchTrainingDecaysAfterEachIteration() throws IOException {
        CourseModel decayed = planarWith(new LearningRateSchedule.InverseTimeDecay(1));
        Settings s = decayed.defaults().withEpochs(4).withPrintEvery(1); // α₀ = 1.2, the notebook's
        StringWriter log = new StringWriter();
        Training.Result r = train(decayed, s, log);
        // 1.2 / (1 + i) after iteration i = 0, 1, 2, 3
        assertArrayEquals(new double[] {1.2, 0.6, 0.4, 0.3}, r.learningRates(), 1e-16);
        assertTrue(r.perIteration());
        assertTrue(log.toString().contains(
                "Cost after iteration 1: 0.692981\nlearning rate after iteration 1: 0.600000\n"), log.toString());

        StringWriter plainLog = new StringWriter();
        Training.Result plain = train(new PlanarClassifier(), s, plainLog);
        assertArrayEquals(new double[] {1.2, 1.2, 1.2, 1.2}, plain.learningRates());
        assertTrue(!plainLog.toString().contains("learning rate"), "no rate lines without a decay");
        // iterations 0 and 1 update at 1.2 in both, so the costs before iterations 0, 1 and 2 agree; iteration 2
        // updates at 0.6 after the decay, so the cost before iteration 3 differs
        assertArrayEquals(java.util.Arrays.copyOf(plain.costs(), 3), java.util.Arrays.copyOf(r.costs(), 3), 0);
        assertNotEquals(plain.costs()[3], r.costs()[3]);
    }

    @Test
    void theScheduleIsDescribedForTheCommandLine() {
        assertEquals("0.1 / (1 + 1.0 * floor(epoch / 1000)) (schedule_lr_decay)",
                Training.describe(new LearningRateSchedule.ScheduledDecay(1), 0.1, false));
        assertEquals("1.2 / (1 + 0.5 * iteration) (update_lr)",
                Training.describe(new LearningRateSchedule.InverseTimeDecay(0.5), 1.2, true));
        assertEquals("0.95^epoch * 0.01", Training.describe(new LearningRateSchedule.ExponentialDecay(), 0.01, false));
        assertEquals("constant 7.0E-4", Training.describe(LearningRateSchedule.constant(), 0.0007, false));
    }
}
