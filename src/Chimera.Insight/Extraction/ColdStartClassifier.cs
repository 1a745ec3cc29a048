using System.Runtime.CompilerServices;
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
    public static void Classify(IList<BenchmarkSample> samples)
    {
        // Records in order of first appearance, with their load and TTFT.
        var records = new Dictionary<(string Source, string? Record), RecordFigures>();
        var order = new List<RecordFigures>();
        RecordFigures? previous = null;
        foreach (var sample in samples)
        {
            var key = (sample.Source, sample.Record ?? sample.Location);
            // The values of one record usually stand together: no lookup for them.
            if (previous is null || !previous.SampleKey.Equals(key))
            {
                if (!records.TryGetValue(key, out previous))
                {
                    previous = new RecordFigures((sample.Source, sample.Model, sample.Backend, sample.Quantization),
                        sample.Configuration, sample.Failed) { SampleKey = key, Samples = [] };
                    records.Add(key, previous);
                    order.Add(previous);
                }
            }

            previous.Samples!.Add(sample);
            if (!sample.Failed && !double.IsNaN(sample.Value))
            {
                previous.Note(sample.Metric, sample.Statistic, sample.Value);
            }
        }

        Mark(order);
        foreach (var record in order)
        {
            if (record.Cold)
            {
                foreach (var sample in record.Samples!)
                {
                    sample.Phase = Phase.Cold;
                }
            }
        }
    }

    /// <summary>Sets <see cref="PendingRecord.Phase"/> to Cold on each cold record of one source, from
    /// <paramref name="start"/> on.</summary>
    [MethodImpl(HotPath.Optimized)]
    internal static void Classify(string source, IReadOnlyList<PendingRecord> records, int start)
    {
        var order = new List<RecordFigures>(records.Count - start);
        for (var index = start; index < records.Count; index++)
        {
            var record = records[index];
            var d = record.Dimensions;
            var figures = new RecordFigures((source, d.Model, d.Backend, d.Quantization), record.Configuration, record.Failed) { Record = record };
            if (!record.Failed)
            {
                foreach (var value in record.Values)
                {
                    if (value.Valid)
                    {
                        figures.Note(value.Metric, value.Statistic, value.Value);
                    }
                }
            }

            order.Add(figures);
        }

        Mark(order);
        foreach (var figures in order)
        {
            if (figures.Cold)
            {
                figures.Record!.Phase = Phase.Cold;
            }
        }
    }

    /// <summary>Sets <see cref="RecordFigures.Cold"/> on the cold records among <paramref name="order"/>.</summary>
    [MethodImpl(HotPath.Optimized)]
    private static void Mark(List<RecordFigures> order)
    {
        // A file holds few groups (mostly one): they are found by a linear search, which compares the shared
        // source string by reference before anything else, instead of hashing it for every record.
        var groups = new List<List<RecordFigures>>();
        foreach (var record in order)
        {
            if (record.Failed || (record.LoadMs is null && record.TtftMs is null))
            {
                continue;
            }

            var members = GroupOf(groups, record.GroupKey);
            if (members is null)
            {
                members = [];
                groups.Add(members);
            }

            members.Add(record);
        }

        foreach (var members in groups)
        {
            var withLoad = 0;
            foreach (var record in members)
            {
                withLoad += record.LoadMs.HasValue ? 1 : 0;
            }

            if (withLoad > 0)
            {
                MarkAboveByStatistic(withLoad == members.Count ? members : members.FindAll(r => r.LoadMs.HasValue),
                    r => r.LoadStatistic, r => r.LoadMs!.Value, firstOfConfigurationOnly: false);
            }
            else
            {
                MarkAboveByStatistic(members, r => r.TtftStatistic, r => r.TtftMs!.Value, firstOfConfigurationOnly: true);
            }
        }
    }

    private static List<RecordFigures>? GroupOf(List<List<RecordFigures>> groups, (string, string?, string?, string?) key)
    {
        foreach (var group in groups)
        {
            if (group[0].GroupKey.Equals(key))
            {
                return group;
            }
        }

        return null;
    }

    /// <summary>Judges the records of each statistic apart (a file's means are not compared with its raw runs).</summary>
    private static void MarkAboveByStatistic(List<RecordFigures> members, Func<RecordFigures, string?> statistic,
        Func<RecordFigures, double> figure, bool firstOfConfigurationOnly)
    {
        var first = statistic(members[0]);
        if (members.TrueForAll(r => statistic(r) == first))
        {
            MarkAbove(members, figure, firstOfConfigurationOnly);
            return;
        }

        foreach (var byStatistic in members.GroupBy(statistic))
        {
            MarkAbove(byStatistic.ToList(), figure, firstOfConfigurationOnly);
        }
    }

    private static void MarkAbove(List<RecordFigures> members, Func<RecordFigures, double> figure, bool firstOfConfigurationOnly)
    {
        if (members.Count < MinimumGroupSize)
        {
            return;
        }

        var values = new double[members.Count];
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = figure(members[i]);
        }

        Array.Sort(values);
        var middle = values.Length / 2;
        var median = values.Length % 2 == 1 ? values[middle] : (values[middle - 1] + values[middle]) / 2;
        var threshold = Math.Max(Factor * median, median + MarginMs);
        var seenConfigurations = firstOfConfigurationOnly ? new HashSet<string>(StringComparer.Ordinal) : null;
        foreach (var record in members)
        {
            var firstOfConfiguration = seenConfigurations?.Add(record.Configuration) ?? true;
            if (figure(record) > threshold && firstOfConfiguration)
            {
                record.Cold = true;
            }
        }
    }

    /// <summary>One record's load and TTFT (the first valid figure of each), and what groups it.</summary>
    private sealed class RecordFigures((string, string?, string?, string?) groupKey, string? configuration, bool failed)
    {
        /// <summary>Source, model, backend, quantization: a file's usual load time is judged per model.</summary>
        public (string Source, string? Model, string? Backend, string? Quantization) GroupKey { get; } = groupKey;
        public string Configuration { get; } = configuration ?? "";
        public bool Failed { get; } = failed;
        public (string Source, string? Record) SampleKey { get; set; }
        public List<BenchmarkSample>? Samples { get; set; }
        public PendingRecord? Record { get; set; }
        public double? LoadMs { get; private set; }
        public string? LoadStatistic { get; private set; }
        public double? TtftMs { get; private set; }
        public string? TtftStatistic { get; private set; }
        public bool Cold { get; set; }

        public void Note(string metric, string statistic, double value)
        {
            if (double.IsNaN(value))
            {
                return;
            }

            if (metric == CanonicalMetric.LoadMs)
            {
                LoadMs ??= value;
                LoadStatistic ??= statistic;
            }
            else if (metric == CanonicalMetric.TtftMs)
            {
                TtftMs ??= value;
                TtftStatistic ??= statistic;
            }
        }
    }
}
