package org.jdeep.data;

import static org.jdeep.data.Fixtures.assertBadFile;
import static org.jdeep.data.Fixtures.fixture;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.jdeep.MemoryScope;
import org.jdeep.Tensor;
import org.jdeep.types.DType;
import org.jdeep.types.Shape;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link Csv} on header.csv ({@code "sepal length (cm)",petal width,label} then rows 5.1,0.2,0 / -4.9,3e2,2 /
 * 6.25,-0.5,1), sklearn_style.csv (a first line of counts and class names, then 1,2,0 / 3,4,1 / 5,6,2),
 * noheader.csv.gz (1,2,3 / 4,5,6 with Windows line ends), and broken files written by each test.
 */
class CsvTest {
    @TempDir
    Path dir;
    private MemoryScope scope;

    @BeforeEach
    void open() {
        scope = MemoryScope.open();
    }

    @AfterEach
    void close() {
        scope.close();
    }

    private Path csv(String text) throws IOException {
        return Files.writeString(dir.resolve("t.csv"), text, StandardCharsets.UTF_8);
    }

    @Test
    void everyColumnWithAHeader() throws IOException {
        Csv.Options o = Csv.options().header(true);
        Tensor t = Csv.read(fixture("csv/header.csv"), o);
        assertEquals(DType.FLOAT64, t.dtype());
        assertEquals(Shape.of(3, 3), t.shape());
        assertArrayEquals(new double[] {5.1, 0.2, 0, -4.9, 300, 2, 6.25, -0.5, 1}, t.toDoubleArray());
        assertEquals(List.of("sepal length (cm)", "petal width", "label"), Csv.columns(fixture("csv/header.csv"), o));
    }

    @Test
    void aLabelColumnByNameOrIndex() throws IOException {
        for (Csv.Options o : List.of(Csv.options().header(true).label("label"), Csv.options().header(true).label(2),
                Csv.options().header(true).label(-1))) {
            try (Dataset d = Csv.dataset(fixture("csv/header.csv"), o)) {
                assertEquals(Shape.of(3, 2), d.x().shape(), o.toString());
                assertArrayEquals(new double[] {5.1, 0.2, -4.9, 300, 6.25, -0.5}, d.x().toDoubleArray());
                assertEquals(DType.INT32, d.y().dtype());
                assertArrayEquals(new int[] {0, 2, 1}, d.y().toIntArray());
            }
        }
        try (Dataset d = Csv.dataset(fixture("csv/header.csv"), Csv.options().header(true).label(0)
                .dtype(DType.FLOAT32).labelDType(DType.FLOAT64))) {
            assertEquals(DType.FLOAT32, d.x().dtype());
            assertArrayEquals(new float[] {0.2f, 0, 300, 2, -0.5f, 1}, d.x().toFloatArray());
            assertArrayEquals(new double[] {5.1, -4.9, 6.25}, d.y().toDoubleArray());
        }
    }

    @Test
    void scikitLearnsLayoutSkipsItsFirstLine() throws IOException {
        try (Dataset d = Csv.dataset(fixture("csv/sklearn_style.csv"), Csv.options().skipLines(1).label(-1))) {
            assertArrayEquals(new double[] {1, 2, 3, 4, 5, 6}, d.x().toDoubleArray());
            assertArrayEquals(new int[] {0, 1, 2}, d.y().toIntArray());
        }
    }

    @Test
    void gzippedWithWindowsLineEndsAndATrailingBlankLine() throws IOException {
        Tensor t = Csv.read(fixture("csv/noheader.csv.gz"), Csv.options());
        assertEquals(Shape.of(2, 3), t.shape());
        assertArrayEquals(new double[] {1, 2, 3, 4, 5, 6}, t.toDoubleArray());
        assertEquals(List.of("0", "1", "2"), Csv.columns(fixture("csv/noheader.csv.gz"), Csv.options()));
    }

    @Test
    void numbersNanInfinityQuotesSpacesOtherDelimitersAndAByteOrderMark() throws IOException {
        Path p = csv("\uFEFFnan; Inf ;-inf;\"+1.5e-3\";.5;7.\n");
        double[] v = Csv.read(p, Csv.options().delimiter(';')).toDoubleArray();
        assertTrue(Double.isNaN(v[0]));
        assertArrayEquals(new double[] {Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, 0.0015, 0.5, 7},
                java.util.Arrays.copyOfRange(v, 1, 6));
        Path tabs = csv("a\t\"b \"\"q\"\"\"\n1\t2\n");
        assertEquals(List.of("a", "b \"q\""), Csv.columns(tabs, Csv.options().delimiter('\t').header(true)));
    }

