namespace Chimera.Insight.Statistics;

/// <summary>
/// Merges partial results (Measure-BenchmarkMetrics -Partial, measured where the files are) into a session's groups,
/// so that they give what one run over all the files gives. Runs are merged in the order of their computer name, then
/// run id (whatever order they arrived in), each run's sources registered with the session's redundancy registry
/// first: a source whose content hash or record fingerprint was counted already, on another server or here, is left
/// out of every group of an exact part (a sketched part cannot give values back: that is said). A source is named
/// "computer:path", or by its path alone when it was measured on this machine (no computer name, "localhost", or
/// this machine's name).
/// </summary>
internal sealed class PartialMerge
{
    private readonly Dictionary<string, RunEntry> runs = new(StringComparer.Ordinal);
    private readonly List<DuplicateGroup> crossDuplicates = [];
    private const GroupingKeys AllKeys = GroupingKeys.Model | GroupingKeys.Configuration | GroupingKeys.Backend
        | GroupingKeys.Phase | GroupingKeys.Source | GroupingKeys.Prompt;

    /// <summary>The computers that sent at least one run record or part, in name order.</summary>
    public IReadOnlyList<string> ComputerNames =>
        runs.Values.Select(r => r.Computer).Distinct(StringComparer.OrdinalIgnoreCase).OrderBy(c => c, StringComparer.OrdinalIgnoreCase).ToList();

    public bool IsEmpty => runs.Count == 0;

    public IReadOnlyList<string> Missing(IEnumerable<string> expected)
    {
        var arrived = new HashSet<string>(ComputerNames, StringComparer.OrdinalIgnoreCase);
        return expected
            .Where(c => !arrived.Contains(c) && !(IsLocal(c) && arrived.Contains("localhost")))
            .Distinct(StringComparer.OrdinalIgnoreCase)
            .ToList();
    }

    /// <summary>The inventory summaries of the runs, combined (null when no run record carried one).</summary>
    public BenchmarkInventorySummary? Inventory { get; private set; }

    public void AddRun(BenchmarkPartialRun run, string? computerName)
    {
        var entry = Entry(run.RunId, computerName);
        entry.Run = run;
        entry.RunComputer = run.ComputerName;
    }

    /// <summary>A part; without <paramref name="computerName"/>, it belongs to the computer its run record names.</summary>
    public void AddPart(BenchmarkMetricPart part, string? computerName) =>
        Entry(part.RunId, computerName).Parts.Add(part);

    /// <summary>Merges every run into <paramref name="aggregator"/>; <paramref name="sourceTable"/> (when the session
    /// makes parts itself) learns each source's content hash and fingerprints.</summary>
    public void MergeInto(MetricAggregator aggregator, RedundancyRegistry registry, PartialSourceTable? sourceTable,
        List<MeasurementNotice> notices)
    {
        foreach (var entry in runs.Values)
        {
            ReadSourceTable(entry, notices);
        }

        // The order decides which of two copies counts: by computer, then by the run's first source, not by arrival.
        var ordered = runs.Values
            .OrderBy(r => r.Computer, StringComparer.OrdinalIgnoreCase)
            .ThenBy(r => r.Table.Count > 0 ? r.Table[0].Source : "", StringComparer.Ordinal)
            .ThenBy(r => r.RunId, StringComparer.Ordinal)
            .ToList();
        foreach (var entry in ordered)
        {
            MergeRun(entry, aggregator, registry, sourceTable, notices);
        }

        Inventory = PartialInventory.Combine(ordered.Where(r => r.Run?.Inventory is not null)
            .Select(r => (r.Computer, r.Run!.Inventory!, Qualifier(r.Computer))).ToList(), crossDuplicates);
        if (Inventory is not null)
        {
            Inventory.ComputerNames = ComputerNames.ToArray();
        }
    }

