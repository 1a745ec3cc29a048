using System.Management.Automation;
using Chimera.Insight.Inventory;
using System.Text.RegularExpressions;

namespace Chimera.Insight.Commands.Input;

/// <summary>What a pipeline object is. Every cmdlet classifies its input with <see cref="EngineObjectConverter.Classify"/>
/// and takes the kinds it names in <see cref="InputKinds"/>.</summary>
internal enum InputKind
{
    Unknown,
    File,
    Sample,
    /// <summary>A run with its figures (Get-BenchmarkRecord).</summary>
    Record,
    Metric,
    Report,
    Comparison,
    Finding,
    Inventory,
    /// <summary>A partial result's metric part (Measure-BenchmarkMetrics -Partial).</summary>
    Part,
    /// <summary>A partial run's header: its source table and inventory (Measure-BenchmarkMetrics -Partial).</summary>
    PartialRun,
    /// <summary>A path string, a FileInfo, or anything else with a PSPath.</summary>
    Path,
}

/// <summary>Turns pipeline input, live engine objects or property bags (deserialized objects from Start-Job,
/// Invoke-Command, Import-Clixml; PSCustomObject; hashtables; ConvertFrom-Json output), into engine objects.
/// Live engine objects are returned as they are; property bags are matched by type name (Chimera.Insight.X or
/// Deserialized.Chimera.Insight.X), else by the properties they carry, through one table.</summary>
internal static class EngineObjectConverter
{
    private const string TypePrefix = "Chimera.Insight.";
    private const string DeserializedPrefix = "Deserialized.Chimera.Insight.";

    /// <summary>The one classification table: each kind's engine type (live objects and type names) and the
    /// properties that identify a bag of that kind, tried in this order. A new kind of input is one row here and
    /// one conversion below.</summary>
    private static readonly (InputKind Kind, Type Type, Func<PropertyReader, bool> Shape)[] Kinds =
    [
        (InputKind.Part, typeof(BenchmarkMetricPart), p => p.Has("RunId") && p.Has("Payload")),
        (InputKind.PartialRun, typeof(BenchmarkPartialRun), p => p.Has("RunId") && p.Has("SourceTable")),
        (InputKind.Report, typeof(InsightReport),
            p => p.Has("AgentType") || (p.Has("Provider") && (p.Has("Text") || p.Has("Markdown"))) || (p.Has("Persona") && p.Has("TokensPerSecond"))),
        (InputKind.Comparison, typeof(BenchmarkComparison), p => p.Has("ReferenceMean") || p.Has("DifferenceMean")),
        (InputKind.Record, typeof(BenchmarkRecord), p => p.Has("Figures") && p.Has("Source") && !p.Has("Text")),
        (InputKind.Sample, typeof(BenchmarkSample), p => p.Has("Metric") && p.Has("Value")),
        (InputKind.Metric, typeof(BenchmarkMetric), p => p.Has("Metric") && (p.Has("Origin") || p.Has("Mean") || p.Has("Count"))),
        (InputKind.Finding, typeof(Finding), p => p.Has("Kind") && p.Has("Text") && (p.Has("Figures") || p.Has("Severity"))),
        (InputKind.Inventory, typeof(BenchmarkInventorySummary), p => p.Has("FileCount") && p.Has("Kinds")),
        (InputKind.File, typeof(BenchmarkFile), p => p.Has("FullName") && p.Has("Kind")),
    ];

