using System.Globalization;
using System.IO.Hashing;
using System.Text;

namespace Chimera.Insight.Statistics;

/// <summary>What a file's records say, independent of its format: the same run exported as CSV and as JSON gives
/// the same fingerprint. Built from each record's dimensions and values (not its source, location, record id or
/// timestamp), raw samples and reported figures apart so that a JSON export which adds a summary still matches
/// the CSV of its raw rows.</summary>
internal sealed class ContentFingerprint
{
    private ContentFingerprint(string? raw, string? reported)
    {
        Raw = raw;
        Reported = reported;
    }

    /// <summary>Fingerprint of the raw samples, null when there are none.</summary>
    public string? Raw { get; }

    /// <summary>Fingerprint of the reported figures, null when there are none.</summary>
    public string? Reported { get; }

    public string? For(MetricOrigin origin) => origin == MetricOrigin.Measured ? Raw : Reported;

    public static ContentFingerprint Compute(IEnumerable<BenchmarkSample> samples)
    {
        var raw = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        var reported = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        var index = 0;
        foreach (var sample in samples)
        {
            var records = IsReported(sample) ? reported : raw;
            var record = sample.Record ?? "#" + index.ToString(CultureInfo.InvariantCulture);
            index++;
            if (!records.TryGetValue(record, out var lines))
            {
                lines = [];
                records.Add(record, lines);
            }

            lines.Add(Describe(sample));
        }

        return new ContentFingerprint(Hash(raw), Hash(reported));
    }

    private static bool IsReported(BenchmarkSample sample) =>
        !string.IsNullOrEmpty(sample.Statistic) && sample.Statistic != Insight.Statistic.Sample;

    private static string Describe(BenchmarkSample s) => string.Join("\u001f",
        s.Metric, s.Unit, s.Statistic, s.Model, s.Backend, s.Configuration, s.Prompt,
        s.Phase.ToString(), s.Failed ? "failed" : "ok",
        s.Value.ToString("G9", CultureInfo.InvariantCulture));

    private static string? Hash(Dictionary<string, List<string>> records)
    {
        if (records.Count == 0)
        {
            return null;
        }

        var recordHashes = new List<ulong>(records.Count);
        foreach (var lines in records.Values)
        {
            lines.Sort(StringComparer.Ordinal);
            recordHashes.Add(XxHash64.HashToUInt64(Encoding.UTF8.GetBytes(string.Join("\n", lines))));
        }

        recordHashes.Sort();
        var file = new XxHash128();
        var buffer = new byte[8];
        foreach (var hash in recordHashes)
        {
            for (var i = 0; i < 8; i++)
            {
                buffer[i] = (byte)(hash >> (8 * i));
            }

            file.Append(buffer);
        }

        return string.Concat(file.GetCurrentHash().Select(b => b.ToString("x2", CultureInfo.InvariantCulture)));
    }
}
