namespace Chimera.Insight.Extraction;

/// <summary>
/// Marks the records that carry a model (re)load as <see cref="Phase.Cold"/>. Records are grouped by source,
/// model, backend, quantization and statistic (a file's usual load time is judged per model).
/// <list type="number">
/// <item>With a load time (<c>LoadMs</c>): a record is Cold when its load time is above
/// max(3 x the group's median load time, median + 500 ms). Ollama's load time is the only reload signal:
/// ~2-6 s after a (re)load against ~0.1 s warm.</item>
/// <item>Without any load time in the group: the first record of each configuration (in file order) is Cold
/// when its TTFT is above max(3 x the group's median TTFT, median + 500 ms): the first request after a
/// (re)load carries the load in its TTFT (~2.3 s against ~0.13 s warm).</item>
/// </list>
/// A group needs at least <see cref="MinimumGroupSize"/> records with the figure, else nothing is marked:
/// one or two values give no usual to compare with. Failed records never count nor become Cold.
/// </summary>
public static class ColdStartClassifier
{
    public const double Factor = 3;
    public const double MarginMs = 500;
    public const int MinimumGroupSize = 3;

    /// <summary>Sets <see cref="BenchmarkSample.Phase"/> to Cold on every sample of each cold record.</summary>
    public static void Classify(IList<BenchmarkSample> samples) => Classify(samples, 0);

    /// <summary>As <see cref="Classify(IList{BenchmarkSample})"/>, for the samples from <paramref name="start"/> on.</summary>
    internal static void Classify(IList<BenchmarkSample> samples, int start)
    {
        // Records in order of first appearance, with their load and TTFT.
        var records = new Dictionary<(string Source, string? Record), RecordFigures>();
        var order = new List<RecordFigures>();
        RecordFigures? previous = null;
        for (var index = start; index < samples.Count; index++)
        {
            var sample = samples[index];
            var key = (sample.Source, sample.Record ?? sample.Location);
            // The values of one record usually stand together: no lookup for them.
            if (previous is not null && previous.Key.Equals(key))
            {
                previous.Samples.Add(sample);
                Note(previous, sample);
                continue;
            }

            if (!records.TryGetValue(key, out var record))
            {
                record = new RecordFigures(sample, key);
                records.Add(key, record);
                order.Add(record);
            }

            record.Samples.Add(sample);
            Note(record, sample);
            previous = record;
        }

        if (!order.Any(r => r.LoadMs.HasValue || r.TtftMs.HasValue))
        {
            return;
        }

        foreach (var group in order.Where(r => !r.Failed).GroupBy(r => r.GroupKey, StringComparer.Ordinal))
        {
            var members = group.ToList();
            var withLoad = members.Where(r => r.LoadMs.HasValue).ToList();
            if (withLoad.Count > 0)
            {
                foreach (var byStatistic in withLoad.GroupBy(r => r.LoadStatistic))
                {
                    MarkAbove(byStatistic.ToList(), r => r.LoadMs!.Value, firstOfConfigurationOnly: false);
                }
            }
            else
            {
                foreach (var byStatistic in members.Where(r => r.TtftMs.HasValue).GroupBy(r => r.TtftStatistic))
                {
                    MarkAbove(byStatistic.ToList(), r => r.TtftMs!.Value, firstOfConfigurationOnly: true);
                }
            }
        }

        foreach (var record in order.Where(r => r.Cold))
        {
            foreach (var sample in record.Samples)
            {
                sample.Phase = Phase.Cold;
            }
        }
    }

    private static void Note(RecordFigures record, BenchmarkSample sample)
    {
        if (sample.Failed || double.IsNaN(sample.Value))
        {
            return;
        }

        if (sample.Metric == CanonicalMetric.LoadMs)
        {
            record.LoadMs ??= sample.Value;
            record.LoadStatistic ??= sample.Statistic;
        }
        else if (sample.Metric == CanonicalMetric.TtftMs)
        {
            record.TtftMs ??= sample.Value;
            record.TtftStatistic ??= sample.Statistic;
        }
    }

    private static void MarkAbove(List<RecordFigures> members, Func<RecordFigures, double> figure, bool firstOfConfigurationOnly)
    {
        if (members.Count < MinimumGroupSize)
        {
            return;
        }

        var values = members.Select(figure).OrderBy(v => v).ToArray();
        var middle = values.Length / 2;
        var median = values.Length % 2 == 1 ? values[middle] : (values[middle - 1] + values[middle]) / 2;
        var threshold = Math.Max(Factor * median, median + MarginMs);
        var seenConfigurations = new HashSet<string>(StringComparer.Ordinal);
        foreach (var record in members)
        {
            var first = seenConfigurations.Add(record.Configuration);
            if (figure(record) > threshold && (first || !firstOfConfigurationOnly))
            {
                record.Cold = true;
            }
        }
    }

    private sealed class RecordFigures(BenchmarkSample first, (string, string?) key)
    {
        public (string Source, string? Record) Key { get; } = key;
        public List<BenchmarkSample> Samples { get; } = [];
        public string GroupKey { get; } = string.Join("\u0001", first.Source, first.Model, first.Backend, first.Quantization);
        public string Configuration { get; } = first.Configuration ?? "";
        public bool Failed { get; } = first.Failed;
        public double? LoadMs { get; set; }
        public string? LoadStatistic { get; set; }
        public double? TtftMs { get; set; }
        public string? TtftStatistic { get; set; }
        public bool Cold { get; set; }
    }
}
