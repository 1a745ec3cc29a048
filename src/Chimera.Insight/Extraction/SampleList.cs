namespace Chimera.Insight.Extraction;

/// <summary>Turns completed records into samples: one per value a record emits (see <see cref="BenchmarkRecord.Emits"/>).</summary>
internal static class SampleList
{
    public static List<BenchmarkSample> Of(string source, IReadOnlyList<BenchmarkRecord> records)
    {
        var count = 0;
        foreach (var record in records)
        {
            count += record.Values.Count;
        }

        var samples = new List<BenchmarkSample>(count);
        foreach (var record in records)
        {
            var dimensions = record.Dimensions;
            for (var position = 0; position < record.Values.Count; position++)
            {
                var value = record.Values[position];
                if (!record.Emits(value))
                {
                    continue;
                }

                samples.Add(new BenchmarkSample
                {
                    Metric = value.Metric,
                    Value = record.ValueOf(value),
                    Unit = value.Unit,
                    Statistic = value.Statistic,
                    Model = dimensions.Model,
                    Backend = dimensions.Backend,
                    Configuration = record.Configuration,
                    Settings = dimensions.Settings,
                    Quantization = dimensions.Quantization,
                    Prompt = record.Prompt,
                    Producer = dimensions.Producer,
                    Concurrency = dimensions.Concurrency,
                    Test = dimensions.Test,
                    Run = dimensions.Run,
                    RequestCount = record.RequestCount,
                    FailedRequestCount = record.FailedRequestCount,
                    Phase = record.Phase,
                    Failed = record.Failed,
                    Error = record.Failed ? record.Error : null,
                    Source = source,
                    Location = record.LocationOf(position),
                    Timestamp = dimensions.Timestamp,
                    Record = record.Id,
                });
            }
        }

        return samples;
    }
}
