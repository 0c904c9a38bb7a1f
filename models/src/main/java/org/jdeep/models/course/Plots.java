package org.jdeep.models.course;

import java.awt.Color;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import org.jdeep.Tensor;
import org.jdeep.data.Dataset;
import org.jdeep.nn.Module;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * The run's pictures, as PNG files drawn with XChart (headless: no display is needed): the cost curve the
 * notebooks plot after training, and, for points in the plane, the decision boundary of the course's
 * {@code plot_decision_boundary} (Course 1, week 3, "Planar data classification with one hidden layer").
 */
public final class Plots {
    private static final Color[] AREA = {new Color(0xF4, 0xC7, 0xC3), new Color(0xC6, 0xDA, 0xF5),
        new Color(0xD5, 0xEE, 0xC8), new Color(0xF9, 0xE4, 0xB7)};
    private static final Color[] POINT = {new Color(0xC0, 0x39, 0x2B), new Color(0x1F, 0x5F, 0xB0),
        new Color(0x2E, 0x8B, 0x3E), new Color(0xD6, 0x8A, 0x00)};
    private static final int GRID = 100;

    private Plots() {
    }

    /**
     * Plots the cost of each iteration (or epoch) and writes it as a PNG.
     *
     * @param file the PNG to write
     * @param title the chart's title
     * @param costs the cost of each iteration or epoch
     * @param perIteration whether the costs count iterations (else epochs)
     * @throws IOException when the file cannot be written
     */
    public static void costCurve(Path file, String title, double[] costs, boolean perIteration) throws IOException {
        XYChart chart = new XYChartBuilder().width(640).height(420).title(title)
                .xAxisTitle(perIteration ? "iteration" : "epoch").yAxisTitle("cost").build();
        style(chart);
        chart.getStyler().setLegendVisible(false);
        double[] x = new double[costs.length];
        double[] y = new double[costs.length];
        int n = 0;
        for (int i = 0; i < costs.length; i++) {
            if (Double.isFinite(costs[i])) {
                x[n] = i;
                y[n++] = costs[i];
            }
        }
        if (n == 0) {
            x = new double[] {0};
            y = new double[] {0};
            n = 1;
        }
        XYSeries s = chart.addSeries("cost", java.util.Arrays.copyOf(x, n), java.util.Arrays.copyOf(y, n));
        s.setMarker(SeriesMarkers.NONE);
        s.setLineColor(POINT[1]);
        s.setLineWidth(2f);
        save(chart, file);
    }

