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
        var rows = ReportSections.OrderedMetrics(metrics.Where(m => Is(m, CanonicalMetric.TokensPerSecond) && m.Mean.HasValue)).Take(30).ToList();
        if (rows.Count == 0) return null;
        var model = NewModel("Throughput per group (tok/s, mean)");
        model.Axes.Add(CategoryAxis(model, ShortLabels(rows)));
        model.Axes.Add(new LinearAxis { Position = AxisPosition.Bottom, Title = "tok/s", MinimumPadding = 0, AbsoluteMinimum = 0, MajorGridlineStyle = LineStyle.Dot });
        var series = new BarSeries { Title = "Mean", FillColor = Palette[0], LabelFormatString = "{0:0.##}", LabelPlacement = LabelPlacement.Inside, TextColor = OxyColors.White };
        series.Items.AddRange(rows.Select(m => new BarItem(m.Mean!.Value)));
        model.Series.Add(series);
        return Export(model, rows.Count, "throughput");
    }

    /// <summary>TTFT percentiles (p50, p90, p95, p99) per group; null when there is no TTFT.</summary>
    public static string? TtftPercentiles(IReadOnlyList<BenchmarkMetric> metrics)
    {
        var rows = ReportSections.OrderedMetrics(metrics.Where(m => Is(m, CanonicalMetric.TtftMs) && (m.P50.HasValue || m.Mean.HasValue))).Take(20).ToList();
        if (rows.Count == 0) return null;
        var model = NewModel("TTFT percentiles per group (ms)");
        model.Legends.Add(new Legend { LegendPosition = LegendPosition.TopRight, LegendPlacement = LegendPlacement.Outside, LegendOrientation = LegendOrientation.Horizontal });
        model.Axes.Add(CategoryAxis(model, ShortLabels(rows)));
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

        return Export(model, rows.Count * 2, "ttft");
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
        model.Legends.Add(new Legend { LegendPosition = LegendPosition.BottomCenter, LegendPlacement = LegendPlacement.Outside, LegendOrientation = LegendOrientation.Horizontal, LegendItemSpacing = 24 });
        model.Axes.Add(CategoryAxis(model, ["LLM call"]));
        model.Axes.Add(new LinearAxis { Position = AxisPosition.Bottom, Title = "ms", MinimumPadding = 0, AbsoluteMinimum = 0, MajorGridlineStyle = LineStyle.Dot });
        for (var i = 0; i < parts.Length; i++)
        {
            var series = new BarSeries { Title = parts[i].Name, FillColor = Palette[i], IsStacked = true };
            series.Items.Add(new BarItem(parts[i].Value ?? 0));
            model.Series.Add(series);
        }

        return Export(model, 1, "split", minimumHeight: 170);
    }

    private static bool Is(BenchmarkMetric metric, string name) => string.Equals(metric.Metric, name, StringComparison.OrdinalIgnoreCase);

    private static PlotModel NewModel(string title) => new()
    {
        Title = title,
        TitleFontSize = 14,
        TitleFontWeight = FontWeights.Bold,
        DefaultFont = "Arial, Helvetica, sans-serif", // Helvetica metrics: what OxyPlot measures with
        DefaultFontSize = 11,
        PlotAreaBorderThickness = new OxyThickness(0),
        Background = OxyColors.White,
    };

    private static CategoryAxis CategoryAxis(PlotModel model, IEnumerable<string> labels)
    {
        var axis = new CategoryAxis { Position = AxisPosition.Left, GapWidth = 0.4, IsZoomEnabled = false, StartPosition = 1, EndPosition = 0 };
        axis.Labels.AddRange(labels.Select(l => SafeText.Inline(l, LabelLength)));
        // Room for the longest label, with a margin for fonts wider than the measuring one.
        var longest = axis.Labels.Select(l => l.Length).DefaultIfEmpty(0).Max();
        model.PlotMargins = new OxyThickness(Math.Min(360, 24 + longest * 6.8), double.NaN, double.NaN, double.NaN);
        return axis;
    }

    /// <summary>
    /// Exports inline SVG. OxyPlot numbers its clip paths from 1 in every chart; several charts in one
    /// page would share ids (and clip each other), so the ids get the chart's own prefix.
    /// </summary>
    private static string Export(PlotModel model, int bars, string id, double minimumHeight = 200)
    {
        var height = Math.Max(minimumHeight, 90 + bars * 28);
        var svg = SvgExporter.ExportToString(model, Width, height, isDocument: false);
        return svg.Replace("id=\"clipPath", $"id=\"{id}-clipPath").Replace("url(#clipPath", $"url(#{id}-clipPath")
            .Replace("<svg ", $"<svg viewBox=\"0 0 {Width.ToString(System.Globalization.CultureInfo.InvariantCulture)} {height.ToString(System.Globalization.CultureInfo.InvariantCulture)}\" ");
    }

    /// <summary>The short label of <paramref name="metric"/> among the groups of the same metric.</summary>
    internal static string ShortLabel(BenchmarkMetric metric, IEnumerable<BenchmarkMetric> all)
    {
        var peers = all.Where(m => string.Equals(m.Metric, metric.Metric, StringComparison.OrdinalIgnoreCase)).ToList();
        var index = peers.IndexOf(metric);
        return index < 0 ? MetricNames.Group(metric) : ShortLabels(peers).ElementAt(index);
    }

    /// <summary>Group labels without the parts every row shares (the same configuration on every bar says nothing).</summary>
    internal static IEnumerable<string> ShortLabels(IReadOnlyList<BenchmarkMetric> rows)
    {
        var parts = rows.Select(m => new[]
        {
            m.Model, MetricNames.Configuration(m), m.Backend, m.Phase?.ToString(), m.Prompt, m.Source is null ? null : System.IO.Path.GetFileName(m.Source),
        }).ToList();
        var varying = Enumerable.Range(0, 6).Where(i => parts.Select(p => p[i] ?? "").Distinct(StringComparer.Ordinal).Count() > 1).ToList();
        if (varying.Count == 0)
        {
            varying.Add(0);
        }

        return parts.Select(p =>
        {
            var label = string.Join(" · ", varying.Select(i => p[i]).Where(v => !string.IsNullOrWhiteSpace(v)));
            return label.Length == 0 ? "all data" : label;
        });
    }
}
