package io.infometis.streams.bench.report;

import io.infometis.streams.bench.measure.Throughput;
import io.infometis.streams.bench.micro.MicroResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.style.Styler;

/** PNG charts of a run with XChart, drawn headless (no display on a build machine). */
public final class Charts {

    /** A parenthesized aside of a measurement's name, e.g. " (10 rules)". */
    private static final Pattern ASIDE = Pattern.compile(" \\(([^)]*)\\)");

    private Charts() {}

    /** Draws every chart the results have data for into {@code dir} and records them in the results. */
    public static void draw(BenchResults results, Path dir) throws IOException {
        System.setProperty("java.awt.headless", "true");
        Files.createDirectories(dir);
        List<Throughput> all = new ArrayList<>(results.ceilings);
        all.addAll(results.jobs);
        if (!all.isEmpty()) {
            String file = "throughput.png";
            throughput(all, results.profile.name()).save(dir.resolve(file));
            results.charts.put("Throughput, events/s (ceilings and jobs)", file);
        }
        if (!results.micro.isEmpty()) {
            String file = "microbenchmarks.png";
            micro(results.micro, results.profile.name()).save(dir.resolve(file));
            results.charts.put("Microbenchmarks, ns per event (JMH average time)", file);
        }
    }

    private static Png throughput(List<Throughput> measurements, String run) {
        // Wide enough that XChart prints every category's label (it skips labels that would overlap).
        CategoryChart chart = new CategoryChartBuilder().width(1600).height(800)
                .title("Throughput (" + run + " run)").xAxisTitle("").yAxisTitle("events/s").build();
        style(chart);
        List<String> names = new ArrayList<>();
        List<Double> values = new ArrayList<>();
        for (Throughput t : measurements) {
            names.add(shortName(t.name()) + " p" + t.parallelism());
            values.add(t.eventsPerSecond());
        }
        chart.addSeries("events/s", names, values);
        return path -> BitmapEncoder.saveBitmap(chart, path.toString(), BitmapEncoder.BitmapFormat.PNG);
    }

    private static Png micro(List<MicroResult> results, String run) {
        CategoryChart chart = new CategoryChartBuilder().width(1000).height(640)
                .title("Cost per event, JMH (" + run + " run)").xAxisTitle("").yAxisTitle("ns per event").build();
        style(chart);
        List<String> names = new ArrayList<>();
        List<Double> values = new ArrayList<>();
        List<Double> errors = new ArrayList<>();
        for (MicroResult r : results) {
            names.add(r.benchmark());
            values.add(r.score());
            errors.add(Double.isFinite(r.error()) ? r.error() : 0.0);
        }
        chart.addSeries("ns/event", names, values, errors);
        return path -> BitmapEncoder.saveBitmap(chart, path.toString(), BitmapEncoder.BitmapFormat.PNG);
    }

    private static void style(CategoryChart chart) {
        chart.getStyler().setLegendVisible(false);
        chart.getStyler().setXAxisLabelRotation(45);
        chart.getStyler().setChartBackgroundColor(java.awt.Color.WHITE);
        chart.getStyler().setLegendPosition(Styler.LegendPosition.InsideNE);
        chart.getStyler().setLabelsVisible(true);
        chart.getStyler().setDecimalPattern("#,###");
    }

    /**
     * A measurement's name short enough for an axis label, yet telling runs of one job apart: " job" and
     * parenthesized asides go, a parenthesis that holds a figure ("(10 rules)") stays, without its brackets.
     */
    static String shortName(String name) {
        Matcher m = ASIDE.matcher(name);
        StringBuilder label = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(label, m.group(1).matches(".*\\d.*") ? " " + Matcher.quoteReplacement(m.group(1)) : "");
        }
        m.appendTail(label);
        return label.toString().replace(" job", "");
    }

    @FunctionalInterface
    private interface Png {
        void save(Path path) throws IOException;
    }
}