    public static InputKind Classify(PSObject input)
    {
        switch (input.BaseObject)
        {
            case string: return InputKind.Path;
            case FileSystemInfo: return InputKind.Path;
        }

        var type = input.BaseObject.GetType();
        foreach (var row in Kinds)
        {
            if (row.Type == type)
            {
                return row.Kind;
            }
        }

        foreach (var typeName in input.TypeNames)
        {
            var name = typeName.StartsWith(DeserializedPrefix, StringComparison.Ordinal) ? typeName.Substring(DeserializedPrefix.Length)
                : typeName.StartsWith(TypePrefix, StringComparison.Ordinal) ? typeName.Substring(TypePrefix.Length)
                : null;
            foreach (var row in Kinds)
            {
                if (string.Equals(row.Type.Name, name, StringComparison.Ordinal))
                {
                    return row.Kind;
                }
            }
        }

        var p = new PropertyReader(input);
        foreach (var row in Kinds)
        {
            if (row.Shape(p))
            {
                return row.Kind;
            }
        }

        return p.Has("FullName") || p.Has("PSPath") ? InputKind.Path : InputKind.Unknown;
    }

    /// <summary>The error every cmdlet writes for input it does not take, naming what it takes.</summary>
    public static ErrorRecord Unsupported(PSObject input, string cmdlet, IEnumerable<InputKind> takes) => new(
        new ArgumentException(InputMessages.Unsupported(TypeName(input), cmdlet, takes)),
        "UnsupportedInput", ErrorCategory.InvalidType, input);

    /// <summary>The error for input of a kind a cmdlet takes whose values cannot be read.</summary>
    public static ErrorRecord Unreadable(PSObject input, Exception reason) => new(
        new ArgumentException(InputMessages.Unreadable(TypeName(input), reason.Message), reason),
        "InputNotReadable", ErrorCategory.InvalidData, input);

    public static string TypeName(PSObject input) =>
        input.TypeNames.Count > 0 ? input.TypeNames[0] : input.BaseObject?.GetType().FullName ?? "null";

    /// <summary>The path a Path input names: the string itself, or its FullName / PSPath.</summary>
    public static string? ToPath(PSObject input)
    {
        if (input.BaseObject is string text)
        {
            return text;
        }

        var p = new PropertyReader(input);
        return p.String("FullName") ?? p.String("PSPath");
    }

    /// <summary>The run settings of a piped object: its Settings (live, or the text a deserialized one keeps), else
    /// those its Configuration text names; an option it carries as a property of its own (NumCtx, MinP) comes on top.
    /// Every option of <see cref="RunSettings.Options"/> is read, so a new one needs nothing here.</summary>
    private static RunSettings SettingsOf(PropertyReader p)
    {
        var settings = p.Raw("Settings") is RunSettings live ? live : RunSettings.Parse(p.String("Settings"));
        if (settings.IsEmpty)
        {
            settings = RunSettings.Parse(p.String("Configuration"));
        }

        foreach (var option in RunSettings.Options)
        {
            if (p.Double(option.PropertyName) is { } value)
            {
                settings = settings.With(option, value);
            }
        }

        return settings;
    }

    public static BenchmarkSample ToSample(PSObject input)
    {
        if (input.BaseObject is BenchmarkSample live)
        {
            return live;
        }

        var p = new PropertyReader(input);
        var sample = RunSample(p, p.String("Record"));
        sample.Metric = p.String("Metric") ?? "";
        sample.Value = p.Double("Value") ?? double.NaN;
        sample.Unit = p.String("Unit") ?? "";
        sample.Statistic = p.String("Statistic") is { Length: > 0 } statistic ? statistic : Statistic.Sample;
        sample.Location = p.String("Location");
        return sample;
    }

