namespace Chimera.Insight.Reporting;

/// <summary>Recommendations derived deterministically from findings (and, failing those, from the metrics).</summary>
public static class RecommendationWriter
{
    /// <summary>One recommendation per finding kind and model, model by model (warnings first within each),
    /// then those about files; never empty.</summary>
    public static string[] From(IReadOnlyList<Finding>? findings, IReadOnlyList<BenchmarkMetric>? metrics = null)
    {
        var recommendations = PerModel(findings).Select(r => r.Text).ToList();
        if (recommendations.Count == 0)
        {
            recommendations.Add("Collect raw per-request samples (TTFT, throughput, load, prompt eval and eval durations) so that statistics can be computed and compared.");
        }

        return recommendations.ToArray();
    }

    /// <summary>The recommendations with the model each is about (null: about files or the data as a whole).</summary>
    internal static IReadOnlyList<(string? Model, string Text)> PerModel(IReadOnlyList<Finding>? findings)
    {
        var recommendations = new List<(string?, string)>();
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var ordered = (findings ?? [])
            .OrderBy(f => f.Model is null ? 1 : 0).ThenBy(f => f.Model ?? "", StringComparer.Ordinal)
            .ThenBy(f => f.Severity == FindingSeverity.Warning ? 0 : 1);
        foreach (var finding in ordered)
        {
            var key = finding.Kind + "|" + finding.Model + (finding.Model is null ? "|" + finding.Subject : "");
            if (!seen.Add(key))
            {
                continue;
            }

            var text = ForFinding(finding);
            if (!string.IsNullOrEmpty(text) && !recommendations.Any(r => r.Item2 == text))
            {
                recommendations.Add((finding.Model, text));
            }
        }

        return recommendations;
    }

    /// <summary>A configuration is worth adopting (or avoiding) only when it rests on this many values and stands this far apart.</summary>
    private const int FirmCount = 3;
    private const double FirmGapPercent = 5;

    private static string ForFinding(Finding finding)
    {
        var model = Name(finding.Model);
        var subject = Name(finding.Subject);
        var figures = Figures(finding);
        var evidence = figures.Length > 0 ? " (" + figures + ")" : "";
        var forModel = model.Length > 0 ? " for " + model : "";
        switch (finding.Kind)
        {
            case "BestConfiguration":
                if (Value(finding, "Count") < FirmCount)
                {
                    return $"Repeat the runs of {Or(subject, "the best configuration")}{forModel} before adopting it: it measured best on too few values{evidence}.";
                }

                return Value(finding, "AboveWorst") < FirmGapPercent
                    ? $"Choose{forModel} among its {Numbers.Integer((long)(Value(finding, "Configurations") ?? 0))} configurations on other grounds: their throughput differs by less than {Numbers.Percent(FirmGapPercent)}{evidence}."
                    : $"Adopt {Or(subject, "the best configuration")}{forModel}: it measured best{evidence}.";
            case "WorstConfiguration":
                return Value(finding, "Count") < FirmCount || Value(finding, "BelowBest") < FirmGapPercent
                    ? ""
                    : $"Avoid {Or(subject, "the worst configuration")}{forModel}: it measured worst{evidence}.";
            case "ModelComparison":
                return "";
            case "ColdStartPenalty":
                return $"Warm {Or(model, "the model")} up before timing or serving, and report cold and warm figures apart: the first request after a load is much slower{evidence}.";
            case "Reload":
                return $"Keep load-time options such as num_ctx fixed between requests{forModel}: each change reloads the model{evidence}.";
            case "FailureRate":
                return $"Investigate the failed runs{forModel} before trusting its figures; failures are counted apart, never averaged in{evidence}.";
            case "HighVariance":
                return $"Repeat the runs of {Or(subject, "the noisiest group")}{forModel} until its variation settles; rankings on it are not firm yet{evidence}.";
            case "Duplicate":
            case "Redundant":
                return $"Remove duplicated artifacts ({Or(subject, "identical files")}) so that no run is counted twice.";
            case "StaleData":
                return $"Re-run the benchmarks{forModel}: the newest data is old{evidence}.";
            case "MissingMetric":
                return $"Record {Or(subject, "the missing metric")} in every run{forModel}.";
            default:
                return "Review: " + SafeText.Inline(finding.Text, SafeText.SentenceLength);
        }
    }

    /// <summary>A figure of the finding; null when the finding does not carry it (then nothing is judged on it).</summary>
    private static double? Value(Finding finding, string name) => finding.Figures.FirstOrDefault(f => f.Name == name)?.Value;

    internal static string Figures(Finding finding) => string.Join(", ", finding.Figures
        .Take(4)
        .Select(f => SafeText.Inline(f.Name, 40) + " " + Numbers.WithUnit(f.Value, SafeText.Inline(f.Unit, 16))));

    private static string Name(string? value) => SafeText.Inline(value, SafeText.NameLength);

    private static string Or(string value, string fallback) => value.Length > 0 ? value : fallback;
}
