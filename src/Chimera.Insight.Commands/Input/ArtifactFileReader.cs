using System.Globalization;
using System.Management.Automation;
using Chimera.Insight.Commands.Inventory;
using Chimera.Insight.Extraction;
using Chimera.Insight.Inventory;

namespace Chimera.Insight.Commands.Input;

/// <summary>
/// What Get-BenchmarkSample and Get-BenchmarkRecord share: the files named by -Path (wildcards), -LiteralPath or the
/// pipeline, resolved through the provider and checked by the inventory's own walker (a FIFO, a device or a dangling
/// link is passed over with the same error Get-BenchmarkInventory and Measure-BenchmarkMetrics give, never opened);
/// each read as its kind (-Kind, else its extension), its problems written
/// as non-terminating InvalidBenchmarkData errors naming the file, the row/line/position and the reason, its notes as
/// verbose output; and -Metric, with the warning for patterns that matched no metric of the files read.
/// </summary>
internal sealed class ArtifactFileReader(PSCmdlet cmdlet, string[]? metric)
{
    private readonly Func<string, bool>? selects = MetricFilters.Create(metric);

    // Files are read here, so the walker only checks what each path names; it does not hash them.
    private readonly InventoryWalker walker = new(new InventoryOptions { HashContent = false });

    // Every metric name the files held (before -Metric): for the completer and the unknown -Metric warning.
    private readonly HashSet<string> seenMetrics = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Whether -Metric takes <paramref name="metricName"/> (every metric without -Metric).</summary>
    public bool Selects(string metricName)
    {
        seenMetrics.Add(metricName);
        return selects is null || selects(metricName);
    }

    /// <summary>The files <paramref name="paths"/> name, read one at a time; a path that names nothing readable gives
    /// its error and nothing else.</summary>
    public IEnumerable<ExtractionResult> Read(string[] paths, bool literal, string? kind, long maxFileSize)
    {
        foreach (var path in paths)
        {
            foreach (var file in Resolve(path, literal))
            {
                if (cmdlet.Stopping)
                {
                    yield break;
                }

                if (Directory.Exists(file))
                {
                    SkipDirectory(file);
                    continue;
                }

                foreach (var entry in walker.Walk(file))
                {
                    switch (entry.Kind)
                    {
                        // Skipped: not an artifact by its name, which -Kind may still say what it is.
                        case InventoryEntryKind.File or InventoryEntryKind.Skipped when ReadFile(entry.Path, kind, maxFileSize) is { } result:
                            yield return result;
                            break;
                        case InventoryEntryKind.Problem:
                            cmdlet.WriteError(InventoryErrors.From(entry.Problem!));
                            break;
                        case InventoryEntryKind.Notice:
                            cmdlet.WriteVerbose(entry.Message);
                            break;
                    }
                }
            }
        }
    }

    /// <summary>Ends the input: remembers the metric names for the completer and warns of -Metric patterns that
    /// matched none.</summary>
    public void Complete()
    {
        MetricNameCompleter.Remember(seenMetrics);
        if (metric is { Length: > 0 } && seenMetrics.Count > 0)
        {
            var unmatched = metric.Where(p => !seenMetrics.Any(m => InputWarnings.Matches(p, m))).ToList();
            if (unmatched.Count > 0)
            {
                cmdlet.WriteWarning(InputWarnings.UnknownMetrics(unmatched));
            }
        }
    }