    /// <summary>A record given as a property bag (deserialized, or written by hand): the samples of its figures, which
    /// the session folds back into the record as it does any samples. A live record is taken as it is.</summary>
    public static List<BenchmarkSample> ToRecordSamples(PSObject input)
    {
        var p = new PropertyReader(input);
        var id = p.String("Id");
        var location = p.String("Location");
        var samples = new List<BenchmarkSample>();
        foreach (var item in p.Items("Figures"))
        {
            var sample = RunSample(p, id);
            sample.Location = location;
            switch (item)
            {
                case PSObject bag when bag.BaseObject is not string:
                    var figure = new PropertyReader(bag);
                    sample.Metric = figure.String("Metric") ?? "";
                    sample.Value = figure.Double("Value") ?? double.NaN;
                    sample.Unit = figure.String("Unit") ?? "";
                    sample.Statistic = figure.String("Statistic") is { Length: > 0 } statistic ? statistic : Statistic.Sample;
                    sample.Location = figure.String("Location") ?? location;
                    break;
                case var text when PropertyReader.Unwrap(text) is string written && RecordFigureText.Match(written) is { Success: true } m:
                    // A figure serialized past its depth arrives as its text: "TtftMs=120 ms", "TtftMs P99=310 ms".
                    sample.Metric = m.Groups["metric"].Value;
                    sample.Value = PropertyReader.ParseDouble(m.Groups["value"].Value) ?? double.NaN;
                    sample.Unit = m.Groups["unit"].Value;
                    sample.Statistic = m.Groups["statistic"].Success ? m.Groups["statistic"].Value : Statistic.Sample;
                    break;
                default:
                    throw new FormatException(string.Format(System.Globalization.CultureInfo.InvariantCulture,
                        "a figure of the record at {0} is neither a BenchmarkFigure nor its text ('{1}')", location ?? p.String("Source"), item));
            }

            samples.Add(sample);
        }

        return samples;
    }

    private static readonly Regex RecordFigureText =
        new(@"^(?<metric>[^\s=]+)(?: (?<statistic>[^\s=]+))?=(?<value>\S+)(?: (?<unit>.*))?$", RegexOptions.CultureInvariant);

    /// <summary>A sample with the run's properties read from <paramref name="p"/> (a sample's, or its record's).</summary>
    private static BenchmarkSample RunSample(PropertyReader p, string? record) => new()
    {
        Model = p.String("Model"),
        Backend = p.String("Backend"),
        Configuration = p.String("Configuration"),
        Settings = SettingsOf(p),
        Quantization = p.String("Quantization"),
        Prompt = p.String("Prompt"),
        Producer = p.String("Producer"),
        Concurrency = p.Int("Concurrency"),
        Test = p.String("Test"),
        Run = p.String("Run"),
        RequestCount = p.Int("RequestCount"),
        FailedRequestCount = p.Int("FailedRequestCount"),
        Phase = p.Enum<Phase>("Phase") ?? Phase.Warm,
        Failed = p.Bool("Failed"),
        Error = p.String("Error"),
        Source = p.String("Source") ?? "",
        Timestamp = p.DateTime("Timestamp"),
        Record = record,
    };

    public static BenchmarkMetric ToMetric(PSObject input)
    {
        if (input.BaseObject is BenchmarkMetric live)
        {
            return live;
        }

        var p = new PropertyReader(input);
        var origin = p.Enum<MetricOrigin>("Origin") ?? MetricOrigin.Measured;
        return new BenchmarkMetric
        {
            Metric = p.String("Metric") ?? "",
            Unit = p.String("Unit") ?? "",
            Origin = origin,
            Statistic = p.String("Statistic"),
            Model = p.String("Model"),
            Backend = p.String("Backend"),
            Configuration = p.String("Configuration"),
            Settings = SettingsOf(p),
            Quantization = p.String("Quantization"),
            Phase = p.Enum<Phase>("Phase"),
            Prompt = p.String("Prompt"),
            Producer = p.String("Producer"),
            Concurrency = p.Int("Concurrency"),
            Test = p.String("Test"),
            Run = p.String("Run"),
            Source = p.String("Source"),
            Count = p.Int("Count") ?? 0,
            FailedCount = p.Int("FailedCount") ?? 0,
            Mean = p.Double("Mean"),
            StdDev = p.Double("StdDev"),
            Min = p.Double("Min"),
            P50 = p.Double("P50"),
            P90 = p.Double("P90"),
            P95 = p.Double("P95"),
            P99 = p.Double("P99"),
            Max = p.Double("Max"),
            CV = p.Double("CV"),
            Percentiles = p.Items("Percentiles").Select(ToPercentile).Where(v => v is not null).ToArray()!,
            Values = p.Doubles("Values"),
            Sources = p.Strings("Sources"),
            Inventory = ToInventorySummary(p.Raw("Inventory")),
            ColdCount = p.Int("ColdCount") ?? 0,
            SourceCounts = p.Ints("SourceCounts"),
            SourceFailedCounts = p.Ints("SourceFailedCounts"),
            FailedSources = p.Strings("FailedSources"),
            TopError = p.String("TopError"),
            DuplicateSources = p.Strings("DuplicateSources"),
            RedundantSources = p.Strings("RedundantSources"),
            LatestTimestamp = p.DateTime("LatestTimestamp"),
            ComputerNames = p.Strings("ComputerNames"),
            QuantileRelativeError = p.Double("QuantileRelativeError"),
        };
    }

