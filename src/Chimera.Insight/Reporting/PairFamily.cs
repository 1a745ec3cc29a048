namespace Chimera.Insight.Reporting;

/// <summary>
/// The groups of one metric and statistic, and what any two of them derive: their difference, their ratio
/// (both ways) and their percent difference (relative to the lower and to the higher). Those facts are never
/// listed (a large data set would derive hundreds of thousands); they are found on demand, by value range.
/// </summary>
internal sealed class PairFamily
{
    private const double Slack = 1e-9;
    private readonly (string Group, double Value)[] bySigned;
    private readonly (string Group, double Magnitude)[] byMagnitude;

    public PairFamily(string metric, string statistic, Quantity quantity, string? unit, ISet<string> topics, IReadOnlyList<(string Group, double Value)> members)
    {
        Metric = metric;
        Statistic = statistic;
        Quantity = quantity;
        Unit = unit;
        Topics = topics;
        bySigned = members.OrderBy(m => m.Value).ToArray();
        byMagnitude = members.Where(m => m.Value != 0).Select(m => (m.Group, Math.Abs(m.Value))).OrderBy(m => m.Item2).ToArray();
    }

    public string Metric { get; }
    public string Statistic { get; }
    public Quantity Quantity { get; }
    public string? Unit { get; }
    public ISet<string> Topics { get; }

    /// <summary>How many facts the pairs derive: a difference for every pair, two ratios and two percentages for every pair of non-zero values.</summary>
    public long DerivedFactCount =>
        Pairs(bySigned.Length) + 4 * Pairs(byMagnitude.Length);

    /// <summary>The derived facts of <paramref name="quantity"/> whose magnitude lies in [low, high].</summary>
    public IEnumerable<Fact> Within(Quantity quantity, double low, double high)
    {
        if (high < 0)
        {
            yield break;
        }

        low = Math.Max(0, low);
        if (quantity == Quantity)
        {
            foreach (var fact in Differences(low, high)) yield return fact;
        }

        if (quantity == Quantity.Ratio)
        {
            foreach (var fact in Ratios(low, high, highOverLow: true)) yield return fact;
            foreach (var fact in Ratios(low, high, highOverLow: false)) yield return fact;
        }

        if (quantity == Quantity.Percent)
        {
            // (high - low) / low = p  <=>  high / low = 1 + p;  (high - low) / high = p  <=>  high / low = 1 / (1 - p).
            foreach (var (a, b) in Between(1 + low / 100, 1 + high / 100))
            {
                var increase = 100 * (b.Magnitude - a.Magnitude) / a.Magnitude;
                yield return Derived(increase, Quantity.Percent, () => $"percent difference of {What(a.Group, b.Group)} = {Numbers.Percent(increase)} (relative to the lower)", null);
            }

            if (low < 100)
            {
                foreach (var (a, b) in Between(1 / (1 - low / 100), high >= 100 ? double.PositiveInfinity : 1 / (1 - high / 100)))
                {
                    var decrease = 100 * (b.Magnitude - a.Magnitude) / b.Magnitude;
                    yield return Derived(decrease, Quantity.Percent, () => $"percent difference of {What(a.Group, b.Group)} = {Numbers.Percent(decrease)} (relative to the higher)", null);
                }
            }
        }
    }

    private IEnumerable<Fact> Differences(double low, double high)
    {
        for (var i = 0; i < bySigned.Length; i++)
        {
            // Widened by a hair: the exact test is the checker's, on the derived value itself.
            var from = bySigned[i].Value + low;
            var to = bySigned[i].Value + high;
            for (var j = FirstSigned(from - Slack * (1 + Math.Abs(from)), i + 1); j < bySigned.Length && bySigned[j].Value <= to + Slack * (1 + Math.Abs(to)); j++)
            {
                var (x, y) = (bySigned[i], bySigned[j]);
                var delta = Math.Abs(y.Value - x.Value);
                yield return Derived(delta, Quantity, () => $"difference of {What(x.Group, y.Group)} = {Numbers.Format(delta)}", Unit);
            }
        }
    }

    private IEnumerable<Fact> Ratios(double low, double high, bool highOverLow)
    {
        // high/low in [low, high] directly; low/high = r <=> high/low = 1/r.
        var (from, to) = highOverLow ? (low, high) : (high <= 0 ? double.PositiveInfinity : 1 / high, low <= 0 ? double.PositiveInfinity : 1 / low);
        foreach (var (a, b) in Between(from, to))
        {
            var ratio = highOverLow ? b.Magnitude / a.Magnitude : a.Magnitude / b.Magnitude;
            yield return Derived(ratio, Quantity.Ratio, () => $"ratio of {What(a.Group, b.Group)} = {Numbers.Format(ratio)}{(highOverLow ? "x" : "")}", null);
        }
    }

    /// <summary>Pairs (lower, higher magnitude) whose ratio higher/lower lies in [from, to].</summary>
    private IEnumerable<((string Group, double Magnitude) Low, (string Group, double Magnitude) High)> Between(double from, double to)
    {
        if (to < from)
        {
            yield break;
        }

        for (var i = 0; i < byMagnitude.Length; i++)
        {
            var low = byMagnitude[i];
            for (var j = FirstMagnitude(low.Magnitude * from * (1 - Slack), i + 1); j < byMagnitude.Length && byMagnitude[j].Magnitude <= low.Magnitude * to * (1 + Slack); j++)
            {
                yield return (low, byMagnitude[j]);
            }
        }
    }

    private Fact Derived(double value, Quantity quantity, Func<string> describe, string? unit) =>
        new(value, quantity, describe, Topics, Statistic, derived: true, unit: unit);

    private string What(string a, string b) => $"{Metric} {Statistic}, {a} vs {b}";

    private int FirstSigned(double value, int start) => LowerBound(bySigned.Length, start, k => bySigned[k].Value < value);

    private int FirstMagnitude(double value, int start) => LowerBound(byMagnitude.Length, start, k => byMagnitude[k].Magnitude < value);

    private static int LowerBound(int length, int start, Func<int, bool> before)
    {
        int low = start, high = length;
        while (low < high)
        {
            var middle = (low + high) / 2;
            if (before(middle)) low = middle + 1;
            else high = middle;
        }

        return low;
    }

    private static long Pairs(long n) => n * (n - 1) / 2;
}
