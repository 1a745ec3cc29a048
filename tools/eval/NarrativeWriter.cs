using System.Globalization;
using System.Text;
using Chimera.Insight;

namespace GroundingEval;

/// <summary>What was planted: the kind of figure, the shape of its claim, where it stands and how it was written.</summary>
internal sealed class Planted
{
    public string Kind { get; set; } = "";
    public string Shape { get; set; } = "";
    public int Line { get; set; }
    public string Written { get; set; } = "";
    public string Sentence { get; set; } = "";
}

/// <summary>
/// Writes narratives about a lab fact set in many phrasings (LLM-style prose, bullets, lists under a lead-in,
/// Markdown tables with a header row and a first column), with figures rounded or converted (ms and s, a
/// fraction and a percent), relations ("34% faster than", "2.3x", "120 ms lower than") and pooled claims,
/// and plants true figures, true figures moved by 5-20%, and figures of another subject.
/// </summary>
internal sealed class NarrativeWriter
{
    public const string True = "True";
    public const string Moved = "Moved";
    public const string OtherSubject = "OtherSubject";

    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    private readonly Random random;
    private readonly List<BenchmarkMetric> models;
    private readonly List<BenchmarkMetric> kernels;
    private readonly StringBuilder text = new();
    private readonly List<Planted> planted = new();
    private int line = 1;

    public NarrativeWriter(Random random, IReadOnlyList<BenchmarkMetric> metrics)
    {
        this.random = random;
        models = metrics.Where(m => m.Metric != CanonicalMetric.LatencyMs && m.Metric != CanonicalMetric.CompileMs).ToList();
        kernels = metrics.Where(m => m.Metric == CanonicalMetric.LatencyMs).ToList();
    }

    public (string Text, List<Planted> Planted) Write(int blocks)
    {
        text.Clear();
        planted.Clear();
        line = 1;
        Append("## Benchmark analysis");
        Append("");
        for (var b = 0; b < blocks; b++)
        {
            switch (random.Next(9))
            {
                case 7: Kernels(); break;
                case 8: CountsAndVariation(); break;
                case 0: case 1: Prose(); break;
                case 2: Bullets(); break;
                case 3: LeadIn(); break;
                case 4: Table(); break;
                case 5: Relations(); break;
                default: Pooled(); break;
            }

            Append("");
        }

        return (text.ToString(), planted.ToList());
    }

    private string Kind() => random.Next(3) switch { 0 => True, 1 => Moved, _ => OtherSubject };

    private T Pick<T>(IReadOnlyList<T> items) => items[random.Next(items.Count)];

    private void Append(string content)
    {
        text.Append(content).Append('\n');
        line++;
    }

    // ---- what is said of whom ----

    private static readonly Dictionary<string, string[]> MetricWords = new()
    {
        [CanonicalMetric.TtftMs] = ["TTFT", "time to first token", "time-to-first-token"],
        [CanonicalMetric.TokensPerSecond] = ["throughput", "generation speed", "decode speed"],
        [CanonicalMetric.LoadMs] = ["load time", "load duration"],
        [CanonicalMetric.PromptEvalMs] = ["prompt eval time", "prompt processing time"],
        [CanonicalMetric.EvalMs] = ["eval time", "eval duration"],
        [CanonicalMetric.TotalMs] = ["total duration", "end-to-end latency"],
        [CanonicalMetric.LatencyMs] = ["latency"],
    };

    private static readonly (string Statistic, string[] Words)[] StatisticWords =
    [
        ("Mean", ["mean", "average", "avg"]), ("P50", ["median", "p50"]), ("P95", ["p95"]), ("P99", ["p99"]),
        ("StdDev", ["standard deviation", "std"]), ("Min", ["minimum", "min"]), ("Max", ["maximum", "max", "peak"]),
    ];

    private (string Statistic, string Word) Statistic(bool central = false)
    {
        var options = central ? StatisticWords.Take(2).ToArray() : StatisticWords;
        var (statistic, words) = options[random.Next(options.Length)];
        return (statistic, Pick(words));
    }

