using Chimera.Insight.Extraction;

namespace Chimera.Insight.Statistics;

/// <summary>
/// Finds the group of each value a file's records hold, without building a key per value: a record's context (its
/// -GroupBy dimensions) is looked up once for the records that share it, and within a context a value is found by
/// its position in the record (the rows of a file list their figures in the same order), else by metric, unit and
/// statistic.
/// </summary>
internal sealed class RecordGroupIndex(GroupingKeys keys)
{
    private readonly Dictionary<RecordContext, ContextSlots> contexts = [];
    private ContextSlots? last;

    /// <summary>The group slots of the record's context.</summary>
    public ContextSlots SlotsOf(BenchmarkRecord record, string source)
    {
        var d = record.Dimensions;
        var context = new RecordContext(
            (keys & GroupingKeys.Model) != 0 ? d.Model : null,
            (keys & GroupingKeys.Backend) != 0 ? d.Backend : null,
            (keys & GroupingKeys.Configuration) != 0 ? record.Configuration : null,
            (keys & GroupingKeys.Phase) != 0 ? record.Phase : null,
            (keys & GroupingKeys.Prompt) != 0 ? record.Prompt : null,
            (keys & GroupingKeys.Source) != 0 ? source : null,
            (keys & GroupingKeys.Producer) != 0 ? d.Producer : null);
        if (last is not null && context.Equals(last.Context))
        {
            return last;
        }

        if (!contexts.TryGetValue(context, out var slots))
        {
            slots = new ContextSlots(context);
            contexts.Add(context, slots);
        }

        last = slots;
        return slots;
    }
}

/// <summary>The group slots of one context, by metric, unit and statistic, and by the position of the value in its record.</summary>
internal sealed class ContextSlots(RecordContext context)
{
    private readonly Dictionary<(string Metric, string Unit, string Statistic), GroupSlot> byName = [];
    private GroupSlot?[] byPosition = new GroupSlot?[16];

    public RecordContext Context { get; } = context;

    public GroupSlot SlotOf(in RecordValue value, int position)
    {
        var statistic = string.IsNullOrEmpty(value.Statistic) ? Insight.Statistic.Sample : value.Statistic;
        var unit = value.Unit ?? "";
        if (position < byPosition.Length && byPosition[position] is { } known && ReferenceEquals(known.Key.Metric, value.Metric)
            && ReferenceEquals(known.Key.Unit, unit) && ReferenceEquals(known.Key.Statistic, statistic))
        {
            return known;
        }

        if (!byName.TryGetValue((value.Metric, unit, statistic), out var slot))
        {
            slot = new GroupSlot(new GroupKey(value.Metric, unit, statistic, Context.Model, Context.Backend, Context.Configuration,
                Context.Phase, Context.Prompt, Context.Source, Context.Producer));
            byName.Add((value.Metric, unit, statistic), slot);
        }

        if (position >= byPosition.Length && position < 4096)
        {
            Array.Resize(ref byPosition, Math.Min(4096, Math.Max(position + 1, byPosition.Length * 2)));
        }

        if (position < byPosition.Length)
        {
            byPosition[position] = slot;
        }

        return slot;
    }
}

/// <summary>A group as the record path finds it: its key, whether -Metric takes it, its accumulator once a value went
/// in, and stamps that say whether the current file listed it and the current failed record counted in it.</summary>
internal sealed class GroupSlot(GroupKey key)
{
    public GroupKey Key { get; } = key;
    /// <summary>Whether the metric filter takes this group's values; null until first asked.</summary>
    public bool? Accepted { get; set; }
    public MetricAccumulator? Accumulator { get; set; }
    public int FileStamp { get; set; }
    public long RecordStamp { get; set; }
}

/// <summary>The -GroupBy dimensions of one record (the others null).</summary>
internal readonly struct RecordContext(string? model, string? backend, string? configuration, Phase? phase, string? prompt, string? source,
    string? producer = null)
    : IEquatable<RecordContext>
{
    public string? Producer { get; } = producer;
    public string? Model { get; } = model;
    public string? Backend { get; } = backend;
    public string? Configuration { get; } = configuration;
    public Phase? Phase { get; } = phase;
    public string? Prompt { get; } = prompt;
    public string? Source { get; } = source;

    public bool Equals(RecordContext other) =>
        string.Equals(Model, other.Model, StringComparison.Ordinal)
        && string.Equals(Backend, other.Backend, StringComparison.Ordinal)
        && string.Equals(Configuration, other.Configuration, StringComparison.Ordinal)
        && Phase == other.Phase
        && string.Equals(Prompt, other.Prompt, StringComparison.Ordinal)
        && string.Equals(Source, other.Source, StringComparison.Ordinal)
        && string.Equals(Producer, other.Producer, StringComparison.Ordinal);

    public override bool Equals(object? obj) => obj is RecordContext other && Equals(other);

    public override int GetHashCode()
    {
        unchecked
        {
            var h = Hash(Model);
            h = h * 31 + Hash(Backend);
            h = h * 31 + Hash(Configuration);
            h = h * 31 + (Phase is null ? -1 : (int)Phase.Value);
            h = h * 31 + Hash(Prompt);
            h = h * 31 + Hash(Source);
            return h * 31 + Hash(Producer);
        }
    }

    private static int Hash(string? text) => text is null ? 0 : StringComparer.Ordinal.GetHashCode(text);
}
