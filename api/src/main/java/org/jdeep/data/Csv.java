package org.jdeep.data;

import java.io.BufferedReader;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;
import java.util.zip.ZipException;
import org.jdeep.Tensor;
import org.jdeep.types.DType;

/**
 * Reads numeric CSV files (plain or gzipped: the content decides, not the name) into tensors and datasets.
 *
 * <pre>
 * // iris.csv with a header row "sepal_length,sepal_width,petal_length,petal_width,species"
 * Dataset iris = Csv.dataset(file, Csv.options().header(true).label("species"));
 * // X (150, 4) FLOAT64, Y (150,) INT32
 *
 * // scikit-learn's own iris.csv, whose first line "150,4,setosa,versicolor,virginica" is no header
 * Dataset iris = Csv.dataset(file, Csv.options().skipLines(1).label(-1));
 * </pre>
 *
 * <p>Every field must be a number: an optional sign, digits with an optional decimal point and exponent
 * ({@code 3}, {@code -0.5}, {@code 4e2}), or {@code nan}, {@code inf}, {@code -inf} in any case. Fields may be
 * quoted ({@code "1.5"}, and header names such as {@code "sepal length (cm)"}), with {@code ""} for a quote
 * inside quotes; a quoted field cannot span lines. Blank lines are skipped; a UTF-8 byte-order mark is
 * ignored; line ends may be {@code \n}, {@code \r\n} or {@code \r}.
 *
 * <p>Errors name the file, the line (counted from 1, as an editor shows it) and the column: a field that is
 * not a number, a row with a different number of fields than the first, a label that is not an integer when
 * INT32 labels are asked for, a label column that does not exist, a file with no data rows, text that is not
 * UTF-8, a gzip stream cut short. Each is a {@link DataFileException}.
 */
public final class Csv {
    private static final Pattern NUMBER = Pattern.compile(
            "[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?|[+-]?(nan|inf|infinity)", Pattern.CASE_INSENSITIVE);

    private Csv() {
    }

    /** The default options: comma-separated, no header row, no lines skipped, FLOAT64 values, no label column. */
    public static Options options() {
        return Options.DEFAULTS;
    }

    /**
     * Every column of {@code file} as a tensor of shape (rows, columns) and dtype {@link Options#dtype()}; the
     * label option is ignored.
     *
     * @throws DataFileException when the file is not a numeric CSV file as described above
     * @throws IOException when the file cannot be read
     */
    public static Tensor read(Path file, Options options) throws IOException {
        Table t = parse(file, options);
        return values(t.values, options.dtype, t.rows, t.names.size());
    }

    /**
     * Features and labels: X of shape (rows, columns - 1) and dtype {@link Options#dtype()} holds every column
     * but the label column, in order; Y of shape (rows,) and dtype {@link Options#labelDType()} holds the
     * label column.
     *
     * @throws IllegalArgumentException when {@code options} names no label column
     * @throws DataFileException when the file is not a numeric CSV file, has no such label column, has only
     *     that column, or (for INT32 labels) holds a label that is not an integer
     * @throws IOException when the file cannot be read
     */
    public static Dataset dataset(Path file, Options options) throws IOException {
        if (options.labelName == null && options.labelIndex == null) {
            throw new IllegalArgumentException("Csv.dataset needs a label column: options().label(\"name\") or "
                    + "options().label(index)");
        }
        Table t = parse(file, options);
        int cols = t.names.size();
        int label = labelColumn(file, options, t.names);
        if (cols < 2) {
            throw new DataFileException(file, "the label column is the only column: there are no features");
        }
        double[] x = new double[t.rows * (cols - 1)];
        double[] y = new double[t.rows];
        for (int r = 0, k = 0; r < t.rows; r++) {
            for (int c = 0; c < cols; c++) {
                double v = t.values[r * cols + c];
                if (c == label) {
                    y[r] = v;
                } else {
                    x[k++] = v;
                }
            }
        }
        Tensor ys;
        if (options.labelDType == DType.INT32) {
            int[] yi = new int[t.rows];
            for (int r = 0; r < t.rows; r++) {
                double v = y[r];
                if (v != Math.rint(v) || v < Integer.MIN_VALUE || v > Integer.MAX_VALUE) {
                    throw new DataFileException(file, "line " + t.lines[r] + ", label column " + (label + 1) + " ("
                            + t.names.get(label) + "): " + text(v) + " is not an integer class label; for "
                            + "real-valued targets use options().labelDType(DType.FLOAT64)");
                }
                yi[r] = (int) v;
            }
            ys = Tensor.of(yi, t.rows);
        } else {
            ys = values(y, options.labelDType, t.rows);
        }
        return Dataset.of(values(x, options.dtype, t.rows, cols - 1), ys);
    }

