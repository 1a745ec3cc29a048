using System.Globalization;

namespace Chimera.Insight.Extraction;

/// <summary>One record (CSV row, JSON object, Markdown section or table row) before it becomes samples.</summary>
internal sealed class PendingRecord(Dimensions dimensions, string? location, int capacity = 8)
{
    /// <summary>A CSV row: its location text ("row 3 (line 4)") is made only when something asks for it.</summary>
    public PendingRecord(Dimensions dimensions, long row, long line, int capacity)
        : this(dimensions, null, capacity)
    {
        this.row = row;
        this.line = line;
    }

    private string? location = location;
    private readonly long row;
    private readonly long line;

    /// <summary>The longest time any benchmark figure can plausibly take: one day, in ms.</summary>
    public const double MaxPlausibleMs = 86_400_000;
    /// <summary>A million tokens a second: far beyond any model on any hardware.</summary>
    public const double MaxPlausibleRate = 1_000_000;

    public Dimensions Dimensions { get; } = dimensions;
    /// <summary>Where the record stands in its file; null for one that says nothing of it (a sample made by hand).</summary>
    public string? Location => location ??= row > 0 ? RowLocation(row, line) : null;

    public static string RowLocation(long row, long line) =>
        string.Format(CultureInfo.InvariantCulture, "row {0} (line {1})", row, line);
    public bool Failed { get; private set; }
    public string? Error { get; private set; }
    public List<PendingValue> Values { get; } = new(capacity);

    /// <summary>For a summary a producer wrote (its figures Reported): the requests it covers that completed, when the
    /// file says; each figure then counts for that many requests.</summary>
    public int? RequestCount { get; set; }

    /// <summary>For a summary: the requests it covers that failed (counted in FailedCount, never averaged). For a failed
    /// record: how many failed requests it stands for (an all-failed run), when more than one.</summary>
    public int? FailedRequestCount { get; set; }

    /// <summary>Canonical configuration text, set when the file's records are complete.</summary>
    public string? Configuration { get; set; }

    /// <summary>The prompt as samples show it (<see cref="Dimensions.PromptText"/>), set when the file's records are complete.</summary>
    public string? Prompt { get; set; }

    private ulong idKey;
    private int idOccurrence;
    private string? id;

    /// <summary>The record id (see <see cref="SampleSink"/>): its hash as 16 hex digits, then "#2", "#3", ... for a
    /// repeat in the same file. Null until the file's records are complete; its text is made when first asked for.</summary>
    public string? Id => id ??= idOccurrence == 0 ? null
        : idKey.ToString("x16", CultureInfo.InvariantCulture)
          + (idOccurrence == 1 ? "" : "#" + idOccurrence.ToString(CultureInfo.InvariantCulture));

    /// <summary>Sets the id: its hash, and which occurrence of that hash in the file this record is (1 for the first).</summary>
    public void SetId(ulong key, int occurrence)
    {
        idKey = key;
        idOccurrence = occurrence;
        id = null;
    }

    /// <summary>Cold when this record carries a model (re)load (<see cref="ColdStartClassifier"/>).</summary>
    public Phase Phase { get; set; }

    /// <summary>The file states the phase (a report's "Mean TTFT (warm)"): the cold-start classifier leaves it as it is.</summary>
    public bool PhaseStated { get; private set; }

    /// <summary>Sets the phase the file states.</summary>
    public void StatePhase(Phase phase)
    {
        Phase = phase;
        PhaseStated = true;
    }

    /// <summary>Whether a value becomes a sample: every value of a failed record (as NaN), only valid ones otherwise.</summary>
    public bool Emits(in PendingValue value) => Failed || value.Valid;

    /// <summary>What a value of this record is worth as a sample: NaN for a failed record.</summary>
    public double ValueOf(in PendingValue value) => Failed ? double.NaN : value.Value;

    private bool errorIsText;

    /// <summary>Marks the record failed. The text of an error field (<paramref name="isErrorText"/>) wins over a
    /// reason made from a status or success flag, whichever column or property comes first.</summary>
    public void MarkFailed(string? reason, bool isErrorText = false)
    {
        Failed = true;
        if (Error is null || (isErrorText && !errorIsText))
        {
            Error = reason;
            errorIsText = isErrorText;
        }
    }

    public bool Has(string metric, string statistic)
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
    public string? Add(FieldMapping mapping, double value, string? location = null)
    {
        var problem = Check(mapping, value);
        if (problem is null)
        {
            if (location is not null)
            {
                (valueLocations ??= []).Add((Values.Count, location));
            }

            Values.Add(new PendingValue(mapping, value));
        }

        return problem;
    }

    // Values with a location of their own (a Markdown list item's line): rare, so kept apart from the values.
    private List<(int Index, string Location)>? valueLocations;

    // How precisely a value was written, where the file rounds (a Markdown table): rare, so kept apart too.
    private List<(int Index, double Resolution)>? valueResolutions;

    /// <summary>Notes that the last value added was written to within +/- <paramref name="resolution"/> (in its unit): a
    /// rendering that rounds (3.812 for 3.81214) is matched to the exact figure within it.</summary>
    public void SetLastResolution(double resolution)
    {
        if (Values.Count > 0 && resolution > 0)
        {
            (valueResolutions ??= []).Add((Values.Count - 1, resolution));
        }
    }

    /// <summary>The +/- to which the value at <paramref name="index"/> was written; 0 for a value read exactly.</summary>
    public double ResolutionOf(int index)
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
    public void RemoveValues(IReadOnlyList<int> indexes)
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
    public string? LocationOf(int index)
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
    public void Restore(FieldMapping field, double value, string? location)
    {
        if (location is not null)
        {
            (valueLocations ??= []).Add((Values.Count, location));
        }

        Values.Add(new PendingValue(field, value));
    }

    /// <summary>A field the record names without a figure (null, or a failed run's missing field): its metric, unit and
    /// statistic, no figure.</summary>
    public void AddMissing(FieldMapping field) => Values.Add(new PendingValue(field, double.NaN));

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

/// <summary>One figure of a record: 16 bytes, as a file holds thousands. <see cref="Valid"/> false: NaN, kept only so a
/// failed record shows (a figure read is always finite). Its metric, unit and statistic are those of the field it was
/// read from. Where it was read is the record's to say (<see cref="PendingRecord.LocationOf"/>).</summary>
internal readonly struct PendingValue(FieldMapping field, double value)
{
    /// <summary>The field the value was read from (or, without a figure, the field it stands for).</summary>
    public FieldMapping Field { get; } = field;
    public string Metric => Field.Metric;
    public string Unit => Field.Unit;
    public string Statistic => Field.Statistic ?? Insight.Statistic.Sample;
    /// <summary><see cref="StableHash.OfFigure"/> of <see cref="Metric"/>, <see cref="Unit"/> and <see cref="Statistic"/>.</summary>
    public ulong FigureKey => Field.FigureKey;
    public double Value { get; } = value;
    /// <summary>A canonical figure read from the file (not derived): part of the record id.</summary>
    public bool Identifying => Valid && Field.IsCanonical && !Field.IsDerived;
    public bool Valid => !double.IsNaN(Value);
}
