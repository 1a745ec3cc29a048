using System.Globalization;
using System.IO.Hashing;
using System.Runtime.InteropServices;

namespace Chimera.Insight.Extraction;

/// <summary>
/// Collects one file's records and problems, then turns the records into samples: failed records keep every
/// metric (NaN, Failed, Error), record ids are derived from content, cold starts are marked.
/// </summary>
internal sealed class SampleSink(string source, ExtractionResult result, int maxErrors)
{
    private readonly List<PendingRecord> records = [];
    private int suppressedErrors;

    public string Source { get; } = source;

    public void Error(string? location, string reason)
    {
        if (result.Errors.Count >= maxErrors)
        {
            suppressedErrors++;
            return;
        }

        result.Errors.Add(new ExtractionError { Source = Source, Location = location, Reason = reason });
    }

    /// <summary>Adds a record; one left without any value by the end (nothing to show) emits nothing.</summary>
    public void Add(PendingRecord record) => records.Add(record);

    /// <summary>Emits the samples of every record collected, in file order.</summary>
    public void Complete()
    {
        if (suppressedErrors > 0)
        {
            result.Errors.Add(new ExtractionError
            {
                Source = Source,
                Reason = string.Format(CultureInfo.InvariantCulture, ExtractionStrings.TooManyErrors, suppressedErrors),
            });
        }

        var first = result.Samples.Count;
        var expected = first;
        foreach (var record in records)
        {
            expected += record.Values.Count;
        }

        if (result.Samples.Capacity < expected)
        {
            result.Samples.Capacity = expected;
        }

        var occurrences = new Dictionary<ulong, int>();
        foreach (var record in records)
        {
            if (record.Values.Count > 0)
            {
                var configuration = ConfigurationOf(record.Dimensions);
                EmitRecord(record, configuration, RecordId(record, configuration, occurrences));
            }
        }

        if (result.Samples.Count > first)
        {
            ColdStartClassifier.Classify(result.Samples, first);
        }
    }

    // Rows of one file mostly share their configuration: its text is built once.
    private readonly Dictionary<(int?, int?, double?, double?, int?, double?, string?), string?> configurations = [];

    private string? ConfigurationOf(Dimensions d)
    {
        var key = (d.NumGpu, d.NumCtx, d.Temperature, d.TopP, d.TopK, d.RepeatPenalty, d.Device);
        if (!configurations.TryGetValue(key, out var text))
        {
            text = d.ConfigurationText();
            configurations.Add(key, text);
        }

        return text;
    }

    private void EmitRecord(PendingRecord record, string? configuration, string id)
    {
        var dimensions = record.Dimensions;
        var prompt = dimensions.PromptText;
        foreach (var value in record.Values)
        {
            if (!record.Failed && !value.Valid)
            {
                continue;
            }

            result.Samples.Add(new BenchmarkSample
            {
                Metric = value.Metric,
                Value = record.Failed ? double.NaN : value.Value,
                Unit = value.Unit,
                Statistic = value.Statistic,
                Model = dimensions.Model,
                Backend = dimensions.Backend,
                Configuration = configuration,
                NumGpu = dimensions.NumGpu,
                NumCtx = dimensions.NumCtx,
                Temperature = dimensions.Temperature,
                TopP = dimensions.TopP,
                TopK = dimensions.TopK,
                RepeatPenalty = dimensions.RepeatPenalty,
                Quantization = dimensions.Quantization,
                Prompt = prompt,
                Failed = record.Failed,
                Error = record.Failed ? record.Error : null,
                Source = Source,
                Location = value.Location ?? record.Location,
                Timestamp = dimensions.Timestamp,
                Record = id,
            });
        }
    }

    /// <summary>
    /// The record id: a hash of what identifies the run whatever the file format: model, backend, quantization,
    /// configuration and the canonical figures read from the file (rounded to 4 significant digits, in canonical
    /// units, so a CSV in seconds and a JSON in milliseconds of the same run agree), or the error of a failed run.
    /// A repeat inside the same file gets "#2", "#3", ... so distinct identical rows stay distinct.
    /// </summary>
    private string RecordId(PendingRecord record, string? configuration, Dictionary<ulong, int> occurrences)
    {
        var dimensions = record.Dimensions;
        hash.Reset();
        AppendText(dimensions.Model);
        AppendText(dimensions.Backend);
        AppendText(dimensions.Quantization);
        AppendText(configuration);
        if (record.Failed)
        {
            AppendText(record.Error);
        }
        else
        {
            identifying.Clear();
            foreach (var value in record.Values)
            {
                if (value.Identifying)
                {
                    identifying.Add(value);
                }
            }

            identifying.Sort(static (a, b) =>
            {
                var byMetric = string.CompareOrdinal(a.Metric, b.Metric);
                return byMetric != 0 ? byMetric : string.CompareOrdinal(a.Statistic, b.Statistic);
            });
            foreach (var value in identifying)
            {
                AppendText(value.Metric);
                AppendText(value.Statistic);
                var rounded = BitConverter.DoubleToInt64Bits(RoundSignificant(value.Value, 4));
                System.Buffers.Binary.BinaryPrimitives.WriteInt64LittleEndian(number, rounded);
                hash.Append(number);
            }
        }

        var key = hash.GetCurrentHashAsUInt64();
        occurrences.TryGetValue(key, out var seen);
        occurrences[key] = seen + 1;
        var id = key.ToString("x16", CultureInfo.InvariantCulture);
        return seen == 0 ? id : id + "#" + (seen + 1).ToString(CultureInfo.InvariantCulture);
    }

    private readonly XxHash64 hash = new();
    private readonly List<PendingValue> identifying = [];
    private readonly byte[] number = new byte[8];

    // Each text with a separator after it, so ("ab", "c") and ("a", "bc") differ.
    private void AppendText(string? text)
    {
        if (text is not null)
        {
            hash.Append(MemoryMarshal.AsBytes(text.AsSpan()));
        }

        hash.Append(Separator);
    }

    private static readonly byte[] Separator = [0x1F, 0];

    /// <summary>The value rounded to <paramref name="digits"/> significant digits (0.0865 s as 86.5 ms and 86.49999 agree).</summary>
    internal static double RoundSignificant(double value, int digits)
    {
        if (value == 0 || double.IsNaN(value) || double.IsInfinity(value))
        {
            return value;
        }

        var scale = Math.Pow(10, digits - 1 - Math.Floor(Math.Log10(Math.Abs(value))));
        return Math.Round(value * scale) / scale;
    }
}