    private static double? Value(BenchmarkMetric m, string statistic) => statistic switch
    {
        "Mean" => m.Mean, "P50" => m.P50, "P95" => m.P95, "P99" => m.P99, "StdDev" => m.StdDev, "Min" => m.Min, "Max" => m.Max, _ => null,
    };

    private string Configuration(BenchmarkMetric m)
    {
        var t = m.Temperature!.Value.ToString("0.0##", Invariant);
        return random.Next(4) switch
        {
            0 => $"num_gpu={m.NumGpu}, num_ctx={m.NumCtx}, temperature={t}",
            1 => $"num_ctx={m.NumCtx} / num_gpu={m.NumGpu} / temp {t}",
            2 => $"num_gpu {m.NumGpu}, num_ctx {m.NumCtx} and temperature {t}",
            _ => $"`num_gpu={m.NumGpu}` `num_ctx={m.NumCtx}` `temperature={t}`",
        };
    }

    private string PhaseWords(BenchmarkMetric m) => m.Phase == Phase.Cold
        ? Pick(new[] { "cold", "cold-start", "first (cold)" })
        : Pick(new[] { "warm", "steady-state (warm)", "warm" });

    /// <summary>A figure as a person or a model writes it: rounded to 0-3 decimals by size, sometimes in seconds; the value it states.</summary>
    private (string Text, string Number) Figure(double value, string unit)
    {
        if (unit == "ms" && (value >= 1000 || (value >= 300 && random.Next(3) == 0)))
        {
            var decimals = value >= 1000 ? random.Next(2, 4) : 3;
            var number = (value / 1000).ToString("F" + decimals, Invariant);
            return (number + Pick(new[] { " s", " s", "s", " seconds" }), number);
        }

        var places = value >= 100 ? random.Next(0, 3) : value >= 10 ? random.Next(1, 3) : random.Next(2, 4);
        var written = value.ToString("F" + places, Invariant);
        var unitText = unit == "ms" ? Pick(new[] { " ms", "ms", " milliseconds" }) : unit == "tok/s" ? Pick(new[] { " tok/s", " tokens/s", " tokens per second" }) : " " + unit;
        return (written + unitText, written);
    }

    /// <summary>The value a planted figure of <paramref name="kind"/> states for <paramref name="group"/>'s statistic, or null when none fits.</summary>
    private double? Planting(string kind, BenchmarkMetric group, string statistic, IEnumerable<BenchmarkMetric> others)
    {
        if (Value(group, statistic) is not double truth) return null;
        switch (kind)
        {
            case True: return truth;
            case Moved: return truth * (1 + (random.Next(2) == 0 ? -1 : 1) * (0.05 + 0.15 * random.NextDouble()));
            default:
                var candidates = others.Where(o => Value(o, statistic) is double v && Math.Abs(v - truth) / truth > 0.05).ToList();
                return candidates.Count == 0 ? null : Value(Pick(candidates), statistic);
        }
    }

    private IEnumerable<BenchmarkMetric> OthersOf(BenchmarkMetric g) =>
        models.Where(o => o.Metric == g.Metric && o.Phase == g.Phase && o.Model != g.Model && o.Configuration == g.Configuration) is var same && same.Any()
            ? same
            : models.Where(o => o.Metric == g.Metric && o.Phase == g.Phase && o.Model != g.Model);

    private void Plant(string kind, string shape, string written, string sentence)
    {
        planted.Add(new Planted { Kind = kind, Shape = shape, Line = line, Written = written, Sentence = sentence });
    }

    private BenchmarkMetric Group(string? metric = null) =>
        Pick(metric is null ? models : models.Where(m => m.Metric == metric).ToList());

    // ---- blocks ----

