using Chimera.Insight.Extraction;

namespace Chimera.Insight.Statistics;

/// <summary>
/// Folds samples (piped from Get-BenchmarkSample, deserialized from a job or remoting, or made by hand) back into the
/// records they were made from, at intake, so that they are fingerprinted, validated and counted by the same code as a
/// file's records: the samples of one record id and one context (model, backend, configuration, prompt, phase,
/// failure, run settings and the other dimensions) are one record; a sample without a record id is a record alone.
/// </summary>
internal static class SampleRecords
{
    /// <summary>The records of one source's samples, in the order their first samples came. A sample that neither
    /// failed nor carries a figure (NaN) is refused into <paramref name="rejected"/>, as a file's would be.</summary>
    public static List<BenchmarkRecord> Of(IReadOnlyList<BenchmarkSample> samples, List<ExtractionError> rejected)
    {
        var records = new List<BenchmarkRecord>();
        var byContext = new Dictionary<Context, BenchmarkRecord>();
        var fields = new Dictionary<(string Metric, string Unit, string Statistic), FieldMapping>();
        for (var i = 0; i < samples.Count; i++)
        {
            var sample = samples[i];
            if (!sample.Failed && double.IsNaN(sample.Value))
            {
                rejected.Add(SampleValidator.Rejection(sample.Metric, sample.Value, StatisticsMessages.NotANumber, sample.Source, sample.Location));
                continue;
            }

            var context = Context.Of(sample, sample.Record is null ? i : -1);
            if (!byContext.TryGetValue(context, out var record))
            {
                record = NewRecord(sample);
                byContext.Add(context, record);
                records.Add(record);
            }

            record.Restore(FieldOf(sample, fields), sample.Value, sample.Location == record.Location ? null : sample.Location);
        }

        return records;
    }

    private static BenchmarkRecord NewRecord(BenchmarkSample sample)
    {
        var dimensions = new Dimensions
        {
            Model = sample.Model,
            Backend = sample.Backend,
            Quantization = sample.Quantization,
            Producer = sample.Producer,
            Concurrency = sample.Concurrency,
            Test = sample.Test,
            Run = sample.Run,
            Settings = sample.Settings,
            Timestamp = sample.Timestamp,
        };
        var record = new BenchmarkRecord(dimensions, sample.Location)
        {
            Source = sample.Source ?? "",
            Configuration = sample.Configuration,
            Prompt = sample.Prompt,
            RequestCount = sample.RequestCount,
            FailedRequestCount = sample.FailedRequestCount,
            Phase = sample.Phase,
        };
        if (sample.Failed)
        {
            record.MarkFailed(sample.Error);
        }

        return record;
    }

    /// <summary>One mapping per metric, unit and statistic, shared by the records of the samples that carry them.</summary>
    private static FieldMapping FieldOf(BenchmarkSample sample, Dictionary<(string, string, string), FieldMapping> fields)
    {
        var statistic = string.IsNullOrEmpty(sample.Statistic) ? Statistic.Sample : sample.Statistic;
        var key = (sample.Metric, sample.Unit ?? "", statistic);
        if (!fields.TryGetValue(key, out var field))
        {
            field = new FieldMapping
            {
                Role = FieldRole.Metric,
                Metric = sample.Metric,
                Unit = sample.Unit ?? "",
                Statistic = statistic == Statistic.Sample ? null : statistic,
            };
            fields.Add(key, field);
        }

        return field;
    }

    /// <summary>What the samples of one record share (<paramref name="Alone"/>: the position of a sample without a
    /// record id, which is a record by itself; -1 otherwise).</summary>
    private readonly record struct Context(
        string? Record, int Alone, string? Model, string? Backend, string? Configuration, string? Prompt, Phase Phase, bool Failed,
        string? Error, string? Quantization, string? Producer, int? Concurrency, string? Test, string? Run, RunSettings Settings,
        DateTime? Timestamp, int? RequestCount, int? FailedRequestCount)
    {
        public static Context Of(BenchmarkSample s, int alone) => new(
            s.Record, alone, s.Model, s.Backend, s.Configuration, s.Prompt, s.Phase, s.Failed, s.Failed ? s.Error : null, s.Quantization,
            s.Producer, s.Concurrency, s.Test, s.Run, s.Settings, s.Timestamp,
            s.RequestCount, s.FailedRequestCount);
    }
}
