using System.Globalization;
using System.IO.Hashing;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Chimera.Insight.Extraction;

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

    /// <summary>No content to match other files with (what is left of a file whose twin holds the rest).</summary>
    public static readonly ContentFingerprint None = new(null, null);

    /// <summary>Fingerprint of the raw samples, null when there are none.</summary>
    public Hash128? Raw { get; }

    /// <summary>Fingerprint of the reported figures, null when there are none.</summary>
    public Hash128? Reported { get; }

    /// <summary>A fingerprint computed elsewhere (a partial result's source).</summary>
    public static ContentFingerprint Of(Hash128? raw, Hash128? reported) => new(raw, reported);

    /// <summary>The fingerprint of a file's records: the same as that of the samples they make, computed without them
    /// (each record's dimensions are hashed once, not once per value).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal static ContentFingerprint Compute(IReadOnlyList<BenchmarkRecord> records, Scratch scratch)
    {
        // Per-record sums gather in two arrays of the reader context, reused file after file.
        var raw = scratch.Raw;
        var reported = scratch.Reported;
        int rawCount = 0, reportedCount = 0;
        var shared = new StableHash.LastOfFour();
        foreach (var record in records)
        {
            var d = record.Dimensions;
            var context = Context(shared.Of(d.Model, d.Backend, record.Configuration, record.Prompt), record.Phase, record.Failed);
            ulong rawSum = 0, reportedSum = 0;
            bool hasRaw = false, hasReported = false;
            foreach (var value in record.Values)
            {
                if (!record.Emits(value))
                {
                    continue;
                }

                var hash = Hash(value.FigureKey, context, record.ValueOf(value));
                if (IsReported(value.Statistic))
                {
                    reportedSum = unchecked(reportedSum + hash);
                    hasReported = true;
                }
                else
                {
                    rawSum = unchecked(rawSum + hash);
                    hasRaw = true;
                }
            }

            if (hasRaw)
            {
                Append(ref raw, ref rawCount, rawSum);
            }

            if (hasReported)
            {
                Append(ref reported, ref reportedCount, reportedSum);
            }
        }

        scratch.Raw = raw;
        scratch.Reported = reported;
        return new ContentFingerprint(Combine(raw, rawCount), Combine(reported, reportedCount));
    }

    /// <summary>The per-record sums of the file being fingerprinted, kept by a reader context for the next file.</summary>
    internal sealed class Scratch
    {
        public ulong[]? Raw;
        public ulong[]? Reported;
    }

    private static void Append(ref ulong[]? list, ref int count, ulong value)
    {
        list ??= new ulong[8];
        if (count == list.Length)
        {
            Array.Resize(ref list, count * 2);
        }

        list[count++] = value;
    }

    private static bool IsReported(string? statistic) => !string.IsNullOrEmpty(statistic) && statistic != Insight.Statistic.Sample;

    /// <summary>One hash of what all the values of a record share (<paramref name="texts"/>: its model, backend,
    /// configuration and prompt): computed once per record.</summary>
    private static ulong Context(ulong texts, Phase phase, bool failed) =>
        StableHash.Mix(StableHash.Mix(texts, (ulong)phase + 1), failed ? 2UL : 1UL);

    /// <summary>A value's hash: its field (<see cref="StableHash.OfFigure"/>), what its record shares, and its figure.</summary>
    private static ulong Hash(ulong figureKey, ulong context, double value)
    {
        var h = StableHash.Mix(context, figureKey);
        h = StableHash.Mix(h, (ulong)BitConverter.DoubleToInt64Bits(RoundSignificant(value)));
        return StableHash.Finalize(h);
    }

    /// <summary>The value to 9 significant digits, -0 folded into 0.</summary>
    private static double RoundSignificant(double value) => value == 0 ? 0 : SignificantDigits.Round(value, 9);

    /// <summary>One hash of the record hashes in <paramref name="recordHashes"/> (its first <paramref name="count"/>,
    /// which are sorted in place: a multiset of records, in any order).</summary>
    private static Hash128? Combine(ulong[]? recordHashes, int count)
    {
        if (recordHashes is null || count == 0)
        {
            return null;
        }

        Array.Sort(recordHashes, 0, count);
        Span<byte> hash = stackalloc byte[16];
        XxHash128.Hash(MemoryMarshal.AsBytes(recordHashes.AsSpan(0, count)), hash);
        return new Hash128(MemoryMarshal.Read<ulong>(hash), MemoryMarshal.Read<ulong>(hash.Slice(8)));
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

    /// <summary>Reads what <see cref="ToString"/> wrote; null for anything else.</summary>
    public static Hash128? Parse(string? text) =>
        text is { Length: 32 }
        && ulong.TryParse(text.Substring(0, 16), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var high)
        && ulong.TryParse(text.Substring(16), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var low)
            ? new Hash128(high, low)
            : null;
}
