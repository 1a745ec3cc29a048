namespace Chimera.Insight.Statistics;

/// <summary>What a <see cref="BenchmarkMetricPart"/> carries in its payload, and its coding: the grouping it was
/// measured with, the cold count, the moments, the latest time, the configuration parts, the error texts with their
/// counts, the repeats left out where it was measured, the per-source segments and, for a sketched part, the sketch.</summary>
internal sealed class PartContent
{
    // 2: the run settings as one canonical text (every option of RunSettings.Options), not six fields.
    private const byte Version = 2;

    public GroupingKeys GroupBy { get; set; }
    public int ColdCount { get; set; }
    public Moments Moments { get; set; } = Moments.Empty;
    public DateTime? LatestTimestamp { get; set; }
    /// <summary>The run settings and quantization, carried on a metric object (null: none shared).</summary>
    public BenchmarkMetric? Configuration { get; set; }
    public List<KeyValuePair<string, int>> Errors { get; set; } = [];
    public string[] Duplicates { get; set; } = [];
    public string[] Redundant { get; set; } = [];
    public List<PartSegment> Segments { get; set; } = [];
    public QuantileSketch? Sketch { get; set; }

    public string Encode()
    {
        var w = new PartWriter();
        w.WriteByte(Version);
        w.WriteVarint((ulong)GroupBy);
        w.WriteVarint((ulong)ColdCount);
        w.WriteVarint((ulong)Moments.Count);
        if (Moments.Count > 0)
        {
            w.WriteDouble(Moments.Mean);
            w.WriteDouble(Moments.SumOfSquares);
            w.WriteDouble(Moments.Min);
            w.WriteDouble(Moments.Max);
        }

        w.WriteSigned(LatestTimestamp?.ToUniversalTime().Ticks ?? -1);
        var c = Configuration;
        w.WriteString(c is { Settings.IsEmpty: false } ? c.Settings.ToString() : null);
        w.WriteString(c?.Quantization);
        w.WriteVarint((ulong)Errors.Count);
        foreach (var error in Errors)
        {
            w.WriteString(error.Key);
            w.WriteVarint((ulong)error.Value);
        }

        WriteStrings(w, Duplicates);
        WriteStrings(w, Redundant);
        PartSegmentCodec.Write(w, Segments, withValues: Sketch is null);
        w.WriteByte(Sketch is null ? (byte)0 : (byte)1);
        Sketch?.WriteTo(w);
        return w.ToBase64();
    }

    public static PartContent Decode(string payload)
    {
        var r = PartReader.FromBase64(payload);
        if (r.ReadByte() != Version)
        {
            throw new InvalidDataException(PartialMessages.DamagedPart("unknown format version"));
        }

        var content = new PartContent { GroupBy = (GroupingKeys)r.ReadVarint(), ColdCount = (int)r.ReadVarint() };
        var count = (long)r.ReadVarint();
        if (count > 0)
        {
            content.Moments = new Moments(count, r.ReadDouble(), r.ReadDouble(), r.ReadDouble(), r.ReadDouble());
        }

        var ticks = r.ReadSigned();
        content.LatestTimestamp = ticks < 0 ? null : new DateTime(ticks, DateTimeKind.Utc);
        var metric = new BenchmarkMetric
        {
            Settings = RunSettings.Parse(r.ReadString()),
            Quantization = r.ReadString(),
        };
        content.Configuration = metric;
        var errors = r.ReadCount();
        for (var i = 0; i < errors; i++)
        {
            content.Errors.Add(new KeyValuePair<string, int>(r.ReadString() ?? "", (int)r.ReadVarint()));
        }

        content.Duplicates = ReadStrings(r);
        content.Redundant = ReadStrings(r);
        content.Segments = PartSegmentCodec.Read(r);
        content.Sketch = r.ReadByte() == 1 ? QuantileSketch.ReadFrom(r) : null;
        return content;
    }

    private static void WriteStrings(PartWriter w, string[] items)
    {
        w.WriteVarint((ulong)items.Length);
        foreach (var item in items)
        {
            w.WriteString(item);
        }
    }

    private static string[] ReadStrings(PartReader r)
    {
        var items = new string[r.ReadCount()];
        for (var i = 0; i < items.Length; i++)
        {
            items[i] = r.ReadString() ?? "";
        }

        return items;
    }
}
