using System.Globalization;
using System.Text;

namespace Chimera.Insight.Reporting;

/// <summary>
/// Charts for the HTML report as inline SVG (no scripts, no external resources), one panel per question and
/// model: which configurations give the most throughput, which the quickest warm TTFT, what a cold start costs.
/// Bars are sorted, labelled with the configuration's short form and the count behind each, carry a p50-p95
/// whisker where raw samples exist, and switch to a log scale when the values span decades.
/// </summary>
public static class ReportCharts
{
    public const double Width = 860;

    /// <summary>Bars per panel: the top configurations; the rest are in the figures table.</summary>
    public const int TopConfigurations = 12;

    /// <summary>A panel whose largest value is at least this many times its smallest is drawn on a log scale.</summary>
    private const double LogSpan = 30;

    private const int LabelCharacters = 46;
    private const double RowHeight = 24;
    private const double BarHeight = 15;
    private const double Top = 52;
    private const double Bottom = 34;
    private const double ValueRoom = 150;
    private const string Warm = "#2f6fb3";
    private const string Cold = "#d9822b";
    private const string Thin = "#9db7d6";
    private const string Ink = "#1d2430";
    private const string Muted = "#5b6575";
    private const string Grid = "#e3e7ee";

    /// <summary>One bar: label, mean, the p50-p95 spread where raw samples give one, count, phase.</summary>
    internal sealed class Bar
    {
        public string Label { get; set; } = "";
        public double Value { get; set; }
        public double? Low { get; set; }
        public double? High { get; set; }
        public int Count { get; set; }
        public bool IsCold { get; set; }
        public string? Note { get; set; }
    }

    /// <summary>The panels of one model: throughput and warm TTFT by configuration, and warm against cold TTFT.</summary>
    public static IReadOnlyList<string> ForModel(string model, IReadOnlyList<BenchmarkMetric> metrics, Finding? coldStart)
    {
        var own = metrics.Where(m => string.Equals(m.Model, model, StringComparison.Ordinal) && m.Mean.HasValue && m.Count > 0).ToList();
        var panels = new List<string>();
        var name = SafeText.Inline(model, 60);

        var throughput = Usable(own.Where(m => m.Metric == CanonicalMetric.TokensPerSecond && m.Phase != Phase.Cold));
        if (throughput.Count > 0)
        {
            var bars = Bars(throughput).OrderByDescending(b => b.Value).ToList();
            panels.Add(Panel($"{name}: warm throughput by configuration (tok/s)", Subtitle(bars.Count, "highest first"), bars.Take(TopConfigurations).ToList(), "tok/s"));
        }

        var ttft = Usable(own.Where(m => m.Metric == CanonicalMetric.TtftMs && m.Phase != Phase.Cold));
        if (ttft.Count > 0)
        {
            var bars = Bars(ttft).OrderBy(b => b.Value).ToList();
            panels.Add(Panel($"{name}: warm TTFT by configuration (ms)", Subtitle(bars.Count, "quickest first"), bars.Take(TopConfigurations).ToList(), "ms"));
        }

        if (coldStart is not null)
        {
            double Figure(string figure) => coldStart.Figures.FirstOrDefault(f => f.Name == figure)?.Value ?? 0;
            var bars = new List<Bar>
            {
                new() { Label = "warm (median of all warm requests)", Value = Figure("WarmMedian"), Count = (int)Figure("WarmCount") },
                new() { Label = "cold (first request after a load, mean)", Value = Figure("ColdMean"), Count = (int)Figure("ColdCount"), IsCold = true },
            };
            panels.Add(Panel($"{name}: TTFT warm against cold (ms)", $"a cold start costs {Numbers.Format(Figure("Ratio"), 1)}x the warm median", bars, "ms"));
        }

        return panels;
    }

    private static string Subtitle(int configurations, string order) =>
        configurations > TopConfigurations
            ? $"top {TopConfigurations} of {Numbers.Integer(configurations)} configurations, {order}; mean with the p50-p95 spread where raw samples exist"
            : $"{Numbers.Integer(configurations)} configuration(s), {order}; mean with the p50-p95 spread where raw samples exist";

    /// <summary>Measured groups when there are any (reported means otherwise): a reported spread is never a bar.</summary>
    private static List<BenchmarkMetric> Usable(IEnumerable<BenchmarkMetric> metrics)
    {
        var list = metrics.Where(m => m.Origin == MetricOrigin.Measured || m.Statistic is null or Statistic.Mean or Statistic.Median).ToList();
        return list.Any(m => m.Origin == MetricOrigin.Measured) ? list.Where(m => m.Origin == MetricOrigin.Measured).ToList() : list;
    }

