namespace Chimera.Insight.Extraction;

/// <summary>
/// The working state a reader keeps from one file to the next: what the files of one tool share (CSV header layouts,
/// the dimensions of the folder last read, configuration texts) and scratch lists reused instead of allocated per
/// file. One context serves one file at a time: a measurement keeps one per worker and hands it to each file that
/// worker reads (through the <see cref="SampleSink"/>), and drops them when it ends; a single read without one gets a
/// fresh context.
/// </summary>
internal sealed class ReaderContext
{
    private const int MaxConfigurationTexts = 1024;

    public CsvArtifactReader.Context Csv => csv ??= new();

    public JsonArtifactReader.Scratch Json => json ??= new();

    /// <summary>The dimensions the folders of the last file read stand for (the files of one folder come one after
    /// another).</summary>
    public LastKeyMemo<Dimensions> Folders => folders ??= new(PathConfiguration.ReadFolders);

    /// <summary>How often each record hash has come in the file being completed (for "#2", "#3"...).</summary>
    public Dictionary<ulong, int> RecordOccurrences => recordOccurrences ??= [];

    /// <summary>Configuration texts by settings, device, concurrency, test and run, across files, up to a bound.</summary>
    public Dictionary<(RunSettings, string?, int?, string?, string?), string?> ConfigurationTexts
    {
        get
        {
            if (configurationTexts.Count >= MaxConfigurationTexts)
            {
                configurationTexts.Clear();
            }

            return configurationTexts;
        }
    }

    public ColdStartClassifier.Scratch ColdStarts => coldStarts ??= new();

    public Statistics.ContentFingerprint.Scratch Fingerprints => fingerprints ??= new();

    private readonly Dictionary<(RunSettings, string?, int?, string?, string?), string?> configurationTexts = [];
    private LastKeyMemo<Dimensions>? folders;
    private Dictionary<ulong, int>? recordOccurrences;
    private Statistics.ContentFingerprint.Scratch? fingerprints;
    private CsvArtifactReader.Context? csv;
    private JsonArtifactReader.Scratch? json;
    private ColdStartClassifier.Scratch? coldStarts;
}
