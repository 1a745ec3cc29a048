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

    /// <summary>Sets <see cref="BenchmarkRecord.Phase"/> to Cold on each cold record of one source, from
    /// <paramref name="start"/> on.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal static void Classify(string source, IReadOnlyList<BenchmarkRecord> records, int start, Scratch kept)
    {
        var count = records.Count - start;
        var lists = kept.For(count);
        var figures = lists.Figures;
        for (var i = 0; i < count; i++)
        {
            var record = records[start + i];
            var d = record.Dimensions;
            ref var f = ref figures[i];
            f = new RecordFigures((source, d.Model, d.Backend, d.Quantization), record.Configuration, record.Failed);
            if (!record.Failed)
            {
                foreach (var value in record.Values)
                {
                    if (value.Valid)
                    {
                        f.Note(value.Metric, value.Statistic, value.Value);
                    }
                }
            }
        }

        Mark(figures, count, lists);
        for (var i = 0; i < count; i++)
        {
            if (figures[i].Cold && !records[start + i].PhaseStated)
            {
                records[start + i].Phase = Phase.Cold;
            }
        }

        // Nothing of this file is kept alive by the array.
        Array.Clear(figures, 0, count);
    }

    /// <summary>Sets <see cref="RecordFigures.Cold"/> on the cold records among the first <paramref name="count"/> of
    /// <paramref name="figures"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Mark(RecordFigures[] figures, int count, Scratch lists)
    {
        // A file holds few groups (mostly one): each record finds its group by a linear search, which compares the
        // shared source string by reference before anything else, instead of hashing it.
        var groupOf = lists.GroupOf;
        var firstOfGroup = lists.FirstOfGroup;
        for (var i = 0; i < count; i++)
        {
            groupOf[i] = -1;
            if (figures[i].Failed || (figures[i].LoadMs is null && figures[i].TtftMs is null))
            {
                continue;
            }

            var group = 0;
            while (group < firstOfGroup.Count && !figures[firstOfGroup[group]].GroupKey.Equals(figures[i].GroupKey))
            {
                group++;
            }

            if (group == firstOfGroup.Count)
            {
                firstOfGroup.Add(i);
            }

            groupOf[i] = group;
        }

        var members = lists.Members;
        for (var group = 0; group < firstOfGroup.Count; group++)
        {
            // With a load time in the group, only records with one are judged, by it; else all, by their TTFT.
            var byLoad = false;
            for (var i = firstOfGroup[group]; i < count && !byLoad; i++)
            {
                byLoad = groupOf[i] == group && figures[i].LoadMs.HasValue;
            }

            members.Clear();
            for (var i = firstOfGroup[group]; i < count; i++)
            {
                if (groupOf[i] == group && (!byLoad || figures[i].LoadMs.HasValue))
                {
                    members.Add(i);
                }
            }

            MarkAboveByStatistic(figures, members, byLoad, lists);
        }
    }

    /// <summary>The working arrays and lists of a classification, one set per reader context, cleared for each file. A
    /// file of more records than <see cref="KeptSize"/> gets a set of its own, so that no context keeps a large one.</summary>
    internal sealed class Scratch
    {
        private const int KeptSize = 4096;

        public Scratch()
            : this(KeptSize)
        {
        }

        private Scratch(int records)
        {
            Figures = new RecordFigures[records];
            GroupOf = new int[records];
            Values = new double[records];
        }

        /// <summary>A file's records, as <see cref="Classify(string, IReadOnlyList{BenchmarkRecord}, int)"/> fills them.</summary>
        public RecordFigures[] Figures { get; }

        public int[] GroupOf { get; }
        public List<int> FirstOfGroup { get; } = [];
        public List<int> Members { get; } = [];
        public List<int> Alike { get; } = [];
        public List<string?> Statistics { get; } = [];
        public HashSet<string> Configurations { get; } = new(StringComparer.Ordinal);
        /// <summary>Room for a figure per record of the file.</summary>
        public double[] Values { get; }

        /// <summary>This set, cleared, for a file of <paramref name="records"/> records; a new one for a larger file.</summary>
        public Scratch For(int records)
        {
            if (records > Figures.Length)
            {
                return new Scratch(records);
            }

            FirstOfGroup.Clear();
            return this;
        }
    }

    /// <summary>Judges the records of each statistic apart (a file's means are not compared with its raw runs), in
    /// the order each statistic first appears.</summary>
    private static void MarkAboveByStatistic(RecordFigures[] figures, List<int> members, bool byLoad, Scratch lists)
    {
        var statistics = lists.Statistics;
        statistics.Clear();
        foreach (var member in members)
        {
            var statistic = figures[member].StatisticOf(byLoad);
            if (!statistics.Contains(statistic))
            {
                statistics.Add(statistic);
            }
        }

        if (statistics.Count == 1)
        {
            MarkAbove(figures, members, byLoad, lists);
            return;
        }

        var alike = lists.Alike;
        foreach (var statistic in statistics)
        {
            alike.Clear();
            foreach (var member in members)
            {
                if (figures[member].StatisticOf(byLoad) == statistic)
                {
                    alike.Add(member);
                }
            }

            MarkAbove(figures, alike, byLoad, lists);
        }
    }

    /// <summary>Judged by load time: every record above the threshold is Cold. Judged by TTFT: only the first record
    /// of each configuration can be.</summary>
    private static void MarkAbove(RecordFigures[] figures, List<int> members, bool byLoad, Scratch lists)
    {
        var count = members.Count;
        if (count < MinimumGroupSize)
        {
            return;
        }

        var values = lists.Values;
        for (var i = 0; i < count; i++)
        {
            values[i] = figures[members[i]].FigureOf(byLoad);
        }

        Array.Sort(values, 0, count);
        var middle = count / 2;
        var median = count % 2 == 1 ? values[middle] : (values[middle - 1] + values[middle]) / 2;
        var threshold = Math.Max(Factor * median, median + MarginMs);
        var seenConfigurations = byLoad ? null : lists.Configurations;
        seenConfigurations?.Clear();
        foreach (var member in members)
        {
            ref var record = ref figures[member];
            var firstOfConfiguration = seenConfigurations?.Add(record.Configuration) ?? true;
            if (record.FigureOf(byLoad) > threshold && firstOfConfiguration)
            {
                record.Cold = true;
            }
        }
    }

    /// <summary>One record's load and TTFT (the first valid figure of each), and what groups it.</summary>
    internal struct RecordFigures((string, string?, string?, string?) groupKey, string? configuration, bool failed)
    {
        /// <summary>Source, model, backend, quantization: a file's usual load time is judged per model.</summary>
        public readonly (string Source, string? Model, string? Backend, string? Quantization) GroupKey = groupKey;
        public readonly string Configuration = configuration ?? "";
        public readonly bool Failed = failed;
        public double? LoadMs;
        public string? LoadStatistic;
        public double? TtftMs;
        public string? TtftStatistic;
        public bool Cold;

        public readonly string? StatisticOf(bool byLoad) => byLoad ? LoadStatistic : TtftStatistic;

        public readonly double FigureOf(bool byLoad) => byLoad ? LoadMs!.Value : TtftMs!.Value;

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
