using OxyPlot;
using OxyPlot.Axes;
using OxyPlot.Series;
using OxyPlot.Legends;

namespace Chimera.Insight.Reporting;

/// <summary>Charts for the HTML report, drawn with OxyPlot and exported as inline SVG (no scripts, no external resources).</summary>
public static class ReportCharts
{
    public const double Width = 860;

    /// <summary>Category labels longer than this are shortened.</summary>
    private const int LabelLength = 60;

    private static readonly OxyColor[] Palette =
    [
        OxyColor.FromRgb(0x2f, 0x6f, 0xb3), OxyColor.FromRgb(0xe0, 0x8a, 0x2d), OxyColor.FromRgb(0x3a, 0x9e, 0x6b), OxyColor.FromRgb(0xc2, 0x45, 0x4c),
    ];

    /// <summary>Mean throughput per group (horizontal bars, with p95 where known); null when there is none.</summary>
    public static string? Throughput(IReadOnlyList<BenchmarkMetric> metrics)
    {
        var rows = ReportSections.OrderedMetrics(metrics.Where(m => Is(m, MetricNames.TokensPerSecond) && m.Mean.HasValue)).Take(30).ToList();
        if (rows.Count == 0) return null;
        var model = NewModel("Throughput per group (tok/s, mean)");
        var categories = CategoryAxis(rows.Select(MetricNames.Group));
        model.Axes.Add(categories);
        model.Axes.Add(new LinearAxis { Position = AxisPosition.Bottom, Title = "tok/s", MinimumPadding = 0, AbsoluteMinimum = 0, MajorGridlineStyle = LineStyle.Dot });
        var series = new BarSeries { Title = "Mean", FillColor = Palette[0], LabelFormatString = "{0:0.##}", LabelPlacement = LabelPlacement.Inside, TextColor = OxyColors.White };
        series.Items.AddRange(rows.Select(m => new BarItem(m.Mean!.Value)));
        model.Series.Add(series);
        return Export(model, rows.Count);
    }

    /// <summary>TTFT percentiles (p50, p90, p95, p99) per group; null when there is no TTFT.</summary>
    public static string? TtftPercentiles(IReadOnlyList<BenchmarkMetric> metrics)
    {
        var rows = ReportSections.OrderedMetrics(metrics.Where(m => Is(m, MetricNames.TtftMs) && (m.P50.HasValue || m.Mean.HasValue))).Take(20).ToList();
        if (rows.Count == 0) return null;
        var model = NewModel("TTFT percentiles per group (ms)");
        model.Legends.Add(new Legend { LegendPosition = LegendPosition.BottomRight, LegendPlacement = LegendPlacement.Inside, LegendBackground = OxyColor.FromAColor(220, OxyColors.White) });
        model.Axes.Add(CategoryAxis(rows.Select(MetricNames.Group)));
        model.Axes.Add(new LinearAxis { Position = AxisPosition.Bottom, Title = "ms", MinimumPadding = 0, AbsoluteMinimum = 0, MajorGridlineStyle = LineStyle.Dot });
        var percentiles = new (string Name, Func<BenchmarkMetric, double?> Value)[]
        {
            ("p50", m => m.P50 ?? m.Mean), ("p90", m => m.P90), ("p95", m => m.P95), ("p99", m => m.P99),
        };
        for (var i = 0; i < percentiles.Length; i++)
        {
            var (name, value) = percentiles[i];
            if (rows.All(r => value(r) is null)) continue;
            var series = new BarSeries { Title = name, FillColor = Palette[i % Palette.Length] };
            series.Items.AddRange(rows.Select(r => new BarItem(value(r) ?? 0)));
            model.Series.Add(series);
        }

        return Export(model, rows.Count * 2);
    }

    /// <summary>How the report's own LLM call spent its time: load, prompt eval, eval; null when offline.</summary>
    public static string? CallTimeSplit(InsightReport report)
    {
        var parts = new (string Name, double? Value)[]
        {
            ("load", report.LoadDurationMs), ("prompt eval", report.PromptEvalDurationMs), ("eval", report.EvalDurationMs),
        };
        if (parts.All(p => p.Value is null or <= 0)) return null;
        var model = NewModel("The report's LLM call: where the time went (ms)");
        model.Legends.Add(new Legend { LegendPosition = LegendPosition.BottomCenter, LegendPlacement = LegendPlacement.Outside, LegendOrientation = LegendOrientation.Horizontal });
        model.Axes.Add(CategoryAxis(["LLM call"]));
        model.Axes.Add(new LinearAxis { Position = AxisPosition.Bottom, Title = "ms", MinimumPadding = 0, AbsoluteMinimum = 0, MajorGridlineStyle = LineStyle.Dot });
        for (var i = 0; i < parts.Length; i++)
        {
            var series = new BarSeries { Title = $"{parts[i].Name} {Numbers.Format(parts[i].Value ?? 0)} ms", FillColor = Palette[i], IsStacked = true };
            series.Items.Add(new BarItem(parts[i].Value ?? 0));
            model.Series.Add(series);
        }

        return Export(model, 1, minimumHeight: 170);
    }

    private static bool Is(BenchmarkMetric metric, string name) => string.Equals(metric.Metric, name, StringComparison.OrdinalIgnoreCase);

    private static PlotModel NewModel(string title) => new()
    {
        Title = title,
        TitleFontSize = 14,
        TitleFontWeight = FontWeights.Bold,
        DefaultFont = "Segoe UI, Helvetica, Arial, sans-serif",
        DefaultFontSize = 11,
        PlotAreaBorderThickness = new OxyThickness(0),
        Background = OxyColors.White,
    };

    private static CategoryAxis CategoryAxis(IEnumerable<string> labels)
    {
        var axis = new CategoryAxis { Position = AxisPosition.Left, GapWidth = 0.4, IsZoomEnabled = false, StartPosition = 1, EndPosition = 0 };
        axis.Labels.AddRange(labels.Select(l => SafeText.Inline(l, LabelLength)));
        return axis;
    }

    private static string Export(PlotModel model, int bars, double minimumHeight = 200)
    {
        var height = Math.Max(minimumHeight, 90 + bars * 28);
        return SvgExporter.ExportToString(model, Width, height, isDocument: false);
    }
}