    private IEnumerable<string> Resolve(string path, bool literal)
    {
        if (literal)
        {
            var resolved = cmdlet.SessionState.Path.GetUnresolvedProviderPathFromPSPath(path, out var provider, out _);
            if (provider.Name != "FileSystem")
            {
                cmdlet.WriteError(new ErrorRecord(new ArgumentException(Format(ArtifactFileStrings.NotAFileSystemPath, path, provider.Name)),
                    ArtifactFileStrings.NotAFileSystemPathErrorId, ErrorCategory.InvalidArgument, path));
                return [];
            }

            if (!File.Exists(resolved) && !Directory.Exists(resolved))
            {
                cmdlet.WriteError(new ErrorRecord(new ItemNotFoundException(Format(ArtifactFileStrings.PathNotFound, path)),
                    ArtifactFileStrings.PathNotFoundErrorId, ErrorCategory.ObjectNotFound, path));
                return [];
            }

            return [resolved];
        }

        try
        {
            var resolved = cmdlet.GetResolvedProviderPathFromPSPath(path, out var provider);
            if (provider.Name != "FileSystem")
            {
                cmdlet.WriteError(new ErrorRecord(new ArgumentException(Format(ArtifactFileStrings.NotAFileSystemPath, path, provider.Name)),
                    ArtifactFileStrings.NotAFileSystemPathErrorId, ErrorCategory.InvalidArgument, path));
                return [];
            }

            return resolved;
        }
        catch (ItemNotFoundException e)
        {
            cmdlet.WriteError(new ErrorRecord(e, ArtifactFileStrings.PathNotFoundErrorId, ErrorCategory.ObjectNotFound, path));
            return [];
        }
    }

    // Get-ChildItem -Recurse passes folders too: skipped quietly; a folder named on the command line is a mistake.
    private void SkipDirectory(string folder)
    {
        if (cmdlet.MyInvocation.ExpectingInput)
        {
            cmdlet.WriteVerbose(Format(ArtifactFileStrings.SkippedDirectory, folder));
        }
        else
        {
            cmdlet.WriteError(new ErrorRecord(new ArgumentException(Format(ArtifactFileStrings.SkippedDirectory, folder)),
                ArtifactFileStrings.DirectoryErrorId, ErrorCategory.InvalidArgument, folder));
        }
    }

    private ExtractionResult? ReadFile(string file, string? kindText, long maxFileSize)
    {
        if (KindOf(file, kindText) is not { } kind)
        {
            return null;
        }

        cmdlet.WriteVerbose(Format(ArtifactFileStrings.Reading, file, kind));
        var result = ArtifactReader.Read(file, kind, new ExtractionOptions { MaxFileSize = maxFileSize });
        foreach (var error in result.Errors)
        {
            cmdlet.WriteError(new ErrorRecord(new InvalidDataException(error.ToString()), ArtifactFileStrings.InvalidDataErrorId,
                ErrorCategory.InvalidData, error.Source));
        }

        foreach (var note in result.Notes)
        {
            cmdlet.WriteVerbose(note.ToString());
        }

        cmdlet.WriteVerbose(Format(ArtifactFileStrings.Read, file, result.Records.Count, result.Errors.Count));
        return result;
    }

    private ArtifactKind? KindOf(string file, string? kindText)
    {
        if (!string.IsNullOrWhiteSpace(kindText))
        {
            if (Enum.TryParse<ArtifactKind>(kindText!.Trim(), ignoreCase: true, out var given) && Enum.IsDefined(typeof(ArtifactKind), given))
            {
                return given;
            }

            cmdlet.WriteError(new ErrorRecord(new ArgumentException(Format(ArtifactFileStrings.InvalidKind, file, kindText!)),
                ArtifactFileStrings.UnknownKindErrorId, ErrorCategory.InvalidArgument, file));
            return null;
        }

        if (ArtifactKinds.FromFileName(file) is { } fromExtension)
        {
            return fromExtension;
        }

        // Get-ChildItem -Recurse | Get-BenchmarkSample passes every file: the others are not an error.
        if (cmdlet.MyInvocation.ExpectingInput)
        {
            cmdlet.WriteVerbose(Format(ArtifactFileStrings.SkippedUnknownKind, file));
        }
        else
        {
            cmdlet.WriteError(new ErrorRecord(new ArgumentException(Format(ArtifactFileStrings.UnknownKind, file)),
                ArtifactFileStrings.UnknownKindErrorId, ErrorCategory.InvalidArgument, file));
        }

        return null;
    }

    private static string Format(string format, params object[] args) => string.Format(CultureInfo.CurrentCulture, format, args);
}
