using Chimera.Insight.Extraction;

namespace Chimera.Insight.Statistics;

/// <summary>How Measure-BenchmarkMetrics groups and summarises.</summary>
public sealed class MeasurementOptions
{
    public GroupingKeys GroupBy { get; set; } = GroupingKeys.Default;
    /// <summary>Keeps only the metrics it accepts; null keeps every metric.</summary>
    public Func<string, bool>? MetricFilter { get; set; }
    /// <summary>Percentiles (0..100) beyond P50, P90, P95, P99, reported in <see cref="BenchmarkMetric.Percentiles"/>.</summary>
    public IReadOnlyList<double> ExtraPercentiles { get; set; } = [];
    /// <summary>Files read at the same time.</summary>
    public int MaxDegreeOfParallelism { get; set; } = Environment.ProcessorCount;
    public ExtractionOptions? Extraction { get; set; }
    /// <summary>The session makes partial results (<see cref="MeasurementSession.BuildParts"/>) instead of metrics.</summary>
    public bool Partial { get; set; }
}

public enum MeasurementNoticeKind
{
    /// <summary>A file, row or value that could not be used (an ExtractionError, or NaN/infinite/negative time).</summary>
    InvalidData,
    /// <summary>A file that could not be read at all.</summary>
    ReadFailed,
    /// <summary>A byte-identical copy of a file already counted.</summary>
    Duplicate,
    /// <summary>The same records as a file already counted (a CSV and a JSON export of one run).</summary>
    Redundant,
    /// <summary>Partial results merged with a gap the user must know of: parts or a run record missing, a grouping
    /// key they lack, a repeat a sketch keeps (a warning).</summary>
    PartialGap,
}

/// <summary>Something the user must hear about; the cmdlet writes it on the pipeline thread.</summary>
public sealed class MeasurementNotice
{
    public MeasurementNoticeKind Kind { get; set; }
    public string Source { get; set; } = "";
    public string? Location { get; set; }
    public string Message { get; set; } = "";
    /// <summary>For repeats: the file counted instead.</summary>
    public string? Original { get; set; }
    public Exception? Exception { get; set; }
    public override string ToString() => Message;
}

/// <summary>One measurement run: takes files (read and fingerprinted in parallel on worker threads; their records go
/// into the groups on the calling thread, in the order the files came, without a sample object per value), samples,
/// and earlier metrics, counts repeated content once, and builds the metrics. Call everything from one thread (the
/// pipeline thread); only file reading runs elsewhere.</summary>
public sealed class MeasurementSession
{
    private readonly MeasurementOptions options;
    private readonly MetricAggregator aggregator;
    private readonly RedundancyRegistry registry = new();
    private readonly OrderedParallelReader<FileJob, FileOutcome> reader;
    private readonly System.Collections.Concurrent.ConcurrentBag<ReaderContext> readerContexts = [];
    private readonly HashSet<string> contentHashesSeen = new(StringComparer.OrdinalIgnoreCase);
    private readonly GroupKeySets groupsBySource = new();
    private readonly List<MeasurementNotice> notices = [];
    private readonly Inventory.InventorySummaryBuilder fileInventory = new();
    private readonly HashSet<string> fileNames = new(StringComparer.Ordinal);
    // Samples and records given as objects, per source, held until Complete.
    private readonly Dictionary<string, PipedSource> piped = new(StringComparer.Ordinal);
    private readonly List<string> pipedSourceOrder = [];
    // The sources of each metric taken in, as they came: joined only if OtherSources is asked for (a report never does).
    private readonly List<string[]> metricSources = [];
    private readonly List<string> notes = [];
    private readonly TwinFiles twins = new();
    private readonly List<BenchmarkFile> copiesOfHeld = [];
    private readonly PartialMerge partials = new();
    private readonly PartialSourceTable? sourceTable;
    private BenchmarkInventorySummary? inheritedInventory;
    private bool completed;

