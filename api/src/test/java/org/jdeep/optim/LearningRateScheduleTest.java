package org.jdeep.optim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import org.jdeep.optim.LearningRateSchedule.ExponentialDecay;
import org.jdeep.optim.LearningRateSchedule.InverseTimeDecay;
import org.jdeep.optim.LearningRateSchedule.ScheduledDecay;
import org.junit.jupiter.api.Test;

/** Learning rate decay, Course 2, week 2, 2.9: the lecture's formulas and the course's schedule_lr_decay. */
class LearningRateScheduleTest {

    @Test
    void inverseTimeDecayIsAlpha0OverOnePlusDecayRateTimesEpoch() {
        LearningRateSchedule s = new InverseTimeDecay(1.0);
        assertEquals(0.5, s.learningRate(0.5, 0));
        assertEquals(0.25, s.learningRate(0.5, 1));
        assertEquals(0.5 / 3, s.learningRate(0.5, 2));
    }

    @Test
    void scheduledDecayDropsOncePerTimeIntervalAsTheCourseTestsCheck() {
        // the course's public tests: schedule_lr_decay(0.5, 100, 1, 100) == 0.25, (0.3, 1000, 0.25, 100) == 0.0857142..
        assertEquals(0.25, new ScheduledDecay(1, 100).learningRate(0.5, 100));
        assertEquals(0.08571428571428572, new ScheduledDecay(0.25, 100).learningRate(0.3, 1000), 1e-17);
        assertEquals(0.5, new ScheduledDecay(0.3, 100).learningRate(0.5, 10));
        ScheduledDecay staircase = new ScheduledDecay(1, 10);
        assertEquals(0.1, staircase.learningRate(0.1, 9));
        assertEquals(0.05, staircase.learningRate(0.1, 10));
        assertEquals(0.05, staircase.learningRate(0.1, 19));
        assertEquals(1000, new ScheduledDecay(0.5).timeInterval(), "the course's default time_interval");
    }

    @Test
    void exponentialDecayIsBaseToTheEpochTimesAlpha0() {
        assertEquals(0.2, new ExponentialDecay().learningRate(0.2, 0));
        assertEquals(0.95 * 0.2, new ExponentialDecay().learningRate(0.2, 1), 1e-17);
        assertEquals(0.0125, new ExponentialDecay(0.5).learningRate(0.1, 3));
    }

    @Test
    void constantKeepsTheRate() {
        assertEquals(0.3, LearningRateSchedule.constant().learningRate(0.3, 5000));
    }

    @Test
    void everyScheduleMatchesTheNumpyGoldenValues() throws IOException {
        int n = 0;
        for (String[] t : OptimizerGoldenTest.lines()) {
            if (!t[0].equals("schedule")) {
                continue;
            }
            double lr0 = Double.parseDouble(t[2]);
            double expected = Double.parseDouble(t[t.length - 1]);
            double actual = switch (t[1]) {
                case "inverse" -> new InverseTimeDecay(Double.parseDouble(t[3])).learningRate(lr0, Integer.parseInt(t[4]));
                case "interval" -> new ScheduledDecay(Double.parseDouble(t[3]), Integer.parseInt(t[4]))
                        .learningRate(lr0, Integer.parseInt(t[5]));
                case "exponential" -> new ExponentialDecay(Double.parseDouble(t[3])).learningRate(lr0,
                        Integer.parseInt(t[4]));
                default -> throw new AssertionError("unknown schedule " + t[1]);
            };
            assertEquals(expected, actual, 1e-12 * expected, String.join(" ", t));
            n++;
        }
        assertEquals(13, n, "schedule lines in the golden file");
    }

    @Test
    void invalidSchedulesAreRejectedWithTheirReason() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new InverseTimeDecay(-1));
        assertTrue(e.getMessage().contains("decayRate must be a finite number >= 0, got -1.0"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new InverseTimeDecay(Double.NaN));
        e = assertThrows(IllegalArgumentException.class, () -> new ScheduledDecay(1, 0));
        assertTrue(e.getMessage().contains("timeInterval must be >= 1, got 0"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new ExponentialDecay(1.5));
        assertTrue(e.getMessage().contains("base must be in (0, 1], got 1.5"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new ExponentialDecay(0));
        e = assertThrows(IllegalArgumentException.class, () -> new InverseTimeDecay(1).learningRate(0.1, -1));
        assertTrue(e.getMessage().contains("the epoch must be >= 0, got -1"), e.getMessage());
    }
}