    public static BenchmarkFile ToFile(PSObject input)
    {
        if (input.BaseObject is BenchmarkFile live)
        {
            return live;
        }

        var p = new PropertyReader(input);
        var fullName = p.String("FullName") ?? "";
        return new BenchmarkFile
        {
            FullName = fullName,
            RelativePath = p.String("RelativePath") ?? Path.GetFileName(fullName),
            Root = p.String("Root") ?? Path.GetDirectoryName(fullName) ?? "",
            Name = p.String("Name") ?? Path.GetFileName(fullName),
            Kind = p.Enum<ArtifactKind>("Kind") ?? ArtifactKinds.FromFileName(fullName) ?? ArtifactKind.Csv,
            Length = (long)(p.Double("Length") ?? 0),
            LastWriteTimeUtc = p.DateTime("LastWriteTimeUtc") ?? default,
            ContentHash = p.String("ContentHash"),
            DuplicateOf = p.String("DuplicateOf"),
            Family = p.String("Family") ?? "",
            RunTimestamp = p.DateTime("RunTimestamp"),
        };
    }

    public static InsightReport ToReport(PSObject input)
    {
        if (input.BaseObject is InsightReport live)
        {
            return live;
        }

        var p = new PropertyReader(input);
        return new InsightReport
        {
            AgentType = p.String("AgentType") ?? "Chimera Insight",
            Run = p.Int("Run") ?? 1,
            Profile = p.String("Profile"),
            Model = p.String("Model") ?? "",
            Provider = p.Enum<ReportProvider>("Provider") ?? ReportProvider.Ollama,
            OllamaUri = p.String("OllamaUri"),
            OllamaVersion = p.String("OllamaVersion"),
            Configuration = p.String("Configuration") ?? "",
            Settings = SettingsOf(p),
            Persona = p.String("Persona") ?? "",
            GeneratedAt = p.DateTime("GeneratedAt") ?? default,
            Text = p.String("Text") ?? "",
            Markdown = p.String("Markdown") ?? "",
            Recommendations = p.Strings("Recommendations"),
            Findings = p.Items("Findings").Select(ToFinding).Where(f => f is not null).ToArray()!,
            Metrics = p.Items("Metrics").Select(NestedMetric).Where(m => m is not null).ToArray()!,
            Inventory = ToInventorySummary(p.Raw("Inventory")),
            TtftMs = p.Double("TtftMs"),
            TokensPerSecond = p.Double("TokensPerSecond"),
            TotalDurationMs = p.Double("TotalDurationMs"),
            LoadDurationMs = p.Double("LoadDurationMs"),
            PromptEvalDurationMs = p.Double("PromptEvalDurationMs"),
            EvalDurationMs = p.Double("EvalDurationMs"),
            PromptTokens = p.Int("PromptTokens"),
            TokensGenerated = p.Int("TokensGenerated"),
            DoneReason = p.String("DoneReason"),
            IngestSeconds = p.Double("IngestSeconds") ?? 0,
            AnalysisSeconds = p.Double("AnalysisSeconds") ?? 0,
            ReportSeconds = p.Double("ReportSeconds") ?? 0,
            TotalSeconds = p.Double("TotalSeconds") ?? 0,
            FilesAnalyzed = p.Int("FilesAnalyzed") ?? 0,
            GpuOffloadPercent = p.Double("GpuOffloadPercent"),
            ContextLength = p.Int("ContextLength"),
            PromptFitsContext = p.Has("PromptFitsContext") && p.Raw("PromptFitsContext") is not null ? p.Bool("PromptFitsContext") : null,
            EstimatedPromptTokens = p.Int("EstimatedPromptTokens"),
            Complete = !p.Has("Complete") || p.Raw("Complete") is null || p.Bool("Complete"),
            Warnings = p.Strings("Warnings"),
        };
    }