    public MeasurementSession(MeasurementOptions? options = null, CancellationToken token = default)
    {
        this.options = options ?? new MeasurementOptions();
        aggregator = NewAggregator();
        sourceTable = this.options.Partial ? new PartialSourceTable() : null;
        reader = new OrderedParallelReader<FileJob, FileOutcome>(ReadFile, this.options.MaxDegreeOfParallelism, token);
    }

    /// <summary>How many files were given.</summary>
    public int FileCount { get; private set; }

    /// <summary>Files read and merged so far (of <see cref="FileCount"/> found): what progress reports.</summary>
    public int FilesRead { get; private set; }

    /// <summary>Sources of samples and metrics that did not come from a file given to this session.</summary>
    public IReadOnlyList<string> OtherSources
    {
        get
        {
            return pipedSourceOrder.Concat(metricSources.SelectMany(sources => sources).Distinct(StringComparer.Ordinal).OrderBy(s => s, StringComparer.Ordinal))
                .Where(s => s.Length > 0 && !fileNames.Contains(s))
                .Distinct(StringComparer.Ordinal)
                .ToList();
        }
    }

    /// <summary>The inventory summary of the files given, then of <paramref name="others"/> (files that sources of samples
    /// or metrics name), with the paths passed over. Call once, at the end.</summary>
    public BenchmarkInventorySummary SummarizeFiles(IEnumerable<BenchmarkFile> others, IEnumerable<string> skipped)
    {
        foreach (var file in others)
        {
            fileInventory.Add(file);
        }

        foreach (var path in skipped)
        {
            fileInventory.AddSkipped(path);
        }

        return fileInventory.Build();
    }

    /// <summary>The inventory summary the first metric given (measured earlier) carried, else that of the partial
    /// results merged (known once the session is complete), if any.</summary>
    public BenchmarkInventorySummary? InheritedInventory => inheritedInventory ?? partials.Inventory;

    /// <summary>The computers whose partial results were given (known once the session is complete).</summary>
    public IReadOnlyList<string> PartialComputerNames => partials.ComputerNames;

    /// <summary>Of <paramref name="expected"/>, the computers that sent no partial results (this machine's names count
    /// as "localhost", which jobs and live parts are known by).</summary>
    public IReadOnlyList<string> MissingComputers(IEnumerable<string> expected) => partials.Missing(expected);

    /// <summary>Groups holding cold and warm values together (possible only when Phase is not a group key).</summary>
    public int MixedPhaseGroupCount => aggregator.MixedPhaseGroupCount;

    /// <summary>Measures samples in one call (no files): the engine entry point for code that holds samples.</summary>
    public static List<BenchmarkMetric> Measure(IEnumerable<BenchmarkSample> samples, MeasurementOptions? options = null,
        BenchmarkInventorySummary? inventory = null)
    {
        var session = new MeasurementSession(options);
        foreach (var sample in samples)
        {
            session.AddSample(sample);
        }

        session.Complete();
        return session.BuildMetrics(inventory).ToList();
    }

    /// <summary>Starts reading the file on a worker thread; results are merged in the order files were added.
    /// A file whose content hash was seen before is a byte-identical copy: it is not read again.</summary>
    public void AddFile(BenchmarkFile file)
    {
        // Summarised as it comes: the file objects themselves are not kept (100,000 of them weigh tens of MB).
        FileCount++;
        fileInventory.Add(file);
        fileNames.Add(file.FullName);
        var copy = file.Length > 0 && file.ContentHash is { Length: > 0 } hash && !contentHashesSeen.Add(hash);
        // Bytes the inventory lends while this file is its current output: read once for hashing and measuring alike.
        var content = file.TakeContent();
        foreach (var outcome in reader.Add(new FileJob(file, copy, copy ? null : content)))
        {
            Merge(outcome);
        }
    }

    /// <summary>Samples are held per source until <see cref="Complete"/>, when each source's content is known whole and
    /// is folded back into its records.</summary>
    public void AddSample(BenchmarkSample sample) => Piped(sample.Source ?? "").Samples.Add(sample);

