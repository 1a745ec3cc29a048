using System.Collections.ObjectModel;
using System.Globalization;
using Chimera.Insight.Extraction;

namespace Chimera.Insight;

/// <summary>
/// One run as a file holds it (a CSV row, a JSON request, a Markdown section or table row): the conditions it was
/// measured under, whether it failed, and its figures. The one record form of the engine: readers fill it while they
/// read its file, the file's completion gives it its configuration text, id and phase, and from then on it does not
/// change; everything public is read-only. Samples (<see cref="BenchmarkSample"/>) are a view of it, one per figure.
/// </summary>
public sealed class BenchmarkRecord
{
    internal BenchmarkRecord(Dimensions dimensions, string? location, int capacity = 8)
    {
        Dimensions = dimensions;
        this.location = location;
        Values = new List<RecordValue>(capacity);
    }

    /// <summary>A CSV row: its location text ("row 3 (line 4)") is made only when something asks for it.</summary>
    internal BenchmarkRecord(Dimensions dimensions, long row, long line, int capacity)
        : this(dimensions, null, capacity)
    {
        this.row = row;
        this.line = line;
    }

    private string? location;
    private readonly long row;
    private readonly long line;
    private ReadOnlyCollection<BenchmarkFigure>? figures;

    /// <summary>The longest time any benchmark figure can plausibly take: one day, in ms.</summary>
    internal const double MaxPlausibleMs = 86_400_000;
    /// <summary>A million tokens a second: far beyond any model on any hardware.</summary>
    internal const double MaxPlausibleRate = 1_000_000;

    /// <summary>Full path of the file the record was read from (or the source its samples named).</summary>
    public string Source { get; internal set; } = "";

    /// <summary>Where the record stands in its file (row, JSON path or line); null for one that says nothing of it (a
    /// sample made by hand).</summary>
    public string? Location => location ??= row > 0 ? RowLocation(row, line) : null;

    public string? Model => Dimensions.Model;
    public string? Backend => Dimensions.Backend;

    /// <summary>Canonical text of the configuration parts present, e.g. "num_gpu=80, num_ctx=512, temperature=1".</summary>
    public string? Configuration { get; internal set; }

    /// <summary>The run settings, every option of <see cref="RunSettings.Options"/>.</summary>
    public RunSettings Settings => Dimensions.Settings;

    public string? Quantization => Dimensions.Quantization;

    /// <summary>The prompt: its text, else "#index".</summary>
    public string? Prompt { get; internal set; }

    /// <summary>The tool that wrote the file (vllm, aiperf, guidellm, llmperf, llama-bench, ollama, sglang), when known.</summary>
    public string? Producer => Dimensions.Producer;

    /// <summary>Concurrent requests of the serving run.</summary>
    public int? Concurrency => Dimensions.Concurrency;

    /// <summary>The llama-bench test (pp512, tg128, pp512 @ d1024).</summary>
    public string? Test => Dimensions.Test;

    /// <summary>Which of several runs in one file.</summary>
    public string? Run => Dimensions.Run;

    public DateTime? Timestamp => Dimensions.Timestamp;

    /// <summary>For a summary a producer wrote (its figures Reported): the requests it covers that completed, when the
    /// file says; each figure then counts for that many requests.</summary>
    public int? RequestCount { get; internal set; }

    /// <summary>For a summary: the requests it covers that failed (counted in FailedCount, never averaged). For a failed
    /// record: how many failed requests it stands for (an all-failed run), when more than one.</summary>
    public int? FailedRequestCount { get; internal set; }

    /// <summary>Cold when this record carries a model (re)load (<see cref="ColdStartClassifier"/>).</summary>
    public Phase Phase { get; internal set; }

    public bool Failed { get; private set; }
    public string? Error { get; private set; }

    private ulong idKey;
    private int idOccurrence;
    private string? id;

