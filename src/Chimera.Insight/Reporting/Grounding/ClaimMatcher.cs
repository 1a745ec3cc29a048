namespace Chimera.Insight.Reporting.Grounding;

/// <summary>
/// Grounds a claim by a fact of the same shape. A claim that names a subject is grounded only by that subject's
/// groups (one group, or the pool of the groups it names); a claim that names none by the pool of its metric's
/// groups, a metric with few groups, or a stated fact of its kind. Relations (differences, ratios, percent
/// changes) are computed only between the subjects (or the two statistics) the claim names, or stated by a
/// finding or comparison. Rounding as written and unit changes count. What is not grounded says why.
/// </summary>
internal sealed class ClaimMatcher
{
    /// <summary>A figure written this precisely (relative half-step) may name one of many groups of its subject.</summary>
    private const double PreciseEnough = 5e-4;

    private readonly GroupCatalog catalog;
    private readonly LooseFactMatcher loose;

    public ClaimMatcher(GroupCatalog catalog, LooseFactMatcher loose)
    {
        this.catalog = catalog;
        this.loose = loose;
    }

    public GroundedFigure Judge(Claim claim)
    {
        var f = claim.Figure;
        var result = new GroundedFigure
        {
            Text = f.Text,
            Value = f.Value,
            Unit = claim.Unit?.Text ?? f.SettingKey,
            Line = f.Line,
            Column = f.Column,
            Subject = Subject(claim),
            Metric = f.SettingKey ?? claim.MetricName,
            Statistic = claim.Statistic,
            Relation = claim.Relation,
        };

        if (loose.FindNamed(claim) is { } namedFigure)
        {
            Conclude(result, namedFigure, GroundingReason.NotInData);
            return result;
        }

        if (f.SettingKey is not null)
        {
            Conclude(result, loose.Find(claim, groupSubject: false), GroundingReason.NotInData);
            return result;
        }

        var metrics = Metrics(claim);
        if (result.Metric is null && metrics.Count == 1) result.Metric = metrics[0];
        if (claim.Relation is GroundingRelation.Difference or GroundingRelation.Ratio or GroundingRelation.PercentChange)
        {
            JudgeRelation(claim, metrics, result);
        }
        else
        {
            JudgeValue(claim, metrics, result);
        }

        return result;
    }

    private static string? Subject(Claim claim)
    {
        var own = claim.Subject.ToString();
        var other = claim.Other?.ToString();
        var text = other is { Length: > 0 } ? (own.Length > 0 ? own : "?") + " vs " + other : own;
        return text.Length == 0 ? null : text;
    }

    private static void Conclude(GroundedFigure result, string? support, GroundingReason reason, string? expected = null)
    {
        result.IsGrounded = support is not null;
        result.SupportedBy = support;
        result.Reason = support is null ? reason : null;
        result.Expected = support is null ? expected : null;
    }

    /// <summary>The data's metrics the claim may be about.</summary>
    private List<string> Metrics(Claim claim)
    {
        var unit = claim.Unit;
        IEnumerable<string> metrics;
        if (claim.Metrics is not null)
        {
            metrics = claim.Metrics.Where(catalog.Topics.Holds);
            if (unit is not null && !claim.UnitConflict && claim.Relation == GroundingRelation.Value && claim.Statistic != "CV")
            {
                metrics = metrics.Where(m => ClaimReader.Compatible(catalog.Topics.QuantityOf(m)!.Value, unit.Quantity) || catalog.Topics.QuantityOf(m) == Quantity.Ratio && unit.Quantity == Quantity.Percent);
            }
        }
        else if (claim.Relation is GroundingRelation.Ratio or GroundingRelation.PercentChange or GroundingRelation.Share)
        {
            metrics = catalog.Metrics;
        }
        else if (claim.Relation == GroundingRelation.Count && claim.Subject.NamesGroup && !CountsTheData(claim.Unit))
        {
            metrics = catalog.Metrics;
        }
        else if (unit is not null && unit.Quantity is Quantity.Time or Quantity.Rate or Quantity.Tokens)
        {
            metrics = catalog.Metrics.Where(m => catalog.Topics.QuantityOf(m) == unit.Quantity);
        }
        else
        {
            metrics = [];
        }

        if (claim.Relation == GroundingRelation.Count && claim.Metrics is not null && !claim.Metrics.Any(catalog.Topics.Holds) &&
            claim.Metrics.Any(m => m is GroundingVocabulary.Failures or GroundingVocabulary.FailedRuns))
        {
            metrics = catalog.Metrics; // "2 failed runs out of 20": runs of any metric
        }

        return metrics.ToList();
    }

