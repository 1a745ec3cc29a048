using System.Globalization;
using System.Runtime.CompilerServices;

namespace Chimera.Insight.Extraction;

/// <summary>
/// Collects one file's records and problems, then turns the records into samples: failed records keep every
/// metric (NaN, Failed, Error), record ids are derived from content, cold starts are marked.
/// </summary>
internal sealed class SampleSink(string source, ExtractionResult result, int maxErrors, ReaderContext? context = null)
{
    /// <summary>What the readers of this file keep from file to file (see <see cref="ReaderContext"/>).</summary>
    public ReaderContext Context { get; } = context ?? new ReaderContext();

    private readonly List<BenchmarkRecord> records = [];
    private int suppressedErrors;

    public string Source { get; } = source;

    public void Error(string? location, string reason)
    {
        if (result.Errors.Count >= maxErrors)
        {
            suppressedErrors++;
            return;
        }

        result.Errors.Add(new ExtractionError { Source = Source, Location = location, Reason = reason });
    }

    /// <summary>Something worth saying about the file that is not a problem with it (a prompt served from the cache, a
    /// report's cell that holds no figure): told in verbose output, never an error.</summary>
    public void Note(string? location, string reason)
    {
        // Said once per file, with where it was first seen and how often.
        noteCounts ??= new Dictionary<string, int>(StringComparer.Ordinal);
        if (noteCounts.TryGetValue(reason, out var seen))
        {
            noteCounts[reason] = seen + 1;
            return;
        }

        noteCounts.Add(reason, 1);
        result.Notes.Add(new ExtractionError { Source = Source, Location = location, Reason = reason });
    }

    private Dictionary<string, int>? noteCounts;

    /// <summary>Adds a record; one left without any value by the end (nothing to show) emits nothing.</summary>
    public void Add(BenchmarkRecord record) => records.Add(record);

    /// <summary>Completes every record collected, in file order: its configuration text, id and phase. The records
    /// with values become the result's records (its samples are built from them when asked for).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Complete()
    {
        if (suppressedErrors > 0)
        {
            result.Errors.Add(new ExtractionError
            {
                Source = Source,
                Reason = string.Format(CultureInfo.InvariantCulture, ExtractionStrings.TooManyErrors, suppressedErrors),
            });
        }

        if (noteCounts is not null)
        {
            foreach (var note in result.Notes)
            {
                if (noteCounts.TryGetValue(note.Reason, out var times) && times > 1)
                {
                    note.Reason = string.Format(CultureInfo.InvariantCulture, ExtractionStrings.NoteTimes, note.Reason, times);
                }
            }
        }

        var first = result.RecordList.Count;
        result.RecordList.Capacity = Math.Max(result.RecordList.Capacity, first + records.Count);
        // One dictionary per reader context, emptied for each file.
        var occurrences = Context.RecordOccurrences;
        occurrences.Clear();
        var shared = new StableHash.LastOfFour();
        foreach (var record in records)
        {
            if (record.Values.Count > 0)
            {
                record.Configuration = ConfigurationOf(record.Dimensions);
                record.Prompt = record.Dimensions.PromptText;
                SetId(record, record.Configuration, occurrences, ref shared);
                result.Add(Source, record);
            }
        }

        if (result.RecordList.Count > first)
        {
            ColdStartClassifier.Classify(Source, result.RecordList, first, Context.ColdStarts);
        }
    }

    private (RunSettings, string?, int?, string?, string?) lastConfiguration;
    private string? lastConfigurationText;

    private string? ConfigurationOf(Dimensions d)
    {
        var key = (d.Settings, d.Device, d.Concurrency, d.Test, d.Run);
        // Most often the same as the row before: compared before it is hashed.
        if (lastConfigurationText is not null && key.Equals(lastConfiguration))
        {
            return lastConfigurationText;
        }

        // The text of a configuration depends on nothing else: kept in the reader context, across files.
        var configurations = Context.ConfigurationTexts;
        if (!configurations.TryGetValue(key, out var text))
        {
            text = d.ConfigurationText();
            configurations.Add(key, text);
        }

        lastConfiguration = key;
        lastConfigurationText = text;
        return text;
    }

    /// <summary>
    /// The record id: a hash of what identifies the run whatever the file format: model, backend, quantization,
    /// configuration and the canonical figures read from the file (rounded to 4 significant digits, in canonical
    /// units, so a CSV in seconds and a JSON in milliseconds of the same run agree; summed, so their order does not
    /// matter either), or the error of a failed run. A repeat inside the same file gets "#2", "#3", ... so distinct
    /// identical rows stay distinct.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void SetId(BenchmarkRecord record, string? configuration, Dictionary<ulong, int> occurrences, ref StableHash.LastOfFour shared)
    {
        var dimensions = record.Dimensions;
        var key = shared.Of(dimensions.Model, dimensions.Backend, dimensions.Quantization, configuration);
        if (record.Failed)
        {
            key = StableHash.Mix(key, StableHash.Of(record.Error));
        }
        else
        {
            ulong figures = 0;
            foreach (var value in record.Values)
            {
                if (value.Identifying)
                {
                    var figure = StableHash.Mix(value.FigureKey, (ulong)BitConverter.DoubleToInt64Bits(SignificantDigits.Round(value.Value, 4)));
                    figures = unchecked(figures + StableHash.Finalize(figure));
                }
            }

            key = StableHash.Mix(key, figures);
        }

        occurrences.TryGetValue(key, out var seen);
        occurrences[key] = seen + 1;
        record.SetId(key, seen + 1);
    }
}