    /**
     * The column names: the header row's fields when {@link Options#header()} is set, else {@code "0"},
     * {@code "1"}, ... for as many columns as the first row has.
     *
     * @throws DataFileException when the file is not a numeric CSV file
     * @throws IOException when the file cannot be read
     */
    public static List<String> columns(Path file, Options options) throws IOException {
        return List.copyOf(parse(file, options).names);
    }

    private static Tensor values(double[] v, DType dtype, int... shape) {
        if (dtype == DType.FLOAT32) {
            float[] f = new float[v.length];
            for (int k = 0; k < v.length; k++) {
                f[k] = (float) v[k];
            }
            return Tensor.of(f, shape);
        }
        return Tensor.of(v, shape);
    }

    private static int labelColumn(Path file, Options o, List<String> names) throws DataFileException {
        int cols = names.size();
        if (o.labelName != null) {
            if (!o.header) {
                throw new DataFileException(file, "the label column is named '" + o.labelName + "' but the "
                        + "options say the file has no header row: add header(true) or name the column by index");
            }
            int at = names.indexOf(o.labelName);
            if (at < 0) {
                throw new DataFileException(file, "no column named '" + o.labelName + "'; the header has "
                        + names);
            }
            return at;
        }
        int i = o.labelIndex < 0 ? cols + o.labelIndex : o.labelIndex;
        if (i < 0 || i >= cols) {
            throw new DataFileException(file, "label column index " + o.labelIndex + " is outside the " + cols
                    + " columns (0.." + (cols - 1) + ", or -1..-" + cols + " from the end)");
        }
        return i;
    }

    private record Table(List<String> names, double[] values, int rows, int[] lines) {
    }

    private static Table parse(Path file, Options o) throws IOException {
        try (InputStream raw = Gzip.open(file);
                BufferedReader in = new BufferedReader(new InputStreamReader(raw, StandardCharsets.UTF_8.newDecoder()
                        .onMalformedInput(CodingErrorAction.REPORT)
                        .onUnmappableCharacter(CodingErrorAction.REPORT)), 1 << 16)) {
            int lineNo = 0;
            for (int k = 0; k < o.skipLines; k++) {
                if (in.readLine() == null) {
                    throw new DataFileException(file, "no data rows: the file has " + lineNo + " lines and "
                            + o.skipLines + " are skipped");
                }
                lineNo++;
            }
            List<String> names = null;
            double[] values = new double[1024];
            int[] lines = new int[64];
            int n = 0;
            int rows = 0;
            String line;
            while ((line = in.readLine()) != null) {
                lineNo++;
                if (lineNo == 1 && line.startsWith("\uFEFF")) {
                    line = line.substring(1);
                }
                if (line.isBlank()) {
                    continue;
                }
                List<String> fields = split(file, line, o.delimiter, lineNo);
                if (names == null && o.header) {
                    names = fields.stream().map(String::strip).toList();
                    continue;
                }
                if (names == null) {
                    names = new ArrayList<>();
                    for (int c = 0; c < fields.size(); c++) {
                        names.add(Integer.toString(c));
                    }
                }
                if (fields.size() != names.size()) {
                    throw new DataFileException(file, "line " + lineNo + " has " + fields.size() + " fields but "
                            + (o.header ? "the header has " : "the first row has ") + names.size()
                            + (o.delimiter != ',' ? "" : " (is the delimiter a comma?)"));
                }
                if (n + fields.size() > values.length) {
                    values = Arrays.copyOf(values, Math.max(values.length * 2, n + fields.size()));
                }
                for (int c = 0; c < fields.size(); c++) {
                    values[n++] = number(file, fields.get(c), lineNo, c, names);
                }
                if (rows == lines.length) {
                    lines = Arrays.copyOf(lines, rows * 2);
                }
                lines[rows++] = lineNo;
            }
            if (rows == 0) {
                throw new DataFileException(file, "no data rows" + (lineNo == 0 ? ": the file is empty"
                        : " after line " + lineNo));
            }
            return new Table(names, Arrays.copyOf(values, n), rows, lines);
        } catch (CharacterCodingException e) {
            throw new DataFileException(file, "not UTF-8 text (a binary file?): " + e, e);
        } catch (ZipException | EOFException e) {
            throw Gzip.corrupt(file, e);
        }
    }