    /// <summary>A record read elsewhere (Get-BenchmarkRecord): held with the other records of its source until
    /// <see cref="Complete"/>, then counted as a file's records are. It is read, never changed.</summary>
    public void AddRecord(BenchmarkRecord record) => Piped(record.Source).Records.Add(record);

    private PipedSource Piped(string source)
    {
        if (!piped.TryGetValue(source, out var held))
        {
            held = new PipedSource(source);
            piped.Add(source, held);
            pipedSourceOrder.Add(source);
        }

        return held;
    }

    private sealed class PipedSource(string source)
    {
        public string Source { get; } = source;
        public List<BenchmarkSample> Samples { get; } = [];
        public List<BenchmarkRecord> Records { get; } = [];
    }

    /// <summary>A metric measured earlier (live or deserialized): regrouped with its raw values and failures.</summary>
    public void AddMetric(BenchmarkMetric metric)
    {
        metricSources.Add(metric.Sources);
        inheritedInventory ??= metric.Inventory;
        aggregator.AddMetric(metric);
        TakeRejected(aggregator);
    }

    /// <summary>A partial result measured elsewhere; <paramref name="computerName"/> is where it came from (the
    /// PSComputerName remoting adds), else the part's own. Merged when the session completes.</summary>
    public void AddPart(BenchmarkMetricPart part, string? computerName) => partials.AddPart(part, computerName);

    /// <summary>The run record of partial results measured elsewhere (their sources and inventory).</summary>
    public void AddPartialRun(BenchmarkPartialRun run, string? computerName) => partials.AddRun(run, computerName);

    /// <summary>The notices gathered since the last call.</summary>
    public IReadOnlyList<MeasurementNotice> TakeNotices()
    {
        if (notices.Count == 0)
        {
            return [];
        }

        var taken = notices.ToList();
        notices.Clear();
        return taken;
    }

    /// <summary>What was passed over on purpose, or filled in, and why (a report's cell without a figure, a model taken
    /// from a twin): for verbose output. The notes gathered since the last call.</summary>
    public IReadOnlyList<string> TakeNotes()
    {
        if (notes.Count == 0)
        {
            return [];
        }

        var taken = notes.ToList();
        notes.Clear();
        return taken;
    }

    /// <summary>Waits for every file still being read and takes in the buffered samples.</summary>
    public void Complete()
    {
        if (completed)
        {
            return;
        }

        completed = true;
        foreach (var outcome in reader.Complete())
        {
            Merge(outcome);
        }

        // Markdown reports and files that name no model, held back until every file is in: matched with the data
        // file they render or the twin that names the model, else given the model their run family names.
        foreach (var (file, result) in twins.TakeHeld())
        {
            var namesModel = TwinFiles.NamesModel(result.Records);
            var twin = file.Kind == ArtifactKind.Markdown ? twins.FindRendered(file, result, fileNames, options.Extraction) : null;
            twin ??= namesModel ? null : twins.FindTwin(file, result, options.Extraction);
            if (twin is not null)
            {
                MergeTwin(file, result, twin.Match, twin.Original);
                continue;
            }

            if (!namesModel)
            {
                if (twins.ModelOfFamily(file, out var family) is { } model)
                {
                    FillModel(result.Records, model);
                    notes.Add(StatisticsMessages.ModelFromFamily(file.FullName, model, family));
                }
                else
                {
                    notes.Add(StatisticsMessages.NoModel(file.FullName, family));
                }
            }

            MergeFile(file, result, ContentFingerprint.Compute(result.Records, mergeScratch), settled: true);
        }

        foreach (var copy in copiesOfHeld)
        {
            MergeKnownCopy(copy);
        }

        copiesOfHeld.Clear();

        foreach (var source in pipedSourceOrder)
        {
            MergePiped(piped[source]);
        }

        piped.Clear();
        if (!partials.IsEmpty)
        {
            partials.MergeInto(aggregator, registry, sourceTable, notices);
        }
    }

