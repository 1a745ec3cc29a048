using Chimera.Insight.Extraction;

namespace Chimera.Insight.Statistics;

/// <summary>
/// Tells whether one file's records repeat another's, matched on what they hold rather than on their bytes: the same
/// figures (metric, unit, statistic) within the precision each file wrote them to (a Markdown rendering's 3.812 is a
/// JSON's 3.81213999), under dimensions that agree wherever both files state one (a CSV without a model column
/// matches a JSON export that names the model). Every figure of the copy is either found in the original, or one the
/// original does not hold for that subject at all (kept as the copy's own); a figure the original holds otherwise
/// means the files are not twins, and so does a copy whose figures are found for half of them or fewer.
/// </summary>
internal static class TwinMatcher
{
    // Comparisons beyond this are not attempted: the check stays cheap next to reading the files.
    private const long MaxComparisons = 20_000_000;

    /// <summary>The match of <paramref name="copy"/> in <paramref name="original"/>, or null when they are not twins.</summary>
    public static TwinMatch? Match(IReadOnlyList<BenchmarkRecord> copy, IReadOnlyList<BenchmarkRecord> original)
    {
        var pool = new Dictionary<ulong, List<Entry>>();
        var originalValues = 0L;
        for (var o = 0; o < original.Count; o++)
        {
            var record = original[o];
            if (record.Failed)
            {
                continue;
            }

            for (var k = 0; k < record.Values.Count; k++)
            {
                var value = record.Values[k];
                if (!value.Valid || value.Field.IsDerived)
                {
                    continue;
                }

                if (!pool.TryGetValue(value.FigureKey, out var list))
                {
                    list = [];
                    pool.Add(value.FigureKey, list);
                }

                list.Add(new Entry(o, value.Value, record.ResolutionOf(k)));
                originalValues++;
            }
        }

        var copyValues = copy.Sum(r => (long)r.Values.Count);
        if (originalValues == 0 || copyValues * Math.Max(1, originalValues / Math.Max(1, pool.Count)) > MaxComparisons)
        {
            return null;
        }

        var failedUsed = new bool[original.Count];
        var matchedValues = 0L;
        var match = new TwinMatch();
        foreach (var record in copy)
        {
            if (record.Values.Count == 0)
            {
                continue;
            }

            if (record.Failed)
            {
                var twin = -1;
                for (var o = 0; o < original.Count && twin < 0; o++)
                {
                    if (!failedUsed[o] && original[o].Failed && Compatible(record, original[o]))
                    {
                        twin = o;
                    }
                }

                if (twin < 0)
                {
                    return null;
                }

                failedUsed[twin] = true;
                match.Add(record, Enumerable.Range(0, record.Values.Count).ToList(), original[twin]);
                matchedValues += record.Values.Count;
                continue;
            }

            List<int>? matched = null;
            BenchmarkRecord? first = null;
            for (var k = 0; k < record.Values.Count; k++)
            {
                var value = record.Values[k];
                if (!value.Valid || value.Field.IsDerived || !pool.TryGetValue(value.FigureKey, out var entries))
                {
                    continue;
                }

                var tolerance = record.ResolutionOf(k);
                var sawSubject = false;
                var found = -1;
                for (var e = 0; e < entries.Count && found < 0; e++)
                {
                    var entry = entries[e];
                    if (entry.Used || !Compatible(record, original[entry.Record]))
                    {
                        continue;
                    }

                    sawSubject = true;
                    var allowed = Math.Max(tolerance, entry.Resolution) + (1e-9 * Math.Max(Math.Abs(value.Value), Math.Abs(entry.Value)));
                    if (Math.Abs(value.Value - entry.Value) <= allowed * (1 + 1e-9))
                    {
                        found = e;
                    }
                }

                if (found < 0)
                {
                    if (sawSubject)
                    {
                        return null; // the original states this figure for this subject, differently
                    }

                    continue;
                }

                var taken = entries[found];
                taken.Used = true;
                entries[found] = taken;
                first ??= original[taken.Record];
                (matched ??= []).Add(k);
            }

            if (matched is null)
            {
                continue; // a record only the copy holds (a section the original does not state): its own
            }

            matchedValues += matched.Count;

            // Figures derived from the matched ones (a throughput from tokens and eval time) repeat them too.
            for (var k = 0; k < record.Values.Count; k++)
            {
                if (record.Values[k].Field.IsDerived && !matched.Contains(k))
                {
                    matched.Add(k);
                }
            }

            matched.Sort();
            match.Add(record, matched, first!);
        }

        // Twins share most of what the copy holds; a figure or two in common is a coincidence, not a repeat.
        return matchedValues * 2 > copyValues ? match : null;
    }

    /// <summary>Dimensions agree where both records state them.</summary>
    private static bool Compatible(BenchmarkRecord a, BenchmarkRecord b) =>
        Agree(a.Dimensions.Model, b.Dimensions.Model) && Agree(a.Dimensions.Backend, b.Dimensions.Backend)
        && Agree(a.Dimensions.Quantization, b.Dimensions.Quantization) && Agree(a.Configuration, b.Configuration)
        && Agree(a.Prompt, b.Prompt);

    private static bool Agree(string? a, string? b) => a is null || b is null || string.Equals(a, b, StringComparison.OrdinalIgnoreCase);

    private struct Entry(int record, double value, double resolution)
    {
        public int Record { get; } = record;
        public double Value { get; } = value;
        public double Resolution { get; } = resolution;
        public bool Used { get; set; }
    }
}

/// <summary>Which values of each record of a copy its original holds, and the original record each record matched.</summary>
internal sealed class TwinMatch
{
    public List<(BenchmarkRecord Record, List<int> Values, BenchmarkRecord Twin)> Records { get; } = [];

    public void Add(BenchmarkRecord record, List<int> values, BenchmarkRecord twin) => Records.Add((record, values, twin));
}
