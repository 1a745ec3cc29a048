using Chimera.Insight.Extraction;
using Chimera.Insight.Inventory;

namespace Chimera.Insight.Statistics;

/// <summary>
/// The files of one measurement that may repeat each other in another form: a Markdown rendering beside its data
/// file (<c>run.json</c> and <c>run.md</c>), a CSV without a model column beside its JSON twin. Files that name no
/// model are held back until every file is in, then matched (<see cref="TwinMatcher"/>) with the files of their run
/// family in the same folder; failing a twin, they take the one model their run family names. Candidates are read
/// again from disk only for such files, which are few: nothing is kept of the others but their names and models.
/// </summary>
internal sealed class TwinFiles
{
    private const int MaxCandidates = 16;
    private static readonly string[] DataExtensions = [".json", ".jsonl", ".csv"];

    private readonly List<(BenchmarkFile File, ExtractionResult Result)> held = [];
    private readonly HashSet<string> heldNames = new(StringComparer.Ordinal);
    // Files by run family; the model each folder's family, and each family, names ("" when several).
    private readonly Dictionary<string, RunIndex> runs = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> familyModels = new(StringComparer.Ordinal);

    /// <summary>True when some record names a model (or there is no record to name one for).</summary>
    public static bool NamesModel(IReadOnlyList<BenchmarkRecord> records)
    {
        foreach (var record in records)
        {
            if (record.Dimensions.Model is not null)
            {
                return true;
            }
        }

        return records.Count == 0;
    }

    /// <summary>Notes a file as it is counted: a candidate twin of the files of its run held back, with a sketch of the
    /// figures it holds (so that a file which cannot be a twin is never read again).</summary>
    public void Add(BenchmarkFile file, IReadOnlyList<BenchmarkRecord> records)
    {
        if (file.Family.Length == 0)
        {
            return;
        }

        var run = RunOf(file);
        if (!runs.TryGetValue(run, out var index))
        {
            index = new RunIndex();
            runs.Add(run, index);
        }

        index.Add(file.FullName, IsData(file.FullName), FiguresOf(records));
    }

    /// <summary>Which figures (metric, unit, statistic) the records hold, as 64 bits: one set per figure's hash.</summary>
    private static ulong FiguresOf(IReadOnlyList<BenchmarkRecord> records)
    {
        ulong figures = 0;
        foreach (var record in records)
        {
            foreach (var value in record.Values)
            {
                figures |= 1UL << (int)(value.FigureKey & 63);
            }
        }

        return figures;
    }

    /// <summary>Whether a file with figures <paramref name="candidate"/> can hold most of those of <paramref name="copy"/>.</summary>
    private static bool MayHold(ulong candidate, ulong copy) => BitCount(candidate & copy) * 2 > BitCount(copy);

    private static int BitCount(ulong bits)
    {
        var count = 0;
        for (; bits != 0; bits &= bits - 1)
        {
            count++;
        }

        return count;
    }

    public bool HasHeld => held.Count > 0;

    public void Hold(BenchmarkFile file, ExtractionResult result)
    {
        held.Add((file, result));
        heldNames.Add(file.FullName);
    }

    /// <summary>The files held back, in the order they came; none is held afterwards.</summary>
    public List<(BenchmarkFile File, ExtractionResult Result)> TakeHeld()
    {
        var taken = held.ToList();
        held.Clear();
        return taken;
    }

    /// <summary>Notes the model a counted file names, for the files of its family that name none.</summary>
    public void NoteModels(BenchmarkFile file, IReadOnlyList<BenchmarkRecord> records)
    {
        if (file.Family.Length == 0)
        {
            return;
        }

        string? model = null;
        foreach (var record in records)
        {
            if (record.Dimensions.Model is { } named)
            {
                if (model is not null && !string.Equals(model, named, StringComparison.Ordinal))
                {
                    model = "";
                    break;
                }

                model = named;
            }
        }

        if (model is null)
        {
            return;
        }

        Note(FolderFamily(file), model);
        Note(RunOf(file), model);
    }

    private void Note(string key, string model)
    {
        familyModels[key] = familyModels.TryGetValue(key, out var known) && !string.Equals(known, model, StringComparison.Ordinal) ? "" : model;
    }

    /// <summary>The one model the file's run family names (its folder's files first, then anywhere), else null.</summary>
    public string? ModelOfFamily(BenchmarkFile file, out string family)
    {
        family = RunOf(file);
        if (family.Length == 0)
        {
            return null;
        }

        if (familyModels.TryGetValue(FolderFamily(file), out var model) || familyModels.TryGetValue(family, out model))
        {
            return model.Length > 0 ? model : null;
        }

        return null;
    }