    /// <summary>The metrics, built one at a time as they are enumerated (enumerate once: the values move into them).</summary>
    public IEnumerable<BenchmarkMetric> BuildMetrics(BenchmarkInventorySummary? inventory)
    {
        Complete();
        return aggregator.Build(options.ExtraPercentiles, inventory);
    }

    /// <summary>The partial results (with <see cref="MeasurementOptions.Partial"/>): the run record, which carries the
    /// sources and <paramref name="inventory"/> once, then one part per group (enumerate once: the values move).</summary>
    public IEnumerable<object> BuildParts(BenchmarkInventorySummary? inventory)
    {
        if (sourceTable is null)
        {
            throw new InvalidOperationException("The session was not made with MeasurementOptions.Partial.");
        }

        Complete();
        var runId = Guid.NewGuid().ToString("N");
        var computer = Environment.MachineName;
        var parts = aggregator.BuildParts(sourceTable.IndexOf, runId).ToList();
        return parts.Prepend<object>(sourceTable.ToRun(runId, computer, parts.Count, inventory));
    }

    private MetricAggregator NewAggregator() =>
        new(options.GroupBy, options.MetricFilter) { TracksSources = options.Partial };

    private FileOutcome ReadFile(FileJob job, CancellationToken token)
    {
        token.ThrowIfCancellationRequested();
        var file = job.File;
        if (job.KnownCopy)
        {
            return new FileOutcome(file, null, null, null);
        }

        // A reader context per worker: taken for this file, given back for the next one.
        if (!readerContexts.TryTake(out var context))
        {
            context = new ReaderContext();
        }

        try
        {
            var result = ArtifactReader.Read(file.FullName, file.Kind, options.Extraction, job.Content, context);
            return new FileOutcome(file, result, ContentFingerprint.Compute(result.Records, context.Fingerprints), null);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            return new FileOutcome(file, null, null, ex);
        }
        finally
        {
            readerContexts.Add(context);
        }
    }

    // Fingerprints computed again while merging (a file whose model was filled in) use the merging thread's scratch.
    private readonly ContentFingerprint.Scratch mergeScratch = new();

    private void Merge(FileOutcome outcome)
    {
        FilesRead++;
        if (outcome.Exception is { } ex)
        {
            notices.Add(new MeasurementNotice
            {
                Kind = MeasurementNoticeKind.ReadFailed,
                Source = outcome.File.FullName,
                Message = StatisticsMessages.ReadFailed(outcome.File.FullName, ex.Message),
                Exception = ex,
            });
            return;
        }

        if (outcome.Result is null)
        {
            MergeKnownCopy(outcome.File);
            return;
        }

        MergeFile(outcome.File, outcome.Result, outcome.Fingerprint!);
    }

    /// <summary>Adds a file's records to the groups, leaving out content counted already (a copy, or the same records
    /// exported again), and notes where each repeat stands.</summary>
    private void MergeFile(BenchmarkFile file, ExtractionResult result, ContentFingerprint fingerprint, bool settled = false)
    {
        var source = file.FullName;
        var copy = file.ContentHash is { Length: > 0 } hash && registry.OriginalOf(hash) is { } first && first != source;
        if (!settled && !copy && (file.Kind == ArtifactKind.Markdown || !TwinFiles.NamesModel(result.Records)))
        {
            // A Markdown report may render a data file of its run, and a file without a model may be a twin of one
            // that names it: both wait until every file is in (Complete).
            twins.Hold(file, result);
            return;
        }

        if (TwinFiles.FillFileModel(result.Records) && !ReferenceEquals(fingerprint, ContentFingerprint.None))
        {
            fingerprint = ContentFingerprint.Compute(result.Records, mergeScratch);
        }

        twins.NoteModels(file, result.Records);
        twins.Add(file, result.Records);
        if (!copy)
        {
            foreach (var note in result.Notes)
            {
                notes.Add(note.ToString());
            }
        }

        var (measured, reported) = registry.Register(source, file.ContentHash, fingerprint);
        sourceTable?.Note(source, file.ContentHash, fingerprint);
        var duplicate = measured?.Kind == RepeatKind.Duplicate || reported?.Kind == RepeatKind.Duplicate;
        if (!duplicate)
        {
            foreach (var error in result.Errors)
            {
                notices.Add(InvalidData(error));
            }
        }

        // A run's time is in its name or its content; a file's modification time says when it was copied.
        var fallbackTime = file.RunTimestamp;
        var keys = aggregator.Add(result.Source, result.Records, fallbackTime,
            origin => (origin == MetricOrigin.Measured ? measured : reported) is null, reportRejected: !duplicate);
        TakeRejected(aggregator);
        if (file.ContentHash is { Length: > 0 } && !duplicate)
        {
            groupsBySource.Remember(source, keys);
        }

        NoteRepeats(source, measured, reported, keys);
    }