    private void Prose()
    {
        var sentences = new List<(string Sentence, string Kind, string Written)>();
        for (var i = 0; i < random.Next(2, 5); i++)
        {
            var g = Group();
            var (statistic, word) = Statistic();
            if (g.Count < 2 && statistic == "StdDev") continue;
            var kind = Kind();
            if (Planting(kind, g, statistic, OthersOf(g)) is not double v) continue;
            var (figure, number) = Figure(v, g.Unit);
            var metric = Pick(MetricWords[g.Metric]);
            var c = Configuration(g);
            var p = PhaseWords(g);
            var sentence = random.Next(6) switch
            {
                0 => $"On {g.Model} ({p} requests, {c}), the {word} {metric} was {figure}.",
                1 => $"{g.Model} delivered a {word} {metric} of {figure} with {c} in {p} runs.",
                2 => $"With {c}, {g.Model} reached a {p} {word} {metric} of **{figure}**.",
                3 => $"Looking at {g.Model}, its {p} {word} {metric} sits at **{figure}** when configured with {c}.",
                4 => $"The {word} {metric} of {g.Model} under {c} was {figure} for {p} traffic.",
                _ => $"In {p} requests with {c}, **{g.Model}** shows a {word} {metric} of {figure}, which is worth noting.",
            };
            sentences.Add((sentence, kind, number));
        }

        // One paragraph per line, as models write them: each planted figure is found on its line.
        foreach (var (sentence, kind, written) in sentences)
        {
            Plant(kind, "prose", written, sentence);
            Append(sentence);
        }
    }

    private void Bullets()
    {
        for (var i = 0; i < random.Next(2, 6); i++)
        {
            var g = Group();
            var (statistic, word) = Statistic();
            var kind = Kind();
            if (Planting(kind, g, statistic, OthersOf(g)) is not double v) continue;
            var (figure, number) = Figure(v, g.Unit);
            var metric = Pick(MetricWords[g.Metric]);
            var item = random.Next(3) switch
            {
                0 => $"- **{g.Model}** · {Configuration(g)} · {PhaseWords(g)}: {word} {metric} {figure}",
                1 => $"* {g.Model} ({Configuration(g)}, {PhaseWords(g)}) — {word} {metric}: **{figure}**",
                _ => $"- {char.ToUpperInvariant(metric[0])}{metric.Substring(1)} ({word}) for {g.Model} with {Configuration(g)}, {PhaseWords(g)}: {figure}",
            };
            Plant(kind, "bullet", number, item);
            Append(item);
        }
    }

    private void LeadIn()
    {
        var g0 = Group();
        var siblings = models.Where(m => m.Model == g0.Model && m.Configuration == g0.Configuration && m.Phase == g0.Phase).ToList();
        Append(Pick(new[] { $"Results for {g0.Model} with {Configuration(g0)} ({PhaseWords(g0)} requests):", $"### {g0.Model} · {Configuration(g0)} · {PhaseWords(g0)}" }));
        if (!text.ToString().EndsWith(":\n", StringComparison.Ordinal)) Append("");
        foreach (var g in siblings.OrderBy(_ => random.Next()).Take(random.Next(2, 5)))
        {
            var (statistic, word) = Statistic();
            var kind = Kind();
            if (Planting(kind, g, statistic, OthersOf(g)) is not double v) continue;
            var (figure, number) = Figure(v, g.Unit);
            var item = $"- {word} {Pick(MetricWords[g.Metric])}: {figure}";
            Plant(kind, "lead-in list", number, item);
            Append(item);
        }
    }