    /// <summary>The record id, the <see cref="BenchmarkSample.Record"/> of its samples (see <see cref="SampleSink"/>): its
    /// hash as 16 hex digits, then "#2", "#3", ... for a repeat in the same file. Null for a record folded from samples
    /// that named none; its text is made when first asked for.</summary>
    public string? Id => id ??= idOccurrence == 0 ? null
        : idKey.ToString("x16", CultureInfo.InvariantCulture)
          + (idOccurrence == 1 ? "" : "#" + idOccurrence.ToString(CultureInfo.InvariantCulture));

    /// <summary>The figures the record's samples carry, in file order: every figure of a failed record (NaN), only
    /// those with a value otherwise. Made when first asked for.</summary>
    public IReadOnlyList<BenchmarkFigure> Figures => figures ??= new ReadOnlyCollection<BenchmarkFigure>(MakeFigures());

    private BenchmarkFigure[] MakeFigures()
    {
        var made = new List<BenchmarkFigure>(Values.Count);
        for (var position = 0; position < Values.Count; position++)
        {
            var value = Values[position];
            if (Emits(value))
            {
                var at = LocationOf(position);
                made.Add(new BenchmarkFigure(value.Metric, ValueOf(value), value.Unit, value.Statistic,
                    ReferenceEquals(at, Location) ? null : at));
            }
        }

        return [.. made];
    }

    public override string ToString() => string.Join("; ", Figures);

    internal Dimensions Dimensions { get; }

    internal static string RowLocation(long row, long line) =>
        string.Format(CultureInfo.InvariantCulture, "row {0} (line {1})", row, line);

    internal List<RecordValue> Values { get; }

    /// <summary>Sets the id: its hash, and which occurrence of that hash in the file this record is (1 for the first).</summary>
    internal void SetId(ulong key, int occurrence)
    {
        idKey = key;
        idOccurrence = occurrence;
        id = null;
    }

    /// <summary>The file states the phase (a report's "Mean TTFT (warm)"): the cold-start classifier leaves it as it is.</summary>
    internal bool PhaseStated { get; private set; }

    /// <summary>Sets the phase the file states.</summary>
    internal void StatePhase(Phase phase)
    {
        Phase = phase;
        PhaseStated = true;
    }

    /// <summary>Whether a value becomes a sample: every value of a failed record (as NaN), only valid ones otherwise.</summary>
    internal bool Emits(in RecordValue value) => Failed || value.Valid;

    /// <summary>What a value of this record is worth as a sample: NaN for a failed record.</summary>
    internal double ValueOf(in RecordValue value) => Failed ? double.NaN : value.Value;

    private bool errorIsText;

    /// <summary>Marks the record failed. The text of an error field (<paramref name="isErrorText"/>) wins over a
    /// reason made from a status or success flag, whichever column or property comes first.</summary>
    internal void MarkFailed(string? reason, bool isErrorText = false)
    {
        Failed = true;
        if (Error is null || (isErrorText && !errorIsText))
        {
            Error = reason;
            errorIsText = isErrorText;
        }
    }

