using System.Globalization;
using System.IO.Hashing;
using System.Text;

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
        var occurrences = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var record in records.Where(r => r.Values.Count > 0))
        {
            EmitRecord(record, RecordId(record, occurrences));
        }

        if (result.Samples.Count > first)
        {
            ColdStartClassifier.Classify(result.Samples.GetRange(first, result.Samples.Count - first));
        }
    }

    private void EmitRecord(PendingRecord record, string id)
    {
        var dimensions = record.Dimensions;
        var configuration = dimensions.ConfigurationText();
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
    /// configuration and the canonical figures read from the file (4 significant digits, in canonical units, so a
    /// CSV in seconds and a JSON in milliseconds of the same run agree), or the error of a failed run.
    /// A repeat inside the same file gets "#2", "#3", ... so distinct identical rows stay distinct.
    /// </summary>
    private static string RecordId(PendingRecord record, Dictionary<string, int> occurrences)
    {
        var dimensions = record.Dimensions;
        var text = new StringBuilder();
        text.Append(dimensions.Model).Append('|').Append(dimensions.Backend).Append('|').Append(dimensions.Quantization)
            .Append('|').Append(dimensions.ConfigurationText()).Append('|');
        if (record.Failed)
        {
            text.Append("failed:").Append(record.Error);
        }
        else
        {
            foreach (var value in record.Values.Where(v => v.Identifying).OrderBy(v => v.Metric, StringComparer.Ordinal).ThenBy(v => v.Statistic, StringComparer.Ordinal))
            {
                text.Append(value.Metric).Append(':').Append(value.Statistic).Append('=')
                    .Append(value.Value.ToString("G4", CultureInfo.InvariantCulture)).Append(';');
            }
        }

        var hash = XxHash64.HashToUInt64(Encoding.UTF8.GetBytes(text.ToString()));
        var id = hash.ToString("x16", CultureInfo.InvariantCulture);
        occurrences.TryGetValue(id, out var seen);
        occurrences[id] = seen + 1;
        return seen == 0 ? id : id + "#" + (seen + 1).ToString(CultureInfo.InvariantCulture);
    }
}
