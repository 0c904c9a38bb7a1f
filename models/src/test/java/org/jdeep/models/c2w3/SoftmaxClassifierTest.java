package org.jdeep.models.c2w3;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Map;
import org.jdeep.Autograd;
import org.jdeep.MemoryScope;
import org.jdeep.Tensor;
import org.jdeep.data.Dataset;
import org.jdeep.models.course.CourseData;
import org.jdeep.models.course.Settings;
import org.jdeep.models.course.Training;
import org.jdeep.nn.Module;
import org.junit.jupiter.api.Test;

class SoftmaxClassifierTest {
    private final SoftmaxClassifier model = new SoftmaxClassifier();

    private Settings small() {
        return model.defaults().withEpochs(12).withOptions(Map.of("train", "400", "dev", "100", "test", "100",
                "image-size", "12"));
    }

    @Test
    void syntheticSignsAreSixBalancedClasses() {
        try (MemoryScope scope = MemoryScope.open()) {
            Dataset d = SignsData.synthetic(600, 12, 1);
            assertArrayEquals(new int[] {600, 432}, d.x().shape().dims());
            int[] counts = new int[6];
            for (int y : d.y().toIntArray()) {
                counts[y]++;
            }
            for (int c : counts) {
                assertTrue(c > 70 && c < 130, java.util.Arrays.toString(counts));
            }
            assertTrue(d.x().min().item() >= 0 && d.x().max().item() <= 1);
        }
    }

    @Test
    void learnsTheSignsWithBatchNorm() throws IOException {
        Settings s = small();
        try (MemoryScope scope = MemoryScope.open(); CourseData d = model.data(s, null);
             Module net = model.build(s, d.features())) {
            Training.train(model, net, s, d, new PrintWriter(new StringWriter()));
            Map<String, Double> test = Training.evaluate(model, net, d.test());
            assertTrue(test.get("accuracy") > 0.85, "test " + test);
            // batch norm at test time uses its running estimates: an example is classified the same alone or in a batch
            net.eval();
            try (Autograd.NoGrad off = Autograd.noGrad()) {
                Tensor batch = net.forward(d.test().x());
                Tensor one = net.forward(d.test().x().slice(0, 3, 4, 1));
                assertArrayEquals(batch.slice(0, 3, 4, 1).toDoubleArray(), one.toDoubleArray(), 1e-12);
            }
            net.train();
        }
    }

    @Test
    void thePlainNetworkTrainsToo() throws IOException {
        Settings s = small().withOption("batchnorm", "false");
        try (MemoryScope scope = MemoryScope.open(); CourseData d = model.data(s, null);
             Module net = model.build(s, d.features())) {
            Training.Result r = Training.train(model, net, s, d, new PrintWriter(new StringWriter()));
            assertTrue(r.costs()[r.costs().length - 1] < r.costs()[0]);
            assertEquals(6, model.classNames().size());
        }
    }
}
