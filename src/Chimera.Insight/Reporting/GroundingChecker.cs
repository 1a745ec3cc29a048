using Chimera.Insight.Reporting.Grounding;

namespace Chimera.Insight.Reporting;

/// <summary>
/// Checks which figures in a text the data supports. Each figure is read as a claim (<see cref="ClaimReader"/>:
/// its subject, metric, statistic, unit and relation) and grounded only by a fact of the same shape
/// (<see cref="ClaimMatcher"/>); an ungrounded figure says why and what the data holds instead.
/// </summary>
public static class GroundingChecker
{
    public static GroundingResult Check(string? text, FactSet facts, string? source = null)
    {
        if (facts is null) throw new ArgumentNullException(nameof(facts));
        var body = (text ?? "").Replace("\r\n", "\n").Replace('\r', '\n');
        var catalog = facts.Catalog;
        var reader = new ClaimReader(body.Split('\n'), catalog.Vocabulary, catalog.Topics);
        var matcher = new ClaimMatcher(catalog, new LooseFactMatcher(facts.Index, facts.NamedFigures));
        var figures = FigureScanner.Scan(body)
            .Where(figure => !reader.IsInsideName(figure))
            .Select(figure => matcher.Judge(reader.Read(figure)))
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
}