    @Test
    void aFieldThatIsNotANumber() throws IOException {
        Path p = csv("x,y\n1,2\n3,abc\n");
        assertBadFile(p, () -> Csv.read(p, Csv.options().header(true)), "line 3, column 2 (y): 'abc' is not a number");
        Path hex = csv("0x10\n");
        assertBadFile(hex, () -> Csv.read(hex, Csv.options()), "line 1, column 1: '0x10' is not a number");
        Path missing = csv("1,,3\n");
        assertBadFile(missing, () -> Csv.read(missing, Csv.options()), "line 1, column 2: an empty field (a missing "
                + "value)");
        Path header = csv("a,b\n1,2\n");
        assertBadFile(header, () -> Csv.read(header, Csv.options()), "line 1, column 1: 'a' is not a number");
    }

    @Test
    void raggedRows() throws IOException {
        Path p = csv("1,2,3\n4,5,6\n\n7,8\n");
        assertBadFile(p, () -> Csv.read(p, Csv.options()), "line 4 has 2 fields but the first row has 3");
        Path h = csv("a,b\n1,2,3\n");
        assertBadFile(h, () -> Csv.read(h, Csv.options().header(true)), "line 2 has 3 fields but the header has 2");
    }

    @Test
    void labelProblems() throws IOException {
        Path p = csv("f,label\n1,0\n2,2.5\n");
        assertBadFile(p, () -> Csv.dataset(p, Csv.options().header(true).label("label")), "line 3, label column 2 "
                + "(label): 2.5 is not an integer class label", "labelDType(DType.FLOAT64)");
        assertBadFile(p, () -> Csv.dataset(p, Csv.options().header(true).label("class")), "no column named 'class'; "
                + "the header has [f, label]");
        assertBadFile(p, () -> Csv.dataset(p, Csv.options().skipLines(1).label("label")), "the options say the file "
                + "has no header row");
        assertBadFile(p, () -> Csv.dataset(p, Csv.options().header(true).label(2)), "label column index 2 is "
                + "outside the 2 columns");
        assertBadFile(p, () -> Csv.dataset(p, Csv.options().header(true).label(-3)), "label column index -3");
        Path one = csv("7\n8\n");
        assertBadFile(one, () -> Csv.dataset(one, Csv.options().label(0)), "the label column is the only column");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Csv.dataset(p, Csv.options().header(true)));
        assertTrue(e.getMessage().contains("Csv.dataset needs a label column"), e.getMessage());
    }

    @Test
    void noRowsEmptyFilesAndQuotes() throws IOException {
        Path headerOnly = csv("a,b\n");
        assertBadFile(headerOnly, () -> Csv.read(headerOnly, Csv.options().header(true)), "no data rows after line 1");
        Path empty = csv("");
        assertBadFile(empty, () -> Csv.read(empty, Csv.options()), "no data rows: the file is empty");
        assertBadFile(empty, () -> Csv.read(empty, Csv.options().skipLines(2)), "no data rows: the file has 0 lines "
                + "and 2 are skipped");
        Path quote = csv("\"1,2\n");
        assertBadFile(quote, () -> Csv.read(quote, Csv.options()), "line 1: a quote opened at column 1 is not closed");
        Path after = csv("\"1\"x,2\n");
        assertBadFile(after, () -> Csv.read(after, Csv.options()), "line 1, column 1: text after a closing quote");
    }

    @Test
    void binaryAndTruncatedGzipFiles() throws IOException {
        Path png = fixture("images/rgb.png");
        assertBadFile(png, () -> Csv.read(png, Csv.options()), "not UTF-8 text (a binary file?)");
        Path gz = Fixtures.truncated(dir, "csv/noheader.csv.gz", 30);
        assertBadFile(gz, () -> Csv.read(gz, Csv.options()), "truncated or corrupt gzip data");
    }

    @Test
    void optionsValidateAndPrint() {
        assertThrows(IllegalArgumentException.class, () -> Csv.options().delimiter('"'));
        assertThrows(IllegalArgumentException.class, () -> Csv.options().skipLines(-1));
        assertThrows(IllegalArgumentException.class, () -> Csv.options().dtype(DType.INT32));
        assertEquals("Csv.Options[delimiter='\\t', header=true, skipLines=1, label=species, FLOAT32, labels INT32]",
                Csv.options().delimiter('\t').header(true).skipLines(1).label("species").dtype(DType.FLOAT32)
                        .toString());
        assertEquals("Csv.Options[delimiter=',', header=false, skipLines=0, label=#-1, FLOAT64, labels INT32]",
                Csv.options().label(-1).toString());
    }
}