    private static double number(Path file, String field, int line, int col, List<String> names)
            throws DataFileException {
        String s = field.strip();
        if (!NUMBER.matcher(s).matches()) {
            String where = "line " + line + ", column " + (col + 1)
                    + (names.get(col).equals(Integer.toString(col)) ? "" : " (" + names.get(col) + ")");
            throw new DataFileException(file, where + ": " + (s.isEmpty() ? "an empty field (a missing value)"
                    : "'" + (s.length() > 40 ? s.substring(0, 40) + "..." : s) + "' is not a number")
                    + "; every field of a jdeep CSV file must be numeric");
        }
        String lower = s.toLowerCase(Locale.ROOT);
        if (lower.endsWith("nan")) {
            return Double.NaN;
        }
        if (lower.endsWith("inf") || lower.endsWith("infinity")) {
            return lower.startsWith("-") ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
        }
        return Double.parseDouble(s);
    }

    private static List<String> split(Path file, String line, char delimiter, int lineNo) throws DataFileException {
        List<String> fields = new ArrayList<>();
        StringBuilder f = new StringBuilder();
        int i = 0;
        while (true) {
            f.setLength(0);
            int start = i;
            while (i < line.length() && line.charAt(i) == ' ') {
                i++;
            }
            if (i < line.length() && line.charAt(i) == '"') {
                i++;
                while (true) {
                    if (i >= line.length()) {
                        throw new DataFileException(file, "line " + lineNo + ": a quote opened at column "
                                + (fields.size() + 1) + " is not closed on that line");
                    }
                    char c = line.charAt(i++);
                    if (c == '"') {
                        if (i < line.length() && line.charAt(i) == '"') {
                            f.append('"');
                            i++;
                        } else {
                            break;
                        }
                    } else {
                        f.append(c);
                    }
                }
                while (i < line.length() && line.charAt(i) == ' ') {
                    i++;
                }
                if (i < line.length() && line.charAt(i) != delimiter) {
                    throw new DataFileException(file, "line " + lineNo + ", column " + (fields.size() + 1)
                            + ": text after a closing quote");
                }
            } else {
                i = start;
                while (i < line.length() && line.charAt(i) != delimiter) {
                    f.append(line.charAt(i++));
                }
            }
            fields.add(f.toString());
            if (i >= line.length()) {
                return fields;
            }
            i++; // the delimiter
        }
    }

    private static String text(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
    }

    /**
     * How to read a CSV file. Immutable: each method returns a changed copy, so options read as a sentence:
     * {@code Csv.options().header(true).label("species").dtype(DType.FLOAT32)}.
     */
    public static final class Options {
        static final Options DEFAULTS = new Options(',', false, 0, null, null, DType.FLOAT64, DType.INT32);

        private final char delimiter;
        private final boolean header;
        private final int skipLines;
        private final String labelName;
        private final Integer labelIndex;
        private final DType dtype;
        private final DType labelDType;

