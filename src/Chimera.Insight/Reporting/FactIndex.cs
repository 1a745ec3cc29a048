namespace Chimera.Insight.Reporting;

/// <summary>
/// The facts of a <see cref="FactSet"/> by quantity, sorted by magnitude, so a written figure is compared
/// only with the facts near it instead of every fact (a large data set derives hundreds of thousands).
/// Candidates come back in the fact set's own order, stated facts before derived ones.
/// </summary>
internal sealed class FactIndex
{
    private readonly Dictionary<Quantity, Bucket> buckets = new();

    public FactIndex(IReadOnlyList<Fact> facts)
    {
        Stated = facts.Where(f => !f.Derived).ToList();
        foreach (var group in facts.Select((fact, order) => (fact, order)).GroupBy(x => x.fact.Quantity))
        {
            buckets[group.Key] = new Bucket(group.OrderBy(x => Math.Abs(x.fact.Value)).ToArray());
        }
    }

    /// <summary>The facts the data states (not derived), in order.</summary>
    public IReadOnlyList<Fact> Stated { get; }

    /// <summary>Facts of <paramref name="quantity"/> whose magnitude |Value| lies in [low, high], stated first, each part in order.</summary>
    public IEnumerable<Fact> Near(Quantity quantity, double low, double high) => Near((quantity, low, high));

    /// <summary>As <see cref="Near(Quantity, double, double)"/> over several ranges and quantities at once.</summary>
    public IEnumerable<Fact> Near(params (Quantity Quantity, double Low, double High)[] ranges) =>
        Ordered(ranges.SelectMany(r => Range(r.Quantity, r.Low, r.High)).Distinct());

    private IEnumerable<(Fact Fact, int Order)> Range(Quantity quantity, double low, double high)
    {
        if (!buckets.TryGetValue(quantity, out var bucket) || high < low)
        {
            yield break;
        }

        for (var i = bucket.FirstAtLeast(Math.Max(0, low)); i < bucket.Entries.Length && bucket.Magnitudes[i] <= high; i++)
        {
            yield return bucket.Entries[i];
        }
    }

    private static IEnumerable<Fact> Ordered(IEnumerable<(Fact Fact, int Order)> candidates)
    {
        var list = candidates.ToList();
        return list.Where(c => !c.Fact.Derived).OrderBy(c => c.Order)
            .Concat(list.Where(c => c.Fact.Derived).OrderBy(c => c.Order))
            .Select(c => c.Fact);
    }

    private sealed class Bucket
    {
        public Bucket((Fact Fact, int Order)[] entries)
        {
            Entries = entries;
            Magnitudes = entries.Select(e => Math.Abs(e.Fact.Value)).ToArray();
        }

        public (Fact Fact, int Order)[] Entries { get; }

        public double[] Magnitudes { get; }

        public int FirstAtLeast(double magnitude)
        {
            int low = 0, high = Magnitudes.Length;
            while (low < high)
            {
                var middle = (low + high) / 2;
                if (Magnitudes[middle] < magnitude) low = middle + 1;
                else high = middle;
            }

            return low;
        }
    }
}