    /// <summary>"3 metric groups", "12 configurations", "4 models": a count of the data's parts, never a group's sample count.</summary>
    private static bool CountsTheData(WrittenUnit? unit) =>
        unit?.Topic is GroundingVocabulary.Groups or GroundingVocabulary.Models or GroundingVocabulary.Configurations or GroundingVocabulary.FindingCount or "Metrics";

    // ---- values, counts, shares and bounds ----

    private void JudgeValue(Claim claim, List<string> metrics, GroundedFigure result)
    {
        var subject = claim.Subject;
        var readings = new List<(string Metric, Candidate Candidate)>();
        foreach (var metric in metrics)
        {
            foreach (var candidate in catalog.CandidatesFor(subject, metric)) readings.Add((metric, candidate));
        }

        if (claim.UnitConflict)
        {
            Conclude(result, null, GroundingReason.UnitConfusion, Expected(claim, readings));
            return;
        }

        foreach (var (_, candidate) in readings)
        {
            foreach (var statistic in Statistics(claim, candidate.First))
            {
                if (Value(claim, candidate, statistic) is double v && Holds(claim, v, candidate.First, statistic))
                {
                    Conclude(result, candidate.Describe(statistic, v), GroundingReason.NotInData);
                    return;
                }
            }
        }

        // "The fastest model reached 103.4 tok/s", "TTFT ranged from 100 to 384.7 ms": the highest or lowest group of the subject.
        if (claim.Extreme && claim.Relation is GroundingRelation.Value)
        {
            foreach (var metric in metrics)
            {
                var admitted = catalog.GroupsOf(metric).Where(subject.Admits).ToList();
                foreach (var statistic in claim.Statistic is null ? GroupCatalog.CentralStatistics : [claim.Statistic])
                {
                    var held = admitted.Where(g => g.Statistic(statistic) is not null).OrderBy(g => g.Statistic(statistic)!.Value).ToList();
                    foreach (var extreme in held.Count == 0 ? [] : new[] { held[0], held[held.Count - 1] })
                    {
                        var v = extreme.Statistic(statistic)!.Value;
                        if (Holds(claim, v, extreme, statistic))
                        {
                            Conclude(result, Candidate.Single(extreme).Describe(statistic, v), GroundingReason.NotInData);
                            return;
                        }
                    }
                }
            }
        }

        // A precise figure may name one of many groups of the subject it names ("gemma3:latest reaches 108.05 tok/s").
        if (subject.NamesGroup && Precise(claim.Figure) && claim.Relation != GroundingRelation.Bound)
        {
            foreach (var metric in metrics)
            {
                foreach (var group in catalog.GroupsOf(metric).Where(subject.Admits))
                {
                    var single = Candidate.Single(group);
                    foreach (var statistic in Statistics(claim, group))
                    {
                        if (Value(claim, single, statistic) is double v && Holds(claim, v, group, statistic))
                        {
                            Conclude(result, single.Describe(statistic, v), GroundingReason.NotInData);
                            return;
                        }
                    }
                }
            }
        }

        var looseSupport = loose.Find(claim, subject.NamesGroup);
        if (looseSupport is not null)
        {
            Conclude(result, looseSupport, GroundingReason.NotInData);
            return;
        }

        if (readings.Count == 0 && metrics.Count == 0)
        {
            Conclude(result, null, claim.MetricName is null && claim.Unit?.Topic is null ? GroundingReason.Unverifiable : GroundingReason.NotInData);
            return;
        }

        var expected = Expected(claim, readings);
        if (claim.Relation is GroundingRelation.Value)
        {
            foreach (var (_, candidate) in readings)
            {
                foreach (var statistic in GroupCatalog.AllStatistics.Except(Statistics(claim, candidate.First)))
                {
                    if (candidate.Statistic(statistic) is double v && Holds(claim, v, candidate.First, statistic))
                    {
                        Conclude(result, null, GroundingReason.OtherStatistic, expected);
                        result.BelongsTo = candidate.Describe(statistic, v);
                        return;
                    }
                }
            }
        }

        if (claim.Relation is GroundingRelation.Value or GroundingRelation.Count && OtherSubject(claim, metrics) is { } owner)
        {
            Conclude(result, null, GroundingReason.OtherSubject, expected);
            result.BelongsTo = owner;
            return;
        }

        Conclude(result, null, GroundingReason.NotInData, expected);
    }