    /// <summary>The data file a Markdown file renders, with the match, or null: a file of the same folder among
    /// <paramref name="given"/> with the same name and a data extension (.json/.jsonl/.csv), else a data file of the
    /// same folder and run (a run folder's metrics.json for its agents' reports).</summary>
    public Twin? FindRendered(BenchmarkFile file, ExtractionResult result, HashSet<string> given, ExtractionOptions? options)
    {
        var folder = Path.GetDirectoryName(file.FullName) ?? "";
        var stem = Path.GetFileNameWithoutExtension(file.FullName);
        var tried = new List<string>();
        foreach (var extension in DataExtensions)
        {
            var candidate = Path.Combine(folder, stem + extension);
            if (given.Contains(candidate))
            {
                tried.Add(candidate);
                if (Compare(result, candidate, options) is { } twin)
                {
                    return twin;
                }
            }
        }

        foreach (var candidate in RunFiles(file, result.Records, dataOnly: true).Where(n => !tried.Contains(n)).Take(MaxCandidates))
        {
            if (Compare(result, candidate, options) is { } twin)
            {
                return twin;
            }
        }

        return null;
    }

    /// <summary>The other files of the file's run in its folder, then in the folders under it (a run folder's
    /// summary.json and its runs' metrics.json), in the order they came.</summary>
    private IEnumerable<string> RunFiles(BenchmarkFile file, IReadOnlyList<BenchmarkRecord> records, bool dataOnly)
    {
        if (file.Family.Length == 0 || !runs.TryGetValue(RunOf(file), out var index) || (dataOnly && index.DataFiles == 0))
        {
            return [];
        }

        var folder = Path.GetDirectoryName(file.FullName) ?? "";
        var below = folder + Path.DirectorySeparatorChar;
        var figures = FiguresOf(records);
        var same = index.Folders.TryGetValue(folder, out var here) ? here : [];
        var under = index.Folders.Where(f => f.Key.StartsWith(below, StringComparison.Ordinal)).SelectMany(f => f.Value);
        return same.Concat(under)
            .Where(n => MayHold(n.Figures, figures) && (!dataOnly || n.Data) && !string.Equals(n.Path, file.FullName, StringComparison.Ordinal))
            .Select(n => n.Path);
    }

    /// <summary>The files of one run, by folder: each with whether it is a data file (not Markdown) and its figures.</summary>
    private sealed class RunIndex
    {
        public Dictionary<string, List<(string Path, bool Data, ulong Figures)>> Folders { get; } = new(StringComparer.Ordinal);
        public int DataFiles { get; private set; }

        public void Add(string path, bool data, ulong figures)
        {
            var folder = Path.GetDirectoryName(path) ?? "";
            if (!Folders.TryGetValue(folder, out var files))
            {
                files = [];
                Folders.Add(folder, files);
            }

            files.Add((path, data, figures));
            if (data)
            {
                DataFiles++;
            }
        }
    }

    /// <summary>Records of a file that names one model, lacking it themselves (a summary beside the agents' results),
    /// take it: the file says whose run it is.</summary>
    public static bool FillFileModel(IReadOnlyList<BenchmarkRecord> records)
    {
        string? model = null;
        var missing = false;
        foreach (var record in records)
        {
            if (record.Dimensions.Model is not { } named)
            {
                missing = true;
            }
            else if (model is null)
            {
                model = named;
            }
            else if (!string.Equals(model, named, StringComparison.Ordinal))
            {
                return false;
            }
        }

        if (model is null || !missing)
        {
            return false;
        }

        foreach (var record in records)
        {
            record.Dimensions.Model ??= model;
        }

        return true;
    }

    private static bool IsData(string path) => DataExtensions.Contains(Path.GetExtension(path), StringComparer.OrdinalIgnoreCase);

    /// <summary>The file of the same folder and run family whose records the held file repeats (the same name first),
    /// with the match, or null.</summary>
    public Twin? FindTwin(BenchmarkFile file, ExtractionResult result, ExtractionOptions? options)
    {
        var stem = Path.GetFileNameWithoutExtension(file.FullName);
        var candidates = RunFiles(file, result.Records, dataOnly: false)
            .Where(n => !heldNames.Contains(n))
            .OrderBy(n => string.Equals(Path.GetFileNameWithoutExtension(n), stem, StringComparison.Ordinal) ? 0 : 1)
            .Take(MaxCandidates);
        foreach (var candidate in candidates)
        {
            if (Compare(result, candidate, options) is { } twin)
            {
                return twin;
            }
        }

        return null;
    }

    private static Twin? Compare(ExtractionResult result, string candidate, ExtractionOptions? options)
    {
        if (ArtifactKinds.FromFileName(candidate) is not { } kind)
        {
            return null;
        }

        var original = ArtifactReader.Read(candidate, kind, options);
        FillFileModel(original.Records);
        if (!NamesModel(original.Records) && NamesModel(result.Records))
        {
            return null;
        }

        return TwinMatcher.Match(result.Records, original.Records) is { } match ? new Twin(candidate, match) : null;
    }

    private static string FolderFamily(BenchmarkFile file) => (Path.GetDirectoryName(file.FullName) ?? "") + "\u001f" + RunOf(file);

    /// <summary>The run a file belongs to: its family, or for a file inside a run's folder (family
    /// <c>chimera_homo_gpu80_ctx512/metrics</c>) the run folder's family, which its other files share.</summary>
    private static string RunOf(BenchmarkFile file)
    {
        var slash = file.Family.LastIndexOf('/');
        return slash > 0 ? file.Family.Substring(0, slash) : file.Family;
    }

    internal sealed class Twin(string original, TwinMatch match)
    {
        public string Original { get; } = original;
        public TwinMatch Match { get; } = match;
    }
}
