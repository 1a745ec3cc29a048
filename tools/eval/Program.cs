using System.Globalization;
using System.Text.Json;
using Chimera.Insight;
using Chimera.Insight.Reporting;
using GroundingEval;

// The grounding evaluation: for each seed, a lab-shaped fact set and narratives about it; every planted figure is
// looked up in the checker's result by line and text. Prints per kind how many were grounded and the reasons given,
// and writes the whole result (with every miss) to the path given (out/eval/grounding.json).
var output = args.Length > 0 ? args[0] : Path.Combine("out", "eval", "grounding.json");
var seeds = new[] { 11, 23, 37 };
var outcomes = new List<(Planted Planted, GroundedFigure? Figure, int Seed)>();
var groupCounts = new List<int>();
foreach (var seed in seeds)
{
    var random = new Random(seed);
    var (metrics, inventory) = LabFacts.Build(random);
    groupCounts.Add(metrics.Count);
    var facts = FactSet.From(metrics, [], inventory);
    var writer = new NarrativeWriter(random, metrics);
    for (var n = 0; n < 40; n++)
    {
        var (text, planted) = writer.Write(blocks: 8);
        var result = GroundingChecker.Check(text, facts);
        foreach (var p in planted)
        {
            var figure = result.Figures.FirstOrDefault(f => f.Line == p.Line && f.Text.StartsWith(p.Written, StringComparison.Ordinal) &&
                                                             (f.Text.Length == p.Written.Length || !char.IsDigit(f.Text[p.Written.Length]) && f.Text[p.Written.Length] != '.'));
            outcomes.Add((p, figure, seed));
        }
    }
}

var kinds = outcomes.GroupBy(o => o.Planted.Kind).OrderBy(g => g.Key).Select(g => new
{
    Kind = g.Key,
    Planted = g.Count(),
    Found = g.Count(o => o.Figure is not null),
    Grounded = g.Count(o => o.Figure?.IsGrounded == true),
    GroundedPercent = Math.Round(100.0 * g.Count(o => o.Figure?.IsGrounded == true) / g.Count(), 2),
    Reasons = g.Where(o => o.Figure is { IsGrounded: false }).GroupBy(o => o.Figure!.Reason!.ToString()!).OrderByDescending(r => r.Count()).ToDictionary(r => r.Key, r => r.Count()),
    ByShape = g.GroupBy(o => o.Planted.Shape).OrderBy(s => s.Key).ToDictionary(s => s.Key, s => new { Planted = s.Count(), Grounded = s.Count(o => o.Figure?.IsGrounded == true) }),
}).ToList();

var misses = outcomes.Where(o => o.Figure is null || (o.Planted.Kind == NarrativeWriter.True) != o.Figure.IsGrounded || (o.Planted.Kind == NarrativeWriter.OtherSubject && o.Figure.Reason != GroundingReason.OtherSubject))
    .Take(400)
    .Select(o => new { o.Seed, o.Planted.Kind, o.Planted.Shape, o.Planted.Written, o.Planted.Sentence, Verdict = o.Figure?.Verdict ?? "not found", o.Figure?.Reason, o.Figure?.Subject, o.Figure?.Metric, o.Figure?.Statistic, o.Figure?.Expected, o.Figure?.SupportedBy, o.Figure?.BelongsTo })
    .ToList();

var report = new { Seeds = seeds, MetricGroups = groupCounts, Narratives = seeds.Length * 40, Kinds = kinds, Misses = misses };
Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(output))!);
File.WriteAllText(output, JsonSerializer.Serialize(report, new JsonSerializerOptions { WriteIndented = true }));

Console.WriteLine($"Grounding evaluation: seeds {string.Join(", ", seeds)}; metric groups {string.Join(", ", groupCounts)}; {seeds.Length * 40} narratives");
foreach (var k in kinds)
{
    var reasons = string.Join(", ", k.Reasons.Select(r => $"{r.Key} {r.Value}"));
    Console.WriteLine(string.Format(CultureInfo.InvariantCulture, "  {0,-13} {1,5} planted, {2,5} grounded ({3:0.0}%){4}", k.Kind, k.Planted, k.Grounded, k.GroundedPercent, reasons.Length > 0 ? "; ungrounded: " + reasons : ""));
}

Console.WriteLine($"Written to {output}");
