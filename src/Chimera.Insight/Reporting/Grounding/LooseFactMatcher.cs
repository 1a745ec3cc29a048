namespace Chimera.Insight.Reporting.Grounding;

/// <summary>
/// Grounds a claim by the facts that are not metric groups: the inventory's counts and shares, the report's
/// own call and workflow timings, configuration settings, the findings' figures, samples and comparisons.
/// A fact must be of the kind the figure's unit names (after a unit change: ms and s, a fraction and a percent,
/// a ratio and a percent change) and about the topic and statistic its sentence names; a figure with neither
/// unit nor topic may be supported only by a fact stated as such, never a derived one.
/// </summary>
internal sealed class LooseFactMatcher
{
    private static readonly Quantity[] AllQuantities = (Quantity[])Enum.GetValues(typeof(Quantity));
    private readonly FactIndex facts;
    private readonly ILookup<string, Fact> named;

    public LooseFactMatcher(FactIndex facts, IEnumerable<(string Name, Fact Fact)> namedFigures)
    {
        this.facts = facts;
        named = namedFigures.ToLookup(n => n.Name, n => n.Fact, StringComparer.OrdinalIgnoreCase);
    }

    /// <summary>"(ColdMean 2761.1 ms, Penalty 2658 ms)": a figure written right after the name a finding gives it is that figure.</summary>
    public string? FindNamed(Claim claim)
    {
        var figure = claim.Figure;
        var line = figure.LineText;
        var k = figure.Start - 1;
        while (k >= 0 && (line[k] == ' ' || line[k] == '*' || line[k] == ':' || line[k] == '=')) k--;
        var end = k + 1;
        while (k >= 0 && (char.IsLetterOrDigit(line[k]) || line[k] == '_')) k--;
        var name = line.Substring(k + 1, end - k - 1);
        if (name.Length < 2 || !named.Contains(name)) return null;
        var unit = figure.Unit;
        var written = Math.Abs(figure.Value);
        foreach (var fact in named[name])
        {
            var matches = unit is null
                ? Near(fact.Value, written, figure.Tolerance)
                : MatchesWithUnit(fact, unit, written * unit.Factor, figure.Tolerance * unit.Factor, written, figure.Tolerance);
            if (matches) return fact.Label;
        }

        return null;
    }

    /// <summary>The label of the fact that supports the claim's figure, or null. With <paramref name="groupSubject"/>, a claim
    /// that names a model is supported only by facts of that model, settings and file counts; a relation between two named
    /// sides only by a fact of its model (a finding's).</summary>
    public string? Find(Claim claim, bool groupSubject)
    {
        var model = claim.Subject.Model;
        var paired = claim.Other is not null || claim.OtherStatistic is not null;
        bool Applies(Fact fact) => fact.Model is null
            ? !paired && (!groupSubject || model is null || fact.Quantity == Quantity.Setting || fact.Topics.Contains(GroundingVocabulary.Files))
            : model is null ? claim.Subject.Models.Count == 0 || claim.Subject.Models.Contains(fact.Model) : string.Equals(fact.Model, model, StringComparison.OrdinalIgnoreCase);
        var figure = claim.Figure;
        return FindSupport(figure, figure.Unit ?? figure.HeaderUnit, Applies)?.Label;
    }

    private Fact? FindSupport(WrittenFigure figure, WrittenUnit? unit, Func<Fact, bool> applies)
    {
        var exact = FindExactSupport(figure, unit, applies);
        if (exact is not null || figure.Bound == 0 || unit is null)
        {
            return exact;
        }

        // "over 100 tok/s", "under 0.1 s": a bound holds when a stated fact of the same kind lies beyond it.
        var bound = Math.Abs(figure.Value) * unit.Factor;
        var topic = figure.Topic is not null && Compatible(figure.Topic.Quantity, unit.Quantity) ? figure.Topic : null;
        return facts.Stated.FirstOrDefault(f => applies(f) &&
            f.Quantity == unit.Quantity && unit.Quantity is Quantity.Rate or Quantity.Time or Quantity.Tokens or Quantity.Count or Quantity.Percent &&
            (topic is null || topic.Topics.Any(f.Topics.Contains)) &&
            (unit.Topic is null || f.Topics.Contains(unit.Topic)) &&
            (f.Statistic is null || !GroundingVocabulary.DispersionStatistics.Contains(f.Statistic)) &&
            (figure.Bound > 0 ? f.Value > bound : f.Value < bound));
    }