    /// <summary>Adds a file whose figures repeat its twin's: the model it lacks is taken from the twin, the repeated
    /// figures are left out (counted in the twin), what only it holds is counted, and the repeat is said.</summary>
    private void MergeTwin(BenchmarkFile file, ExtractionResult result, TwinMatch match, string original)
    {
        var source = file.FullName;
        string? filled = null;
        foreach (var (record, _, twin) in match.Records)
        {
            if (record.Dimensions.Model is null && twin.Dimensions.Model is { } model)
            {
                record.Dimensions.Model = model;
                filled ??= model;
            }
        }

        // The records only this file holds are of the same run: they take the model too, when the twin names one.
        if (filled is not null && match.Records.All(m => m.Twin.Dimensions.Model is null || m.Twin.Dimensions.Model == filled))
        {
            FillModel(result.Records, filled);
        }

        if (filled is not null)
        {
            notes.Add(StatisticsMessages.ModelFromTwin(source, filled, original));
        }

        var fallbackTime = file.RunTimestamp ?? (file.LastWriteTimeUtc == default ? null : file.LastWriteTimeUtc);
        var keys = aggregator.Add(source, result.Records, fallbackTime, _ => false, reportRejected: false);
        foreach (var (record, values, _) in match.Records)
        {
            record.RemoveValues(values);
        }

        // What only this file holds is counted, but is no content of its own to match other files with: a fragment
        // (one backend's compile time) would match every other fragment like it.
        MergeFile(file, result, ContentFingerprint.None, settled: true);
        // The repeat is told in the groups the twin's figures went into, and in those of this file that exist.
        var noted = keys.Where(aggregator.HasGroup).ToList();
        if (groupsBySource.TryGet(original, out var originalKeys))
        {
            noted.AddRange(originalKeys);
        }

        aggregator.NoteRepeat(noted.Distinct(), RepeatKind.Redundant, original, source);
        notices.Add(new MeasurementNotice
        {
            Kind = MeasurementNoticeKind.Redundant,
            Source = source,
            Original = original,
            Message = StatisticsMessages.RedundantCountedOnce(source, original),
        });
    }

    private static void FillModel(IEnumerable<BenchmarkRecord> records, string model)
    {
        foreach (var record in records)
        {
            record.Dimensions.Model ??= model;
        }
    }

    /// <summary>A byte-identical copy of a file merged earlier: its values are left out of the groups the original fed.</summary>
    private void MergeKnownCopy(BenchmarkFile file)
    {
        var copy = file.FullName;
        if (registry.OriginalOf(file.ContentHash!) is not { } original)
        {
            // The original is held back (it names no model): the copy is told of once it is counted.
            if (!completed || twins.HasHeld)
            {
                copiesOfHeld.Add(file);
            }

            return; // Else the original could not be read: its error was written already.
        }

        if (groupsBySource.TryGet(original, out var keys))
        {
            aggregator.NoteRepeat(keys, RepeatKind.Duplicate, original, copy);
        }

        notices.Add(new MeasurementNotice
        {
            Kind = MeasurementNoticeKind.Duplicate,
            Source = copy,
            Original = original,
            Message = StatisticsMessages.DuplicateCountedOnce(copy, original),
        });
    }

