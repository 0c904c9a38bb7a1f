package org.jdeep.models.c1w3;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.jdeep.data.Dataset;
import org.jdeep.models.TestJson;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The planar sets against numpy: {@code tools/gen_planar_reference.py} wrote {@code planar_reference.json} with
 * numpy's legacy generator. Labels must match exactly; coordinates to 1e-12 (the JDK's sin/cos may differ from
 * glibc's by an ulp, and the flower's radius multiplies it by up to 4).
 */
class PlanarDataTest {
    private static Map<String, Object> reference;

    @BeforeAll
    @SuppressWarnings("unchecked")
    static void load() throws Exception {
        reference = (Map<String, Object>) TestJson.resource(PlanarDataTest.class, "planar_reference.json");
    }

    private static void assertSame(String key, Dataset d) {
        try (d) {
            Map<String, Object> ref = TestJson.obj(reference, key);
            double[] x = TestJson.doubles(ref.get("X"));
            double[] y = TestJson.doubles(ref.get("Y"));
            assertEquals(y.length, d.size(), key + ": number of points");
            assertArrayEquals(new int[] {y.length, 2}, d.x().shape().dims(), key);
            assertArrayEquals(y, d.y().toDoubleArray(), key + ": labels");
            double[] got = d.x().toDoubleArray();
            for (int i = 0; i < x.length; i++) {
                assertEquals(x[i], got[i], 1e-12 + 1e-12 * Math.abs(x[i]), key + ": X value " + i);
            }
        }
    }

    @Test
    void theFlowerIsTheCoursesLoadPlanarDataset() {
        assertSame("flower", PlanarData.flower(1));
    }

    @Test
    void circlesMoonsAndBlobsFollowScikitLearnsDraws() {
        assertSame("circles", PlanarData.circles(200, 0.5, 0.3, 1));
        assertSame("moons", PlanarData.moons(200, 0.2, 1));
        assertSame("blobs", PlanarData.blobs(200, 6, 5));
    }

    @Test
    void gaussianQuantilesAsDefinedHere() {
        assertSame("gaussian_quantiles", PlanarData.gaussianQuantiles(200, 0.5, 1));
    }

    @Test
    void devAndTestDrawsShareTheTrainingSetsProblem() {
        try (Dataset a = PlanarData.generate("blobs", 5, 5); Dataset b = PlanarData.blobs(200, 6, 5);
             Dataset dev = PlanarData.generate("blobs", 5, 6)) {
            assertArrayEquals(b.x().toDoubleArray(), a.x().toDoubleArray(), "generate(name, s, s) is the course's set");
            // same centres: every dev point lies near some training point of its own class
            double[] tx = b.x().toDoubleArray();
            double[] ty = b.y().toDoubleArray();
            double[] dx = dev.x().toDoubleArray();
            double[] dy = dev.y().toDoubleArray();
            int agree = 0;
            for (int i = 0; i < dy.length; i++) {
                double best = Double.POSITIVE_INFINITY;
                int label = -1;
                for (int j = 0; j < ty.length; j++) {
                    double d2 = Math.pow(dx[2 * i] - tx[2 * j], 2) + Math.pow(dx[2 * i + 1] - tx[2 * j + 1], 2);
                    if (d2 < best) {
                        best = d2;
                        label = (int) ty[j];
                    }
                }
                agree += label == (int) dy[i] ? 1 : 0;
            }
            assertTrue(agree > 0.7 * dy.length, "nearest-neighbour agreement " + agree + "/" + dy.length);
        }
    }

    @Test
    void linspaceIsNumpys() {
        // np.linspace(0, 3.12, 5) and np.linspace(0, 2*pi, 4, endpoint=False)
        assertArrayEquals(new double[] {0.0, 0.78, 1.56, 2.34, 3.12}, PlanarData.linspace(0, 3.12, 5, true));
        assertArrayEquals(new double[] {0.0, Math.PI / 2, Math.PI, 3 * (2 * Math.PI / 4)},
                PlanarData.linspace(0, 2 * Math.PI, 4, false));
    }
}