    private void Table()
    {
        var metric = Pick(new[] { CanonicalMetric.TtftMs, CanonicalMetric.TokensPerSecond, CanonicalMetric.LoadMs, CanonicalMetric.TotalMs });
        var (statistic, word) = Statistic();
        var unit = metric == CanonicalMetric.TokensPerSecond ? "tok/s" : "ms";
        var seconds = unit == "ms" && random.Next(3) == 0;
        var layout = random.Next(2);
        Append(layout == 0
            ? $"| Model | Configuration | Phase | {word} {Pick(MetricWords[metric])} ({(seconds ? "s" : unit)}) |"
            : $"| Model · configuration · phase | {word} {Pick(MetricWords[metric])} ({(seconds ? "s" : unit)}) | n |");
        Append(layout == 0 ? "| --- | --- | --- | ---: |" : "| --- | ---: | ---: |");
        foreach (var g in Enumerable.Range(0, random.Next(3, 8)).Select(_ => Group(metric)).Distinct())
        {
            var kind = Kind();
            if (Planting(kind, g, statistic, OthersOf(g)) is not double v) continue;
            var places = seconds ? 3 : v >= 100 ? random.Next(0, 3) : 2;
            var number = (seconds ? v / 1000 : v).ToString("F" + places, Invariant);
            var row = layout == 0
                ? $"| {g.Model} | {Configuration(g)} | {(g.Phase == Phase.Cold ? "Cold" : "Warm")} | {number} |"
                : $"| {g.Model} · {Configuration(g)} · {(g.Phase == Phase.Cold ? "cold" : "warm")} | {number} | {g.Count} |";
            Plant(kind, "table", number, row);
            Append(row);
        }
    }

    private void Relations()
    {
        for (var i = 0; i < random.Next(2, 4); i++)
        {
            var a = Group(Pick(new[] { CanonicalMetric.TtftMs, CanonicalMetric.TokensPerSecond, CanonicalMetric.TotalMs }));
            var peers = models.Where(o => o.Metric == a.Metric && o.Phase == a.Phase && o.Configuration == a.Configuration && o.Model != a.Model).ToList();
            if (peers.Count == 0) continue;
            var b = Pick(peers);
            var kind = random.Next(2) == 0 ? True : Moved;
            var factor = kind == True ? 1 : 1 + (random.Next(2) == 0 ? -1 : 1) * (0.05 + 0.15 * random.NextDouble());
            var metric = Pick(MetricWords[a.Metric]);
            var lead = $"With {Configuration(a)} on {PhaseWords(a)} requests";
            var higher = a.Mean!.Value > b.Mean!.Value;
            var faster = a.Metric == CanonicalMetric.TokensPerSecond ? higher : !higher;
            string sentence, number;
            switch (random.Next(3))
            {
                case 0:
                {
                    var percent = 100 * Math.Abs(a.Mean.Value - b.Mean.Value) / b.Mean.Value * factor;
                    if (percent < 5) continue; // a moved figure would round to the true one
                    number = percent.ToString(percent < 20 ? "F1" : "F0", Invariant);
                    sentence = $"{lead}, {a.Model} is {number}% {(faster ? "faster" : "slower")} than {b.Model} in mean {metric}.";
                    break;
                }
                case 1:
                {
                    var ratio = Math.Max(a.Mean.Value, b.Mean.Value) / Math.Min(a.Mean.Value, b.Mean.Value) * factor;
                    if (ratio < 1.15) continue;
                    number = ratio.ToString("F2", Invariant);
                    sentence = $"{lead}, {a.Model} posts {number}x the {metric} of {b.Model}.";
                    break;
                }
                default:
                {
                    var difference = Math.Abs(a.Mean.Value - b.Mean.Value) * factor;
                    var (figure, written) = Figure(difference, a.Unit);
                    number = written;
                    sentence = $"{lead}, {a.Model}'s mean {metric} is {figure} {(higher ? "higher" : "lower")} than {b.Model}'s.";
                    break;
                }
            }

            Plant(kind, "relation", number, sentence);
            Append(sentence);
        }
    }

    private void Kernels()
    {
        for (var i = 0; i < random.Next(2, 4); i++)
        {
            var g = Pick(kernels);
            var (statistic, word) = Statistic();
            var kind = Kind();
            var others = kernels.Where(k => k.Model != g.Model && k.Backend == g.Backend && k.Configuration == g.Configuration);
            if (Planting(kind, g, statistic, others) is not double v) continue;
            var number = v.ToString(v >= 10 ? "F2" : "F3", Invariant);
            var device = g.Configuration!;
            var sentence = random.Next(2) == 0
                ? $"The {g.Backend} {g.Model} kernel ({device}) has a {word} latency of {number} ms."
                : $"- `{g.Model}` · {g.Backend} · {device}: {word} latency {number} ms";
            Plant(kind, "kernel", number, sentence);
            Append(sentence);
        }
    }

