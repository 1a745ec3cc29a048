namespace Chimera.Insight.Statistics;

/// <summary>The sources a session that makes partial results counted, with what identifies their content (content
/// hash, record fingerprints), numbered in the order they were counted: the run record ships it once, the parts refer
/// to it by number.</summary>
internal sealed class PartialSourceTable
{
    private readonly Dictionary<string, int> index = new(StringComparer.Ordinal);
    private readonly List<string> sources = [];
    private readonly List<string> hashes = [];
    private readonly List<ContentFingerprint> fingerprints = [];

    public void Note(string source, string? contentHash, ContentFingerprint fingerprint)
    {
        if (index.ContainsKey(source))
        {
            return;
        }

        index.Add(source, sources.Count);
        sources.Add(source);
        hashes.Add(contentHash ?? "");
        fingerprints.Add(fingerprint);
    }

    /// <summary>The number of a source, added (without fingerprints) when it was never noted: a source that fed a
    /// group but not through a file or samples (a metric given).</summary>
    public int IndexOf(string source)
    {
        lock (index)
        {
            return IndexOfLocked(source);
        }
    }

    private int IndexOfLocked(string source)
    {
        if (!index.TryGetValue(source, out var i))
        {
            Note(source, null, ContentFingerprint.Of(null, null));
            i = index[source];
        }

        return i;
    }

    public BenchmarkPartialRun ToRun(string runId, string computer, int partCount, BenchmarkInventorySummary? inventory)
    {
        var writer = new PartWriter();
        writer.WriteVarint((ulong)sources.Count);
        for (var i = 0; i < sources.Count; i++)
        {
            writer.WriteString(sources[i]);
            WriteHex(writer, hashes[i]);
            WriteHex(writer, fingerprints[i].Raw?.ToString());
            WriteHex(writer, fingerprints[i].Reported?.ToString());
        }

        return new BenchmarkPartialRun
        {
            RunId = runId,
            ComputerName = computer,
            SourceCount = sources.Count,
            SourceTable = writer.ToBase64(),
            PartCount = partCount,
            Inventory = inventory,
        };
    }

    /// <summary>The sources of a run record: path, content hash (null when unknown) and fingerprint each.</summary>
    public static List<(string Source, string? ContentHash, ContentFingerprint Fingerprint)> Read(BenchmarkPartialRun run)
    {
        var reader = PartReader.FromBase64(run.SourceTable);
        var count = reader.ReadCount();
        var table = new List<(string, string?, ContentFingerprint)>(count);
        for (var i = 0; i < count; i++)
        {
            var source = reader.ReadString() ?? "";
            var hash = ReadHex(reader);
            var raw = Hash128.Parse(ReadHex(reader));
            var reported = Hash128.Parse(ReadHex(reader));
            table.Add((source, hash is { Length: > 0 } ? hash : null, ContentFingerprint.Of(raw, reported)));
        }

        return table;
    }

    // Hashes are hex text: stored as their bytes (half the size), any other text as it is.
    private static void WriteHex(PartWriter writer, string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            writer.WriteByte(0);
        }
        else if (text!.Length % 2 == 0 && text.Length <= 510 && text.All(Uri.IsHexDigit) && text.ToLowerInvariant() == text)
        {
            writer.WriteByte(1);
            writer.WriteByte((byte)(text.Length / 2));
            for (var i = 0; i < text.Length; i += 2)
            {
                writer.WriteByte(Convert.ToByte(text.Substring(i, 2), 16));
            }
        }
        else
        {
            writer.WriteByte(2);
            writer.WriteString(text);
        }
    }

    private static string? ReadHex(PartReader reader)
    {
        switch (reader.ReadByte())
        {
            case 0:
                return null;
            case 1:
                var length = reader.ReadByte();
                var text = new System.Text.StringBuilder(length * 2);
                for (var i = 0; i < length; i++)
                {
                    text.Append(reader.ReadByte().ToString("x2", System.Globalization.CultureInfo.InvariantCulture));
                }

                return text.ToString();
            case 2:
                return reader.ReadString();
            default:
                throw new InvalidDataException(PartialMessages.DamagedPart("unknown hash coding"));
        }
    }
}
