namespace Chimera.Insight.Statistics;

/// <summary>The dimensions a metric can be grouped by (-GroupBy).</summary>
[Flags]
public enum GroupingKeys
{
    None = 0,
    Model = 1,
    Configuration = 2,
    Backend = 4,
    Phase = 8,
    Source = 16,
    Prompt = 32,
    /// <summary>The tool that wrote the files (vllm, aiperf, llama-bench, ...): their definitions differ.</summary>
    Producer = 64,

    /// <summary>Model, Configuration, Backend, Phase, Producer.</summary>
    Default = Model | Configuration | Backend | Phase | Producer,
}

public static class GroupingKeysParser
{
    /// <summary>The names -GroupBy accepts.</summary>
    public static readonly string[] Names = ["Model", "Configuration", "Backend", "Phase", "Source", "Prompt", "Producer"];

    /// <summary>Parses -GroupBy names (case-insensitive); null or empty gives <see cref="GroupingKeys.Default"/>.</summary>
    public static GroupingKeys Parse(IEnumerable<string>? names)
    {
        if (names is null)
        {
            return GroupingKeys.Default;
        }

        var keys = GroupingKeys.None;
        var any = false;
        foreach (var name in names)
        {
            any = true;
            if (!Enum.TryParse<GroupingKeys>(name, ignoreCase: true, out var key)
                || key == GroupingKeys.None || key == GroupingKeys.Default
                || !Names.Contains(name, StringComparer.OrdinalIgnoreCase))
            {
                throw new ArgumentException(StatisticsMessages.UnknownGroupingKey(name), nameof(names));
            }

            keys |= key;
        }

        return any ? keys : GroupingKeys.Default;
    }
}