    private static IEnumerable<Bar> Bars(IReadOnlyList<BenchmarkMetric> rows)
    {
        var labels = ShortLabels(rows, includeModel: false).ToList();
        for (var i = 0; i < rows.Count; i++)
        {
            var m = rows[i];
            var spread = m.Origin == MetricOrigin.Measured && m.Count > 1 && m.P50.HasValue && m.P95.HasValue;
            yield return new Bar
            {
                Label = labels[i],
                Value = m.Mean!.Value,
                Low = spread ? m.P50 : null,
                High = spread ? m.P95 : null,
                Count = m.Count,
                Note = m.Origin == MetricOrigin.Reported ? "reported" : null,
            };
        }
    }

    /// <summary>A horizontal bar chart as SVG; a log scale when the values span decades.</summary>
    internal static string Panel(string title, string subtitle, IReadOnlyList<Bar> bars, string unit)
    {
        var labelWidth = Math.Min(330, 18 + bars.Select(b => Math.Min(LabelCharacters, b.Label.Length)).DefaultIfEmpty(8).Max() * 6.4);
        var plotLeft = labelWidth;
        var plotRight = Width - ValueRoom;
        var height = Top + bars.Count * RowHeight + Bottom;
        var values = bars.SelectMany(b => new[] { b.Value, b.High ?? b.Value, b.Low ?? b.Value }).Where(v => v > 0).ToList();
        var max = values.DefaultIfEmpty(1).Max();
        var min = values.DefaultIfEmpty(1).Min();
        var log = min > 0 && max / min >= LogSpan;
        var scale = log ? new Scale(Math.Pow(10, Math.Floor(Math.Log10(min))), Math.Pow(10, Math.Ceiling(Math.Log10(max))), true)
                        : new Scale(0, NiceMax(max * 1.04), false);
        double X(double v) => plotLeft + scale.Fraction(v) * (plotRight - plotLeft);

        var svg = new StringBuilder();
        svg.Append(Invariant($"<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {Width} {height}\" width=\"{Width}\" height=\"{height}\" role=\"img\" aria-label=\"{Escape(title)}\" font-family=\"Segoe UI, Helvetica, Arial, sans-serif\">\n"));
        svg.Append(Invariant($"<text x=\"8\" y=\"20\" font-size=\"15\" font-weight=\"600\" fill=\"{Ink}\">{Escape(title)}</text>\n"));
        svg.Append(Invariant($"<text x=\"8\" y=\"38\" font-size=\"11.5\" fill=\"{Muted}\">{Escape(subtitle + (log ? "; log scale" : ""))}</text>\n"));

        foreach (var tick in scale.Ticks())
        {
            var x = X(tick);
            svg.Append(Invariant($"<line x1=\"{x:0.#}\" y1=\"{Top - 4}\" x2=\"{x:0.#}\" y2=\"{height - Bottom + 4}\" stroke=\"{Grid}\"/>"));
            svg.Append(Invariant($"<text x=\"{x:0.#}\" y=\"{height - Bottom + 18}\" font-size=\"11\" fill=\"{Muted}\" text-anchor=\"middle\">{Escape(Numbers.Format(tick))}</text>\n"));
        }

        svg.Append(Invariant($"<text x=\"{plotRight:0.#}\" y=\"{height - 4}\" font-size=\"11\" fill=\"{Muted}\" text-anchor=\"end\">{Escape(unit)}</text>\n"));
        for (var i = 0; i < bars.Count; i++)
        {
            var bar = bars[i];
            var y = Top + i * RowHeight;
            var middle = y + RowHeight / 2;
            var single = bar.Count <= 1;
            var fill = bar.IsCold ? Cold : single ? Thin : Warm;
            var end = Math.Max(X(bar.Value), plotLeft + 1);
            svg.Append(Invariant($"<text x=\"{plotLeft - 8:0.#}\" y=\"{middle + 4:0.#}\" font-size=\"12\" fill=\"{Ink}\" text-anchor=\"end\">{Escape(Shorten(bar.Label))}</text>"));
            svg.Append(Invariant($"<rect x=\"{plotLeft:0.#}\" y=\"{middle - BarHeight / 2:0.#}\" width=\"{end - plotLeft:0.#}\" height=\"{BarHeight}\" rx=\"2\" fill=\"{fill}\"><title>{Escape(bar.Label)}: {Escape(Numbers.WithUnit(bar.Value, unit))}</title></rect>"));
            var labelAt = end;
            if (bar.Low is { } low && bar.High is { } high)
            {
                var x1 = X(low);
                var x2 = X(high);
                svg.Append(Invariant($"<line x1=\"{x1:0.#}\" y1=\"{middle:0.#}\" x2=\"{x2:0.#}\" y2=\"{middle:0.#}\" stroke=\"{Ink}\" stroke-width=\"1.5\"/>"));
                svg.Append(Invariant($"<line x1=\"{x1:0.#}\" y1=\"{middle - 5:0.#}\" x2=\"{x1:0.#}\" y2=\"{middle + 5:0.#}\" stroke=\"{Ink}\" stroke-width=\"1.5\"/>"));
                svg.Append(Invariant($"<line x1=\"{x2:0.#}\" y1=\"{middle - 5:0.#}\" x2=\"{x2:0.#}\" y2=\"{middle + 5:0.#}\" stroke=\"{Ink}\" stroke-width=\"1.5\"/>"));
                labelAt = Math.Max(labelAt, x2);
            }

            var text = Numbers.Format(bar.Value) + " (n=" + Numbers.Integer(bar.Count) + (bar.Note is null ? "" : ", " + bar.Note) + ")";
            svg.Append(Invariant($"<text x=\"{labelAt + 6:0.#}\" y=\"{middle + 4:0.#}\" font-size=\"11.5\" fill=\"{(single ? Muted : Ink)}\">{Escape(text)}</text>\n"));
        }

        return svg.Append("</svg>").ToString();
    }