    private Fact? FindExactSupport(WrittenFigure figure, WrittenUnit? unit, Func<Fact, bool> applies)
    {
        var written = Math.Abs(figure.Value);
        var tolerance = figure.Tolerance;
        var (low, high) = (written - tolerance, written + tolerance);

        if (figure.SettingKey is string key)
        {
            return facts.Near(Quantity.Setting, low, high).FirstOrDefault(f => f.Topics.Contains(key) && Near(f.Value, written, tolerance));
        }

        var topic = figure.Topic;
        if (topic is not null && unit is not null && !Compatible(topic.Quantity, unit.Quantity))
        {
            topic = null; // "TTFT of 590 ms and 108 tok/s": the unit says what 108 is
        }

        bool Allowed(Fact fact) => applies(fact) &&
            (topic is null || topic.Topics.Any(fact.Topics.Contains)) &&
            (unit?.Topic is null || fact.Topics.Contains(unit.Topic)) &&
            (figure.Statistic is null || fact.Quoted || figure.Statistic == "Mean" && fact.Statistic is null || fact.Quantity == Quantity.Count ||
             string.Equals(fact.Statistic, figure.Statistic, StringComparison.OrdinalIgnoreCase)) &&
            (fact.Statistic is null || !GroundingVocabulary.DispersionStatistics.Contains(fact.Statistic) || string.Equals(fact.Statistic, figure.Statistic, StringComparison.OrdinalIgnoreCase));

        // The index gives facts the data states first, derived ones after: a stated fact is the better support.
        if (unit is not null)
        {
            var canonical = written * unit.Factor;
            var canonicalTolerance = tolerance * unit.Factor;
            foreach (var fact in Candidates(unit, written, tolerance, canonical, canonicalTolerance).Where(Allowed))
            {
                if (MatchesWithUnit(fact, unit, canonical, canonicalTolerance, written, tolerance))
                {
                    return fact;
                }
            }

            return null;
        }

        if (topic is not null)
        {
            if (topic.Quantity == Quantity.Setting)
            {
                return facts.Near(Quantity.Setting, low, high).FirstOrDefault(f => topic.Topics.Any(f.Topics.Contains) && Near(f.Value, written, tolerance));
            }

            // No unit: the value may be in the fact's own unit, or a time in seconds.
            var ranges = AllQuantities.Select(q => (q, low, high)).Append((Quantity.Time, low * 1000, high * 1000)).ToArray();
            return facts.Near(ranges).Where(Allowed).FirstOrDefault(f =>
                Near(f.Value, written, tolerance) ||
                (f.Quantity == Quantity.Time && Near(f.Value, written * 1000, tolerance * 1000)));
        }

        // Neither unit nor topic: only a fact the data states, in its own unit.
        return facts.Near(AllQuantities.Where(q => q != Quantity.Setting).Select(q => (q, low, high)).ToArray())
            .Where(f => !f.Derived && Allowed(f)).FirstOrDefault(f => Near(f.Value, written, tolerance));
    }

    /// <summary>The facts a figure written with <paramref name="unit"/> could match (a superset: each is then checked
    /// by <see cref="MatchesWithUnit"/>).</summary>
    private IEnumerable<Fact> Candidates(WrittenUnit unit, double written, double tolerance, double canonical, double canonicalTolerance)
    {
        var (low, high) = (written - tolerance, written + tolerance);
        switch (unit.Quantity)
        {
            case Quantity.Percent:
                // A percent, a ratio as a share (0.25 = 25%), or a ratio as a change (1.25x = +25%, 0.75x = -25%).
                return facts.Near(
                    (Quantity.Percent, low, high),
                    (Quantity.Ratio, low / 100, high / 100),
                    Magnitudes(Quantity.Ratio, 1 + low / 100, 1 + high / 100),
                    Magnitudes(Quantity.Ratio, 1 - high / 100, 1 - low / 100));
            case Quantity.Ratio:
                // A percent change p written as a ratio: |1 + p/100| = the ratio.
                return facts.Near(
                    (Quantity.Ratio, low, high),
                    Magnitudes(Quantity.Percent, 100 * (low - 1), 100 * (high - 1)),
                    Magnitudes(Quantity.Percent, -100 * (high + 1), -100 * (low + 1)));
            case Quantity.Tokens:
                return facts.Near((Quantity.Tokens, low, high), (Quantity.Setting, low, high));
            case Quantity.Other:
                return facts.Near(Quantity.Other, low, high);
            default:
                return facts.Near(unit.Quantity, canonical - canonicalTolerance, canonical + canonicalTolerance);
        }
    }

    /// <summary>The magnitudes |v| of the signed values v in [from, to], as an index range.</summary>
    private static (Quantity, double, double) Magnitudes(Quantity quantity, double from, double to) =>
        from >= 0 ? (quantity, from, to) : to <= 0 ? (quantity, -to, -from) : (quantity, 0, Math.Max(-from, to));

    private static bool MatchesWithUnit(Fact fact, WrittenUnit unit, double canonical, double canonicalTolerance, double written, double tolerance)
    {
        switch (unit.Quantity)
        {
            case Quantity.Percent:
                return (fact.Quantity == Quantity.Percent && Near(fact.Value, written, tolerance)) ||
                       (fact.Quantity == Quantity.Ratio && (Near(fact.Value * 100, written, tolerance) || Near(Math.Abs(fact.Value - 1) * 100, written, tolerance)));
            case Quantity.Ratio:
                return (fact.Quantity == Quantity.Ratio && Near(fact.Value, written, tolerance)) ||
                       (fact.Quantity == Quantity.Percent && Near(1 + fact.Value / 100, written, tolerance));
            case Quantity.Tokens:
                return (fact.Quantity == Quantity.Tokens || (fact.Quantity == Quantity.Setting && fact.Topics.Contains(GroundingVocabulary.NumCtx)))
                       && Near(fact.Value, written, tolerance);
            case Quantity.Other:
                return fact.Quantity == Quantity.Other && string.Equals(fact.Unit, unit.Text, StringComparison.OrdinalIgnoreCase) && Near(fact.Value, written, tolerance);
            default:
                return fact.Quantity == unit.Quantity && Near(fact.Value, canonical, canonicalTolerance);
        }
    }

    private static bool Compatible(Quantity topic, Quantity unit) =>
        topic == unit || (topic == Quantity.Setting && unit == Quantity.Tokens) || (topic == Quantity.Count && unit == Quantity.Count);

    private static bool Near(double fact, double written, double tolerance) => Math.Abs(Math.Abs(fact) - written) <= tolerance;
}