    /**
     * Colours the plane by the class {@code network} predicts at each point of a grid over the data, and draws the
     * examples on top in their true class's colour.
     *
     * @param file the PNG to write
     * @param title the chart's title
     * @param network a network taking {@code (m, 2)} points
     * @param task how to turn its scores into classes
     * @param data the examples to draw, {@code X (m, 2)}
     * @param classNames the classes' names for the legend
     * @throws IOException when the file cannot be written
     * @throws IllegalArgumentException when the examples are not 2-D points
     */
    public static void decisionBoundary(Path file, String title, Module network, Task task, Dataset data,
            List<String> classNames) throws IOException {
        if (data.x().rank() != 2 || data.x().shape().dim(1) != 2) {
            throw new IllegalArgumentException("a decision boundary needs points in the plane, X (m, 2); got "
                    + data.x().shape());
        }
        double[] xs = data.x().toDoubleArray();
        int[] labels = labels(data.y());
        double minX = Double.POSITIVE_INFINITY;
        double maxX = Double.NEGATIVE_INFINITY;
        double minY = Double.POSITIVE_INFINITY;
        double maxY = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < xs.length; i += 2) {
            minX = Math.min(minX, xs[i]);
            maxX = Math.max(maxX, xs[i]);
            minY = Math.min(minY, xs[i + 1]);
            maxY = Math.max(maxY, xs[i + 1]);
        }
        double padX = Math.max(0.5, 0.05 * (maxX - minX));
        double padY = Math.max(0.5, 0.05 * (maxY - minY));
        minX -= padX;
        maxX += padX;
        minY -= padY;
        maxY += padY;
        double[] grid = new double[GRID * GRID * 2];
        for (int r = 0; r < GRID; r++) {
            for (int c = 0; c < GRID; c++) {
                int k = 2 * (r * GRID + c);
                grid[k] = minX + (maxX - minX) * (c + 0.5) / GRID;
                grid[k + 1] = minY + (maxY - minY) * (r + 0.5) / GRID;
            }
        }
        int[] predicted;
        try (Tensor points = Tensor.of(grid, GRID * GRID, 2)) {
            double[] scores = Training.scores(network, points);
            int perPoint = scores.length / (GRID * GRID);
            try (Tensor s = Tensor.of(scores, GRID * GRID, perPoint)) {
                predicted = task.predictedClasses(s);
            }
        }
        XYChart chart = new XYChartBuilder().width(640).height(560).title(title).xAxisTitle("x1").yAxisTitle("x2")
                .build();
        style(chart);
        chart.getStyler().setDefaultSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
        chart.getStyler().setMarkerSize(6);
        chart.getStyler().setXAxisMin(minX).setXAxisMax(maxX).setYAxisMin(minY).setYAxisMax(maxY);
        chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideS);
        chart.getStyler().setLegendLayout(Styler.LegendLayout.Horizontal);
        int classes = Math.max(max(predicted), max(labels)) + 1;
        for (int k = 0; k < classes; k++) {
            List<Double> gx = new ArrayList<>();
            List<Double> gy = new ArrayList<>();
            for (int i = 0; i < predicted.length; i++) {
                if (predicted[i] == k) {
                    gx.add(grid[2 * i]);
                    gy.add(grid[2 * i + 1]);
                }
            }
            if (!gx.isEmpty()) {
                XYSeries area = chart.addSeries("predicted " + name(classNames, k), gx, gy);
                area.setMarker(SeriesMarkers.SQUARE);
                area.setMarkerColor(AREA[k % AREA.length]);
            }
        }
        for (int k = 0; k < classes; k++) {
            List<Double> px = new ArrayList<>();
            List<Double> py = new ArrayList<>();
            for (int i = 0; i < labels.length; i++) {
                if (labels[i] == k) {
                    px.add(xs[2 * i]);
                    py.add(xs[2 * i + 1]);
                }
            }
            if (!px.isEmpty()) {
                XYSeries pts = chart.addSeries(name(classNames, k), px, py);
                pts.setMarker(SeriesMarkers.CIRCLE);
                pts.setMarkerColor(POINT[k % POINT.length]);
            }
        }
        save(chart, file);
    }

    private static void style(XYChart chart) {
        org.knowm.xchart.style.XYStyler st = chart.getStyler();
        st.setChartBackgroundColor(Color.WHITE);
        st.setPlotBackgroundColor(Color.WHITE);
        st.setPlotGridLinesVisible(false);
        st.setAntiAlias(true);
    }

    /** Writes the PNG beside its target and moves it into place, so a reader never sees half a file. */
    private static void save(XYChart chart, Path file) throws IOException {
        Path target = file.toAbsolutePath();
        Files.createDirectories(target.getParent());
        Path tmp = target.resolveSibling("." + target.getFileName() + "." + ProcessHandle.current().pid() + ".tmp");
        try {
            try (var out = Files.newOutputStream(tmp)) {
                BitmapEncoder.saveBitmap(chart, out, BitmapEncoder.BitmapFormat.PNG);
            }
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    private static int[] labels(Tensor y) {
        double[] v = y.toDoubleArray();
        int[] out = new int[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = (int) Math.round(v[i]);
        }
        return out;
    }

    private static int max(int[] a) {
        int m = 0;
        for (int v : a) {
            m = Math.max(m, v);
        }
        return m;
    }

    private static String name(List<String> names, int k) {
        return k < names.size() ? names.get(k) : Integer.toString(k);
    }
}