    private static bool Precise(WrittenFigure figure) => figure.Value != 0 && figure.Tolerance / Math.Abs(figure.Value) <= PreciseEnough;

    private static IEnumerable<string> Statistics(Claim claim, MetricGroup group)
    {
        if (claim.Relation == GroundingRelation.Count)
        {
            if (claim.Statistic == "Attempted") return ["Attempted"];
            return claim.Unit?.Topic == GroundingVocabulary.FailedRuns || (claim.Unit is null && claim.Metrics is { } named && named.Contains(GroundingVocabulary.Failures))
                ? ["Failed"] : ["Count"];
        }

        if (claim.Relation == GroundingRelation.Share)
        {
            return ["FailureShare"];
        }

        if (claim.Statistic is not null)
        {
            return [claim.Statistic];
        }

        return group.ReportedStatistic is { } stated && !GroundingVocabulary.DispersionStatistics.Contains(stated)
            ? GroupCatalog.CentralStatistics.Append(stated).Distinct()
            : GroupCatalog.CentralStatistics;
    }

    private static double? Value(Claim claim, Candidate candidate, string statistic)
    {
        if (statistic == "Attempted")
        {
            return candidate.Statistic("Count") is double n ? n + (candidate.Statistic("Failed") ?? 0) : null;
        }

        if (statistic == "FailureShare")
        {
            var failed = candidate.Statistic("Failed") ?? 0;
            var all = failed + (candidate.Statistic("Count") ?? 0);
            return all > 0 && failed > 0 ? 100 * failed / all : null;
        }

        return candidate.Statistic(statistic);
    }

    /// <summary>Does the figure, read in its unit (or, unit-less, in the group's unit, seconds for a time, a fraction for a percent), state <paramref name="fact"/>?</summary>
    private static bool Holds(Claim claim, double fact, MetricGroup group, string? statistic = null)
    {
        if (statistic is "CV" or "FailureShare")
        {
            return StatisticReadings(claim, group, statistic).Any(r => Math.Abs(fact - r.Value) <= r.Tolerance);
        }

        if (claim.Relation == GroundingRelation.Bound)
        {
            var (low, _) = Readings(claim, group).FirstOrDefault();
            return claim.Figure.Bound > 0 ? fact > low : fact < low;
        }

        foreach (var (value, tolerance) in Readings(claim, group))
        {
            if (Math.Abs(Math.Abs(fact) - value) <= tolerance) return true;
        }

        return false;
    }

    /// <summary>The figure read as <paramref name="statistic"/> of the group: a CV or a share in percent (or a fraction), else as <see cref="Readings"/>.</summary>
    private static IEnumerable<(double Value, double Tolerance)> StatisticReadings(Claim claim, MetricGroup group, string statistic)
    {
        if (statistic is "CV" or "FailureShare")
        {
            var w = Math.Abs(claim.Figure.Value);
            var t = claim.Figure.Tolerance;
            return claim.Unit is null ? [(w, t), (w * 100, t * 100)] : [(w, t)];
        }

        return Readings(claim, group);
    }

    /// <summary>The figure in canonical units of the group's quantity, each with its tolerance.</summary>
    private static IEnumerable<(double Value, double Tolerance)> Readings(Claim claim, MetricGroup group)
    {
        var w = Math.Abs(claim.Figure.Value);
        var t = claim.Figure.Tolerance;
        var unit = claim.Unit;
        var quantity = claim.Relation is GroundingRelation.Count or GroundingRelation.Share ? (claim.Relation == GroundingRelation.Share ? Quantity.Percent : Quantity.Count) : group.Quantity;
        if (unit is not null && claim.Relation is not GroundingRelation.Count)
        {
            if (unit.Quantity == quantity && quantity != Quantity.Other) yield return (w * unit.Factor, t * unit.Factor);
            else if (unit.Quantity == Quantity.Percent && quantity == Quantity.Ratio) yield return (w / 100, t / 100);
            else if (quantity == Quantity.Other && (group.OtherUnit is null || string.Equals(group.OtherUnit, unit.Text, StringComparison.OrdinalIgnoreCase))) yield return (w, t);
            else if (unit.Quantity == Quantity.Tokens && quantity == Quantity.Tokens) yield return (w, t);
            yield break;
        }

        yield return (w, t);
        if (quantity == Quantity.Time) yield return (w * 1000, t * 1000);
        if (quantity == Quantity.Ratio) yield return (w / 100, t / 100);
    }