        private Options(char delimiter, boolean header, int skipLines, String labelName, Integer labelIndex,
                DType dtype, DType labelDType) {
            this.delimiter = delimiter;
            this.header = header;
            this.skipLines = skipLines;
            this.labelName = labelName;
            this.labelIndex = labelIndex;
            this.dtype = dtype;
            this.labelDType = labelDType;
        }

        /**
         * The field separator (default {@code ','}; {@code ';'} and {@code '\t'} are common too).
         *
         * @throws IllegalArgumentException for {@code '"'}, a line break or a space
         */
        public Options delimiter(char c) {
            if (c == '"' || c == '\n' || c == '\r' || c == ' ') {
                throw new IllegalArgumentException("Csv delimiter " + (int) c + " cannot be a quote, a line "
                        + "break or a space");
            }
            return new Options(c, header, skipLines, labelName, labelIndex, dtype, labelDType);
        }

        /** Whether the first line read (after the skipped ones) holds the column names (default false). */
        public Options header(boolean hasHeader) {
            return new Options(delimiter, hasHeader, skipLines, labelName, labelIndex, dtype, labelDType);
        }

        /**
         * How many lines to skip before the header or the data, whatever they hold (default 0): scikit-learn's
         * CSV files open with a line of counts and class names that is no header.
         *
         * @throws IllegalArgumentException when {@code n < 0}
         */
        public Options skipLines(int n) {
            if (n < 0) {
                throw new IllegalArgumentException("Csv skipLines(" + n + "): must be >= 0");
            }
            return new Options(delimiter, header, n, labelName, labelIndex, dtype, labelDType);
        }

        /** The label column by its header name (needs {@link #header(boolean) header(true)}). */
        public Options label(String columnName) {
            Objects.requireNonNull(columnName, "columnName");
            return new Options(delimiter, header, skipLines, columnName, null, dtype, labelDType);
        }

        /** The label column by index from 0; a negative index counts from the end, -1 being the last column. */
        public Options label(int columnIndex) {
            return new Options(delimiter, header, skipLines, null, columnIndex, dtype, labelDType);
        }

        /**
         * The dtype of the values, the features of a dataset (default FLOAT64, as {@code np.loadtxt}).
         *
         * @throws IllegalArgumentException for INT32
         */
        public Options dtype(DType type) {
            if (!type.isFloating()) {
                throw new IllegalArgumentException("Csv dtype must be FLOAT32 or FLOAT64, not " + type);
            }
            return new Options(delimiter, header, skipLines, labelName, labelIndex, type, labelDType);
        }

        /**
         * The dtype of a dataset's labels: INT32 for class labels (default; each must be a whole number), FLOAT32
         * or FLOAT64 for real-valued targets.
         */
        public Options labelDType(DType type) {
            return new Options(delimiter, header, skipLines, labelName, labelIndex, dtype,
                    Objects.requireNonNull(type, "type"));
        }

        /** The field separator. */
        public char delimiter() {
            return delimiter;
        }

        /** Whether the file has a header row. */
        public boolean header() {
            return header;
        }

        /** The number of lines skipped before the header or data. */
        public int skipLines() {
            return skipLines;
        }

        /** The dtype of the values or features. */
        public DType dtype() {
            return dtype;
        }

        /** The dtype of a dataset's labels. */
        public DType labelDType() {
            return labelDType;
        }

        /** {@code Csv.Options[delimiter=',', header=true, skipLines=0, label=species, FLOAT64, labels INT32]}. */
        @Override
        public String toString() {
            return "Csv.Options[delimiter='" + (delimiter == '\t' ? "\\t" : String.valueOf(delimiter)) + "', header="
                    + header + ", skipLines=" + skipLines + ", label="
                    + (labelName != null ? labelName : labelIndex != null ? "#" + labelIndex : "none") + ", " + dtype
                    + ", labels " + labelDType + "]";
        }
    }
}