    private void MergeRun(RunEntry entry, MetricAggregator aggregator, RedundancyRegistry registry,
        PartialSourceTable? sourceTable, List<MeasurementNotice> notices)
    {
        var qualify = Qualifier(entry.Computer);
        var run = entry.Run;
        if (run is null)
        {
            notices.Add(Notice(MeasurementNoticeKind.PartialGap, entry.Computer, PartialMessages.RunMissing(entry.Computer, entry.RunId, entry.Parts.Count)));
        }
        else if (run.PartCount > entry.Parts.Distinct(PartIdentity.Instance).Count())
        {
            notices.Add(Notice(MeasurementNoticeKind.PartialGap, entry.Computer,
                PartialMessages.PartsMissing(entry.Computer, run.PartCount, entry.Parts.Distinct(PartIdentity.Instance).Count())));
        }

        var table = entry.Table;
        var names = table.Select(t => qualify(t.Source)).ToArray();
        var repeats = new (RedundancyRegistry.Repeat? Measured, RedundancyRegistry.Repeat? Reported)[names.Length];
        for (var i = 0; i < names.Length; i++)
        {
            var hash = table[i].ContentHash;
            repeats[i] = registry.Register(names[i], hash, table[i].Fingerprint);
            if (repeats[i].Measured?.Kind == RepeatKind.Duplicate && hash is { Length: > 0 })
            {
                crossDuplicates.Add(new DuplicateGroup { ContentHash = hash, Files = [repeats[i].Measured!.Original, names[i]] });
            }

            sourceTable?.Note(names[i], hash, table[i].Fingerprint);
        }

        string NameOf(int index) => index >= 0 && index < names.Length ? names[index] : qualify("#" + index.ToString(System.Globalization.CultureInfo.InvariantCulture));
        var keysBySource = new Dictionary<int, List<GroupKey>>();
        var coarserNoted = false;
        // A run's part given twice (its output piped in twice) counts once.
        var seen = new HashSet<GroupKey>();
        var repeatedParts = 0;
        foreach (var part in entry.Parts)
        {
            if (!seen.Add(GroupKey.For(part, AllKeys)))
            {
                repeatedParts++;
                continue;
            }

            if (!aggregator.Accepts(part.Metric))
            {
                continue;
            }

            PartContent content;
            try
            {
                content = PartContent.Decode(part.Payload);
            }
            catch (Exception ex) when (ex is InvalidDataException or FormatException or OverflowException or ArgumentException)
            {
                notices.Add(Notice(MeasurementNoticeKind.InvalidData, entry.Computer, PartialMessages.UnreadablePart(entry.Computer, part.Metric, ex.Message)));
                continue;
            }

            if (!coarserNoted && (aggregator.Keys & ~content.GroupBy) != GroupingKeys.None)
            {
                coarserNoted = true;
                notices.Add(Notice(MeasurementNoticeKind.PartialGap, entry.Computer,
                    PartialMessages.CoarserGrouping(entry.Computer, content.GroupBy.ToString(), aggregator.Keys.ToString())));
            }

            var key = GroupKey.For(part, aggregator.Keys);
            var measured = part.Origin == MetricOrigin.Measured;
            bool Repeated(int source) => source >= 0 && source < repeats.Length
                && (measured ? repeats[source].Measured : repeats[source].Reported) is not null;
            var sketched = content.Sketch is not null;
            aggregator.GroupFor(key).AddPart(content, NameOf, sketched ? _ => false : Repeated, entry.Computer, qualify);
            foreach (var segment in content.Segments.Where(s => Repeated(s.Source)))
            {
                if (!keysBySource.TryGetValue(segment.Source, out var keys))
                {
                    keysBySource[segment.Source] = keys = [];
                }

                keys.Add(key);
                if (sketched)
                {
                    var repeat = (measured ? repeats[segment.Source].Measured : repeats[segment.Source].Reported)!;
                    notices.Add(Notice(MeasurementNoticeKind.PartialGap, names[segment.Source],
                        PartialMessages.SketchKeepsRepeat(names[segment.Source], repeat.Original, part.Metric)));
                }
            }
        }

        if (repeatedParts > 0)
        {
            notices.Add(Notice(MeasurementNoticeKind.PartialGap, entry.Computer, PartialMessages.PartsRepeated(entry.Computer, repeatedParts)));
        }

        foreach (var pair in keysBySource)
        {
            var (source, keys) = (pair.Key, pair.Value);
            foreach (var repeat in new[] { repeats[source].Measured, repeats[source].Reported }.Where(r => r is not null).GroupBy(r => r!.Original))
            {
                var first = repeat.First()!;
                aggregator.NoteRepeat(keys.Where(k => (k.Origin == MetricOrigin.Measured ? repeats[source].Measured : repeats[source].Reported)?.Original == first.Original),
                    first.Kind, first.Original, names[source]);
                notices.Add(new MeasurementNotice
                {
                    Kind = first.Kind == RepeatKind.Duplicate ? MeasurementNoticeKind.Duplicate : MeasurementNoticeKind.Redundant,
                    Source = names[source],
                    Original = first.Original,
                    Message = first.Kind == RepeatKind.Duplicate
                        ? StatisticsMessages.DuplicateCountedOnce(names[source], first.Original)
                        : StatisticsMessages.RedundantCountedOnce(names[source], first.Original),
                });
            }
        }
    }

