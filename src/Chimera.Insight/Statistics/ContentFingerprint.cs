using System.Globalization;
using System.IO.Hashing;
using System.Runtime.InteropServices;

namespace Chimera.Insight.Statistics;

/// <summary>What a file's records say, independent of its format: the same run exported as CSV and as JSON gives
/// the same fingerprint. Built from each record's dimensions and values (not its source, location, record id or
/// timestamp; values rounded to 9 significant digits so that 0.0865 s and 86.5 ms agree), raw samples and
/// reported figures apart so that a JSON export which adds a summary still matches the CSV of its raw rows.
/// Every sample is hashed without allocating: a file's fingerprint costs little next to reading it.</summary>
internal sealed class ContentFingerprint
{
    private ContentFingerprint(Hash128? raw, Hash128? reported)
    {
        Raw = raw;
        Reported = reported;
    }

    /// <summary>Fingerprint of the raw samples, null when there are none.</summary>
    public Hash128? Raw { get; }

    /// <summary>Fingerprint of the reported figures, null when there are none.</summary>
    public Hash128? Reported { get; }

    public Hash128? For(MetricOrigin origin) => origin == MetricOrigin.Measured ? Raw : Reported;

    public static ContentFingerprint Compute(IEnumerable<BenchmarkSample> samples)
    {
        // A record is the multiset of its samples: their hashes are summed, so order does not matter.
        var raw = new Dictionary<string, ulong>(StringComparer.Ordinal);
        var reported = new Dictionary<string, ulong>(StringComparer.Ordinal);
        var index = 0;
        foreach (var sample in samples)
        {
            var records = IsReported(sample) ? reported : raw;
            var record = sample.Record ?? "#" + index.ToString(CultureInfo.InvariantCulture);
            index++;
            records.TryGetValue(record, out var sum);
            records[record] = unchecked(sum + Hash(sample));
        }

        return new ContentFingerprint(Combine(raw), Combine(reported));
    }

    private static bool IsReported(BenchmarkSample sample) =>
        !string.IsNullOrEmpty(sample.Statistic) && sample.Statistic != Insight.Statistic.Sample;

    private static ulong Hash(BenchmarkSample s)
    {
        var h = Hash(s.Metric);
        h = Mix(h, Hash(s.Unit));
        h = Mix(h, Hash(s.Statistic));
        h = Mix(h, Hash(s.Model));
        h = Mix(h, Hash(s.Backend));
        h = Mix(h, Hash(s.Configuration));
        h = Mix(h, Hash(s.Prompt));
        h = Mix(h, (ulong)s.Phase + 1);
        h = Mix(h, s.Failed ? 2UL : 1UL);
        h = Mix(h, (ulong)BitConverter.DoubleToInt64Bits(RoundSignificant(s.Value)));
        return Finalize(h);
    }

    private static ulong Hash(string? text) =>
        text is null ? 0x9E3779B97F4A7C15UL : XxHash64.HashToUInt64(MemoryMarshal.AsBytes(text.AsSpan()));

    private static ulong Mix(ulong h, ulong v) => unchecked((h ^ Finalize(v)) * 0x9E3779B97F4A7C15UL + 0x632BE59BD9B4E019UL);

    /// <summary>The splitmix64 finalizer: spreads every input bit over the whole word.</summary>
    private static ulong Finalize(ulong z)
    {
        unchecked
        {
            z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
            z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
            return z ^ (z >> 31);
        }
    }

    private static double RoundSignificant(double value)
    {
        if (value == 0 || double.IsNaN(value) || double.IsInfinity(value))
        {
            return value == 0 ? 0 : value; // folds -0 into 0
        }

        var digits = 8 - (int)Math.Floor(Math.Log10(Math.Abs(value)));
        if (digits is < -15 or > 15)
        {
            return value;
        }

        return digits >= 0 ? Math.Round(value, digits) : Math.Round(value / Math.Pow(10, -digits)) * Math.Pow(10, -digits);
    }

    private static Hash128? Combine(Dictionary<string, ulong> records)
    {
        if (records.Count == 0)
        {
            return null;
        }

        var hashes = records.Values.ToArray();
        Array.Sort(hashes);
        var bytes = new byte[hashes.Length * sizeof(ulong)];
        Buffer.BlockCopy(hashes, 0, bytes, 0, bytes.Length);
        var hash = XxHash128.Hash(bytes);
        return new Hash128(BitConverter.ToUInt64(hash, 0), BitConverter.ToUInt64(hash, 8));
    }
}

/// <summary>A 128-bit hash, kept as two words rather than text: a registry of 100,000 files stays small.</summary>
internal readonly struct Hash128(ulong high, ulong low) : IEquatable<Hash128>
{
    private readonly ulong high = high;
    private readonly ulong low = low;

    public bool Equals(Hash128 other) => high == other.high && low == other.low;

    public override bool Equals(object? obj) => obj is Hash128 other && Equals(other);

    public override int GetHashCode() => unchecked((int)low ^ (int)(low >> 32) ^ (int)high);

    public override string ToString() => high.ToString("x16", CultureInfo.InvariantCulture) + low.ToString("x16", CultureInfo.InvariantCulture);
}