    internal bool Has(string metric, string statistic)
    {
        foreach (var value in Values)
        {
            if (value.Metric == metric && value.Statistic == statistic)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Adds a figure already scaled to the metric's unit. Returns the reason when it cannot be
    /// a valid value (non-finite, a negative canonical time, count, rate or share, a time over a day): the
    /// value is then not added.</summary>
    internal string? Add(FieldMapping mapping, double value, string? location = null)
    {
        var problem = Check(mapping, value);
        if (problem is null)
        {
            if (location is not null)
            {
                (valueLocations ??= []).Add((Values.Count, location));
            }

            Values.Add(new RecordValue(mapping, value));
        }

        return problem;
    }

    // Values with a location of their own (a Markdown list item's line): rare, so kept apart from the values.
    private List<(int Index, string Location)>? valueLocations;

    // How precisely a value was written, where the file rounds (a Markdown table): rare, so kept apart too.
    private List<(int Index, double Resolution)>? valueResolutions;

    /// <summary>Notes that the last value added was written to within +/- <paramref name="resolution"/> (in its unit): a
    /// rendering that rounds (3.812 for 3.81214) is matched to the exact figure within it.</summary>
    internal void SetLastResolution(double resolution)
    {
        if (Values.Count > 0 && resolution > 0)
        {
            (valueResolutions ??= []).Add((Values.Count - 1, resolution));
        }
    }

    /// <summary>The +/- to which the value at <paramref name="index"/> was written; 0 for a value read exactly.</summary>
    internal double ResolutionOf(int index)
    {
        if (valueResolutions is not null)
        {
            foreach (var (at, resolution) in valueResolutions)
            {
                if (at == index)
                {
                    return resolution;
                }
            }
        }

        return 0;
    }

    /// <summary>Removes the values at the given indexes (sorted ascending), with what is noted of them.</summary>
    internal void RemoveValues(IReadOnlyList<int> indexes)
    {
        for (var k = indexes.Count - 1; k >= 0; k--)
        {
            var index = indexes[k];
            Values.RemoveAt(index);
            valueLocations = Shift(valueLocations, index);
            valueResolutions = Shift(valueResolutions, index);
        }
    }

    private static List<(int Index, T Item)>? Shift<T>(List<(int Index, T Item)>? list, int removed)
    {
        if (list is null)
        {
            return null;
        }

        var shifted = new List<(int Index, T Item)>(list.Count);
        foreach (var (at, item) in list)
        {
            if (at != removed)
            {
                shifted.Add((at > removed ? at - 1 : at, item));
            }
        }

        return shifted;
    }

    /// <summary>Where the value at <paramref name="index"/> of <see cref="Values"/> was read: its own line, else the record's.</summary>
    internal string? LocationOf(int index)
    {
        if (valueLocations is not null)
        {
            foreach (var (at, location) in valueLocations)
            {
                if (at == index)
                {
                    return location;
                }
            }
        }

        return Location;
    }

    /// <summary>A value as a sample carried it (<see cref="Statistics.SampleRecords"/>): not checked here, as the
    /// aggregation checks every value it counts; <paramref name="location"/> when it is not the record's own.</summary>
    internal void Restore(FieldMapping field, double value, string? location)
    {
        if (location is not null)
        {
            (valueLocations ??= []).Add((Values.Count, location));
        }

        Values.Add(new RecordValue(field, value));
    }

    /// <summary>A field the record names without a figure (null, or a failed run's missing field): its metric, unit and
    /// statistic, no figure.</summary>
    internal void AddMissing(FieldMapping field) => Values.Add(new RecordValue(field, double.NaN));

    private static string? Check(FieldMapping mapping, double value)
    {
        if (double.IsNaN(value) || double.IsInfinity(value))
        {
            return string.Format(CultureInfo.InvariantCulture, ExtractionStrings.NotFinite, NumberText.Format(value));
        }

        // Unknown fields may be negative (deltas); canonical figures never are.
        var kind = mapping.IsCanonical ? mapping.Kind : MetricKind.Other;
        if (value < 0 && (kind is MetricKind.Time or MetricKind.Rate or MetricKind.Count or MetricKind.Percent or MetricKind.MemoryMb or MetricKind.Power))
        {
            return string.Format(CultureInfo.InvariantCulture, ExtractionStrings.NegativeValue, mapping.Metric, NumberText.Format(value), mapping.Unit);
        }

        if (kind == MetricKind.Time && value > MaxPlausibleMs)
        {
            return string.Format(CultureInfo.InvariantCulture, ExtractionStrings.AbsurdValue, mapping.Metric, NumberText.Format(value), mapping.Unit);
        }

        if (kind == MetricKind.Rate && value > MaxPlausibleRate)
        {
            return string.Format(CultureInfo.InvariantCulture, ExtractionStrings.AbsurdRate, mapping.Metric, NumberText.Format(value), mapping.Unit);
        }

        return null;
    }
}