    /// <summary>What the data holds for the claim: its subject's value of the statistic it names (else the central one), in the figure's unit.</summary>
    private static string? Expected(Claim claim, List<(string Metric, Candidate Candidate)> readings)
    {
        if (readings.Count == 0) return null;
        var metric = readings[0].Metric;
        var ofMetric = readings.Where(r => r.Metric == metric).Select(r => r.Candidate).ToList();
        // The warm reading when the claim names no phase (a single warm group, else the warm pool), else the widest pool, else the one group.
        var warmSingles = ofMetric.Where(c => !c.IsPool && c.First.Phase != Phase.Cold).ToList();
        var candidate = (claim.Subject.Phase is null && warmSingles.Count == 1 ? warmSingles[0] : null)
                        ?? ofMetric.Where(c => c.IsPool).OrderBy(c => c.Members.Any(m => m.Phase == Phase.Cold) && claim.Subject.Phase is null ? 1 : 0).ThenByDescending(c => c.Members.Count()).FirstOrDefault()
                        ?? (ofMetric.Count == 1 ? ofMetric[0] : null);
        if (candidate is null) return null;
        var statistic = claim.Relation switch
        {
            GroundingRelation.Count => claim.Unit?.Topic == GroundingVocabulary.FailedRuns ? "Failed" : "Count",
            GroundingRelation.Share => "FailureShare",
            _ => claim.Statistic ?? candidate.First.ReportedStatistic ?? "Mean",
        };
        if (Value(claim, candidate, statistic) is not double v) return null;
        if (claim.Relation is GroundingRelation.Count) return Numbers.Format(v);
        if (statistic == "CV") return Numbers.Percent(v);
        if (claim.Relation is GroundingRelation.Share) return Numbers.Percent(v);
        var unit = claim.UnitConflict ? null : claim.Unit;
        if (unit is null || unit.Quantity != candidate.First.Quantity) return GroundingFormat.Canonical(v, candidate.First);
        return GroundingFormat.AsWritten(v, claim.Figure, unit);
    }

    /// <summary>Whose figure the value is, when it is another subject's of the same metric and statistic: another group's,
    /// or another model's reading of the same shape (its pool over the same configurations and phases).</summary>
    private string? OtherSubject(Claim claim, List<string> metrics)
    {
        if (claim.Subject.Model is not null && claim.Relation == GroundingRelation.Value)
        {
            foreach (var metric in metrics)
            {
                var models = catalog.GroupsOf(metric).Select(g => g.Model).Where(m => m is not null && !string.Equals(m, claim.Subject.Model, StringComparison.OrdinalIgnoreCase))
                    .Distinct(StringComparer.OrdinalIgnoreCase);
                foreach (var model in models)
                {
                    var subject = claim.Subject.Copy();
                    subject.Model = model;
                    foreach (var candidate in catalog.CandidatesFor(subject, metric).Where(c => c.IsPool))
                    {
                        foreach (var statistic in Statistics(claim, candidate.First))
                        {
                            if (candidate.Statistic(statistic) is double v && Holds(claim, v, candidate.First, statistic)) return candidate.Label;
                        }
                    }
                }
            }
        }

        foreach (var metric in metrics)
        {
            var groups = catalog.GroupsOf(metric);
            if (groups.Count == 0) continue;
            var probe = groups[0];
            var statistics = claim.Relation == GroundingRelation.Count
                ? (claim.Unit?.Topic == GroundingVocabulary.FailedRuns ? new[] { "Failed" } : new[] { "Count" })
                : claim.Statistic is not null ? new[] { claim.Statistic } : GroupCatalog.CentralStatistics;
            foreach (var statistic in statistics)
            {
                foreach (var (value, tolerance) in StatisticReadings(claim, probe, statistic))
                {
                    foreach (var group in catalog.Holding(metric, statistic, value - tolerance, value + tolerance))
                    {
                        if (!claim.Subject.Admits(group)) return group.Label;
                    }
                }
            }
        }

        return null;
    }