    private static void ReadSourceTable(RunEntry entry, List<MeasurementNotice> notices)
    {
        if (entry.Run is null)
        {
            return;
        }

        try
        {
            entry.Table = PartialSourceTable.Read(entry.Run);
        }
        catch (InvalidDataException ex)
        {
            notices.Add(Notice(MeasurementNoticeKind.InvalidData, entry.Computer, PartialMessages.UnreadablePart(entry.Computer, "its source table", ex.Message)));
        }
    }

    /// <summary>How a computer's paths are named here.</summary>
    public static Func<string, string> Qualifier(string computer) =>
        IsLocal(computer) ? path => path : path => computer + ":" + path;

    public static bool IsLocal(string? computer) =>
        string.IsNullOrEmpty(computer)
        || string.Equals(computer, "localhost", StringComparison.OrdinalIgnoreCase)
        || string.Equals(computer, Environment.MachineName, StringComparison.OrdinalIgnoreCase);

    // A run is one -Partial call, keyed by its id and the PSComputerName it came with (two servers could be given
    // the same id). Live parts (ForEach-Object -Parallel, no PSComputerName) take the machine their run record names.
    private RunEntry Entry(string runId, string? computer)
    {
        var id = (computer ?? "") + "\u001f" + runId;
        if (!runs.TryGetValue(id, out var entry))
        {
            entry = new RunEntry(runId, computer);
            runs.Add(id, entry);
        }

        return entry;
    }

    private static string? At(string[] items, int index) => index < items.Length && items[index] is { Length: > 0 } s ? s : null;

    private static MeasurementNotice Notice(MeasurementNoticeKind kind, string source, string message) =>
        new() { Kind = kind, Source = source, Message = message };

    /// <summary>Parts are the same when their group keys are (within one run).</summary>
    private sealed class PartIdentity : IEqualityComparer<BenchmarkMetricPart>
    {
        public static readonly PartIdentity Instance = new();

        public bool Equals(BenchmarkMetricPart? x, BenchmarkMetricPart? y) =>
            x is not null && y is not null && GroupKey.For(x, AllKeys).Equals(GroupKey.For(y, AllKeys));

        public int GetHashCode(BenchmarkMetricPart part) => GroupKey.For(part, AllKeys).GetHashCode();
    }

    private sealed class RunEntry(string runId, string? computer)
    {
        public string RunId { get; } = runId;
        public string? RunComputer { get; set; }
        // Measured in this process or on this machine (ForEach-Object -Parallel, a saved file): "localhost", as jobs say.
        public string Computer => computer ?? (IsLocal(RunComputer) ? "localhost" : RunComputer!);
        public BenchmarkPartialRun? Run { get; set; }
        public List<(string Source, string? ContentHash, ContentFingerprint Fingerprint)> Table { get; set; } = [];
        public List<BenchmarkMetricPart> Parts { get; } = [];
    }
}