    public static BenchmarkComparison ToComparison(PSObject input)
    {
        if (input.BaseObject is BenchmarkComparison live)
        {
            return live;
        }

        var p = new PropertyReader(input);
        return new BenchmarkComparison
        {
            Metric = p.String("Metric") ?? "",
            Unit = p.String("Unit") ?? "",
            Statistic = p.String("Statistic") is { Length: > 0 } statistic ? statistic : Statistic.Mean,
            Model = p.String("Model"),
            Backend = p.String("Backend"),
            Configuration = p.String("Configuration"),
            Phase = p.Enum<Phase>("Phase"),
            Prompt = p.String("Prompt"),
            Source = p.String("Source"),
            Status = p.Enum<ComparisonStatus>("Status") ?? default,
            ReferenceMean = p.Double("ReferenceMean"),
            DifferenceMean = p.Double("DifferenceMean"),
            ReferenceStdDev = p.Double("ReferenceStdDev"),
            DifferenceStdDev = p.Double("DifferenceStdDev"),
            ReferenceCV = p.Double("ReferenceCV"),
            DifferenceCV = p.Double("DifferenceCV"),
            DeltaPercent = p.Double("DeltaPercent"),
            PValue = p.Double("PValue"),
            Verdict = p.Enum<ComparisonVerdict>("Verdict") ?? default,
            Basis = p.String("Basis") ?? "",
            ReferenceCount = p.Int("ReferenceCount") ?? 0,
            DifferenceCount = p.Int("DifferenceCount") ?? 0,
            ReferenceFailedCount = p.Int("ReferenceFailedCount") ?? 0,
            DifferenceFailedCount = p.Int("DifferenceFailedCount") ?? 0,
        };
    }

    /// <summary>A finding from a live object, a property bag, or its text alone (nested beyond the serialization
    /// depth: then only Text is known).</summary>
    public static Finding? ToFinding(object? item)
    {
        switch (PropertyReader.Unwrap(item))
        {
            case Finding live:
                return live;
            case PSObject bag:
                var p = new PropertyReader(bag);
                return new Finding
                {
                    Kind = p.String("Kind") ?? "",
                    Severity = p.Enum<FindingSeverity>("Severity") ?? FindingSeverity.Info,
                    Model = p.String("Model"),
                    Subject = p.String("Subject"),
                    Text = p.String("Text") ?? "",
                    Figures = p.Items("Figures").Select(ToFigure).Where(f => f is not null).ToArray()!,
                };
            case string text:
                return new Finding { Text = text };
            default:
                return null;
        }
    }

    private static BenchmarkMetric? NestedMetric(object? item) => PropertyReader.Unwrap(item) switch
    {
        BenchmarkMetric live => live,
        PSObject bag => ToMetric(bag),
        _ => null, // text only: nested beyond the serialization depth
    };

    private static readonly Regex FigureText = new(@"^(?<name>\S+)=(?<value>\S+)(?: (?<unit>.*))?$", RegexOptions.CultureInvariant);

