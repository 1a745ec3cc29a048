namespace Chimera.Insight.Reporting;

/// <summary>
/// Checks which figures in a text the data supports. A figure is grounded when a fact of a compatible
/// kind equals it at the precision written, after a unit change (ms and s; a fraction and a percent;
/// a ratio and a percent change), or when the analysis derives it (counts, differences, ratios,
/// shares, percent differences). The unit written beside a figure, and the metric or statistic named
/// before it in its sentence or table, narrow the facts that may support it, so that a large fact set
/// cannot support any number by coincidence. A figure with neither unit nor topic may only be
/// supported by a fact stated as such (never a derived one). Each figure is compared only with the
/// facts of a compatible quantity near its value (<see cref="FactIndex"/>).
/// </summary>
public static class GroundingChecker
{
    private static readonly Quantity[] AllQuantities = (Quantity[])Enum.GetValues(typeof(Quantity));

    public static GroundingResult Check(string? text, FactSet facts, string? source = null)
    {
        if (facts is null) throw new ArgumentNullException(nameof(facts));
        var figures = FigureScanner.Scan(text ?? "")
            .Select(figure => Judge(figure, facts.Index))
            .ToArray();
        var grounded = figures.Where(f => f.IsGrounded).ToArray();
        return new GroundingResult
        {
            Figures = figures,
            Grounded = grounded,
            Ungrounded = figures.Where(f => !f.IsGrounded).ToArray(),
            GroundedRatio = figures.Length == 0 ? 1 : (double)grounded.Length / figures.Length,
            Source = source,
        };
    }

    private static GroundedFigure Judge(WrittenFigure figure, FactIndex facts)
    {
        var unit = figure.Unit ?? figure.HeaderUnit;
        var support = FindSupport(figure, unit, facts);
        return new GroundedFigure
        {
            Text = figure.Text,
            Value = figure.Value,
            Unit = unit?.Text ?? (figure.SettingKey is not null ? figure.SettingKey : null),
            Line = figure.Line,
            Column = figure.Column,
            IsGrounded = support is not null,
            SupportedBy = support?.Label,
        };
    }

    private static Fact? FindSupport(WrittenFigure figure, WrittenUnit? unit, FactIndex facts)
    {
        var exact = FindExactSupport(figure, unit, facts);
        if (exact is not null || figure.Bound == 0 || unit is null)
        {
            return exact;
        }

        // "over 100 tok/s", "under 0.1 s": a bound holds when a stated fact of the same kind lies beyond it.
        var bound = Math.Abs(figure.Value) * unit.Factor;
        var topic = figure.Topic is not null && Compatible(figure.Topic.Quantity, unit.Quantity) ? figure.Topic : null;
        return facts.Stated.FirstOrDefault(f =>
            f.Quantity == unit.Quantity && unit.Quantity is Quantity.Rate or Quantity.Time or Quantity.Tokens or Quantity.Count or Quantity.Percent &&
            (topic is null || topic.Topics.Any(f.Topics.Contains)) &&
            (unit.Topic is null || f.Topics.Contains(unit.Topic)) &&
            (f.Statistic is null || !GroundingVocabulary.DispersionStatistics.Contains(f.Statistic)) &&
            (figure.Bound > 0 ? f.Value > bound : f.Value < bound));
    }

    private static Fact? FindExactSupport(WrittenFigure figure, WrittenUnit? unit, FactIndex facts)
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

        bool Allowed(Fact fact) =>
            (topic is null || topic.Topics.Any(fact.Topics.Contains)) &&
            (unit?.Topic is null || fact.Topics.Contains(unit.Topic)) &&
            (figure.Statistic is null || fact.Quantity == Quantity.Count || fact.Statistic == GroundingVocabulary.Spread ||
             string.Equals(fact.Statistic, figure.Statistic, StringComparison.OrdinalIgnoreCase)) &&
            (fact.Statistic != GroundingVocabulary.Spread || figure.Statistic is not null) &&
            (fact.Statistic is null || !GroundingVocabulary.DispersionStatistics.Contains(fact.Statistic) || string.Equals(fact.Statistic, figure.Statistic, StringComparison.OrdinalIgnoreCase));

        // The index gives facts the data states first, derived ones after: a stated fact is the better support.
        if (unit is not null)
        {
            var canonical = written * unit.Factor;
            var canonicalTolerance = tolerance * unit.Factor;
            foreach (var fact in Candidates(unit, written, tolerance, canonical, canonicalTolerance, facts).Where(Allowed))
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
    private static IEnumerable<Fact> Candidates(WrittenUnit unit, double written, double tolerance, double canonical, double canonicalTolerance, FactIndex facts)
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
