package org.jdeep.models.c2w2;

import static org.jdeep.models.TestCli.jdeep;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jdeep.models.CourseReference;
import org.jdeep.models.TestCli;
import org.jdeep.models.TestJson;
import org.jdeep.models.course.Settings;
import org.jdeep.optim.LearningRateSchedule;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code jdeep train optimization -o decay=update_lr|schedule}: the command line decays the learning rate from
 * {@code --lr} (the notebook's {@code learning_rate0}) after every epoch as the notebook's loop does, and prints
 * the notebook's costs and learning rates. References: the numpy run of the notebook's code on the moons
 * (companion_golden.txt, from tools/gen_companion_golden.py), the course's {@code schedule_lr_decay} cases
 * (shared/reference/course, skipped when absent) and rates computed by hand.
 */
class LearningRateDecayTest {
    @TempDir
    Path dir;

    private final OptimizationComparison model = new OptimizationComparison();

    @SuppressWarnings("unchecked")
    private static List<Object> training(Path run, String key) throws IOException {
        Map<String, Object> record = (Map<String, Object>) TestJson.read(run.resolve("run.json"));
        return (List<Object>) TestJson.obj(record, "training").get(key);
    }

    /** The notebook's gd run with fixed-interval decay, all 5000 epochs: its printed costs, rates and accuracy. */
    @Test
    void theCommandLineReproducesTheNotebooksScheduledGradientDescent() throws IOException {
        double[] printed = OptimizationComparisonTest.golden("c2w2_model_gd_schedule_5000", "printed");
        double accuracy = OptimizationComparisonTest.golden("c2w2_model_gd_schedule_5000", "accuracy")[0];
        // learning_rate = 0.1 / (1 + 1 * floor(epoch / 1000)) after epochs 0, 1000, 2000, 3000, 4000
        double[] rates = {0.1, 0.05, 0.03333333333333333, 0.025, 0.02};
        Path run = dir.resolve("gd-schedule");
        TestCli.Result r = jdeep("train", "optimization", "--lr", "0.1", "-o", "optimizer=gd", "-o", "decay=schedule",
                "--no-plots", "--out", run.toString());
        assertEquals(0, r.status(), r.out() + r.err());
        assertTrue(r.out().contains("learning rate: 0.1 / (1 + 1.0 * floor(epoch / 1000)) (schedule_lr_decay)\n"),
                r.out());
        for (int k = 0; k < printed.length; k++) {
            String lines = String.format(Locale.ROOT, "Cost after epoch %d: %f%nlearning rate after epoch %d: %f%n",
                    1000 * k, printed[k], 1000 * k, rates[k]);
            assertTrue(r.out().contains(lines), "expected\n" + lines + "in\n" + r.out());
        }
        String percent = String.format(Locale.ROOT, " %.2f%% ", 100 * accuracy); // 94.33%
        assertTrue(r.out().lines().anyMatch(l -> l.startsWith("train ") && l.contains(percent)),
                "train accuracy " + accuracy + " in\n" + r.out());
        List<Object> costs = training(run, "cost_by_epoch");
        List<Object> after = training(run, "learning_rate_after_epoch");
        for (int k = 0; k < printed.length; k++) {
            assertEquals(printed[k], TestJson.doubles(costs.get(k))[1], 1e-12, "cost after epoch " + 1000 * k);
            assertEquals(1000.0 * k, TestJson.doubles(after.get(k))[0]);
            assertEquals(rates[k], TestJson.doubles(after.get(k))[1], 1e-17, "learning rate after epoch " + 1000 * k);
        }
    }

    /** update_lr decays after every epoch: 0.1 / (1 + i) after epoch i, and the notebook's costs at 0, 100, 200. */
    @Test
    void updateLrDecaysAfterEveryEpoch() throws IOException {
        double[] costs = OptimizationComparisonTest.golden("c2w2_model_gd_update_lr_201", "costs");
        double[] rates = {0.1, 0.0009900990099009901, 0.0004975124378109454}; // 0.1 / 1, 0.1 / 101, 0.1 / 201
        Path run = dir.resolve("gd-update-lr");
        TestCli.Result r = jdeep("train", "optimization", "--lr", "0.1", "-o", "optimizer=gd", "-o", "decay=update_lr",
                "--epochs", "201", "--print-every", "100", "--no-plots", "--out", run.toString());
        assertEquals(0, r.status(), r.out() + r.err());
        assertTrue(r.out().contains("learning rate after epoch 100: 0.000990\n"), r.out());
        List<Object> recordedCosts = training(run, "cost_by_epoch");
        List<Object> after = training(run, "learning_rate_after_epoch");
        for (int k = 0; k < 3; k++) {
            assertEquals(costs[k], TestJson.doubles(recordedCosts.get(k))[1], 1e-12, "cost after epoch " + 100 * k);
            assertEquals(rates[k], TestJson.doubles(after.get(k))[1], 1e-18, "learning rate after epoch " + 100 * k);
        }
        // the numpy reference sets the same rates
        double[] golden = OptimizationComparisonTest.golden("c2w2_model_gd_update_lr_201", "rates");
        for (int k = 0; k < 3; k++) {
            assertEquals(golden[k], rates[k], 1e-18);
        }
    }

    /** The options map to the course's schedule_lr_decay: its reference cases through {@code decay=schedule}. */
    @ParameterizedTest
    @ValueSource(strings = {"c2w2_schedule_lr_decay_1", "c2w2_schedule_lr_decay_3", "c2w2_schedule_lr_decay_5"})
    void theScheduleOptionIsTheCoursesScheduleLrDecay(String id) throws IOException {
        Map<String, Object> c = CourseReference.get(id);
        Map<String, Object> in = TestJson.obj(c, "inputs");
        Settings s = model.defaults().withOptions(Map.of("decay", "schedule",
                "decay-rate", in.get("decay_rate").toString(),
                "time-interval", Integer.toString(((Number) in.get("time_interval")).intValue())));
        double expected = ((Number) TestJson.obj(c, "outputs").get("learning_rate")).doubleValue();
        double lr = model.schedule(s).learningRate(((Number) in.get("learning_rate0")).doubleValue(),
                ((Number) in.get("epoch_num")).intValue());
        assertEquals(expected, lr, 1e-9 * expected, id);
    }

    /** The notebook's update_lr test: learning_rate0 0.5, epoch 2, decay_rate 1 gives 0.5 / 3. */
    @Test
    void theUpdateLrOptionIsTheCoursesUpdateLr() {
        Settings s = model.defaults().withOption("decay", "update_lr");
        assertEquals(0.16666666666666666, model.schedule(s).learningRate(0.5, 2), 1e-17);
        assertEquals(LearningRateSchedule.constant(), model.schedule(model.defaults()));
    }

    @Test
    void decayOptionsThatWouldBeIgnoredAreErrors() {
        TestCli.Result rate = jdeep("train", "optimization", "-o", "decay-rate=2", "--epochs", "1", "--no-plots",
                "--out", dir.resolve("a").toString());
        assertEquals(1, rate.status(), rate.out());
        assertEquals("jdeep: decay-rate has no effect without a learning-rate decay: add --option decay=update_lr or "
                + "--option decay=schedule", rate.err().strip());
        Settings s = model.defaults().withOptions(Map.of("decay", "update_lr", "time-interval", "10"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> model.schedule(s)).getMessage()
                .contains("use --option decay=schedule"));
        Settings negative = model.defaults().withOptions(Map.of("decay", "schedule", "decay-rate", "-1"));
        assertEquals("option decay-rate=-1: the decay rate must be >= 0",
                assertThrows(IllegalArgumentException.class, () -> model.schedule(negative)).getMessage());
        Settings never = model.defaults().withOptions(Map.of("decay", "schedule", "time-interval", "0"));
        assertEquals("option time-interval=0: the interval must be at least 1 epoch",
                assertThrows(IllegalArgumentException.class, () -> model.schedule(never)).getMessage());
        Settings unknown = model.defaults().withOption("decay", "cosine");
        assertEquals("decay=cosine: choose none, update_lr or schedule",
                assertThrows(IllegalArgumentException.class, () -> model.schedule(unknown)).getMessage());
    }
}