    private static FindingFigure? ToFigure(object? item)
    {
        switch (PropertyReader.Unwrap(item))
        {
            case FindingFigure live:
                return live;
            case PSObject bag:
                var p = new PropertyReader(bag);
                return new FindingFigure { Name = p.String("Name") ?? "", Value = p.Double("Value") ?? double.NaN, Unit = p.String("Unit") ?? "" };
            case string text when FigureText.Match(text) is { Success: true } m && PropertyReader.ParseDouble(m.Groups["value"].Value) is { } value:
                return new FindingFigure { Name = m.Groups["name"].Value, Value = value, Unit = m.Groups["unit"].Value };
            default:
                return null;
        }
    }

    /// <summary>An inventory summary from a live object or property bag; null when it arrived as text only
    /// (nested deeper than the serialization depth).</summary>
    public static BenchmarkInventorySummary? ToInventorySummary(object? value)
    {
        switch (value)
        {
            case BenchmarkInventorySummary live:
                return live;
            case PSObject { BaseObject: BenchmarkInventorySummary wrapped }:
                return wrapped;
            case PSObject bag:
                var p = new PropertyReader(bag);
                return new BenchmarkInventorySummary
                {
                    Roots = p.Strings("Roots"),
                    FileCount = p.Int("FileCount") ?? 0,
                    TotalBytes = (long)(p.Double("TotalBytes") ?? 0),
                    Kinds = p.Items("Kinds").Select(ToKindSummary).Where(k => k is not null).ToArray()!,
                    DuplicateGroups = p.Items("DuplicateGroups").Select(ToDuplicateGroup).Where(g => g is not null).ToArray()!,
                    Families = p.Items("Families").Select(ToFamilyCount).Where(f => f is not null).ToArray()!,
                    SkippedCount = p.Int("SkippedCount") ?? 0,
                    Skipped = p.Strings("Skipped"),
                    LatestModifiedUtc = p.DateTime("LatestModifiedUtc"),
                    IngestSeconds = p.Double("IngestSeconds"),
                    AnalysisSeconds = p.Double("AnalysisSeconds"),
                    ComputerNames = p.Strings("ComputerNames"),
                    MissingComputerNames = p.Strings("MissingComputerNames"),
                };
            default:
                return null;
        }
    }

    private static readonly Regex PercentileText = new(@"^P(?<p>[^=]+)=(?<v>.+)$", RegexOptions.CultureInvariant);
    private static readonly Regex KindText = new(@"^(?<kind>\w+): (?<count>\d+)$", RegexOptions.CultureInvariant);
    private static readonly Regex FamilyText = new(@"^(?<family>.*) \((?<count>\d+)\)$", RegexOptions.CultureInvariant);

    private static PercentileValue? ToPercentile(object? item)
    {
        switch (PropertyReader.Unwrap(item))
        {
            case PercentileValue live:
                return live;
            case PSObject bag:
                var p = new PropertyReader(bag);
                return p.Double("Percentile") is { } percentile && p.Double("Value") is { } value
                    ? new PercentileValue { Percentile = percentile, Value = value }
                    : null;
            case string text when PercentileText.Match(text) is { Success: true } m
                && PropertyReader.ParseDouble(m.Groups["p"].Value) is { } pp && PropertyReader.ParseDouble(m.Groups["v"].Value) is { } vv:
                return new PercentileValue { Percentile = pp, Value = vv };
            default:
                return null;
        }
    }

    private static KindSummary? ToKindSummary(object? item)
    {
        switch (PropertyReader.Unwrap(item))
        {
            case KindSummary live:
                return live;
            case PSObject bag:
                var p = new PropertyReader(bag);
                return new KindSummary
                {
                    Kind = p.Enum<ArtifactKind>("Kind") ?? ArtifactKind.Csv,
                    Count = p.Int("Count") ?? 0,
                    SharePercent = p.Double("SharePercent") ?? 0,
                    Bytes = (long)(p.Double("Bytes") ?? 0),
                    LatestModifiedUtc = p.DateTime("LatestModifiedUtc"),
                    FirstFiles = p.Strings("FirstFiles"),
                };
            case string text when KindText.Match(text) is { Success: true } m
                && Enum.TryParse<ArtifactKind>(m.Groups["kind"].Value, out var kind):
                return new KindSummary { Kind = kind, Count = int.Parse(m.Groups["count"].Value, System.Globalization.CultureInfo.InvariantCulture) };
            default:
                return null;
        }
    }