    private static string Shorten(string label) => label.Length <= LabelCharacters ? label : label.Substring(0, LabelCharacters - 1) + "…";

    private static double NiceMax(double value)
    {
        if (value <= 0) return 1;
        var magnitude = Math.Pow(10, Math.Floor(Math.Log10(value)));
        foreach (var step in new[] { 1, 1.2, 1.5, 2, 2.5, 3, 4, 5, 6, 8, 10 })
        {
            if (step * magnitude >= value) return step * magnitude;
        }

        return 10 * magnitude;
    }

    private readonly struct Scale(double min, double max, bool log)
    {
        public double Fraction(double value)
        {
            if (log)
            {
                var v = Math.Max(value, min);
                return (Math.Log10(v) - Math.Log10(min)) / (Math.Log10(max) - Math.Log10(min));
            }

            return max > min ? (value - min) / (max - min) : 0;
        }

        public IEnumerable<double> Ticks()
        {
            if (log)
            {
                for (var v = min; v <= max * 1.0001; v *= 10) yield return v;
                yield break;
            }

            for (var i = 0; i <= 5; i++) yield return min + (max - min) * i / 5;
        }
    }

    private static string Escape(string text) => HtmlDocument.Encode(text);

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    /// <summary>"gpu 40 · ctx 1024 · temp 0.4": a configuration as a bar label.</summary>
    internal static string Compact(string configuration) => configuration
        .Replace("num_gpu=", "gpu ").Replace("num_ctx=", "ctx ").Replace("temperature=", "temp ")
        .Replace("repeat_penalty=", "rp ").Replace(", ", " · ");

    /// <summary>Group labels without the parts every row shares (the same configuration on every bar says nothing).</summary>
    internal static IEnumerable<string> ShortLabels(IReadOnlyList<BenchmarkMetric> rows, bool includeModel = true)
    {
        var parts = rows.Select(m => new[]
        {
            includeModel ? m.Model : null, Compact(MetricNames.Configuration(m)), m.Backend, m.Phase?.ToString(), m.Prompt, m.Source is null ? null : System.IO.Path.GetFileName(m.Source),
        }).ToList();
        var varying = Enumerable.Range(0, 6).Where(i => parts.Select(p => p[i] ?? "").Distinct(StringComparer.Ordinal).Count() > 1).ToList();
        if (varying.Count == 0)
        {
            varying.Add(1);
        }

        return parts.Select(p =>
        {
            var label = string.Join(" · ", varying.Select(i => p[i]).Where(v => !string.IsNullOrWhiteSpace(v)));
            return label.Length == 0 ? "all data" : label;
        });
    }
}
