package org.jdeep.optim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** Hyperparameter records carry the course's names and defaults and reject values that cannot train. */
class ConfigTest {

    @Test
    void defaultsAreTheCourses() {
        assertEquals(new AdamConfig(0.0007, 0.9, 0.999, 1e-8), new AdamConfig());
        assertEquals(new AdamConfig(0.01, 0.9, 0.999, 1e-8), new AdamConfig(0.01));
        assertEquals(new MomentumConfig(0.0007, 0.9), new MomentumConfig());
        assertEquals(new RmsPropConfig(0.0007, 0.999, 1e-8), new RmsPropConfig());
        assertEquals(new SgdConfig(0.0007), new SgdConfig());
        assertEquals("AdamConfig[learningRate=0.01, beta1=0.9, beta2=0.999, epsilon=1.0E-8]",
                new AdamConfig(0.01).toString());
    }

    private static void rejects(String message, Executable make) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, make);
        assertTrue(e.getMessage().contains(message), () -> "expected '" + message + "' in: " + e.getMessage());
    }

    @Test
    void invalidValuesAreRejectedNamingTheHyperparameter() {
        rejects("AdamConfig: learningRate must be a finite number > 0, got 0.0", () -> new AdamConfig(0));
        rejects("learningRate must be a finite number > 0, got -0.1", () -> new SgdConfig(-0.1));
        rejects("learningRate must be a finite number > 0, got Infinity", () -> new SgdConfig(Double.POSITIVE_INFINITY));
        rejects("learningRate must be a finite number > 0, got NaN", () -> new MomentumConfig(Double.NaN));
        rejects("AdamConfig: beta1 must be in [0, 1), got 1.0", () -> new AdamConfig(0.01, 1.0, 0.999, 1e-8));
        rejects("AdamConfig: beta2 must be in [0, 1), got -0.5", () -> new AdamConfig(0.01, 0.9, -0.5, 1e-8));
        rejects("AdamConfig: epsilon must be a finite number > 0, got 0.0", () -> new AdamConfig(0.01, 0.9, 0.999, 0));
        rejects("MomentumConfig: beta must be in [0, 1), got 1.2", () -> new MomentumConfig(0.01, 1.2));
        rejects("RmsPropConfig: beta2 must be in [0, 1), got NaN", () -> new RmsPropConfig(0.01, Double.NaN, 1e-8));
        rejects("RmsPropConfig: epsilon must be a finite number > 0, got -1.0E-8", () -> new RmsPropConfig(0.01, 0.9, -1e-8));
    }

    @Test
    void betaZeroIsAllowedAndMeansNoAveraging() {
        assertEquals(0.0, new MomentumConfig(0.1, 0).beta());
    }
}