    private static DuplicateGroup? ToDuplicateGroup(object? item) => PropertyReader.Unwrap(item) switch
    {
        DuplicateGroup live => live,
        PSObject bag => new DuplicateGroup
        {
            ContentHash = new PropertyReader(bag).String("ContentHash") ?? "",
            Files = new PropertyReader(bag).Strings("Files"),
        },
        string text => new DuplicateGroup { Files = text.Split([" = "], StringSplitOptions.None) },
        _ => null,
    };

    private static FamilyCount? ToFamilyCount(object? item)
    {
        switch (PropertyReader.Unwrap(item))
        {
            case FamilyCount live:
                return live;
            case PSObject bag:
                var p = new PropertyReader(bag);
                return new FamilyCount { Family = p.String("Family") ?? "", Count = p.Int("Count") ?? 0 };
            case string text when FamilyText.Match(text) is { Success: true } m:
                return new FamilyCount
                {
                    Family = m.Groups["family"].Value,
                    Count = int.Parse(m.Groups["count"].Value, System.Globalization.CultureInfo.InvariantCulture),
                };
            default:
                return null;
        }
    }

    /// <summary>A partial result's metric part, live or a property bag (deserialized from Invoke-Command, Start-Job,
    /// Import-Clixml).</summary>
    public static BenchmarkMetricPart ToPart(PSObject input)
    {
        if (input.BaseObject is BenchmarkMetricPart live)
        {
            return live;
        }

        var p = new PropertyReader(input);
        return new BenchmarkMetricPart
        {
            RunId = p.String("RunId") ?? "",
            Metric = p.String("Metric") ?? "",
            Unit = p.String("Unit") ?? "",
            Origin = p.Enum<MetricOrigin>("Origin") ?? MetricOrigin.Measured,
            Statistic = p.String("Statistic"),
            Model = p.String("Model"),
            Backend = p.String("Backend"),
            Configuration = p.String("Configuration"),
            Phase = p.Enum<Phase>("Phase"),
            Prompt = p.String("Prompt"),
            Source = p.String("Source"),
            Count = p.Int("Count") ?? 0,
            FailedCount = p.Int("FailedCount") ?? 0,
            Mean = p.Double("Mean"),
            Encoding = p.Enum<PartEncoding>("Encoding") ?? PartEncoding.Values,
            Payload = p.String("Payload") ?? "",
        };
    }

    /// <summary>A partial run's header, live or a property bag.</summary>
    public static BenchmarkPartialRun ToPartialRun(PSObject input)
    {
        if (input.BaseObject is BenchmarkPartialRun live)
        {
            return live;
        }

        var p = new PropertyReader(input);
        return new BenchmarkPartialRun
        {
            RunId = p.String("RunId") ?? "",
            ComputerName = p.String("ComputerName") ?? "",
            SourceCount = p.Int("SourceCount") ?? 0,
            SourceTable = p.String("SourceTable") ?? "",
            PartCount = p.Int("PartCount") ?? 0,
            Inventory = ToInventorySummary(p.Raw("Inventory")),
        };
    }

    /// <summary>The computer a partial result came from: the PSComputerName remoting and jobs add, else null (the part
    /// then names its machine itself).</summary>
    public static string? ComputerNameOf(PSObject input) =>
        input.Properties["PSComputerName"]?.Value is { } value && PropertyReader.Unwrap(value)?.ToString() is { Length: > 0 } name ? name : null;
}