    // ---- relations ----

    private void JudgeRelation(Claim claim, List<string> metrics, GroundedFigure result)
    {
        string? expected = null;
        var paired = false;
        var statistics = claim.Statistic is not null ? new[] { claim.Statistic } : GroupCatalog.CentralStatistics;
        foreach (var metric in metrics)
        {
            IEnumerable<(Candidate A, string SA, Candidate B, string SB)> pairs;
            if (claim.Other is not null)
            {
                var a = catalog.CandidatesFor(claim.Subject, metric);
                var b = catalog.CandidatesFor(claim.Other, metric);
                pairs = from x in a from y in b where !ReferenceEquals(x, y) from s in statistics select (x, s, y, s);
            }
            else if (claim.OtherStatistic is not null)
            {
                pairs = catalog.CandidatesFor(claim.Subject, metric).Select(c => (c, claim.Statistic!, c, claim.OtherStatistic));
            }
            else
            {
                continue;
            }

            foreach (var (a, sa, b, sb) in pairs)
            {
                if (a.Statistic(sa) is not double va || b.Statistic(sb) is not double vb) continue;
                paired = true;
                var (matches, value) = Related(claim, va, vb, a.First);
                if (matches)
                {
                    Conclude(result, $"{claim.Relation} of {a.First.Metric} {sa}, {a.Label} vs {(ReferenceEquals(a, b) ? sb : b.Label)} = {value}", GroundingReason.NotInData);
                    return;
                }

                expected ??= value;
            }
        }

        var looseSupport = loose.Find(claim, claim.Subject.NamesGroup && claim.Other is not null);
        if (looseSupport is not null)
        {
            Conclude(result, looseSupport, GroundingReason.NotInData);
            return;
        }

        Conclude(result, null, paired || (claim.Other is not null && metrics.Count > 0) ? GroundingReason.NotInData : GroundingReason.Unverifiable, expected);
    }

    /// <summary>Whether the figure states the relation of a to b, and the relation's value as the figure would write it.</summary>
    private static (bool Matches, string Value) Related(Claim claim, double a, double b, MetricGroup group)
    {
        var f = claim.Figure;
        var w = Math.Abs(f.Value);
        var t = f.Tolerance;
        switch (claim.Relation)
        {
            case GroundingRelation.Ratio:
            {
                var high = Math.Max(Math.Abs(a), Math.Abs(b));
                var low = Math.Min(Math.Abs(a), Math.Abs(b));
                var ratio = low == 0 ? double.PositiveInfinity : high / low;
                var inverse = high == 0 ? double.PositiveInfinity : low / high;
                return (Math.Abs(ratio - w) <= t || Math.Abs(inverse - w) <= t, GroundingFormat.AsWritten(ratio, f, claim.Unit));
            }
            case GroundingRelation.PercentChange:
            {
                var changes = new List<double>();
                if (b != 0) changes.Add(claim.PartOf ? 100 * Math.Abs(a / b) : 100 * Math.Abs(a - b) / Math.Abs(b));
                if (a != 0) changes.Add(claim.PartOf ? 100 * Math.Abs(b / a) : 100 * Math.Abs(a - b) / Math.Abs(a));
                return (changes.Any(c => Math.Abs(c - w) <= t), changes.Count > 0 ? GroundingFormat.AsWritten(changes[0], f, claim.Unit) : "");
            }
            default:
            {
                var difference = Math.Abs(a - b);
                var probe = new Claim(f) { Unit = claim.Unit, Relation = GroundingRelation.Value };
                var matches = Readings(probe, group).Any(r => Math.Abs(difference - r.Value) <= r.Tolerance);
                var unit = claim.Unit is { } u && u.Quantity == group.Quantity ? u : null;
                return (matches, unit is null ? GroundingFormat.Canonical(difference, group) : GroundingFormat.AsWritten(difference, f, unit));
            }
        }
    }
}
