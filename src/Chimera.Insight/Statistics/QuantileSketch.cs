namespace Chimera.Insight.Statistics;

/// <summary>
/// A DDSketch (Masson, Rim and Lee, "DDSketch: a fast and fully-mergeable quantile sketch with relative-error
/// guarantees", VLDB 2019): values fall into logarithmic buckets [γ^(i-1), γ^i) with γ = (1 + α) / (1 - α), one
/// store for positive and one for negative values, exact zero apart. Every quantile it returns is within α relative
/// of the true order statistic of that rank; two sketches merge exactly (bucket counts add), so a merged sketch is
/// the sketch of all the values. Quantiles interpolate between the two ranks as type 7 does, so they stay within α
/// relative of the type-7 percentile of the values. No library on the NuGet feed this project uses implements it.
/// </summary>
internal sealed class QuantileSketch
{
    // Below this magnitude a value counts as zero (far beneath any benchmark figure's resolution).
    private const double MinIndexable = 1e-12;
    private readonly SortedDictionary<int, long> positive = [];
    private readonly SortedDictionary<int, long> negative = [];
    private readonly double gamma;
    private readonly double logGamma;
    private long zeroCount;

    public QuantileSketch(double relativeAccuracy)
    {
        RelativeAccuracy = relativeAccuracy;
        gamma = (1 + relativeAccuracy) / (1 - relativeAccuracy);
        logGamma = Math.Log(gamma);
    }

    public double RelativeAccuracy { get; }

    public long Count { get; private set; }

    public void Add(double value, long count = 1)
    {
        if (Math.Abs(value) < MinIndexable)
        {
            zeroCount += count;
        }
        else
        {
            var store = value > 0 ? positive : negative;
            var index = IndexOf(Math.Abs(value));
            store[index] = (store.TryGetValue(index, out var n) ? n : 0) + count;
        }

        Count += count;
    }

    public void Merge(QuantileSketch other)
    {
        if (Math.Abs(other.RelativeAccuracy - RelativeAccuracy) > 1e-15)
        {
            throw new ArgumentException(PartialMessages.SketchAccuracyMismatch(RelativeAccuracy, other.RelativeAccuracy), nameof(other));
        }

        foreach (var pair in other.positive)
        {
            positive[pair.Key] = (positive.TryGetValue(pair.Key, out var n) ? n : 0) + pair.Value;
        }

        foreach (var pair in other.negative)
        {
            negative[pair.Key] = (negative.TryGetValue(pair.Key, out var n) ? n : 0) + pair.Value;
        }

        zeroCount += other.zeroCount;
        Count += other.Count;
    }

    /// <summary>The percentile (0..100) as type 7 defines it, from the sketch; NaN when empty.</summary>
    public double Percentile(double percentile)
    {
        if (Count == 0)
        {
            return double.NaN;
        }

        var rank = percentile / 100.0 * (Count - 1);
        var lower = (long)Math.Floor(rank);
        var low = ValueAtRank(lower);
        var fraction = rank - lower;
        return fraction == 0 ? low : low + fraction * (ValueAtRank(Math.Min(lower + 1, Count - 1)) - low);
    }

    /// <summary>Each bucket's representative value, once per value it holds, ascending: what a rank test needs.</summary>
    public double[] Expand()
    {
        var values = new double[Count];
        var at = 0;
        foreach (var (value, count) in Buckets())
        {
            for (var i = 0L; i < count; i++)
            {
                values[at++] = value;
            }
        }

        return values;
    }

    private double ValueAtRank(long rank)
    {
        long seen = 0;
        foreach (var (value, count) in Buckets())
        {
            seen += count;
            if (seen > rank)
            {
                return value;
            }
        }

        throw new InvalidOperationException("rank beyond the sketch's count");
    }

    /// <summary>The buckets in ascending order of value: negative (largest magnitude first), zero, positive.</summary>
    private IEnumerable<(double Value, long Count)> Buckets()
    {
        foreach (var pair in negative.Reverse())
        {
            yield return (-ValueOf(pair.Key), pair.Value);
        }

        if (zeroCount > 0)
        {
            yield return (0, zeroCount);
        }

        foreach (var pair in positive)
        {
            yield return (ValueOf(pair.Key), pair.Value);
        }
    }

    private int IndexOf(double magnitude) => (int)Math.Ceiling(Math.Log(magnitude) / logGamma);

    // The bucket's point of least relative error: 2γ^i / (γ + 1).
    private double ValueOf(int index) => 2 * Math.Exp(index * logGamma) / (gamma + 1);

    /// <summary>Compact bytes: the accuracy, the zero count, then each store as (index delta, count) varints.</summary>
    public void WriteTo(PartWriter writer)
    {
        writer.WriteDouble(RelativeAccuracy);
        writer.WriteVarint((ulong)zeroCount);
        WriteStore(writer, positive);
        WriteStore(writer, negative);
    }

    public static QuantileSketch ReadFrom(PartReader reader)
    {
        var sketch = new QuantileSketch(reader.ReadDouble());
        sketch.zeroCount = (long)reader.ReadVarint();
        sketch.Count = sketch.zeroCount + ReadStore(reader, sketch.positive) + ReadStore(reader, sketch.negative);
        return sketch;
    }

    private static void WriteStore(PartWriter writer, SortedDictionary<int, long> store)
    {
        writer.WriteVarint((ulong)store.Count);
        var previous = 0;
        foreach (var pair in store)
        {
            writer.WriteSigned(pair.Key - (long)previous);
            writer.WriteVarint((ulong)pair.Value);
            previous = pair.Key;
        }
    }

    private static long ReadStore(PartReader reader, SortedDictionary<int, long> store)
    {
        var buckets = reader.ReadCount();
        var index = 0L;
        long total = 0;
        for (var i = 0; i < buckets; i++)
        {
            index += reader.ReadSigned();
            var count = (long)reader.ReadVarint();
            store[(int)index] = count;
            total += count;
        }

        return total;
    }
}