    /// <summary>Adds what was given of one source: its records, and its samples folded back into their records;
    /// fingerprinted, checked and counted as a file's records are, leaving out content counted already.</summary>
    private void MergePiped(PipedSource source)
    {
        var records = source.Records;
        if (source.Samples.Count > 0)
        {
            var refused = new List<ExtractionError>();
            records.AddRange(SampleRecords.Of(source.Samples, refused));
            foreach (var error in refused)
            {
                notices.Add(InvalidData(error));
            }
        }

        MergeRecords(source.Source, records);
    }

    private void MergeRecords(string source, IReadOnlyList<BenchmarkRecord> records)
    {
        var fingerprint = ContentFingerprint.Compute(records, mergeScratch);
        var (measured, reported) = registry.Register(source, contentHash: null, fingerprint);
        sourceTable?.Note(source, null, fingerprint);
        var keys = aggregator.Add(source, records, fallbackTime: null,
            origin => (origin == MetricOrigin.Measured ? measured : reported) is null, reportRejected: true);
        TakeRejected(aggregator);
        NoteRepeats(source, measured, reported, keys);
    }

    /// <summary>Marks the groups a repeated content would have fed (for each earlier source it repeats) and says so.</summary>
    private void NoteRepeats(string source, RedundancyRegistry.Repeat? measured, RedundancyRegistry.Repeat? reported,
        IReadOnlyList<GroupKey> keys)
    {
        if (measured is null && reported is null)
        {
            return;
        }

        foreach (var repeat in new[] { measured, reported }.Where(r => r is not null).GroupBy(r => r!.Original))
        {
            var first = repeat.First()!;
            var origins = keys.Where(k => (k.Origin == MetricOrigin.Measured ? measured : reported)?.Original == first.Original);
            aggregator.NoteRepeat(origins, first.Kind, first.Original, source);
            notices.Add(new MeasurementNotice
            {
                Kind = first.Kind == RepeatKind.Duplicate ? MeasurementNoticeKind.Duplicate : MeasurementNoticeKind.Redundant,
                Source = source,
                Original = first.Original,
                Message = first.Kind == RepeatKind.Duplicate
                    ? StatisticsMessages.DuplicateCountedOnce(source, first.Original)
                    : StatisticsMessages.RedundantCountedOnce(source, first.Original),
            });
        }
    }

    private void TakeRejected(MetricAggregator part)
    {
        foreach (var error in part.Rejected)
        {
            notices.Add(InvalidData(error));
        }

        part.Rejected.Clear();
    }

    private static MeasurementNotice InvalidData(ExtractionError error) => new()
    {
        Kind = MeasurementNoticeKind.InvalidData,
        Source = error.Source,
        Location = error.Location,
        Message = error.ToString(),
    };

    private sealed class FileJob(BenchmarkFile file, bool knownCopy, byte[]? content)
    {
        public BenchmarkFile File { get; } = file;
        /// <summary>Its content hash was seen before: a copy, not read again.</summary>
        public bool KnownCopy { get; } = knownCopy;
        /// <summary>The file's bytes when the inventory lent them; null: the file is read.</summary>
        public byte[]? Content { get; } = content;
    }

    private sealed class FileOutcome(BenchmarkFile file, ExtractionResult? result, ContentFingerprint? fingerprint, Exception? exception)
    {
        public BenchmarkFile File { get; } = file;
        /// <summary>Null for a known copy (never read) and for a file that could not be read.</summary>
        public ExtractionResult? Result { get; } = result;
        public ContentFingerprint? Fingerprint { get; } = fingerprint;
        public Exception? Exception { get; } = exception;
    }
}