    private void CountsAndVariation()
    {
        for (var i = 0; i < random.Next(2, 4); i++)
        {
            var g = Group();
            var kind = Kind();
            string sentence, number;
            if (random.Next(2) == 0 && g.Count >= 10)
            {
                var n = kind switch
                {
                    True => g.Count,
                    Moved => (int)Math.Round(g.Count * (1 + (random.Next(2) == 0 ? -1 : 1) * (0.1 + 0.1 * random.NextDouble()))),
                    _ => OthersOf(g).Select(o => o.Count).Where(c => c != g.Count).DefaultIfEmpty(-1).First(),
                };
                if (n < 0 || (kind != True && n == g.Count)) continue;
                number = n.ToString(Invariant);
                sentence = $"{g.Model} with {Configuration(g)} completed {number} {PhaseWords(g)} requests.";
            }
            else if (g.CV is double cv && g.Count > 2)
            {
                var truth = cv;
                var value = kind switch
                {
                    True => truth,
                    Moved => truth * (1 + (random.Next(2) == 0 ? -1 : 1) * (0.1 + 0.1 * random.NextDouble())),
                    _ => OthersOf(g).Select(o => o.CV).OfType<double>().Where(c => Math.Abs(c - truth) / truth > 0.1).DefaultIfEmpty(-1).First(),
                };
                if (value < 0) continue;
                var asFraction = random.Next(2) == 0;
                number = asFraction ? (value / 100).ToString("F3", Invariant) : value.ToString("F1", Invariant);
                sentence = $"On {PhaseWords(g)} requests with {Configuration(g)}, {g.Model} shows a {Pick(MetricWords[g.Metric])} coefficient of variation of {number}{(asFraction ? "" : "%")}.";
            }
            else
            {
                continue;
            }

            Plant(kind, "count or CV", number, sentence);
            Append(sentence);
        }
    }

    private void Pooled()
    {
        var model = Pick(LabFacts.Models);
        var metric = Pick(new[] { CanonicalMetric.TtftMs, CanonicalMetric.TokensPerSecond });
        var kind = Kind();
        var allPhases = random.Next(2) == 0;
        List<BenchmarkMetric> Of(string m, string? configuration) =>
            models.Where(g => g.Model == m && g.Metric == metric && (configuration is null || g.Configuration == configuration) && (allPhases || configuration is not null || g.Phase == Phase.Warm)).ToList();
        var oneConfiguration = random.Next(2) == 0;
        var first = models.First(g => g.Model == model && g.Metric == metric);
        var groups = Of(model, oneConfiguration ? first.Configuration : null);
        if (oneConfiguration && groups.Count < 2) return;
        double Pool(List<BenchmarkMetric> gs) => gs.Sum(g => g.Mean!.Value * g.Count) / gs.Sum(g => g.Count);
        var truth = Pool(groups);
        var value = kind switch
        {
            True => truth,
            Moved => truth * (1 + (random.Next(2) == 0 ? -1 : 1) * (0.05 + 0.15 * random.NextDouble())),
            _ => Pool(Of(Pick(LabFacts.Models.Where(m => m != model).ToList()), oneConfiguration ? first.Configuration : null) is { Count: > 0 } other ? other : groups),
        };
        if (kind == OtherSubject && Math.Abs(value - truth) / truth < 0.05) return;
        var (figure, number) = Figure(value, groups[0].Unit);
        var words = Pick(MetricWords[metric]);
        var n = groups.Sum(g => g.Count);
        var sentence = oneConfiguration
            ? $"Over all {n} requests (cold and warm together), {model} with {Configuration(first)} averaged a {words} of {figure}."
            : allPhases
                ? $"Across all its configurations and both cold and warm requests, {model} averaged a {words} of {figure}."
                : $"Across all its configurations, {model} averaged a warm {words} of {figure}.";
        Plant(kind, oneConfiguration ? "pooled cold+warm" : "pooled model", number, sentence);
        Append(sentence);
    }
}
