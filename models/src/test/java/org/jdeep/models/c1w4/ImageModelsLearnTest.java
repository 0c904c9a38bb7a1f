package org.jdeep.models.c1w4;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.jdeep.Tensor;
import org.jdeep.models.TestRuns;
import org.jdeep.models.c1w2.LogisticRegression;
import org.jdeep.models.course.CourseData;
import org.jdeep.models.course.CourseModel;
import org.jdeep.models.course.Settings;
import org.junit.jupiter.api.Test;

/**
 * Course 1's image classifiers learn the synthetic cat / non-cat images with the course's learning rates, on
 * 16 x 16 images so that a test takes about a second (the command line's default is the course's 64 x 64).
 */
class ImageModelsLearnTest {

    private static Map<String, Map<String, Double>> train(CourseModel model, int iterations) throws Exception {
        Settings s = model.defaults().withEpochs(iterations).withOption("image-size", "16");
        try (CourseData data = model.data(s, null)) {
            assertEquals(16 * 16 * 3, data.features());
            TestRuns.Run run = TestRuns.train(model, s, data);
            run.parameters().values().forEach(Tensor::close);
            double[] c = run.costs();
            assertTrue(c[c.length - 1] < c[0], model.name() + ": the cost did not fall: " + c[0] + " -> " + c[c.length - 1]);
            return run.metrics();
        }
    }

    private static void atLeast(String model, Map<String, Map<String, Double>> m, double train, double dev) {
        assertTrue(m.get("train").get("accuracy") >= train && m.get("dev").get("accuracy") >= dev,
                model + " accuracy below " + train + " (train) / " + dev + " (dev): " + m);
    }

    @Test
    void logisticRegressionLearnsTheSyntheticImages() throws Exception {
        atLeast("logistic-regression", train(new LogisticRegression(), 500), 0.9, 0.85);
    }

    @Test
    void twoLayerNetLearnsTheSyntheticImages() throws Exception {
        atLeast("two-layer", train(new TwoLayerNet(), 1200), 0.9, 0.85);
    }

    @Test
    void deepNetLearnsTheSyntheticImages() throws Exception {
        atLeast("deep", train(new DeepNet(), 600), 0.9, 0.85);
    }
}
